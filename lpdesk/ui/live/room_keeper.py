"""Keeps the live room of the open session on disk (lpdesk/live/keep.py says what and why):
read when the phones' controller is made, written a moment after phones join, choose a
name or are removed, and when the server stops. A session never saved has no file to key
the room on: it is kept from its first save on."""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer

from lpdesk.live import keep

if TYPE_CHECKING:
    from lpdesk.ui.live.controller import LiveController

WRITE_DELAY_MS = 1000  # 30 phones joining at once: one write
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lpdesk-live-room")


def rooms_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "live-rooms"


class RoomKeeper(QObject):
    def __init__(self, controller: LiveController, folder: Path | None = None) -> None:
        super().__init__(controller)
        self.controller = controller
        self.folder = folder or rooms_folder()
        self.last_error = ""
        self.pending: Future | None = None
        self._timer = QTimer(self, singleShot=True, interval=WRITE_DELAY_MS)
        self._timer.timeout.connect(self.save_now)
        doc = controller.doc
        if doc.path is not None:
            data = keep.read(keep.file_for(self.folder, doc.path))
            keep.restore(controller.room, data, doc.path,
                         {p.id for p in doc.session.participants})
        controller.devices_changed.connect(self.schedule)
        controller.stopped.connect(self.save_now)
        doc.path_changed.connect(self.schedule)  # Save As: the room goes with the new file

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def save_now(self) -> None:
        """Snapshot the room here (well under a millisecond for 200 phones) and write it on
        the worker thread (one at a time, in order: the last snapshot wins on disk)."""
        self._timer.stop()
        path = self.controller.doc.path
        if path is None:
            return
        target = keep.file_for(self.folder, path)
        data = keep.room_to_dict(self.controller.room, path)
        self.pending = _WRITER.submit(self._write, target, data)

    def _write(self, target: Path, data: dict) -> None:  # worker thread
        try:
            keep.write_data(target, data)
            keep.forget_old(self.folder)
            self.last_error = ""
        except OSError as exc:  # a full disk costs a re-join after a restart, nothing more
            self.last_error = str(exc)

    def wait(self, timeout: float = 5.0) -> None:
        """Until the latest write is on disk (tests; quitting needs nothing: the worker
        finishes its queue before the interpreter exits)."""
        if self.pending is not None:
            self.pending.result(timeout)
