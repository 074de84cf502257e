"""The room's time: the blank and break slides and the countdown timer, with one timer
per activity (leaving an activity puts its timer aside, coming back brings it back).

A mixin of `Workshop` (ui/window/workshop.py), split out by responsibility; it uses only
the workshop attributes declared below, and keeps their public names.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

from lpdesk.model.timer import PRESET_MINUTES, TimerSnapshot, TimerState, format_clock

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from lpdesk.ui.room.state import RoomDisplay
    from lpdesk.ui.window.agenda_panel import AgendaActions
    from lpdesk.ui.window.main_window import MainWindow


class RoomTime:
    """Blank, break and timer; `Workshop` makes the display, the actions and the agenda
    actions these read."""

    main: MainWindow
    display: RoomDisplay
    agenda_actions: AgendaActions
    blank_action: QAction
    break_action: QAction
    timer_toggle_action: QAction
    _timers: dict[str, TimerSnapshot]  # agenda item id -> its timer, put aside
    _timer_item: str | None  # the agenda item the timer now belongs to

    if TYPE_CHECKING:
        def _dialog_parent(self) -> QWidget: ...

    # -- blank and break ------------------------------------------------------------------------
    def blank_toggle(self) -> None:
        self.display.set_blank(not self.display.blank)

    def break_toggle(self) -> None:
        if self.display.on_break:
            self.display.end_break()
        else:
            self.display.start_break()

    def ask_break_minutes(self) -> int | None:
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getInt(self._dialog_parent(), self.main.tr("Break"),
                                        self.main.tr("Back in how many minutes?"),
                                        self.display.break_minutes, 1, 120)
        return value if ok else None

    def ask_break(self) -> None:
        minutes = self.ask_break_minutes()
        if minutes:
            self.display.start_break(minutes)

    def _display_changed(self) -> None:
        tr = self.main.tr
        state = self.display.timer.state
        self.timer_toggle_action.setText(
            tr("&Pause timer") if state is TimerState.RUNNING else
            tr("&Resume timer") if state is TimerState.PAUSED else tr("&Start timer"))
        self.blank_action.setChecked(self.display.blank)
        self.break_action.setChecked(self.display.on_break)
        self.break_action.setText(self.main.tr("B&reak slide (back in %d min)")
                                  % self.display.break_minutes)

    # -- timer ---------------------------------------------------------------------------
    def start_timer(self, seconds: float) -> None:
        """Start a countdown and say so: the display lights up, the status bar says what
        the next Ctrl+T does."""
        self.display.timer.start(seconds)
        keys = self.timer_toggle_action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText)
        self.main.statusBar().showMessage(
            self.main.tr("Timer started: %s (%s pauses)") % (format_clock(seconds), keys),
            6000)

    def timer_toggle(self) -> None:
        timer = self.display.timer
        if not timer.active:
            self.timer_planned()
        elif timer.state is TimerState.READY:
            self.start_timer(timer.duration)
        else:
            timer.toggle()

    def timer_planned(self) -> None:
        item = self.agenda_actions.current()
        self.start_timer((item.minutes if item and item.minutes else PRESET_MINUTES[1]) * 60)

    def ask_timer_minutes(self) -> int | None:
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getInt(self._dialog_parent(), self.main.tr("Timer"),
                                        self.main.tr("Count down how many minutes?"),
                                        5, 1, 600)
        return value if ok else None

    def ask_timer(self) -> None:
        minutes = self.ask_timer_minutes()
        if minutes:
            self.start_timer(minutes * 60)

    def _time_is_up(self) -> None:
        item = self.agenda_actions.current()
        self.main.statusBar().showMessage(
            self.main.tr("Time is up for %s") % (item.title if item else ""), 10000)

    # -- one timer per activity ------------------------------------------------------------
    def _document_changed(self, *_args) -> None:
        """Another session: its activities start with their own planned minutes."""
        self._timers.clear()
        self._timer_item = None
        self._follow_agenda(self.main.current_item_id())

    def _follow_agenda(self, item_id: str | None) -> None:
        """Each activity has its own timer: leaving one puts its timer aside (it keeps
        counting), coming back brings it back; an activity not timed yet offers its
        planned minutes, ready to start with Ctrl+T."""
        if item_id == self._timer_item:
            return
        timer = self.display.timer
        if self._timer_item is not None and timer.active and not timer.offered:
            self._timers[self._timer_item] = timer.snapshot()
        self._timer_item = item_id
        if item_id in self._timers:
            timer.restore(self._timers.pop(item_id))
            return
        item = self.agenda_actions.current()
        if item is not None and item.minutes:
            timer.offer(item.minutes * 60)
        elif timer.active:
            timer.clear()
