"""Presentation mode (F5, Esc leaves): the current activity alone, full screen, as the room
should see it (the audience window's view), with fonts and markers scaled up and no
editing chrome, yet the whole workshop runs from here.

A separate full-screen window over the facilitator's window, like a slide show: the main
window keeps its state and comes back unchanged on Esc. The facilitator's room keys
(PageDown/PageUp, B, timer, quick capture, undo) work here through the same actions; the
activity's own keys and mouse work on the room's page itself (reveal Ctrl+R, consensus
Ctrl+G, boards Ctrl+PgUp/PgDn, the continuum's arrows, N/T and drags, the quiz's answers);
and a facilitator bar (mouse to the bottom edge, or F6) offers the same as buttons.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QCursor, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from lpdesk.ui.base import contracts
from lpdesk.ui.room.facilitator_bar import FacilitatorBar
from lpdesk.ui.room.state import RoomDisplay
from lpdesk.ui.room.view import RoomView
from lpdesk.ui.style.zoom import set_room_factor


class PresentationWindow(QWidget):
    closed = Signal()

    def __init__(self, window, display: RoomDisplay, actions: Iterable[QAction]) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("PresentationWindow")
        self.setWindowTitle(self.tr("lpdesk presentation"))
        self.setAccessibleName(self.tr("Presentation"))
        self.view = RoomView(window, display, self, global_scale=True, interactive=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.leave_action = QAction(self.tr("Leave (Esc)"), self)
        self.leave_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.leave_action.setToolTip(self.tr("Back to the facilitator's window"))
        self.leave_action.triggered.connect(self.close)
        self.bar_action = QAction(self.tr("Facilitator bar"), self)
        self.bar_action.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.bar_action.triggered.connect(lambda: self.bar.toggle())
        self.addActions([self.leave_action, self.bar_action])
        actions = list(actions)
        self.addActions(actions)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.bar = FacilitatorBar(self)
        self.bar.set_actions(*self._bar_actions(window, actions))
        self.view.page_shown.connect(self._page_shown)
        self._page_shown(self.view.current_page())
        self.pointer_watch = QTimer(self)  # where the mouse is: the bottom edge brings the bar
        self.pointer_watch.setInterval(150)
        self.pointer_watch.timeout.connect(self._watch_pointer)
        self.pointer_watch.start()

    def _bar_actions(self, window, actions: list[QAction]) -> tuple[list, list]:
        """Agenda steps on the left; blank, break, timer, capture and leaving on the right
        (those of `actions` the facilitator reaches for during an activity)."""
        ws = getattr(window, "workshop", None)
        tr = self.tr
        before = [(getattr(window, name, None), text) for name, text in (
            ("previous_action", tr("\u25c0 Activity")), ("next_action", tr("Activity \u25b6")))]
        after = [(getattr(ws, name, None), text) for name, text in (
            ("blank_action", tr("Blank (B)")), ("break_action", tr("Break")),
            ("timer_toggle_action", tr("Timer")), ("comment_action", tr("Comment")))]
        return ([(a, t) for a, t in before if a in actions],
                [(a, t) for a, t in after if a in actions] + [(self.leave_action, tr("Esc"))])

    def _page_shown(self, page) -> None:
        actions = contracts.room_actions(page)
        self.bar.set_activity(actions)
        self._update_placing()
        if (placing := contracts.placing_signal(page)) is not None:
            placing.connect(self._update_placing, Qt.ConnectionType.UniqueConnection)

    def _update_placing(self) -> None:
        page = self.view.current_page()
        self.bar.set_placing(contracts.placing_text(page))

    def _watch_pointer(self) -> None:
        self.pointer_at(self.mapFromGlobal(QCursor.pos()))

    def pointer_at(self, pos: QPoint) -> None:
        if self.rect().contains(pos):
            self.bar.pointer_moved(pos.y())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Keys no widget took: the activity's own keys, wherever the keyboard is."""
        page = self.view.current_page()
        if self.view.showing_activity() and contracts.room_key(page, event):
            event.accept()
            self._update_placing()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802
        """Tab chooses the next card on a board (the room's screen has nothing else to
        tab to); elsewhere Tab does what it always does."""
        page = self.view.current_page()
        if self.view.showing_activity() and contracts.takes_room_keys(page):
            tab = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab if forward
                            else Qt.Key.Key_Backtab, Qt.KeyboardModifier.NoModifier)
            if page.room_key(tab):
                return True
        return super().focusNextPrevChild(forward)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.bar.isVisible():
            self.bar.place()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.pointer_watch.stop()
        self.view.detach()
        set_room_factor(1.0)  # the facilitator's window back at laptop size (and zoom)
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
