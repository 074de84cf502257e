"""Work that should not delay the first screen runs right after the window's first paint.

Why: at start-up the facilitator waits for everything done before the window appears.
Autosave and the crash-recovery check (which import the storage code and scan the recovery
folder) are not needed to see the window, so they are queued behind its first paint; the
recovery offer then appears over the painted window.

The first Paint event of the watched widget queues the callbacks (a zero-delay timer), so
they run once the whole window has been painted and flushed, in turns of the event loop of
about a frame each, so that input and paints go between them. A window manager that never
sends a paint (hidden, minimised) does not hold the work back for long: it also runs a
little after the widget is shown (FALLBACK_MS). A widget closed before then drops the
work (it was for the open window).
"""
from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000
FRAME_S = 0.016  # a turn of after-paint work stops taking callbacks once it used this much
STATE = "lpdesk_first_paint"  # dynamic property on the widget: "waiting" or "done"


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName("lpdesk-after-first-paint")
        self.callbacks: list[Callable[[], object]] = []
        self.queued = False
        self.next_slot: int | None = None  # while one runs: where what it queues goes
        widget.setProperty(STATE, "waiting")
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        kind = event.type()
        if kind == QEvent.Type.Paint:
            self._queue()
        elif kind == QEvent.Type.Show:
            QTimer.singleShot(FALLBACK_MS, self, self._queue)
        return False

    def _queue(self) -> None:
        if not self.queued:
            self.queued = True
            self.parent().removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)

    def _run(self) -> None:
        """The callbacks, in turns of the event loop of at most about a frame (FRAME_S):
        the facilitator's clicks and keys, and the window's paints, go between turns, so
        the window is never held for all of them at once (together ~170 ms of CPU at
        start-up). A turn takes callbacks until it has used a frame: small ones share a
        turn (and one repaint), a long one has a turn of its own."""
        widget = self.parent()
        if not widget.isVisible():  # closed at once: the work was for the open window
            self.callbacks.clear()
        start = time.perf_counter()
        try:
            while self.callbacks:  # callbacks may queue more: they run before the rest,
                callback = self.callbacks.pop(0)  # right after the one that queued them
                self.next_slot = 0
                try:
                    callback()
                finally:
                    self.next_slot = None
                if time.perf_counter() - start >= FRAME_S:
                    break  # the rest in the next turn, after input and paints
        finally:
            if self.callbacks:  # the next in a turn of its own; also after one raised
                QTimer.singleShot(0, self, self._run)
            else:
                widget.setProperty(STATE, "done")
                self.deleteLater()


def after_first_paint(widget: QWidget, callback: Callable[[], object]) -> None:
    """Run `callback` right after `widget`'s first paint (at once, through the event loop,
    if that paint is over). Callbacks run in the order they were given; those given by a
    callback while it runs come right after it, before the rest (what a part built after
    the paint queues runs as if that part had been built before it)."""
    if widget.property(STATE) == "done":
        QTimer.singleShot(0, widget, callback)
        return
    hook = widget.findChild(_FirstPaint, "lpdesk-after-first-paint",
                            Qt.FindChildOption.FindDirectChildrenOnly)
    if hook is None:
        hook = _FirstPaint(widget)
    if hook.next_slot is None:
        hook.callbacks.append(callback)
    else:  # queued by a callback running now (e.g. a part built after the paint): next
        hook.callbacks.insert(hook.next_slot, callback)
        hook.next_slot += 1


def first_paint_done(widget: QWidget) -> bool:
    """Whether `widget` was painted and the work queued behind its first paint has run."""
    return widget.property(STATE) == "done"
