"""An event filter that watches a few widgets which change (the one with the focus, the one
under the pointer), rather than the whole application: an application-wide filter written
in Python is a call into Python for every event of the app, and with phones on each call
also takes the interpreter lock (docs/architecture.md, "The frame budget")."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid


def rewatch(watcher: QObject, watched: list[QWidget], wanted: list[QWidget]) -> list[QWidget]:
    """Move `watcher`'s event filter from `watched` to `wanted` (each widget once; one
    deleted meanwhile is skipped). Returns what it watches now: keep it for the next call."""
    wanted = list(dict.fromkeys(wanted))
    if wanted == watched:
        return watched
    for widget in watched:
        if isValid(widget):
            widget.removeEventFilter(watcher)
    for widget in wanted:
        widget.installEventFilter(watcher)
    return wanted
