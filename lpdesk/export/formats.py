"""One entry point for every export format, shared by the command line and the dialog:
pick the format from the file extension, render to bytes in memory, then write atomically.

Rendering fully before writing means a failed or cancelled export never leaves a
half-written file, and a bad output path is reported in one line (`ExportError`).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from lpdesk.export.report import Report

FORMATS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "markdown",
           ".markdown": "markdown", ".csv": "csv", ".png": "png"}
PAPER_NAMES = ("a4", "letter")
Progress = Callable[[int, int], bool]


class ExportError(Exception):
    """An export that cannot be done; str() is one line for the facilitator."""


def format_for(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(sorted({s for s in FORMATS if s not in (".htm", ".markdown")}))
        shown = suffix or "no extension"
        raise ExportError(f"{path}: cannot tell the format from {shown!s} (use {known})")
    return FORMATS[suffix]


def check_writable(path: str | Path) -> None:
    """Fail fast, before a long render, when the output cannot be written."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if not folder.is_dir():
        raise ExportError(f"{path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"{path}: cannot be written (no permission in {folder})")
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError(f"{path}: cannot be written (the file is read-only)")


def render(report: Report, out: str | Path, paper: str = "a4",
           progress: Progress | None = None) -> list[tuple[Path, bytes]]:
    """The files an export to `out` consists of (one, or one PNG per picture)."""
    fmt = format_for(out)
    out = Path(out)
    if fmt == "pdf":
        from lpdesk.export.pdf import export_pdf
        return [(out, export_pdf(report, paper, progress))]
    if fmt == "html":
        from lpdesk.export.html import export_html
        return [(out, export_html(report, progress))]
    if fmt == "markdown":
        from lpdesk.export.markdown import export_markdown
        return [(out, export_markdown(report))]
    if fmt == "csv":
        from lpdesk.export.csv_export import export_csv
        return [(out, export_csv(report))]
    from lpdesk.export.images import png_files
    return png_files(report, out, progress)


def same_file(a: Path, b: Path) -> bool:
    """Whether `a` and `b` name one file: the same resolved path (links, `.` and `..`
    followed) or, when both exist, the same inode (a hard link, another spelling)."""
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and a.samefile(b)
    except (OSError, RuntimeError):  # a link loop: cannot be an input, which was read
        return False


def write_files(files: list[tuple[Path, bytes]], protect: Iterable[Path] = ()) -> None:
    """Write each file next to its target and rename it into place; none at all when one
    of them is a `protect`ed file (the session exported, the sessions compared)."""
    from lpdesk.storage.files import write_text_atomic

    protect = [Path(p) for p in protect]
    for path, _ in files:
        if any(same_file(Path(path), source) for source in protect):
            raise ExportError(f"{path}: is a session file this export reads; choose another "
                              f"name (nothing was written)")
    for path, data in files:
        try:
            write_text_atomic(path, data)  # as any document: the umask, or the replaced file's
        except PermissionError:
            raise ExportError(f"{path}: cannot be written (permission denied)") from None
        except FileNotFoundError:
            if path.parent.is_dir():  # e.g. /proc: the folder is there, files cannot be
                raise ExportError(f"{path}: cannot be written (no files can be created in "
                                  f"{path.parent})") from None
            raise ExportError(f"{path}: the folder {path.parent} does not exist") from None
        except IsADirectoryError:
            raise ExportError(f"{path}: is a folder; give a file name") from None
        except OSError as exc:
            raise ExportError(f"{path}: cannot be written ({exc.strerror or exc})") from None
