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

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QCursor,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import QApplication, QMenu, QToolButton, QToolTip, QVBoxLayout, QWidget

from lpdesk.ui.base import contracts
from lpdesk.ui.base.frames import hold_under, release, release_uncovered
from lpdesk.ui.base.watching import rewatch
from lpdesk.ui.room.facilitator_bar import FacilitatorBar
from lpdesk.ui.room.state import RoomDisplay
from lpdesk.ui.room.view import RoomView
from lpdesk.ui.style.text import NO_TIPS
from lpdesk.ui.style.zoom import set_room_factor

BREAK_MINUTES = (5, 10, 15, 20, 30)
POINTER_MS = 150  # where the pointer is, this often (well inside a tool tip's ~700 ms wait)
BREAK_KEYS = {Qt.Key.Key_Up: 1, Qt.Key.Key_Plus: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_Minus: -1}


class NoToolTips(QObject):
    """While presenting, no tool tip pops up over the room's screen: not a button's, not a
    long name's, not the chart's hover text (which asks `tips_allowed` first).

    Qt sends a tool tip to the widget under the pointer once it has rested there (~700 ms),
    so this filter watches only that widget: the window's pointer watch moves it there
    every POINTER_MS (`follow`). As an application-wide filter it was a call into Python
    for every event of the app while presenting (~2,800 in a 200-phone burst)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self._watched: list[QWidget] = []
        window.setProperty(NO_TIPS, True)

    @property
    def watched(self) -> QWidget | None:
        """The widget it watches now (None: none on the room's screen is under the pointer)."""
        return self._watched[0] if self._watched else None

    def follow(self, widget: QWidget | None) -> None:
        """Watch `widget` (the one under the pointer) if it is on the room's screen."""
        on_screen = widget is not None and widget.window() is self.window_
        self._watched = rewatch(self, self._watched, [widget] if on_screen else [])

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            QToolTip.hideText()
            return True
        return False


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
        self._make_room_controls(window)
        actions = list(actions)
        self.addActions(actions)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.bar = FacilitatorBar(self)
        self.bar.set_actions(*self._bar_actions(window, actions))
        for button in self.bar.buttons():
            if button.defaultAction() is self.break_length_action:
                button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.view.page_shown.connect(self._page_shown)
        self._page_shown(self.view.current_page())
        self.no_tips = NoToolTips(self)
        QToolTip.hideText()  # one showing over the facilitator's window as F5 was pressed
        self.pointer_watch = QTimer(self)  # where the mouse is: the bottom edge brings the
        self.pointer_watch.setInterval(POINTER_MS)  # bar, the widget under it no tool tip
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
        extra = [(self.break_length_action, tr("Break length"))]
        if self.join_action is not None:
            extra.append((self.join_action, tr("Join slide (J)")))
        return ([(a, t) for a, t in before if a in actions],
                [(a, t) for a, t in after if a in actions] + extra
                + [(self.leave_action, tr("Esc"))])

    # -- what F5 offers besides the workshop's actions ------------------------------------
    def _make_room_controls(self, window) -> None:
        """The break's length and the phones' join slide, each with a key and a bar
        control: the facilitator never has to leave presentation mode for them."""
        tr = self.tr
        self.display_ = getattr(getattr(window, "workshop", None), "display", None)
        self.break_length_action = QAction(tr("Break length"), self)
        self.break_length_action.setToolTip(tr("Start the break slide for 5 to 30 minutes; "
                                               "on the break, \u2191 and \u2193 add or take "
                                               "a minute"))
        menu = QMenu(self)
        menu.setObjectName("BreakLengthMenu")
        self.break_menu = menu
        self.break_length_actions: dict[int, QAction] = {}
        for minutes in BREAK_MINUTES:
            action = menu.addAction(tr("Break: back in %d min") % minutes)
            action.triggered.connect(lambda _=False, m=minutes: self.start_break(m))
            self.break_length_actions[minutes] = action
        menu.addSeparator()
        more = menu.addAction(tr("One minute more (\u2191)"))
        more.triggered.connect(lambda: self.change_break(1))
        less = menu.addAction(tr("One minute less (\u2193)"))
        less.triggered.connect(lambda: self.change_break(-1))
        self.break_length_action.setMenu(menu)
        self.break_length_action.setEnabled(self.display_ is not None)
        self.join_action: QAction | None = None
        live = getattr(window, "live", None)
        if live is not None and hasattr(live, "slide_action"):
            self.live = live
            join = QAction(tr("Join slide"), self)
            join.setCheckable(True)
            join.setShortcut(QKeySequence(Qt.Key.Key_J))
            join.setToolTip(tr("How to join from a phone on the room's screen (J); starts "
                               "the phones' server if it is off"))
            join.setChecked(live.slide_action.isChecked())
            join.triggered.connect(self.toggle_join_slide)
            live.slide_action.toggled.connect(self._join_shown)
            self.join_action = join
            self.addAction(join)

    def start_break(self, minutes: int) -> None:
        if self.display_ is not None:
            self.display_.start_break(max(1, min(120, minutes)))

    def change_break(self, step: int) -> None:
        """One minute more or less, on the break (the countdown starts again)."""
        d = self.display_
        if d is not None and d.on_break:
            self.start_break(d.break_minutes + step)

    def toggle_join_slide(self) -> None:
        live = self.live
        if not live.slide_action.isChecked() and not live.running:
            live.action.trigger()  # start the phones' server (its panel in the main window)
        if live.slide_action.isEnabled():
            live.slide_action.toggle()
        self._join_shown(live.slide_action.isChecked())

    def _join_shown(self, on: bool) -> None:
        if self.join_action is not None and self.join_action.isChecked() != on:
            self.join_action.setChecked(on)

    def _page_shown(self, page) -> None:
        contracts.set_phones_opener(page, self._quiz_on_phones if self.join_action is not None
                                    else None)
        actions = contracts.room_actions(page)
        self.bar.set_activity(actions)
        self._update_placing()
        if (placing := contracts.placing_signal(page)) is not None:
            placing.connect(self._update_placing, Qt.ConnectionType.UniqueConnection)

    def _update_placing(self) -> None:
        page = self.view.current_page()
        self.bar.set_placing(contracts.placing_text(page))

    def _watch_pointer(self) -> None:
        at = QCursor.pos()
        self.no_tips.follow(QApplication.widgetAt(at))
        self.pointer_at(self.mapFromGlobal(at))
        release_uncovered()  # the facilitator's window, moved out from under it, catches up

    def pointer_at(self, pos: QPoint) -> None:
        if self.rect().contains(pos):
            self.bar.pointer_moved(pos.y())

    def _quiz_on_phones(self, purpose: str) -> None:
        """The quiz on everyone's phones, as the quiz chooser's "Everyone, on phones" does
        (through the facilitator's quiz page, whose bar follows the phones' answers)."""
        main = self.view.window_
        page = getattr(main, "pages", {}).get(self.view.item_id)
        if page is not None and getattr(page, "phones_bar", None) is None:
            from lpdesk.ui.live.desk import attach
            attach(self.live, page)
        bar = getattr(page, "phones_bar", None)
        if bar is not None:
            bar.open_quiz(purpose)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Keys no widget took: the activity's own keys, wherever the keyboard is; on
        the break slide, \u2191/+ and \u2193/- make the break a minute longer or shorter."""
        d = self.display_
        if d is not None and d.on_break and event.key() in BREAK_KEYS:
            self.change_break(BREAK_KEYS[event.key()])
            event.accept()
            return
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
        self.no_tips.follow(None)
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
        self._escape: QShortcut | None = None

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
            # the room's phones redraw the room's screen, not the window it hides
            hold_under(self.main, w)
            # Until the window manager activates the room's window, keys still reach the
            # facilitator's: Esc there leaves too (one press, never two)
            self._escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.main, self.stop)
        return self.view_window

    def stop(self) -> None:
        if self.view_window is not None:
            self.view_window.close()

    def toggle(self) -> None:
        self.stop() if self.active else self.start()

    def _closed(self) -> None:
        self.view_window = None
        release(self.main)  # what the phones changed meanwhile, before its next paint
        if self._escape is not None:
            self._escape.setEnabled(False)
            self._escape.deleteLater()
            self._escape = None
        self.main.raise_()
        self.main.activateWindow()
