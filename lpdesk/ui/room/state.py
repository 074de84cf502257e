"""What the room sees besides the activity: a blank screen, the break slide and the timer.

One RoomDisplay per main window, shared by the presentation view, the audience window and
the facilitator's toolbar, so pressing B or pausing the timer shows the same everywhere.
Nothing here is session data: it is never saved and never on the undo stack.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from lpdesk.model.timer import Countdown, TimerState

if TYPE_CHECKING:  # datetime loads with the first break, not at start-up (~1.5 ms)
    from datetime import datetime

    from PySide6.QtWidgets import QWidget

TICK_MS = 250  # smooth enough for a seconds display and the end-of-time pulse


class RoomDisplay(QObject):
    changed = Signal()  # blank, break or timer state changed: views re-layout
    tick = Signal()  # time passes while something counts: views repaint clocks
    timer_finished = Signal()  # once, when the activity timer reaches zero

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = Countdown(clock)
        self.break_timer = Countdown(clock)
        self.blank = False
        self.break_minutes = 5
        self.break_ends: datetime | None = None  # wall-clock time the room is due back
        # A slide another feature puts up instead of the activity (e.g. how to join from
        # phones): a factory making the slide for each room view, or None.
        self.slide: Callable[[QWidget], QWidget] | None = None
        self._was_finished = False
        self._resume_after_break = False  # the activity timer ran when the break began
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.poll)
        self.timer.changed.connect(self._timer_changed)
        self.break_timer.changed.connect(self._timer_changed)

    def set_clock(self, clock: Callable[[], float]) -> None:
        """Count with another clock (tests drive time by hand)."""
        self.timer._clock = clock
        self.break_timer._clock = clock

    @property
    def on_break(self) -> bool:
        return self.break_timer.active

    def set_blank(self, blank: bool) -> None:
        if blank != self.blank:
            self.blank = blank
            self.changed.emit()

    def show_slide(self, factory: Callable[[QWidget], QWidget] | None) -> None:
        """Show `factory`'s slide on every room view instead of the activity (None: the
        activity again). Blank and break still go over it."""
        if factory is not self.slide:
            self.slide = factory
            self.changed.emit()

    def start_break(self, minutes: int | None = None) -> None:
        """Show 'back in N minutes' with a countdown; the activity timer is paused, and
        carries on after the break if it was running."""
        from datetime import datetime, timedelta

        if minutes is not None:
            self.break_minutes = minutes
        if not self.on_break:
            self._resume_after_break = self.timer.running
        self.timer.pause()
        self.blank = False
        self.break_ends = datetime.now() + timedelta(minutes=self.break_minutes)
        self.break_timer.start(self.break_minutes * 60)

    def end_break(self) -> None:
        if self.on_break:
            self.break_timer.clear()
            if self._resume_after_break and self.timer.state is TimerState.PAUSED:
                self.timer.resume()  # not if reset or restarted during the break
            self._resume_after_break = False

    def _timer_changed(self) -> None:
        self._was_finished = self.timer.finished
        running = self.timer.running or self.break_timer.running
        if running and not self._ticker.isActive():
            self._ticker.start()
        elif not running:
            self._ticker.stop()
        self.changed.emit()

    def poll(self) -> None:
        """Called on every tick (tests call it after moving their clock)."""
        finished = self.timer.finished
        if finished and not self._was_finished:
            self.timer_finished.emit()
        self._was_finished = finished
        self.tick.emit()
