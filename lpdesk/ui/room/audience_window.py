"""The audience window: the current activity for the projector while the facilitator keeps
the full window (participants, notes, controls) on the laptop.

With a second screen it opens full screen there; with one screen it is an ordinary window
the facilitator can drag to a projector (F11 toggles full screen). It follows agenda
navigation and stays in sync through the model's events. It never shows facilitator notes.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lpdesk.ui.room.state import RoomDisplay
from lpdesk.ui.room.view import RoomView
from lpdesk.ui.style.screens import fit_to_screen, fitted_size


def projector_screen(facilitator_screen: QScreen | None) -> QScreen | None:
    """A screen other than the facilitator's, the largest if there are several."""
    others = [s for s in QGuiApplication.screens() if s is not facilitator_screen]
    if not others:
        return None
    return max(others, key=lambda s: s.geometry().width() * s.geometry().height())


def audience_geometry(available: QRect) -> QRect:
    """Where the audience window opens on the facilitator's only screen: the largest 16:9
    window (the shape of most projectors) within the screen's free area, 85% of it on a
    large screen so the facilitator's window still shows around it, centred. Big enough
    that the continuum keeps its participants' names."""
    share = 1.0 if available.width() <= 1366 else 0.85  # a laptop screen: all of it
    free = fitted_size(available.size(), available)  # leave room for the frame
    width = int(min(free.width() * share, free.height() * share * 16 / 9))
    height = int(width * 9 / 16)
    geometry = QRect(0, 0, width, height)
    geometry.moveCenter(available.center())
    return geometry


class AudienceWindow(QWidget):
    closed = Signal()

    def __init__(self, window, display: RoomDisplay, actions: Iterable[QAction]) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.window_ = window
        self.setObjectName("AudienceWindow")
        self.setWindowTitle(self.tr("lpdesk \u2014 audience"))
        self.setAccessibleName(self.tr("Audience window"))
        self.view = RoomView(window, display, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.full_screen_action = QAction(self.tr("Full screen"), self)
        self.full_screen_action.setShortcuts([QKeySequence(Qt.Key.Key_F11)])
        self.full_screen_action.triggered.connect(self.toggle_full_screen)
        self.leave_full_screen_action = QAction(self.tr("Leave full screen"), self)
        self.leave_full_screen_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_full_screen_action.triggered.connect(self.showNormal)
        self.addActions([self.full_screen_action, self.leave_full_screen_action,
                         *actions])
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)

    def place(self) -> None:
        """Full screen on the projector if there is one, else a window to drag there."""
        target = projector_screen(self.window_.screen())
        if target is not None:
            self.setScreen(target)
            self.setGeometry(target.geometry())
            self.showFullScreen()
        else:
            screen = self.window_.screen()
            if not self.isVisible() and screen is not None:
                fit_to_screen(self, audience_geometry(screen.availableGeometry()).size())
            self.showNormal()

    def _screens_changed(self, _screen) -> None:
        if self.isVisible():
            self.place()

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        app = QGuiApplication.instance()
        app.screenAdded.disconnect(self._screens_changed)
        app.screenRemoved.disconnect(self._screens_changed)
        self.view.detach()
        super().closeEvent(event)
        self.closed.emit()
