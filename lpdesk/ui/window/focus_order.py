"""Tab order of the main window: from the agenda, Tab goes straight into the activity shown
(its widgets in their own order), then on to the docked panels, then back to the agenda.

Why: pages are created when first shown, after the docks, so Qt's creation-order chain put
the agenda panel, the notes and the timer between the agenda and every activity (the
continuum's plot was 13 Tabs away). Walking the chain hands Qt-made widgets to Python,
which costs start-up time, so the main window calls this after the first paint."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def tab_stops_in(start: QWidget, container: QWidget) -> list[QWidget]:
    """The widgets inside `container` that Tab stops at, in focus-chain order from `start`."""
    stops, widget = [], start.nextInFocusChain()
    while widget is not None and widget is not start:
        if container.isAncestorOf(widget) and \
                widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled():
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def tab_into(first: QWidget, container: QWidget) -> None:
    """Put `container`'s tab stops right after `first`, keeping their order."""
    previous = first
    for widget in tab_stops_in(first, container):
        QWidget.setTabOrder(previous, widget)
        previous = widget
