"""Command line: `lpdesk [FILE] [--demo]` opens the app; `lpdesk check FILE`,
`lpdesk demo -o FILE` and `lpdesk export FILE -o OUT` work with no display.
Errors are one line on stderr and a non-zero exit code, never a traceback."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from lpdesk import __version__
from lpdesk.terminal import say


def _check(args: argparse.Namespace) -> int:
    from lpdesk.storage import SessionFileError, load_session

    try:
        s = load_session(args.file)
    except SessionFileError as exc:
        say(exc, file=sys.stderr)
        return 1
    title = s.title or "(untitled)"
    placements = sum(len(a.placements) for a in s.continuum.areas)
    counts = ", ".join(_count(n, what) for n, what in (
        (len(s.participants), "participant"), (len(s.groups), "group"),
        (len(s.continuum.areas), "area"), (placements, "placement"),
        (len(s.quiz.runs), "quiz run"), (len(s.matrix.boards), "board")))
    say(f"{args.file}: valid lpdesk session \u201c{title}\u201d: {counts}")
    return 0


def _count(n: int, what: str) -> str:
    """'1 quiz run', '2 quiz runs': never '1 quiz runs'."""
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _demo(args: argparse.Namespace) -> int:
    from lpdesk.demo import demo_session
    from lpdesk.export.cli import exists_message
    from lpdesk.storage import SessionFileError, save_session

    if args.workshops:
        return _demo_workshops(Path(args.workshops))
    out = Path(args.output)
    if not args.force and (out.exists() or out.is_symlink()):
        say(exists_message("demo", out), file=sys.stderr)
        return 1
    try:
        save_session(demo_session(), out, overwrite_protected=args.force)
    except SessionFileError as exc:
        say(exc, file=sys.stderr)
        return 1
    say(f"wrote the sample session to {args.output}")
    return 0


def _demo_workshops(folder: Path) -> int:
    """Four sample workshops of one client, to try File > Compare Sessions on."""
    from lpdesk.demo import demo_workshops
    from lpdesk.storage import SessionFileError, save_session

    try:  # a folder that does not exist yet is made, as `-o` makes its file
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        say(f"{folder}: is not a folder", file=sys.stderr)
        return 1
    except OSError as exc:
        say(f"{folder}: cannot make the folder ({exc.strerror or exc})", file=sys.stderr)
        return 1
    if not folder.is_dir():
        say(f"{folder}: is not a folder", file=sys.stderr)
        return 1
    workshops = demo_workshops()
    taken = [name for name, _ in workshops if (folder / name).exists()]
    if taken:
        say(f"{folder / taken[0]}: already exists; nothing was written", file=sys.stderr)
        return 1
    try:
        for name, session in workshops:
            save_session(session, folder / name)
    except SessionFileError as exc:
        say(exc, file=sys.stderr)
        return 1
    say(f"wrote {len(workshops)} sample workshops to {folder}")
    return 0


COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None],
                          Callable[[argparse.Namespace], int]]] = {}


def _register_builtin() -> None:
    def check_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("file", help="session file (.lpdesk)")

    def demo_args(p: argparse.ArgumentParser) -> None:
        where = p.add_mutually_exclusive_group(required=True)
        where.add_argument("-o", "--output", help="where to write the session")
        where.add_argument("--workshops", metavar="FOLDER",
                           help="write four sample workshops of one client into FOLDER")
        p.add_argument("--force", action="store_true",
                       help="replace the output file if it exists")

    COMMANDS["check"] = ("check that a session file is valid", check_args, _check)
    COMMANDS["demo"] = ("write the sample session to a file", demo_args, _demo)
    from lpdesk.export.cli import register
    register(COMMANDS)
    from lpdesk.export.compare_cli import register as register_compare
    register_compare(COMMANDS)


def _tool_main(argv: list[str]) -> int:
    _register_builtin()
    name = argv[0]
    help_text, add_args, func = COMMANDS[name]
    parser = argparse.ArgumentParser(prog=f"lpdesk {name}", description=help_text)
    add_args(parser)
    args = parser.parse_args(argv[1:])
    return func(args)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv:  # started from a launcher: nothing to parse, and argparse's message
            from lpdesk.app import run  # catalogue look-ups cost ~3 ms of start-up

            return run(None, False)
        if argv[0] in ("check", "demo", "export", "compare"):
            return _tool_main(argv)
        parser = argparse.ArgumentParser(
            prog="lpdesk", description="Run live, offline workshops on workplace learning "
            "culture. Other commands: lpdesk check FILE | lpdesk demo -o FILE | "
            "lpdesk export FILE -o OUT | lpdesk compare FILE FILE ... -o OUT")
        parser.add_argument("file", nargs="?", help="session file to open")
        parser.add_argument("--demo", action="store_true", help="open the sample session")
        parser.add_argument("--version", action="version", version=f"lpdesk {__version__}")
        parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
        args = parser.parse_args(argv)
        from lpdesk.app import run
        if args.smoke:  # the bundle's smoke test: first paint, then quit
            return run(args.file, args.demo, smoke=True)
        return run(args.file, args.demo)
    except KeyboardInterrupt:
        return 130
    except SystemExit:
        raise
    except Exception as exc:  # last resort: one clear line, never a traceback
        from lpdesk.content import ContentError
        if isinstance(exc, ContentError):  # an edited content file: FILE: ITEM: problem
            say(f"lpdesk: broken content file: {exc}", file=sys.stderr)
            return 1
        say(f"lpdesk: unexpected error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
