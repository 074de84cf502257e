"""Autosave: every change reaches this instance's recovery file within a few seconds.

Triggered by the document's undo stack (`indexChanged`: every edit, undo and redo), debounced
(`delay_ms` after the last change, 2 s by default) and capped (`max_wait_ms` after the first
unsaved change, 5 s by default, so a long continuous drag session is still covered).
Only the snapshot runs on the GUI thread: the session as plain data in fresh containers
(`RecoveryFile.snapshot`), which a later edit cannot change; turning it into JSON text and the
disk part (write, fsync, rename) run on one worker thread, so neither a large session nor a
slow or sleeping disk freezes the window (benchmarks/large_session.py measures the snapshot).
The user's own file is never written here: recovery files live in `recovery_folder()` (format
and naming: `lpdesk.storage.recovery`). The file is removed after a clean save, when the stack
returns to its clean state, and on a clean close.
"""
from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal

from lpdesk.document import SessionDocument
from lpdesk.storage.files import save_error
from lpdesk.storage.recovery import RecoveryFile

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

DEFAULT_DELAY_MS = 2000
DEFAULT_MAX_WAIT_MS = 5000


def recovery_folder() -> Path:
    """`<AppDataLocation>/recovery` (needs the application and organisation names set)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


class Autosaver(QObject):
    """Keeps the recovery file of the attached document up to date."""

    written = Signal(str)  # the recovery file, after a successful write
    failed = Signal(str)  # a one-line message, e.g. the disk is full
    _done = Signal(object, object)  # (what, error or None): worker -> GUI thread

    def __init__(self, folder: Path | None = None, delay_ms: int = DEFAULT_DELAY_MS,
                 max_wait_ms: int = DEFAULT_MAX_WAIT_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.file = RecoveryFile(folder or recovery_folder())
        self.doc: SessionDocument | None = None
        self.last_written: datetime | None = None
        self.last_error = ""
        self.last_encode_ms = 0.0  # GUI-thread time of the latest snapshot
        # The worker (and concurrent.futures, ~6 ms to import) comes with the first write:
        # a window just opened has nothing to write yet (`_worker`).
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future] = []
        self._on_disk = False  # whether a recovery file may exist (skip needless removes)
        self._idle = QTimer(self, singleShot=True, interval=delay_ms)
        self._idle.timeout.connect(self.save_now)
        self._cap = QTimer(self, singleShot=True, interval=max_wait_ms)
        self._cap.timeout.connect(self.save_now)
        self._done.connect(self._finished)

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def delay_ms(self) -> int:
        return self._idle.interval()

    @delay_ms.setter
    def delay_ms(self, value: int) -> None:
        self._idle.setInterval(value)

    @property
    def max_wait_ms(self) -> int:
        return self._cap.interval()

    @max_wait_ms.setter
    def max_wait_ms(self, value: int) -> None:
        self._cap.setInterval(value)

    def is_scheduled(self) -> bool:
        return self._idle.isActive()

    # -- following a document -----------------------------------------------------------
    def attach(self, doc: SessionDocument) -> None:
        """Follow `doc` from now on. The previous document's recovery file goes (it was
        saved or discarded); a document that starts modified (a recovered one) is written
        at once."""
        if self.doc is not None:
            try:
                self.doc.undo_stack.indexChanged.disconnect(self.schedule)
                self.doc.applied.disconnect(self.schedule)
                self.doc.saved.disconnect(self.discard)
            except (RuntimeError, TypeError):  # the old document is already gone
                pass
        self.doc = doc
        doc.undo_stack.indexChanged.connect(self.schedule)
        doc.applied.connect(self.schedule)  # phone input: an edit outside the undo stack
        doc.saved.connect(self.discard)
        if doc.is_modified:
            self.save_now()
        else:
            self.discard()

    def schedule(self, *_args) -> None:
        """A change: write after `delay_ms` of quiet, and no later than `max_wait_ms`."""
        self._idle.start()
        if not self._cap.isActive():
            self._cap.start()

    def save_now(self) -> None:
        """Snapshot the session now and write it in the background (or remove the
        recovery file if there is nothing unsaved)."""
        self._idle.stop()
        self._cap.stop()
        doc = self.doc
        if doc is None or not doc.is_modified:
            self.discard()
            return
        start = time.perf_counter()
        snapshot = self.file.snapshot(doc.session, doc.path, doc.stamp)
        self.last_encode_ms = (time.perf_counter() - start) * 1000
        self._on_disk = True
        self._submit("write", self.file.write_snapshot, snapshot)

    def discard(self) -> None:
        """No unsaved work any more (saved, or back to the saved state): drop the file."""
        self._idle.stop()
        self._cap.stop()
        if self._on_disk:
            self._on_disk = False
            self._submit("remove", self.file.remove)

    def wait(self, timeout: float = 10.0) -> bool:
        """Block until queued writes are on disk (tests, shutdown, recovery hand-over)."""
        deadline = time.monotonic() + timeout
        for future in list(self._pending):
            try:
                future.result(max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                return False
            except Exception:  # noqa: BLE001 - reported through `failed`
                pass
        return True

    def shutdown(self) -> None:
        """Clean close: finish queued work, remove the recovery file and its lock. (A
        document attached again later is followed as before.)"""
        self._idle.stop()
        self._cap.stop()
        if self.doc is not None:
            try:
                self.doc.undo_stack.indexChanged.disconnect(self.schedule)
                self.doc.applied.disconnect(self.schedule)
                self.doc.saved.disconnect(self.discard)
            except (RuntimeError, TypeError):
                pass
            self.doc = None
        self.wait()
        self._on_disk = False
        try:
            if self._pool is None:  # nothing was ever written: nothing queued to wait for
                self.file.close()
            else:
                self._pool.submit(self.file.close).result(10.0)
        except OSError:
            pass

    # -- worker side ------------------------------------------------------------------
    def _worker(self) -> ThreadPoolExecutor:
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor
            self._pool = ThreadPoolExecutor(max_workers=1,
                                            thread_name_prefix="lpdesk-autosave")
        return self._pool

    def _submit(self, what: str, func, *args) -> None:
        def job() -> None:
            try:
                func(*args)
            except OSError as exc:
                self._done.emit(what, exc)
                raise
            except ValueError as exc:  # text JSON can hold but UTF-8 cannot (a lone
                # surrogate): say so, never stop autosaving without a word
                self._done.emit(what, OSError(f"the session holds text that cannot be "
                                              f"written ({type(exc).__name__})"))
                raise
            self._done.emit(what, None)

        try:
            future = self._worker().submit(job)
        except RuntimeError:  # shut down: the window is closing
            return
        self._pending = [f for f in self._pending if not f.done()] + [future]

    def _finished(self, what: str, error: OSError | None) -> None:
        if error is not None:
            self.last_error = save_error(self.file.path, error).problem.removeprefix(
                "cannot be saved: ")
            self.failed.emit(self.tr("Autosave failed (%s): save your session to keep it "
                                     "safe.") % self.last_error)
        elif what == "write":
            self.last_error = ""
            self.last_written = datetime.now()
            self.written.emit(str(self.file.path))
