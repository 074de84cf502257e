"""A view's refresh, once per frame while phones' votes arrive (docs/architecture.md, "The
frame budget").

Model events are synchronous: a command's `redo` tells every view at once. For the
facilitator's own edit that is what they expect (the marker is where they put it before
the next paint, and tests can look right after a push). For a slice of phones' votes it is
not: the slice would pay for every view's redraw, and a view told twice in one slice (a
placement, then a claim) would redraw twice. So the phones' controller applies a slice
inside `phones_applying()`, and a view that refreshes through a `FrameRefresh` then only
marks itself due: its refresh runs once, from the event loop, after the slice has returned
(before the next paint), whatever the slice changed.

    self._refresh = FrameRefresh(self, self.refresh)
    listen(self, model.changed, self._refresh.request)

`request()` outside a phones' slice refreshes now (and drops a refresh still due);
`flush()` runs a due refresh at once (before something reads what the view shows).

A view whose refresh can be long (the room's board: a text size search, then every card
set at a new size) also gives its refresh as pieces: `FrameRefresh(self, self.refresh,
pieces=self.refresh_in_pieces)`, a generator function that yields between pieces. After a
phones' slice the refresh then runs as those pieces, each a piece of phones' work in its
own turn of the event loop (see below); anything else still refreshes at once. A change
while pieces are under way lets them finish (a view that keeps changing is still shown),
then refreshes again. `flush()` and `request()` refresh at once instead; `drop_pieces()`
drops those under way when the view refreshes itself at once.

A window nobody can see does no phones' work. While presentation mode covers the
facilitator's window (`hold_under`), the phones' refreshes of its views are held, not run:
they run once when it is seen again (`release`, or `release_uncovered` when it was moved
out from under), or at once when something reads what a view shows (`flush`). The
facilitator's own edits still refresh every view at once.

The window breathes between pieces of phones' work. A slice, a piece of what phones are
sent (ui/live/snapshot.py) and each view's refresh after a slice are pieces; each calls
`piece_ended()`, and the next one waits `breath_left_ms()` for the window's own turn (input,
paint, its timers). Timers due together run in one pass of the event loop, so a slice, a
snapshot piece and the refresh after them used to run back to back: 4 + 6 + 8 ms, a 19 ms
stall at 200 phones.
"""
from __future__ import annotations

import math
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QGraphicsScene, QWidget
from shiboken6 import isValid

_applying = 0  # GUI thread only: how many phones' slices are applying now (nested: 1+)
BREATH_MS = 2.0  # the window's own turn between two pieces of phones' work
_piece_end = 0.0  # perf_counter when the last piece of phones' work ended
_due: weakref.WeakSet[FrameRefresh] = weakref.WeakSet()  # refreshes waiting after a slice
# top-level windows that may be covered, with the window that may cover them (hold_under)
_covers: weakref.WeakKeyDictionary[QWidget, weakref.ref[QWidget]] = weakref.WeakKeyDictionary()


def piece_ended() -> None:
    """A piece of phones' work (a slice, a snapshot piece, a view's refresh after a slice)
    ended just now: the next one waits for the window's turn."""
    global _piece_end
    _piece_end = time.perf_counter()


def breath_left_ms() -> int:
    """How long the next piece of phones' work waits (0: the window has had its turn)."""
    left = BREATH_MS - (time.perf_counter() - _piece_end) * 1000
    return max(0, math.ceil(left))


def turn_taken(timer: QTimer) -> bool:
    """Whether a piece of phones' work may run now: the window has had its turn since the
    last piece ended. If not, `timer` (single-shot, running the piece) is started for when
    it has."""
    wait = breath_left_ms()
    if wait:
        timer.start(wait)
    return not wait


class IdleWork(QObject):
    """Work a view does ahead of need while the window is idle (the continuum's marker
    pictures, the room's board's text measures): a queue of pieces run from the event
    loop, as many a turn as fit in `budget_ms` of CPU (at least one). A turn takes its turn
    like the phones' work: it waits for the window's (`turn_taken`) and the next piece of
    phones' work waits after it (`piece_ended`). `start` replaces what is left; once
    `wanted()` is false (no view shows it) what is left is dropped, not run. A child of
    `owner`: it dies with it."""

    def __init__(self, owner: QObject, budget_ms: float = 0.0,
                 wanted: Callable[[], bool] | None = None) -> None:
        super().__init__(owner)
        self.setObjectName("lpdesk-idle-work")
        self.budget_ms = budget_ms
        self._wanted = wanted
        self._left: list[Callable[[], object]] = []
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._turn)
        self.turns = 0  # turns that ran pieces (tests)

    def start(self, pieces: Iterable[Callable[[], object]], delay_ms: int = 0) -> None:
        """Run `pieces` from `delay_ms` on, instead of what is left."""
        self._left = list(pieces)
        self._timer.start(delay_ms)

    def stop(self) -> None:
        self._left = []
        self._timer.stop()

    def left(self) -> int:
        """Pieces not run yet."""
        return len(self._left)

    def _turn(self) -> None:
        if not self._left or not turn_taken(self._timer):
            return
        if self._wanted is not None and not self._wanted():
            self.stop()
            return
        self.turns += 1
        started = time.thread_time()
        try:
            while self._left:
                self._left.pop(0)()
                if (time.thread_time() - started) * 1000 >= self.budget_ms:
                    break
        finally:
            piece_ended()
        if self._left:
            self._timer.start(0)


def refreshes_waiting() -> int:
    """Views' refreshes due after a phones' slice that wait for their turn (benchmarks);
    not those held while their window is covered."""
    return sum(1 for r in list(_due) if isValid(r) and r.waiting())


