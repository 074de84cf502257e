"""`lpdesk export FILE -o OUT [--anonymise] [--paper a4|letter]`: the summary with no display.

The format comes from OUT's extension (.pdf .html .md .csv .png). Exit codes: 0 done,
1 the session file cannot be read, 2 the output cannot be made (unknown extension,
unwritable path). Every problem is one line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from lpdesk.export.formats import PAPER_NAMES, ExportError, check_writable, format_for


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="session file (.lpdesk)")
    parser.add_argument("-o", "--output", required=True,
                        help="where to write: .pdf, .html, .md, .csv or .png (x.png writes "
                             "x-continuum-<area>.png, x-board-<board>.png ...)")
    parser.add_argument("--anonymise", "--anonymize", action="store_true",
                        help="show participants as P1, P2 ... instead of their names")
    parser.add_argument("--paper", choices=PAPER_NAMES, default="a4",
                        help="PDF paper size (default: a4)")


def _export(args: argparse.Namespace) -> int:
    from lpdesk.storage import SessionFileError, load_session

    out = Path(args.output)
    try:
        fmt = format_for(out)
        check_writable(out)
    except ExportError as exc:
        print(f"lpdesk export: {exc}", file=sys.stderr)
        return 2
    try:
        session = load_session(args.file)
    except SessionFileError as exc:
        print(f"lpdesk export: {exc}", file=sys.stderr)
        return 1
    if fmt in ("pdf", "html", "png"):
        from lpdesk.export.text import ensure_gui_application
        ensure_gui_application()  # offscreen when there is no display
    from lpdesk.export.formats import render, write_files
    from lpdesk.export.summary import build_report

    try:
        files = render(build_report(session, anonymise=args.anonymise), out, args.paper)
        write_files(files)
    except ExportError as exc:
        print(f"lpdesk export: {exc}", file=sys.stderr)
        return 2
    names = ", ".join(str(p) for p, _ in files[:3]) + (
        f" and {len(files) - 3} more" if len(files) > 3 else "")
    print(f"wrote {names}")
    return 0


def register(commands: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None],
                                       Callable[[argparse.Namespace], int]]]) -> None:
    commands["export"] = ("export the session summary (PDF, HTML, Markdown, CSV or PNG)",
                          _add_arguments, _export)
