"""View > Zoom in / Zoom out / Actual size, with the usual keys (Ctrl++ and Ctrl+= both,
Ctrl+-, Ctrl+0). They work in presentation mode too (the room's screen grows with them);
the choice is remembered (ui/style/zoom.py)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QScrollArea
from shiboken6 import isValid

from lpdesk.ui.style.zoom import saved_zoom, set_zoom, zoom, zoom_in, zoom_out, zoom_reset

SETTLE_MS = 250


def make_zoom_actions(window) -> list[QAction]:
    """The three actions, added to `window` so their keys work with no menu bar; the
    remembered zoom is applied as the window is made."""
    tr = window.tr
    K = QKeySequence.StandardKey  # noqa: N806 (reads like the Qt enum)
    zoom_in_action = QAction(tr("Zoom &in"), window)
    keys = QKeySequence.keyBindings(K.ZoomIn)
    for usual in ("Ctrl++", "Ctrl+="):  # Ctrl+= is Ctrl++ without Shift on most keyboards
        if all(k != QKeySequence(usual) for k in keys):
            keys.append(QKeySequence(usual))
    zoom_in_action.setShortcuts(keys)
    zoom_out_action = QAction(tr("Zoom &out"), window)
    keys = QKeySequence.keyBindings(K.ZoomOut)
    if all(k != QKeySequence("Ctrl+-") for k in keys):
        keys.append(QKeySequence("Ctrl+-"))
    zoom_out_action.setShortcuts(keys)
    reset_action = QAction(tr("&Actual size"), window)
    reset_action.setShortcut(QKeySequence("Ctrl+0"))
    tips = (tr("Bigger text and markers on every page and on the room's screen"),
            tr("Smaller text and markers, for a small screen"),
            tr("Back to the normal size"))
    for action, slot, tip in ((zoom_in_action, zoom_in, tips[0]),
                              (zoom_out_action, zoom_out, tips[1]),
                              (reset_action, zoom_reset, tips[2])):
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _=False, s=slot: s())
        action.triggered.connect(lambda _=False: QTimer.singleShot(  # once pages settled
            SETTLE_MS, lambda: say_if_it_does_not_fit(window)))
        window.addAction(action)
    saved = saved_zoom()
    if saved != zoom():
        set_zoom(saved, remember=False)
    return [zoom_in_action, zoom_out_action, reset_action]


def page_does_not_fit(window) -> bool:
    """The page shown needs more than the window gives it (it scrolls)."""
    area = window.findChild(QScrollArea, "PageScroller")
    if area is None or area.widget() is None:
        return False
    least = area.widget().minimumSizeHint().expandedTo(area.widget().minimumSize())
    room = area.maximumViewportSize()
    return least.width() > room.width() or least.height() > room.height()


def say_if_it_does_not_fit(window) -> bool:
    """After a zoom step: if the page no longer fits, say so in the status bar (it reflows
    and scrolls rather than cut anything), with the way back."""
    if not isValid(window) or zoom() <= 1.0 or not page_does_not_fit(window):
        return False
    window.statusBar().showMessage(QCoreApplication.translate(
        "MainWindow", "At %d%% this page does not fit the window: it scrolls. Ctrl+0 for "
        "actual size.") % round(zoom() * 100), 8000)
    return True