def refreshes_held(window: QWidget) -> int:
    """Views' refreshes held while `window` is covered (tests: none once it is seen)."""
    return sum(1 for r in list(_due) if isValid(r) and r.held and r.owner_window() is window)


def hold_under(window: QWidget, cover: QWidget) -> None:
    """While the top-level window `cover` (presentation mode) is shown over the whole of
    `window`, the phones' refreshes of views in `window` wait until it is seen again
    (`release`). Neither is kept alive by this."""
    _covers[window] = weakref.ref(cover)


def covered(window: QWidget) -> bool:
    """Whether `window` is hidden under the window given to `hold_under` for it."""
    ref = _covers.get(window)
    cover = ref() if ref is not None else None
    return (cover is not None and isValid(cover) and isValid(window) and cover.isVisible()
            and not cover.isMinimized()
            and cover.frameGeometry().contains(window.frameGeometry()))


def release(window: QWidget) -> None:
    """`window` is seen again: the refreshes held for it run now (before its next paint)."""
    _covers.pop(window, None)
    _run_held(lambda w: w is window)


def release_uncovered() -> None:
    """Run the held refreshes of windows no longer covered (moved out from under it)."""
    _run_held(lambda w: not covered(w))


def _run_held(seen: Callable[[QWidget], bool]) -> None:
    for refresh in list(_due):
        if isValid(refresh) and refresh.held:
            window = refresh.owner_window()
            if window is None or seen(window):
                refresh.flush()


@contextmanager
def phones_applying() -> Iterator[None]:
    """While this lasts, views refresh once, after it (see the module's docstring)."""
    global _applying
    _applying += 1
    try:
        yield
    finally:
        _applying -= 1


def deferring() -> bool:
    """Whether views' refreshes wait for the end of a phones' slice now."""
    return _applying > 0


class FrameRefresh(QObject):
    """Runs `refresh` now, or once after the phones' slice under way (see above). It is a
    child of `owner` and its timer dies with it: a closed view is never refreshed."""

    def __init__(self, owner: QObject, refresh: Callable[[], object],
                 pieces: Callable[[], Iterator[Any]] | None = None) -> None:
        super().__init__(owner)
        self.setObjectName("lpdesk-frame-refresh")
        self._refresh = refresh
        self._pieces = pieces  # the same refresh in pieces (see the module's docstring)
        self._rest: Iterator[Any] | None = None  # pieces under way
        self._again = False  # due again once the pieces under way are done
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._when_due)
        self.deferred = 0  # requests that waited for the end of a slice (tests, benchmarks)
        self.runs = 0
        self.held = False  # due, but its window is covered (see hold_under)

    def request(self, *_args: object) -> None:
        """Accepts and ignores an event's arguments, so it can be the event's handler."""
        if _applying:
            self.deferred += 1
            self.later()
            return
        self._timer.stop()
        self._run()

    def later(self) -> None:
        """Refresh from the event loop as after a phones' slice: after the window's turn,
        and held while the window is covered (phones' work that a timer gathered)."""
        if self._rest is not None:
            self._again = True  # once the pieces under way are done
        if not self._timer.isActive() and not self.held:
            _due.add(self)
            self._timer.start(0)

    def pending(self) -> bool:
        """A refresh is due (waiting for its turn, or held while its window is covered),
        or under way in pieces."""
        return self.held or self._timer.isActive() or self._rest is not None

    def under_way(self) -> bool:
        """Pieces of a refresh have run and more are to come."""
        return self._rest is not None

    def drop_pieces(self) -> None:
        """The view refreshes at once: the pieces under way are dropped (a refresh still
        due after them stays due)."""
        if self._rest is None:
            return
        self._rest = None
        if not self._again:
            self._timer.stop()
            _due.discard(self)
        self._again = False

    def waiting(self) -> bool:
        """Due and waiting for its turn of the event loop (not held)."""
        return self._timer.isActive()

    def flush(self) -> None:
        if self.pending():
            self._timer.stop()
            self._run()

    def owner_window(self) -> QWidget | None:
        """The top-level window its view is in (a scene's: its first view's)."""
        owner = self.parent()
        if isinstance(owner, QGraphicsScene):
            views = owner.views()
            owner = views[0] if views else None
        return owner.window() if isinstance(owner, QWidget) else None

    def _when_due(self) -> None:
        window = self.owner_window()
        if window is not None and covered(window):
            self.held = True  # stays in _due: release() runs it
            return
        if not turn_taken(self._timer):  # another piece just ran: the window's turn first
            return
        try:
            if self._rest is None and self._pieces is None:
                self._run()
                return
            if self._rest is None:  # a refresh in pieces begins
                self._begins()
                self._rest, self._again = self._pieces(), False
            self._next_piece()
        finally:
            piece_ended()

    def _next_piece(self) -> None:
        rest = self._rest
        assert rest is not None
        try:
            next(rest)
        except StopIteration:
            self._rest = None
        except BaseException:
            self._rest = None
            raise
        else:
            if self._rest is rest:  # (not dropped meanwhile) the next piece, after a turn
                self._timer.start(0)
            return
        if self._again:  # what changed while the pieces ran
            self._again = False
            self.later()

    def _run(self) -> None:
        self._begins()
        self._rest, self._again = None, False  # a refresh at once supersedes pieces
        self._refresh()

    def _begins(self) -> None:
        """A refresh begins (at once, or its first piece): it is no longer due or held."""
        _due.discard(self)
        self.held = False
        self.runs += 1
