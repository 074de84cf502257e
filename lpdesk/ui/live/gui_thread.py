"""What the GUI thread keeps for the phones' server thread: the inbox between the two
threads and the garbage collector's timer (docs/architecture.md, "The frame budget").
"""
from __future__ import annotations

import gc
import sys
import threading
from collections import deque

from PySide6.QtCore import QObject, QTimer, Signal

from lpdesk.live.events import INBOX_MAX, Arrived, LiveEvent
from lpdesk.ui.base.frames import piece_ended, turn_taken


class GuiThreadGc(QObject):
    """While a phones' server thread runs, Python's cyclic garbage collector would run on
    whichever thread happens to allocate, and could free Qt objects caught in garbage cycles
    (a closed page, an old document) on the server thread: a segfault. So while any server
    runs, automatic collection is off and this GUI-thread timer collects instead, by the
    same thresholds (gc.get_threshold), so nothing piles up.

    A full collection walks every object of the app (its widgets, pages, modules): 30-100 ms
    on the GUI thread in the middle of a burst, a dropped frame or six. So when the server
    starts, what exists then is collected once and frozen (`gc.freeze`: the start of a room
    session is a moment the facilitator waits anyway), and collections while phones are on
    look only at what was made since: the phones' traffic, not the app. When the last
    server stops, the heap is unfrozen and collected as usual; a cycle made garbage among the
    frozen objects meanwhile (a page closed while phones were on) waits until then.

    What survives a collection of the oldest generation is frozen too. Without that, each
    such collection walked everything made and still alive since the server started: 200
    phones' connections (17,500 objects, 129,000 references), and over an evening every
    quiz answer and every phones' command on the undo stack, a longer walk every time. Now
    each walks what was made since the last one. The price: a cycle that becomes garbage
    after it was frozen waits for the last server to stop, like the app's own. The 200
    phones leaving the quiz burst left 6,200 such objects (31 a connection).

    A collection is a piece of the phones' work (ui/base/frames.py): it waits for the
    window's turn after a slice, a snapshot piece or a view's refresh, and the next piece
    waits for it. The first collection of the middle generation after 200 phones joined
    walks their connections (7-11 ms): it ran straight before a snapshot piece, a 16 ms
    stall."""

    def __init__(self) -> None:
        super().__init__()
        self.users = 0
        self.disabled_here = False
        self.timer = QTimer(self, interval=100)
        self.timer.timeout.connect(self.collect)
        self._turn = QTimer(self, singleShot=True)  # the window's turn first (`collect`)
        self._turn.timeout.connect(self.collect)

    def acquire(self) -> None:
        self.users += 1
        if self.users == 1 and gc.isenabled():
            gc.disable()
            self.disabled_here = True
            gc.collect()
            gc.freeze()
            self.timer.start()

    def release(self) -> None:
        self.users = max(0, self.users - 1)
        if self.users == 0 and self.disabled_here:
            self.timer.stop()
            self._turn.stop()
            self.disabled_here = False
            gc.unfreeze()
            gc.enable()

    def collect(self) -> None:
        """Collect the oldest generation past its threshold, if any, in its turn."""
        counts, limits = gc.get_count(), gc.get_threshold()
        generation = -1
        for g in range(3):
            if counts[g] >= max(1, limits[g]):
                generation = g
        if generation < 0:
            return
        if not turn_taken(self._turn):
            return
        gc.collect(generation)
        if generation == 2:  # what is left has lived through every generation: frozen
            gc.freeze()
        piece_ended()


_GC: list[GuiThreadGc] = []  # made on first use, on the GUI thread


def gui_gc() -> GuiThreadGc:
    if not _GC:
        _GC.append(GuiThreadGc())
    return _GC[0]


PHONES_SWITCH_S = 0.0005  # the interpreter's hand-over interval while phones are on


class LockHandOver:
    """While a phones' server thread runs, the GUI thread shares the interpreter lock with
    it. PySide lets go of the lock in each call into Qt and takes it back after; when the
    server thread is reading phones at that moment, the GUI thread waits until the
    interpreter makes it hand over, every `sys.getswitchinterval()`: 5 ms by default. A
    slice or a paint makes hundreds of calls into Qt, so on a 2-core laptop a 4 ms slice of
    200 phones' votes took 11-13 ms, most of it waiting. While any server runs the interval
    is 0.5 ms (a GUI-thread wait is at most that long; the server thread, which waits on
    its sockets most of the time, hands over more often, at a cost of microseconds), and
    the app's own value comes back when the last server stops."""

    def __init__(self) -> None:
        self.users = 0
        self.previous: float | None = None

    def acquire(self) -> None:
        self.users += 1
        if self.users == 1:
            self.previous = sys.getswitchinterval()
            sys.setswitchinterval(min(self.previous, PHONES_SWITCH_S))

    def release(self) -> None:
        self.users = max(0, self.users - 1)
        if self.users == 0 and self.previous is not None:
            sys.setswitchinterval(self.previous)
            self.previous = None


_LOCK: list[LockHandOver] = []


def lock_hand_over() -> LockHandOver:
    if not _LOCK:
        _LOCK.append(LockHandOver())
    return _LOCK[0]


def server_thread_starting() -> None:
    """A phones' server thread is about to start: Python's collector moves to the GUI
    thread (GuiThreadGc) and the interpreter lock changes hands more often (LockHandOver),
    both until the last server thread has stopped (`server_thread_stopped`, once each)."""
    gui_gc().acquire()  # before the server thread allocates anything
    lock_hand_over().acquire()


def server_thread_stopped() -> None:
    """A phones' server thread started with `server_thread_starting` has ended (or never
    started)."""
    lock_hand_over().release()
    gui_gc().release()


class Inbox(QObject):
    """Events from the server thread; `arrived` is emitted once per batch, not per event
    (one queued signal wakes the GUI thread for everything that came meanwhile). Bounded:
    past INBOX_MAX waiting events a phone's message is refused (`put` returns False and the
    server answers "busy"); joins and leaves always go in."""

    arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._queue: deque[LiveEvent] = deque()
        self._signalled = False
        self.wakes = 0  # queued signals sent (benchmarks: hand-offs server -> GUI thread)

    def put(self, event: LiveEvent) -> bool:  # server thread
        with self._lock:
            if isinstance(event, Arrived) and len(self._queue) >= INBOX_MAX:
                return False
            self._queue.append(event)
            if self._signalled:
                return True
            self._signalled = True
            self.wakes += 1
        self.arrived.emit()
        return True

    def put_back(self, events: list[LiveEvent]) -> None:
        """Events a slice had no time for, back at the front (they still count towards
        the bound); the controller's frame timer drains them, no signal is needed."""
        with self._lock:
            self._queue.extendleft(reversed(events))

    def __len__(self) -> int:
        with self._lock:
            return len(self._queue)

    def take_all(self) -> list[LiveEvent]:
        with self._lock:
            events = list(self._queue)
            self._queue.clear()
            self._signalled = False
        return events
