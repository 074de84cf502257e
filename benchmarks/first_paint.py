"""A start-up probe for benchmarks/startup.py: after `arm()`, the process prints one line
`first-paint` the moment its main window has been painted for the first time, then leaves
at once (no teardown, nothing saved).

It hooks `QApplication.exec` (the last thing every Qt program calls) instead of adding a
benchmark switch to lpdesk, so the app runs exactly its normal start-up path, and the bare
PySide6 window it is compared with goes through the very same probe. When the event loop
starts, an event filter goes on each top-level QMainWindow (not on the whole application, which
would tax the program with more widgets). The window's own Paint event comes first in a
repaint; Qt paints the children in the same synchronous pass, so a zero-delay timer started
then fires once the whole window is painted and flushed.

With `until_idle`, a second line `idle` follows at the first moment the event loop has
nothing left to do after the first paint (a zero-interval QTimer) and no window still has
work queued behind its first paint (lpdesk runs that work in turns of the event loop of
about a frame: the session behind the start page, autosave, the crash-recovery check). The
first line is written at the same moment either way.
"""
from __future__ import annotations

import os
import sys
import time

MARK = "first-paint"
IDLE_MARK = "idle"


def arm(list_modules: bool = False, until_idle: bool = False, cpu: bool = False) -> None:
    """Make the next QApplication.exec() report the first paint of a QMainWindow and exit.
    With `list_modules`, a second line names every module loaded by then, and a third the
    Qt classes PySide has initialised by then (it does so lazily, on first use), both
    space-separated: tests check that start-up leaves heavy modules and classes alone.
    With `cpu`, a line `cpu <ms>` follows the mark: the CPU time the whole process (every
    thread, interpreter start included) had used by then, which other programs on a busy
    machine inflate far less than the wall clock."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Probe(QObject):
        done = False

        def eventFilter(self, watched, event):  # noqa: N802 (Qt override)
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        sys.stdout.write(MARK + "\n")
        if cpu:
            sys.stdout.write(f"cpu {time.process_time() * 1000:.1f}\n")
        if list_modules:
            sys.stdout.write(" ".join(sorted(sys.modules)) + "\n")
            sys.stdout.write(" ".join(sorted(qt_classes())) + "\n")
        sys.stdout.flush()
        if until_idle:
            idle = QTimer(QApplication.instance())
            idle.setInterval(0)  # a 0 ms timer object fires once no other event is pending
            idle.timeout.connect(report_idle)
            idle.start()
            return
        os._exit(0)  # teardown is not part of start-up; leave nothing behind

    def report_idle() -> None:
        if any(w.property("lpdesk_first_paint") == "waiting"  # ui/base/after_paint.py: its
               for w in QApplication.topLevelWidgets()):     # work runs a turn at a time
            return
        sys.stdout.write(IDLE_MARK + "\n")
        sys.stdout.flush()
        os._exit(0)

    def exec_with_probe(*_args):  # called as app.exec() or QApplication.exec()
        app = QApplication.instance()
        probe = Probe(app)
        windows = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow)]
        if not windows:
            sys.stderr.write("first_paint: no main window when the event loop started\n")
            os._exit(4)
        for window in windows:
            window.installEventFilter(probe)
            window.update()  # in case it was painted before the loop (it is not, normally)
        return original()  # a static method in PySide6

    original = QApplication.exec
    QApplication.exec = exec_with_probe


def qt_classes() -> set[str]:
    """The Qt classes (QtCore, QtGui, QtWidgets) initialised so far: a lazily loaded class
    enters its module's namespace when first used; reading the namespace loads nothing."""
    names = set()
    for module in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"):
        loaded = sys.modules.get(module)
        if loaded is not None:
            names.update(name for name, value in vars(loaded).items()
                         if name.startswith("Q") and isinstance(value, type))
    return names
