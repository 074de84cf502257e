"""A hostile phone client for the tests: raw sockets on 127.0.0.1 that do what a browser
never does (say nothing, send headers one byte at a time, stop reading, send binary and
ping frames, lone surrogates) so tests/live/test_live_hostile*.py can attack the real server."""
from __future__ import annotations

import base64
import json
import os
import socket
import struct
import time


def _host(url: str) -> tuple[str, int]:
    name, port = url.split("//", 1)[1].rstrip("/").rsplit(":", 1)
    return name, int(port)


class RawSocket:
    """A WebSocket spoken by hand: frames are sent masked, reading is up to the test."""

    def __init__(self, url: str, *, rcvbuf: int | None = None, timeout: float = 5.0,
                 handshake: bool = True) -> None:
        self.host, self.port = _host(url)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf is not None:  # a phone that stops reading: tiny buffers fill at once
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(timeout)
        self.sock.connect((self.host, self.port))
        self.buffer = b""
        if handshake:
            self.handshake()

    def handshake(self) -> int:
        key = base64.b64encode(os.urandom(16)).decode()
        host = f"{self.host}:{self.port}"
        self.sock.sendall((f"GET /ws HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           f"Sec-WebSocket-Version: 13\r\nOrigin: http://{host}\r\n\r\n"
                           ).encode())
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("closed during the handshake")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        return int(head.split()[1])

    def frame(self, opcode: int, payload: bytes) -> None:
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack("!Q", n)
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(head + mask + body)

    def text(self, payload: dict | str) -> None:
        raw = payload if isinstance(payload, str) else json.dumps(payload)
        # surrogatepass: the bytes a hostile client may put on the wire after json.dumps
        self.frame(0x1, raw.encode("utf-8", "surrogatepass"))

    def binary(self, payload: bytes = b"\x00\x01") -> None:
        self.frame(0x2, payload)

    def ping(self, payload: bytes = b"p") -> None:
        self.frame(0x9, payload)

    def read_frames(self, timeout: float = 2.0, until=None) -> list[tuple[int, bytes]]:
        """Frames received (opcode, payload) until `until(frames)` holds or the time is up."""
        frames: list[tuple[int, bytes]] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while len(self.buffer) >= 2:
                b0, b1 = self.buffer[0], self.buffer[1]
                n, at = b1 & 0x7F, 2
                if n == 126:
                    if len(self.buffer) < 4:
                        break
                    n, at = struct.unpack("!H", self.buffer[2:4])[0], 4
                elif n == 127:
                    if len(self.buffer) < 10:
                        break
                    n, at = struct.unpack("!Q", self.buffer[2:10])[0], 10
                if len(self.buffer) < at + n:
                    break
                frames.append((b0 & 0x0F, self.buffer[at:at + n]))
                self.buffer = self.buffer[at + n:]
            if until is not None and until(frames):
                return frames
            self.sock.settimeout(max(0.01, min(0.2, deadline - time.monotonic())))
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            self.buffer += chunk
        return frames

    def messages(self, timeout: float = 2.0, until=None) -> list[dict]:
        return [json.loads(p) for op, p in self.read_frames(timeout, until) if op == 1]

    def is_closed(self, timeout: float = 2.0) -> bool:
        """True once the server closed the connection (a close frame or end of stream)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError:
                return False
            except OSError:
                return True
            if not chunk:
                return True
            self.buffer += chunk
            if b"\x88" in self.buffer:  # a close frame's first byte
                return True
        return False

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


def half_open_http(url: str) -> socket.socket:
    """Slowloris: the start of a request and never its end."""
    host, port = _host(url)
    sock = socket.create_connection((host, port), timeout=5)
    sock.sendall(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nX-a: ".encode())
    return sock


def closed_by_peer(sock: socket.socket, timeout: float) -> bool:
    sock.settimeout(timeout)
    try:
        return sock.recv(1024) == b""
    except TimeoutError:
        return False
    except OSError:
        return True
