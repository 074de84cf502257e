"""`lpdesk compare A.lpdesk B.lpdesk ... -o OUT [--anonymise] [--paper a4|letter]`.

Compares two or more session files (or every session file in a folder) with no display.
Files that cannot be read are listed on stderr and left out. Exit codes: 0 done, 1 fewer
than two usable sessions, 2 the output cannot be made. Nothing named on the command line is
ever written to; only OUT is.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from lpdesk.export.cli import check_output, prepare, write_output, written
from lpdesk.export.formats import PAPER_NAMES, ExportError
from lpdesk.terminal import say


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", help="session files (.lpdesk) or folders of them")
    parser.add_argument("-o", "--output", required=True,
                        help="where to write: .pdf, .html, .md, .csv or .png")
    parser.add_argument("--anonymise", "--anonymize", action="store_true",
                        help="show participants as P1, P2 ... and groups as G1, G2 ... "
                             "everywhere, titles, free text and file names included")
    parser.add_argument("--paper", choices=PAPER_NAMES, default="a4",
                        help="PDF paper size (default: a4)")
    parser.add_argument("--force", action="store_true",
                        help="replace the output file(s) if they exist")


def _compare(args: argparse.Namespace) -> int:
    from lpdesk.storage.compare import expand_quietly, read_sessions

    out = Path(args.output)
    inputs = [Path(f) for f in args.files] + expand_quietly(args.files)
    fmt = check_output("compare", out, args.force, inputs)
    if fmt is None:
        return 2
    found = read_sessions(args.files)
    inputs += [path for path, _ in found.sessions] + [x.path for x in found.left_out]
    for problem in found.left_out:
        say(f"lpdesk compare: left out {problem}", file=sys.stderr)
    if not found.usable:
        say(f"lpdesk compare: {len(found.sessions)} usable session(s); at least two are "
            f"needed to compare", file=sys.stderr)
        return 1
    prepare("compare", fmt)
    from lpdesk.export.compare import build_comparison_report, compare_files, left_out_lines
    from lpdesk.export.compare_pdf import render_comparison

    comparison = compare_files(found.labelled(), anonymise=args.anonymise)
    report = build_comparison_report(comparison, left_out_lines(
        found.left_out, [s for _, s in found.sessions], args.anonymise))
    try:
        files = render_comparison(report, out, args.paper)
    except ExportError as exc:
        say(f"lpdesk compare: {exc}", file=sys.stderr)
        return 2
    if not write_output("compare", files, args.force, inputs):
        return 2
    say(f"compared {len(found.sessions)} sessions; wrote {written(files)}")
    return 0


def register(commands: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None],
                                       Callable[[argparse.Namespace], int]]]) -> None:
    commands["compare"] = ("compare two or more workshops (PDF, HTML, Markdown, CSV or PNG)",
                           _add_arguments, _compare)
