"""Presentation mode (F5, Esc leaves): the current activity alone, full screen, as the room
should see it, with fonts and markers scaled up and no editing chrome.

A separate full-screen window over the facilitator's window, like a slide show: the main
window keeps its state and comes back unchanged on Esc. The facilitator's room keys
(PageDown/PageUp, B, timer, quick capture, undo) work here through the same actions.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lpdesk.ui.room.state import RoomDisplay
from lpdesk.ui.room.view import RoomView
from lpdesk.ui.style.theme import scaled, set_theme, theme


class PresentationWindow(QWidget):
    closed = Signal()

    def __init__(self, window, display: RoomDisplay, actions: Iterable[QAction]) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("PresentationWindow")
        self.setWindowTitle(self.tr("lpdesk presentation"))
        self.setAccessibleName(self.tr("Presentation"))
        self.view = RoomView(window, display, self, global_scale=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.leave_action = QAction(self.tr("Leave presentation"), self)
        self.leave_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_action.triggered.connect(self.close)
        self.addAction(self.leave_action)
        self.addActions(list(actions))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.view.detach()
        set_theme(scaled(theme(), 1.0))  # the facilitator's window back at laptop size
        super().closeEvent(event)
        self.closed.emit()


class Presentation:
    """Owns at most one presentation window for a main window."""

    def __init__(self, window, display: RoomDisplay,
                 actions: Callable[[], list[QAction]]) -> None:
        self.main = window
        self.display = display
        self.actions = actions
        self.view_window: PresentationWindow | None = None

    @property
    def active(self) -> bool:
        return self.view_window is not None

    def start(self) -> PresentationWindow:
        if self.view_window is None:
            w = PresentationWindow(self.main, self.display, self.actions())
            w.closed.connect(self._closed)
            self.view_window = w
            screen = self.main.screen()
            if screen is not None:
                w.setGeometry(screen.geometry())
            w.showFullScreen()
            w.raise_()
            w.activateWindow()
            w.view.body.setFocus()
        return self.view_window

    def stop(self) -> None:
        if self.view_window is not None:
            self.view_window.close()

    def toggle(self) -> None:
        self.stop() if self.active else self.start()

    def _closed(self) -> None:
        self.view_window = None
        self.main.raise_()
        self.main.activateWindow()
