"""`lpdesk --smoke [FILE]` (hidden): proves a build works, for the bundle's smoke test
(bundle/smoke.py) and its start-up benchmark (benchmarks/bundle.py).

Right after the window's first paint it prints `first-paint`; then it imports every lpdesk
module (a module the bundle lacks, or a library it left out, fails here rather than in a
workshop), shows and paints every activity of the session (plots, boards, the quiz), prints
one line `smoke: N modules, M activities` and closes the window (its close path runs: the
unsaved-work check, autosave shut down). Exit code 0, or 1 with the problems on stderr.

It leaves through the event loop and the interpreter's normal teardown, as a facilitator's
lpdesk does: a crash on the way out fails the check too.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

    from lpdesk.ui.window.main_window import MainWindow

SKIPPED = {"lpdesk.__main__"}  # importing it would start lpdesk again


def one_line(exc: BaseException) -> str:
    """The exception's last line of text (some libraries' import errors are a page long)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{exc.__class__.__name__}: {lines[-1] if lines else ''}"


def all_modules() -> tuple[list[str], list[str]]:
    """(imported module names, problems) for every module of the lpdesk package."""
    import lpdesk

    names, problems = [], []
    for info in pkgutil.walk_packages(lpdesk.__path__, "lpdesk.",
                                      onerror=lambda name: problems.append(
                                          f"{name}: cannot be listed")):
        if info.name in SKIPPED:
            continue
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # a broken build shows here, one line per module
            problems.append(f"{info.name}: {one_line(exc)}")
        else:
            names.append(info.name)
    return names, problems


def visit_activities(window: MainWindow) -> int:
    """Show and paint every activity of the window's session; how many there were."""
    items = window.visible_items()
    for item in items:
        window.show_activity(item.id)
        window.grab()  # paints the page, plots and boards included
    return len(items)


def arm(app: QApplication, window: MainWindow) -> Callable[[], int]:
    """Queue the check behind the window's first paint; the returned function gives its
    exit code once the event loop is over."""
    from lpdesk.ui.window.after_paint import after_first_paint

    problems: list[str] = []

    def first_paint() -> None:
        print("first-paint", flush=True)
        names, failed = all_modules()
        problems.extend(failed)
        try:
            activities = visit_activities(window)
        except Exception as exc:
            problems.append(f"showing the activities: {one_line(exc)}")
            activities = 0
        print(f"smoke: {len(names)} modules, {activities} activities", flush=True)
        window.doc.undo_stack.setClean()  # leave without a question
        # Closing the last window ends the event loop the normal way, after the events
        # already queued (deferred deletes). app.exit() here would skip them, and then
        # the interpreter's teardown deletes pages Qt still holds: a segfault on the way
        # out, most runs (measured). So the smoke test never calls it unless stuck.
        if not window.close():
            problems.append("the window did not close")
            app.exit(1)
        for problem in problems:
            print(f"lpdesk --smoke: {problem}", file=sys.stderr, flush=True)

    after_first_paint(window, first_paint)
    return lambda: 1 if problems else 0
