"""Presentation mode in tests: an activity presented on the room's window (at 1280x720,
active), and the events that follow handled."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def item_id(window, kind: str) -> str:
    """The first agenda item of `kind`."""
    return next(i.id for i in window.doc.session.agenda.items if i.kind == kind)


def present(qtbot, window, kind: str, *, bar_stays: bool = False):
    """Show the activity, then F5's action; `bar_stays`: the facilitator bar does not hide
    (the offscreen mouse sits far from it, which would hide it)."""
    window.show_activity(item_id(window, kind))
    window.workshop.present_action.trigger()
    pw = window.workshop.presentation.view_window
    qtbot.waitExposed(pw)
    pw.showNormal()
    pw.resize(1280, 720)
    if bar_stays:
        pw.pointer_watch.stop()
    with qtbot.waitActive(pw):
        pw.activateWindow()
    settle()
    return pw
