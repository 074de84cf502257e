"""One lpdesk per user: a file double-clicked while lpdesk runs opens in the running window.

A new `lpdesk [FILE]` first knocks on a local channel (QLocalServer: a Unix socket only its
user may open, a named pipe on Windows). If a running lpdesk answers, the new process hands
it the file (absolute path) and leaves; the running window comes to the front and opens the
file, asking first to save its unsaved changes (MainWindow.open_path). No answer (none
running, a stale socket left by a crash, a hung process) and the new process starts its own
window as usual and listens in its turn.

The request is one line of JSON, `{"open": "/abs/path"}` (or `null`: just come to the front),
and the answer `ok`. Everything received is checked; anything else is ignored. On macOS
Finder does not start a second process: it sends the running app a FileOpen event, which
goes the same way.

Cost at start-up (measured on the 2-core dev box): importing QtNetwork ~4 ms, a knock that
finds nobody and the listen well under 1 ms.
"""
from __future__ import annotations

import getpass
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

if TYPE_CHECKING:
    from lpdesk.ui.window.main_window import MainWindow

KNOCK_MS = 500  # connecting to a live server on this machine takes well under 1 ms
ANSWER_MS = 3000  # the running app answers from its event loop, also behind a dialog
MAX_REQUEST = 64 * 1024
RETRY_MS = 300  # a modal dialog is open in the running app: open the file when it closes


def channel_name() -> str:
    """Per user and per settings folder: two users, or a test with its own HOME, never
    meet. Short, since a Unix socket path has ~100 bytes."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no user name known (some containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    where = "|".join((user, os.path.expanduser("~"), os.environ.get("XDG_CONFIG_HOME", ""),
                      os.environ.get("APPDATA", "")))
    return "lpdesk-" + hashlib.sha256(where.encode("utf-8", "replace")).hexdigest()[:16]


def encode_request(path: str | Path | None) -> bytes:
    target = None if path is None else str(Path(path).expanduser().absolute())
    return (json.dumps({"open": target}) + "\n").encode("utf-8")


def decode_request(data: bytes) -> tuple[bool, str | None]:
    """(valid, path to open or None). Anything but a well-formed request is not valid."""
    try:
        request = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False, None
    if not isinstance(request, dict) or "open" not in request:
        return False, None
    target = request["open"]
    if target is None:
        return True, None
    if not isinstance(target, str) or not target or "\0" in target:
        return False, None
    return True, target


def hand_over(path: str | Path | None, name: str | None = None) -> bool:
    """Give `path` to a running lpdesk. True if one took it (this process should leave)."""
    socket = QLocalSocket()
    socket.connectToServer(name or channel_name())
    if not socket.waitForConnected(KNOCK_MS):
        return False  # nobody there (or a stale socket of a crashed lpdesk)
    try:
        if sys.platform == "win32":  # let the running lpdesk come to the front
            import ctypes
            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
        socket.write(encode_request(path))
        if not socket.waitForBytesWritten(ANSWER_MS):
            return False
        answer = b""
        while b"\n" not in answer and socket.waitForReadyRead(ANSWER_MS):
            answer += bytes(socket.readAll().data())
        return answer.strip() == b"ok"
    finally:
        socket.abort()


class Listener(QObject):
    """The running lpdesk's side: opens what a new lpdesk hands over in `window`."""

    def __init__(self, window: MainWindow, name: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.name = name or channel_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self.pending: list[str | None] = []
        if sys.platform == "darwin":  # Finder hands files to the running app as events
            from PySide6.QtWidgets import QApplication
            QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.FileOpen and event.file():
            self.pending.append(event.file())
            QTimer.singleShot(0, self, self._open_pending)
            return True
        return False

    def listen(self) -> bool:
        """Start listening; a socket left by a crashed lpdesk is cleared first. False if
        another live lpdesk holds the channel (this one then just runs on its own)."""
        if self.server.listen(self.name):
            return True
        if self.server.serverError() == QLocalSocket.LocalSocketError.AddressInUseError:
            probe = QLocalSocket()
            probe.connectToServer(self.name)
            alive = probe.waitForConnected(KNOCK_MS)
            probe.abort()
            if not alive:
                QLocalServer.removeServer(self.name)
                return self.server.listen(self.name)
        return False

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.setParent(self)
            socket.setProperty("received", b"")
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            QTimer.singleShot(ANSWER_MS * 2, socket, socket.abort)  # a silent caller

    def _read(self, socket: QLocalSocket) -> None:
        received = bytes(socket.property("received") or b"") + bytes(socket.readAll().data())
        if len(received) > MAX_REQUEST:
            socket.abort()
            return
        socket.setProperty("received", received)
        if b"\n" not in received:
            return
        valid, path = decode_request(received.split(b"\n", 1)[0])
        if not valid:
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        self.pending.append(path)
        QTimer.singleShot(0, self, self._open_pending)

    def _open_pending(self) -> None:
        from PySide6.QtWidgets import QApplication

        if QApplication.activeModalWidget() is not None:  # a dialog is open: after it
            QTimer.singleShot(RETRY_MS, self, self._open_pending)
            return
        while self.pending:
            self.open(self.pending.pop(0))

    def open(self, path: str | None) -> None:
        """Bring the window to the front; open `path` unless it is the session shown."""
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        if path is None:
            return
        current = window.doc.path if window.doc is not None else None
        if current is not None and _same_file(current, Path(path)):
            return
        window.open_path(path)  # asks to save unsaved changes first


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
