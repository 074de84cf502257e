"""The phones' bursts of live_burst.py (200 simulated phones place now and target at once)
and of live_activities_burst.py (200 phones take the quiz; 6 groups of 6 sort their boards)
while the facilitator presents:
the whole main window on the activity, presentation mode (F5) over it on the same screen,
the room's page full screen. That is where a facilitator is while the room votes.

Measured as in live_burst.py (longest GUI-thread stall, longest batch, the longest slice as
the kernel saw it), with "repainted" meaning the room's screen: send -> the room's
continuum repainted. Also counted: what the facilitator's own continuum page, covered by
the room's screen, still redrew during the burst (its repaints and their time).
Run: `python -m benchmarks.live_presenting_burst`.
"""
from __future__ import annotations

import os

from benchmarks.live_burst import PaintClock, Stage, _burst

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PHONES = 200


def _present(app, doc, kind: str):
    """The main window on the activity of `kind`, 1280x800, and F5 over it."""
    from lpdesk.ui.window.main_window import MainWindow

    window = MainWindow(doc)
    window.resize(1280, 800)
    window.show()
    item = next(i.id for i in doc.session.agenda.items if i.kind == kind)
    window.show_activity(item)
    for _ in range(5):
        app.processEvents()
    window.workshop.presentation_toggle()
    for _ in range(5):
        app.processEvents()
    return window


def _leave(window) -> None:
    from PySide6.QtWidgets import QApplication

    window.workshop.presentation_toggle()
    window.doc.undo_stack.setClean()
    window.close()
    QApplication.processEvents()


class Presented:
    """The main window with F5 over it, as live_activities_burst's `_measure` wants a page:
    shown; closing it leaves F5 and closes the window."""

    def __init__(self, app, doc, kind: str) -> None:
        self.window = _present(app, doc, kind)

    def close(self) -> None:
        _leave(self.window)


def presenting(app, doc) -> Stage:
    """The main window on the continuum, 1280x800, and F5 over it on the same screen."""
    from lpdesk.ui.continuum.canvas import ContinuumCanvas

    window = _present(app, doc, "continuum")
    behind = window.stack.currentWidget().findChild(ContinuumCanvas)
    room = window.workshop.presentation.view_window
    canvas = room.view.current_page().findChild(ContinuumCanvas)
    assert behind is not None and canvas is not None and room.isVisible()
    behind_clock = PaintClock(behind)

    def close() -> None:
        _leave(window)

    def rows(fig, burst: float) -> list[dict]:
        covered = [(b, e) for b, e in behind_clock.paints if b >= burst]
        return [
            fig("repaints of the facilitator's page under the room's screen",
                len(covered), "repaints"),
            fig("their time on the GUI thread", sum(e - b for b, e in covered) * 1000, "ms"),
        ]

    return Stage(canvas, close, "presenting (F5),", rows, painted="room's screen")


def run(quick: bool = False) -> list[dict]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("lpdesk-benchmark")
    QCoreApplication.setApplicationName("live-presenting")
    from benchmarks.live_activities_burst import _matrix, _quiz

    n = 40 if quick else PHONES
    label = "presenting (F5), "
    return [*_burst(app, n, presenting),
            *_quiz(app, n, lambda app_, doc: Presented(app_, doc, "quiz"), label),
            *_matrix(app, stage=lambda app_, doc: Presented(app_, doc, "matrix"), label=label)]


if __name__ == "__main__":
    for r in run():
        print(f"{r['name']}: {r['value']:g} {r['unit']}")
