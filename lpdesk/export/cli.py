"""`lpdesk export FILE -o OUT [--anonymise] [--include-notes] [--paper a4|letter]`: the
summary with no display. The facilitator's private notes are left out unless
`--include-notes`.

The format comes from OUT's extension (.pdf .html .md .csv .png). Exit codes: 0 done,
1 the session file cannot be read, 2 the output cannot be made (unknown extension,
unwritable path). Every problem is one line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from lpdesk.export.formats import (
    PAPER_NAMES,
    ExportError,
    check_writable,
    format_for,
    same_file,
)
from lpdesk.terminal import say


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="session file (.lpdesk)")
    parser.add_argument("-o", "--output", required=True,
                        help="where to write: .pdf, .html, .md, .csv or .png (x.png writes "
                             "x-continuum-<area>.png, x-board-<board>.png ...)")
    parser.add_argument("--anonymise", "--anonymize", action="store_true",
                        help="show participants as P1, P2 ... and groups as G1, G2 ... "
                             "everywhere, free text and file names included")
    parser.add_argument("--include-notes", action="store_true",
                        help="include the facilitator's private notes (from the set-up "
                             "page); left out by default")
    parser.add_argument("--paper", choices=PAPER_NAMES, default="a4",
                        help="PDF paper size (default: a4)")
    parser.add_argument("--force", action="store_true",
                        help="replace output files that exist")


def exists_message(command: str, path: Path) -> str:
    """The one line for an output file that is there already (demo and export)."""
    return f"lpdesk {command}: {path} already exists (add --force to replace it)"


def _existing(paths: list[Path]) -> Path | None:
    return next((p for p in paths if p.exists() or p.is_symlink()), None)


def _quiet_qt(command: str) -> None:
    """Keep Qt's own diagnostics (e.g. `qt.text.font.db: OpenType support missing ...` for
    every font it tries on a script) off the command line: its output is ours, one line per
    error. Qt's critical and fatal messages still go to stderr, as one line each."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            print(f"lpdesk {command}: Qt: {' '.join(message.split())}", file=sys.stderr)

    qInstallMessageHandler(handler)


def input_clash(command: str, outputs: Iterable[Path], inputs: Iterable[Path]) -> Path | None:
    """The first output that is one of the input files, after saying so in one line: an
    export never writes over the session it was made from, --force or not."""
    inputs = list(inputs)
    for out in outputs:
        for source in inputs:
            if same_file(out, source):
                what = "the session file being exported" if command == "export" else \
                    "a session file being compared"
                say(f"lpdesk {command}: {out} is {what}; choose another output name "
                    f"(nothing was written)", file=sys.stderr)
                return out
    return None


def check_output(command: str, out: Path, force: bool,
                 inputs: Iterable[Path] = ()) -> str | None:
    """OUT's format, or None after saying in one line why OUT cannot be made (exit 2).
    Checked before any slow work: a wrong extension or folder, or an input named as the
    output, fails at once."""
    try:
        fmt = format_for(out)
        check_writable(out)
    except ExportError as exc:
        say(f"lpdesk {command}: {exc}", file=sys.stderr)
        return None
    if input_clash(command, [out], inputs) is not None:
        return None
    if not force and fmt != "png" and _existing([out]):
        say(exists_message(command, out), file=sys.stderr)
        return None
    return fmt


def prepare(command: str, fmt: str) -> None:
    """Formats that paint need a (offscreen) QGuiApplication, and a quiet Qt."""
    if fmt in ("pdf", "html", "png"):
        from lpdesk.export.text import ensure_gui_application
        _quiet_qt(command)
        ensure_gui_application()  # offscreen when there is no display


def write_output(command: str, files: list[tuple[Path, bytes]], force: bool,
                 inputs: Iterable[Path] = ()) -> bool:
    """Write the rendered files, never over an existing one without --force and never
    over an input at all (PNG names are known only once the pictures are); False after
    saying why not."""
    from lpdesk.export.formats import write_files

    if input_clash(command, [p for p, _ in files], inputs) is not None:
        return False
    try:
        there = None if force else _existing([p for p, _ in files])
        if there is not None:
            say(exists_message(command, there), file=sys.stderr)
            return False
        write_files(files, protect=inputs)  # checked above too: one line, not two
    except ExportError as exc:
        say(f"lpdesk {command}: {exc}", file=sys.stderr)
        return False
    return True


def written(files: list[tuple[Path, bytes]]) -> str:
    return ", ".join(str(p) for p, _ in files[:3]) + (
        f" and {len(files) - 3} more" if len(files) > 3 else "")


def _export(args: argparse.Namespace) -> int:
    from lpdesk.storage import SessionFileError, load_session

    out = Path(args.output)
    source = Path(args.file)
    fmt = check_output("export", out, args.force, [source])
    if fmt is None:
        return 2
    try:
        session = load_session(args.file)
    except SessionFileError as exc:
        say(f"lpdesk export: {exc}", file=sys.stderr)
        return 1
    prepare("export", fmt)
    from lpdesk.export.formats import render
    from lpdesk.export.summary import build_report

    try:
        report = build_report(session, anonymise=args.anonymise,
                              include_notes=args.include_notes)
        files = render(report, out, args.paper)
    except ExportError as exc:
        say(f"lpdesk export: {exc}", file=sys.stderr)
        return 2
    if not write_output("export", files, args.force, [source]):
        return 2
    say(f"wrote {written(files)}")
    return 0


def register(commands: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None],
                                       Callable[[argparse.Namespace], int]]]) -> None:
    commands["export"] = ("export the session summary (PDF, HTML, Markdown, CSV or PNG)",
                          _add_arguments, _export)
