"""A countdown for the room (\"5 minutes to place your cards\"). Pure Python with an
injected clock, so tests control time and the view only asks what to show.

Timer state belongs to the room, not to the session: it is never saved.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from lpdesk.model.events import Event

PRESET_MINUTES: tuple[int, ...] = (2, 5, 10, 15)
MAX_SECONDS = 24 * 60 * 60


class TimerState(Enum):
    IDLE = "idle"  # no duration chosen yet
    READY = "ready"  # a duration is set, not started (or reset)
    RUNNING = "running"
    PAUSED = "paused"


@dataclass(frozen=True)
class TimerSnapshot:
    state: TimerState
    duration: float
    elapsed_before: float
    started_at: float | None
    offered: bool = False


class Countdown:
    """Counts a duration down. When it reaches zero it keeps running, so `overtime` says by
    how much the room overran; `finished` tells the view to show the end cue.

    `changed` is emitted (with no arguments) on start, pause, resume, reset and add; the
    passing of time itself emits nothing: views poll `remaining()` on their own tick.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.duration = 0.0
        self._elapsed_before = 0.0  # elapsed time banked by earlier pauses
        self._started_at: float | None = None  # clock reading when last (re)started
        self.state = TimerState.IDLE
        self.offered = False  # set by offer(): ready for the facilitator, not yet the room's
        self.changed = Event()

    # -- reading --------------------------------------------------------------------
    def elapsed(self) -> float:
        running = 0.0 if self._started_at is None else self._clock() - self._started_at
        return self._elapsed_before + max(0.0, running)

    def remaining(self) -> float:
        return max(0.0, self.duration - self.elapsed())

    def overtime(self) -> float:
        return max(0.0, self.elapsed() - self.duration)

    @property
    def running(self) -> bool:
        return self.state is TimerState.RUNNING

    @property
    def active(self) -> bool:
        """Worth showing: set, running, paused or finished (not idle)."""
        return self.state is not TimerState.IDLE

    @property
    def shown_to_room(self) -> bool:
        """Worth showing on the room's screen: active, and not merely offered."""
        return self.active and not self.offered

    @property
    def finished(self) -> bool:
        return self.state in (TimerState.RUNNING, TimerState.PAUSED) and \
            self.duration > 0 and self.remaining() <= 0

    # -- controlling ---------------------------------------------------------------
    def set(self, seconds: float, offered: bool = False) -> None:
        """Choose a duration without starting (the display shows it, ready to go)."""
        self._check(seconds)
        self.duration = float(seconds)
        self._elapsed_before, self._started_at = 0.0, None
        self.state = TimerState.READY
        self.offered = offered
        self.changed.emit()

    def offer(self, seconds: float) -> None:
        """Propose a duration (an activity's planned minutes): ready to start, shown to the
        facilitator, kept off the room's screen until it starts."""
        self.set(seconds, offered=True)

    def start(self, seconds: float | None = None) -> None:
        """Start from the full duration (`seconds`, or the one already set)."""
        if seconds is not None:
            self._check(seconds)
            self.duration = float(seconds)
        if self.duration <= 0:
            raise ValueError("no duration to count down")
        self._elapsed_before, self._started_at = 0.0, self._clock()
        self.state = TimerState.RUNNING
        self.offered = False
        self.changed.emit()

    def pause(self) -> None:
        if self.state is TimerState.RUNNING:
            self._elapsed_before = self.elapsed()
            self._started_at = None
            self.state = TimerState.PAUSED
            self.changed.emit()

    def resume(self) -> None:
        if self.state is TimerState.PAUSED:
            self._started_at = self._clock()
            self.state = TimerState.RUNNING
            self.changed.emit()
        elif self.state is TimerState.READY:
            self.start()

    def toggle(self) -> None:
        """The one key a facilitator needs: start, pause, resume."""
        if self.state is TimerState.RUNNING:
            self.pause()
        else:
            self.resume()

    def reset(self) -> None:
        """Back to the full duration, stopped."""
        if self.state is not TimerState.IDLE:
            self._elapsed_before, self._started_at = 0.0, None
            self.state = TimerState.READY
            self.offered = False
            self.changed.emit()

    def clear(self) -> None:
        """Put the timer away (nothing to show)."""
        self.duration, self._elapsed_before, self._started_at = 0.0, 0.0, None
        self.state = TimerState.IDLE
        self.offered = False
        self.changed.emit()

    def add(self, seconds: float) -> None:
        """Give the room more (or less) time without restarting."""
        if self.state is TimerState.IDLE:
            if seconds > 0:
                self.start(seconds)
            return
        new = max(1.0, self.duration + seconds)
        self._check(new)
        self.duration = new
        self.offered = False
        self.changed.emit()

    # -- one timer per activity ------------------------------------------------------
    def snapshot(self) -> TimerSnapshot:
        """Everything needed to put this countdown back later, still counting if it ran
        (the clock keeps going meanwhile: an activity's timer runs on behind another page)."""
        return TimerSnapshot(self.state, self.duration, self._elapsed_before, self._started_at,
                             self.offered)

    def restore(self, snap: TimerSnapshot) -> None:
        self.state, self.duration, self.offered = snap.state, snap.duration, snap.offered
        self._elapsed_before, self._started_at = snap.elapsed_before, snap.started_at
        self.changed.emit()

    @staticmethod
    def _check(seconds: float) -> None:
        if not 0 < seconds <= MAX_SECONDS:
            raise ValueError(f"a countdown lasts 1 second to 24 hours, not {seconds!r} s")


def format_clock(seconds: float) -> str:
    """'4:05', '1:02:00'. Rounded up, so a fresh 5-minute timer reads 5:00 and 0:00 is
    shown only when time is really up."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
