"""Tab order of the main window: from the agenda, Tab goes straight into the activity shown
(its widgets in their own order), then on to the docked panels, then back to the agenda.

Why: pages are created when first shown, after the docks, so Qt's creation-order chain put
the agenda panel, the notes and the timer between the agenda and every activity (the
continuum's plot was 13 Tabs away).

Never walk the focus chain from Python (`nextInFocusChain` / `previousInFocusChain`):
PySide records each widget it returns as a child of the widget it was asked from, so the
walk links the wrappers of the whole window in a ring. When any widget on that ring is
deleted (a page thrown away on New or Close), PySide marks every wrapper after it as
deleted, the main window, its menu bar and menus included, while they live on in C++:
File > Open Recent then failed with "Internal C++ object (QMenu) already deleted" and a
second hover crashed (issue 23). `findChildren` hands out wrappers without that link, and
for our pages (none calls `setTabOrder` itself) gives the same order as the chain."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


def tab_stops_in(container: QWidget) -> list[QWidget]:
    """The widgets inside `container` that Tab stops at, in the order they were put in it
    (popups and other windows a page owns are left out: they have their own order)."""
    window = container.window()
    return [w for w in container.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
            and w.window() is window]


def first_tab_stop(container: QWidget) -> QWidget | None:
    """The first control of `container` a keyboard user can reach now (shown, enabled)."""
    for widget in tab_stops_in(container):
        if widget.isVisible():
            return widget
    return None


def tab_into(first: QWidget, container: QWidget) -> None:
    """Put `container`'s tab stops right after `first`, keeping their order."""
    previous = first
    for widget in tab_stops_in(container):
        QWidget.setTabOrder(previous, widget)
        previous = widget
