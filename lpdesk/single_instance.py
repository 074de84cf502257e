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

Cost at start-up, before the first paint: on Linux and macOS one stat() of the socket path
when no lpdesk runs (the knock is a plain Unix socket, no Qt); the listening (QtNetwork,
4-8 ms to import on the 2-core dev box, and the listen itself, ~2 ms) waits until the
window is painted. Windows knocks with QLocalSocket (a named pipe), importing QtNetwork
first.
"""
from __future__ import annotations

import binascii
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from lpdesk.ui.window.main_window import MainWindow

KNOCK_MS = 500  # connecting to a live server on this machine takes well under 1 ms
ANSWER_MS = 3000  # the running app answers from its event loop, also behind a dialog
MAX_REQUEST = 64 * 1024
RETRY_MS = 300  # a modal dialog is open in the running app: open the file when it closes


def channel_name() -> str:
    """Per user and per settings folder: two users, or a test with its own HOME, never
    meet. Short, since a Unix socket path has ~100 bytes. (Neither hashlib nor getpass:
    they cost start-up milliseconds; two CRC-32s make a name, not a secret.)"""
    user = next((os.environ[k] for k in ("USER", "LOGNAME", "USERNAME") if os.environ.get(k)),
                str(os.getuid()) if hasattr(os, "getuid") else "user")
    where = "|".join((user, os.path.expanduser("~"), os.environ.get("XDG_CONFIG_HOME", ""),
                      os.environ.get("APPDATA", ""))).encode("utf-8", "replace")
    return f"lpdesk-{binascii.crc32(where):08x}{binascii.crc32(where[::-1]):08x}"


def encode_request(path: str | Path | None) -> bytes:
    import json  # here, not at start-up: with nobody to hand over to, never needed

    target = None if path is None else str(Path(path).expanduser().absolute())
    return (json.dumps({"open": target}) + "\n").encode("utf-8")


def decode_request(data: bytes) -> tuple[bool, str | None]:
    """(valid, path to open or None). Anything but a well-formed request is not valid."""
    import json

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


def unix_socket_path(name: str) -> Path:
    """Where QLocalServer.listen(name) puts its socket on Linux and macOS (QDir::tempPath)."""
    return Path(os.environ.get("TMPDIR") or "/tmp") / name


def hand_over(path: str | Path | None, name: str | None = None) -> bool:
    """Give `path` to a running lpdesk. True if one took it (this process should leave).
    On Linux and macOS this needs no Qt: with nobody running it costs one stat()."""
    name = name or channel_name()
    if sys.platform == "win32":
        return _hand_over_qt(name, encode_request(path))
    where = unix_socket_path(name)
    if not where.exists():
        return False  # nobody there
    import socket

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as channel:
            channel.settimeout(KNOCK_MS / 1000)
            channel.connect(str(where))  # refused: the socket of a crashed lpdesk
            channel.settimeout(ANSWER_MS / 1000)
            channel.sendall(encode_request(path))
            answer = b""
            while b"\n" not in answer:
                chunk = channel.recv(64)
                if not chunk:
                    break
                answer += chunk
    except OSError:  # refused, timed out, reset
        return False
    return answer.strip() == b"ok"


def _hand_over_qt(name: str, request: bytes) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(KNOCK_MS):
        return False  # nobody there
    try:
        if sys.platform == "win32":  # let the running lpdesk come to the front
            import ctypes
            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
        socket.write(request)
        if not socket.waitForBytesWritten(ANSWER_MS):
            return False
        answer = b""
        while b"\n" not in answer and socket.waitForReadyRead(ANSWER_MS):
            answer += bytes(socket.readAll().data())
        return answer.strip() == b"ok"
    finally:
        socket.abort()


class Listener(QObject):
    """The running lpdesk's side: opens what a new lpdesk hands over in `window`. Made
    before the window is shown (on macOS it catches the FileOpen event of the file that
    started lpdesk); `listen()` runs after the first paint, so QtNetwork is not loaded
    before the window appears."""

    def __init__(self, window: MainWindow, name: str | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.name = name or channel_name()
        self.server = None
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
        from PySide6.QtNetwork import QLocalServer, QLocalSocket

        if self.server is None:
            self.server = QLocalServer(self)
            self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            self.server.newConnection.connect(self._accept)
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

    def _read(self, socket) -> None:  # a QLocalSocket
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
