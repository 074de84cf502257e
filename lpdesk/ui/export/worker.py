"""The export dialog's worker: one thread per dialog that lays out, paints and exports.

Text laid out on a thread must be painted and dropped on that same thread (Qt's glyph caches
are per thread), so the worker keeps the preview's SummaryDocument itself and the GUI thread
only ever receives page counts, reports (plain data) and images. Jobs run one at a time, in
order; each can be cancelled through its progress callback.
"""
from __future__ import annotations

import atexit
import gc
import threading
from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, Signal, Slot

from lpdesk.export.formats import ExportError
from lpdesk.export.pdf import Cancelled, SummaryDocument


class Worker(QObject):
    """Runs the dialog's jobs one after another on its own thread, which lives as long as
    the dialog: text laid out on a thread must be painted and dropped on that same thread
    (Qt's glyph caches are per thread). It keeps the preview's SummaryDocument itself, so
    the GUI thread never holds one; the GUI gets page counts, reports and images."""

    finished_job = Signal(int, object)  # job id, result
    failed = Signal(int, str)
    cancelled = Signal(int)
    progressed = Signal(int, int, int)  # job id, done, total

    def __init__(self) -> None:
        super().__init__()
        self.document: SummaryDocument | None = None
        self.generation = 0
        self.wanted_page: tuple[int, int] | None = None  # (generation, page) shown last
        self.stop: dict[int, threading.Event] = {}
        self.closing = False

    @Slot(int, object)
    def run(self, job_id: int, work: Callable) -> None:
        stop = self.stop.setdefault(job_id, threading.Event())
        if self.closing:
            stop.set()

        def progress(done: int, total: int) -> bool:
            self.progressed.emit(job_id, done, total)
            return not stop.is_set()
        try:
            # No cyclic garbage collection during a job: a full collection of a 1,000-person
            # session holds the interpreter lock for ~300 ms, which would freeze the window.
            # The job's objects are freed by reference counting; cycles wait until after.
            enabled = gc.isenabled()
            gc.disable()
            try:
                result = work(self, progress)
            finally:
                if enabled:
                    gc.enable()
        except Cancelled:
            self.cancelled.emit(job_id)
        except ExportError as exc:
            self.failed.emit(job_id, str(exc))
        except Exception as exc:  # never let the worker die silently
            self.failed.emit(job_id, f"{exc.__class__.__name__}: {exc}")
        else:
            if stop.is_set():
                self.cancelled.emit(job_id)
            else:
                self.finished_job.emit(job_id, result)
        finally:
            self.stop.pop(job_id, None)

    def cancel(self, job_id: int) -> None:
        self.stop.setdefault(job_id, threading.Event()).set()

    @Slot()
    def release(self) -> None:
        """Drop the laid-out pages on this thread, before it ends."""
        self.document = None


LIVE_WORKERS: set[tuple[QThread, Worker]] = set()  # workers still running, stopped at exit at last


def stop_worker(thread: QThread, worker: Worker, *_args) -> None:
    """Cancel what is queued, drop the pages on the worker's thread, end the thread. Called
    when the dialog closes, when it is deleted with its window, and at exit."""
    LIVE_WORKERS.discard((thread, worker))
    try:
        if not thread.isRunning():
            return
        worker.closing = True
        worker.wanted_page = None
        for event in list(worker.stop.values()):
            event.set()
        QMetaObject.invokeMethod(worker, "release", Qt.ConnectionType.BlockingQueuedConnection)
        thread.quit()
        thread.wait()
    except RuntimeError:  # the Qt objects are already gone (interpreter shutting down)
        pass


@atexit.register
def _stop_all_workers() -> None:
    for thread, worker in list(LIVE_WORKERS):
        stop_worker(thread, worker)
