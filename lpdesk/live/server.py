"""The phones' server: aiohttp (HTTP and WebSockets) on its own thread with its own asyncio
loop, listening only on the address the facilitator chose, only while the feature is on.

It never touches the session. It serves the phone page, checks every request (Host header,
WebSocket Origin, room code, token, size, rate, device cap), parses each message with
`protocol.parse_message` and hands what passes to `on_event` (the GUI side queues it and
applies it on the GUI thread). What phones receive is prepared on the GUI thread: `publish`
takes ready-made JSON sections, and each phone's sender coalesces them, so a burst of 200
placements makes at most one frame per phone per publish, and a slow phone just gets the
latest state later. Thread-safe entry points: `publish`, `send`, `revoke`, `stop`.

Events given to `on_event` (called on the server thread, must not block):
    ("joined", device_id, token, address)   a new or returning phone said hello
    ("message", device_id, Message, t)      a checked message (t: time.perf_counter())
    ("left", device_id)                     its connection closed
"""
from __future__ import annotations

import asyncio
import gzip
import hashlib
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

import lpdesk.live.activities  # noqa: F401 (registers the activities' message kinds)
from lpdesk.live.protocol import (
    HELLO,
    MAX_MESSAGE_BYTES,
    ProtocolError,
    encode,
    new_token,
    parse_message,
)
from lpdesk.model.ids import new_id

DEFAULT_MAX_DEVICES = 200
RATE_PER_S = 10.0  # sustained messages per second per device
RATE_BURST = 20.0  # and the burst it may send at once
HELLO_TIMEOUT_S = 10.0
WRONG_CODES_PER_MINUTE = 20  # per address: guessing room codes stops here
FLOOD_CLOSE = 200  # refused-for-rate messages before the connection is closed
# WebSocket close codes (private range) by the reason a connection was ended
CLOSE_CODES = {"room": 4001, "token": 4002, "removed": 4003, "full": 4004, "flood": 4005,
               "timeout": 4006, "format": 4007, "hello": 4008, "replaced": 4009}
MIME = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8"}
PAGE_FILES = ("index.html", "phone.css", "phone.js", "core.js", "join.js", "continuum.js",
              "quiz.js", "matrix.js", "notes.js", "waiting.js")  # ES modules, one per part


def phone_folder() -> Path:
    from lpdesk.content import resource_path
    return resource_path("phone")


@dataclass
class StaticFile:
    body: bytes
    gzipped: bytes
    content_type: str
    etag: str

    @classmethod
    def load(cls, path: Path) -> StaticFile:
        body = path.read_bytes()
        return cls(body, gzip.compress(body, 9, mtime=0), MIME[path.suffix],
                   '"' + hashlib.sha256(body).hexdigest()[:16] + '"')


@dataclass
class _Bucket:
    tokens: float = RATE_BURST
    at: float = field(default_factory=time.monotonic)
    refused: int = 0
    last_warned: float = 0.0

    def take(self, rate: float, burst: float) -> bool:
        now = time.monotonic()
        self.tokens = min(burst, self.tokens + (now - self.at) * rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        self.refused += 1
        return False


class _Phone:
    """One open WebSocket of a device: its sender coalesces what the GUI published."""

    def __init__(self, device_id: str, token: str, ws: web.WebSocketResponse) -> None:
        self.device_id, self.token, self.ws = device_id, token, ws
        self.pending: dict[str, str] = {}  # section -> latest JSON text not yet sent
        self.sent: dict[str, str] = {}  # section -> what the phone has
        self.direct: deque[str] = deque()  # acks, errors: in order, never coalesced
        self.wake = asyncio.Event()
        self.bad_tokens = 0

    def frame(self) -> str | None:
        changed = {k: v for k, v in self.pending.items() if self.sent.get(k) != v}
        self.pending.clear()
        if not changed:
            return None
        self.sent.update(changed)
        return '{"type":"state","sections":{' + ",".join(
            f'"{k}":{v}' for k, v in changed.items()) + "}}"


class LiveServer:
    def __init__(self, address: str, port: int, room_code: str,
                 on_event: Callable[[tuple], None], *,
                 tokens: Mapping[str, str] | None = None, removed: set[str] | None = None,
                 welcome: Callable[[str, str], str] | None = None,
                 max_devices: int = DEFAULT_MAX_DEVICES, rate_per_s: float = RATE_PER_S,
                 rate_burst: float = RATE_BURST, folder: Path | None = None) -> None:
        self.address, self.port, self.room_code = address, port, room_code
        self.on_event = on_event
        self.welcome = welcome or (lambda token, device_id: encode(
            {"type": "welcome", "token": token, "device": device_id}))
        self.max_devices, self.rate_per_s, self.rate_burst = max_devices, rate_per_s, rate_burst
        self.files = {name: StaticFile.load((folder or phone_folder()) / name)
                      for name in PAGE_FILES}
        self.tokens: dict[str, str] = dict(tokens or {})  # token -> device id
        self.removed: set[str] = set(removed or ())
        self.phones: dict[str, _Phone] = {}  # device id -> its open connection
        self.buckets: dict[str, _Bucket] = {}
        self.wrong_codes: dict[str, deque[float]] = {}
        self.shared: dict[str, str] = {}  # the latest sections every phone gets
        self.bytes_out = 0
        self.frames_out = 0
        self.refused = 0  # messages and requests refused, for the tests and the benchmark
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._stopping = False
        self._ws_count = 0

    # -- life cycle (GUI thread) --------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}/"

    def start(self, timeout: float = 10.0) -> int:
        """Listen; return the port. Raise OSError if the address or port cannot be had."""
        started: dict[str, Any] = {}
        ready = threading.Event()

        def main() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self._start())
                started["port"] = self.port
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                started["error"] = exc
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.run_until_complete(self._shutdown())
                loop.close()

        self._thread = threading.Thread(target=main, name="lpdesk-live", daemon=True)
        self._thread.start()
        if not ready.wait(timeout):
            raise OSError("the phones' server did not start in time")
        if "error" in started:
            self._thread.join(timeout)
            self._thread = None
            error = started["error"]
            raise error if isinstance(error, OSError) else OSError(str(error))
        return self.port

    def stop(self, timeout: float = 10.0) -> None:
        """Say goodbye to every phone, close every connection and free the port."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if thread.is_alive():
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout)
        self._thread = None
        self._loop = None

    # -- thread-safe calls from the GUI thread ----------------------------------------------
    def _call(self, func: Callable, *args: Any) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(func, *args)
            except RuntimeError:  # closing
                pass

    def publish(self, shared: Mapping[str, str],
                personal: Mapping[str, Mapping[str, str]]) -> None:
        """New sections: `shared` for every phone, `personal` per device id."""
        self._call(self._publish, dict(shared), {k: dict(v) for k, v in personal.items()})

    def send(self, device_id: str, text: str) -> None:
        self._call(self._send_direct, device_id, text)

    def send_many(self, messages: list[tuple[str, str]]) -> None:
        """(device id, text) pairs in one hand-over (a batch's acks and errors)."""
        if messages:
            self._call(self._send_many, list(messages))

    def revoke(self, device_id: str) -> None:
        """A removed device: its token is dead and its connection closes."""
        self._call(self._revoke, device_id)

    # -- server thread ----------------------------------------------------------------------
    async def _start(self) -> None:
        app = web.Application(middlewares=[self._guard], client_max_size=MAX_MESSAGE_BYTES)
        app.router.add_get("/", self._page)
        app.router.add_get("/ws", self._websocket)
        for name in PAGE_FILES[1:]:
            app.router.add_get("/" + name, self._static)
        runner = web.AppRunner(app, access_log=None, handle_signals=False,
                               shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self.address, self.port, backlog=256)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        sockets = getattr(site._server, "sockets", None) or []  # noqa: SLF001
        if sockets:
            self.port = sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        self._stopping = True
        bye = encode({"type": "bye", "reason": "stopped"})
        for phone in list(self.phones.values()):
            try:
                await asyncio.wait_for(phone.ws.send_str(bye), 0.5)
                await asyncio.wait_for(phone.ws.close(code=1001, message=b"stopped"), 0.5)
            except (TimeoutError, Exception):  # noqa: BLE001 - going anyway
                pass
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _host_ok(self, request: web.Request) -> bool:
        host = request.headers.get("Host", "").lower()
        return host == f"{self.address}:{self.port}".lower()

    @web.middleware
    async def _guard(self, request: web.Request, handler: Callable) -> web.StreamResponse:
        # DNS rebinding: a page from elsewhere whose name now points here sends its own Host
        if not self._host_ok(request):
            self.refused += 1
            return web.Response(status=421, text="Wrong address.")
        response = await handler(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            f"connect-src ws://{self.address}:{self.port}; base-uri 'none'; "
            f"form-action 'none'; frame-ancestors 'none'")
        return response

    def _file_response(self, request: web.Request, name: str) -> web.Response:
        f = self.files[name]
        headers = {"Cache-Control": "no-cache", "ETag": f.etag, "Vary": "Accept-Encoding"}
        if request.headers.get("If-None-Match") == f.etag:
            return web.Response(status=304, headers=headers)
        body = f.body
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            body = f.gzipped
            headers["Content-Encoding"] = "gzip"
        self.bytes_out += len(body)
        return web.Response(body=body, headers=headers, content_type=f.content_type.split(";")[0],
                            charset="utf-8")

    async def _page(self, request: web.Request) -> web.Response:
        return self._file_response(request, "index.html")

    async def _static(self, request: web.Request) -> web.Response:
        return self._file_response(request, request.path.lstrip("/"))

    def _too_many_wrong_codes(self, address: str) -> bool:
        times = self.wrong_codes.setdefault(address, deque())
        now = time.monotonic()
        while times and now - times[0] > 60:
            times.popleft()
        return len(times) >= WRONG_CODES_PER_MINUTE

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin", "")
        if origin.lower() != f"http://{self.address}:{self.port}".lower():
            self.refused += 1
            return web.Response(status=403, text="Wrong origin.")
        address = request.remote or ""
        if self._too_many_wrong_codes(address):
            self.refused += 1
            return web.Response(status=429, text="Too many wrong room codes; wait a minute.")
        if self._ws_count >= self.max_devices + 20:
            self.refused += 1
            return web.Response(status=503, text="The room is full.")
        ws = web.WebSocketResponse(heartbeat=20.0, max_msg_size=64 * 1024)
        await ws.prepare(request)
        self._ws_count += 1
        phone: _Phone | None = None
        try:
            phone = await self._hello(ws, address)
            if phone is None:
                return ws
            await self._serve(phone)
        finally:
            self._ws_count -= 1
            if phone is not None:
                if self.phones.get(phone.device_id) is phone:
                    del self.phones[phone.device_id]
                    self.on_event(("left", phone.device_id))
                phone.wake.set()
            if not ws.closed:
                await ws.close()
        return ws

    async def _refuse(self, ws: web.WebSocketResponse, code: str, text: str,
                      seq: int | None = None, close: bool = False) -> None:
        self.refused += 1
        payload: dict[str, Any] = {"type": "error", "code": code, "message": text}
        if seq is not None:
            payload["seq"] = seq
        try:
            await ws.send_str(encode(payload))
            if close:
                await ws.close(code=CLOSE_CODES.get(code, 4000), message=code.encode()[:100])
        except (ConnectionError, RuntimeError):
            pass

    async def _hello(self, ws: web.WebSocketResponse, address: str) -> _Phone | None:
        """The first message must be a hello with the room code; returns the phone, or None
        when refused (the connection is then closed)."""
        try:
            msg = await ws.receive(timeout=HELLO_TIMEOUT_S)
        except TimeoutError:
            await self._refuse(ws, "timeout", "Say hello first.", close=True)
            return None
        if msg.type != WSMsgType.TEXT:
            await self._refuse(ws, "format", "That message could not be read.", close=True)
            return None
        try:
            hello = parse_message(msg.data)
            if hello.type != HELLO.name:
                raise ProtocolError("hello", "Say hello first.")
        except ProtocolError as exc:
            await self._refuse(ws, exc.code, exc.text, close=True)
            return None
        if hello.get("room") != self.room_code:
            self.wrong_codes.setdefault(address, deque()).append(time.monotonic())
            await self._refuse(ws, "room", "That room code is not right. Check the screen.",
                               close=True)
            return None
        token = hello.token
        if token is not None and token in self.removed:
            await self._refuse(ws, "removed", "The facilitator has taken this phone out of "
                                              "the session.", close=True)
            return None
        if token is not None and token not in self.tokens:
            await self._refuse(ws, "token", "This phone's key is not known here.", close=True)
            return None
        if token is None:
            if len(self.tokens) >= self.max_devices:
                await self._refuse(ws, "full", "The room is full: ask the facilitator.",
                                   close=True)
                return None
            token = new_token()
            self.tokens[token] = new_id("d", set(self.tokens.values()))
        device_id = self.tokens[token]
        old = self.phones.get(device_id)
        phone = _Phone(device_id, token, ws)
        self.phones[device_id] = phone
        if old is not None:  # the same phone again (a reload): the newer connection wins
            old.wake.set()
            await old.ws.close(code=CLOSE_CODES["replaced"], message=b"replaced")
        await self._send_text(phone, self.welcome(token, device_id))
        phone.pending.update(self.shared)
        phone.wake.set()
        self.on_event(("joined", device_id, token, address))
        return phone

    async def _serve(self, phone: _Phone) -> None:
        sender = asyncio.ensure_future(self._sender(phone))
        bucket = self.buckets.setdefault(phone.device_id, _Bucket())
        try:
            async for msg in phone.ws:
                if msg.type != WSMsgType.TEXT:
                    if msg.type in (WSMsgType.ERROR, WSMsgType.CLOSE):
                        break
                    await self._refuse(phone.ws, "format", "That message could not be read.")
                    continue
                if phone.device_id not in self.phones or \
                        self.phones[phone.device_id] is not phone:
                    break  # removed or replaced
                if not bucket.take(self.rate_per_s, self.rate_burst):
                    self.refused += 1
                    if bucket.refused >= FLOOD_CLOSE:
                        await self._refuse(phone.ws, "flood", "Too many messages.", close=True)
                        break
                    now = time.monotonic()
                    if now - bucket.last_warned > 1.0:
                        bucket.last_warned = now
                        await self._refuse(phone.ws, "slow", "Slow down a little.")
                    continue
                try:
                    message = parse_message(msg.data)
                    if message.type == HELLO.name:
                        raise ProtocolError("hello", "Already joined.")
                    if not _same(message.token, phone.token):
                        phone.bad_tokens += 1
                        raise ProtocolError("token", "This phone's key does not match.")
                except ProtocolError as exc:
                    seq = _seq_of(msg.data)
                    await self._refuse(phone.ws, exc.code, exc.text, seq,
                                       close=phone.bad_tokens >= 3)
                    if phone.bad_tokens >= 3:
                        break
                    continue
                self.on_event(("message", phone.device_id, message, time.perf_counter()))
        finally:
            sender.cancel()

    async def _sender(self, phone: _Phone) -> None:
        while not phone.ws.closed:
            await phone.wake.wait()
            phone.wake.clear()
            while phone.direct:
                await self._send_text(phone, phone.direct.popleft())
            frame = phone.frame()
            if frame is not None:
                await self._send_text(phone, frame)

    async def _send_text(self, phone: _Phone, text: str) -> None:
        if phone.ws.closed:
            return
        try:
            await phone.ws.send_str(text)
        except (ConnectionError, RuntimeError):
            return
        self.bytes_out += len(text.encode("utf-8"))
        self.frames_out += 1

    def _publish(self, shared: dict[str, str], personal: dict[str, dict[str, str]]) -> None:
        self.shared.update(shared)
        for device_id, phone in self.phones.items():
            phone.pending.update(shared)
            phone.pending.update(personal.get(device_id, {}))
            phone.wake.set()

    def _send_direct(self, device_id: str, text: str) -> None:
        phone = self.phones.get(device_id)
        if phone is not None:
            phone.direct.append(text)
            phone.wake.set()

    def _send_many(self, messages: list[tuple[str, str]]) -> None:
        for device_id, text in messages:
            self._send_direct(device_id, text)

    def _revoke(self, device_id: str) -> None:
        for token, did in list(self.tokens.items()):
            if did == device_id:
                del self.tokens[token]
                self.removed.add(token)
        phone = self.phones.pop(device_id, None)
        if phone is not None:
            asyncio.ensure_future(self._close_removed(phone))

    async def _close_removed(self, phone: _Phone) -> None:
        await self._send_text(phone, encode({"type": "bye", "reason": "removed"}))
        await phone.ws.close(code=CLOSE_CODES["removed"], message=b"removed")


def _same(a: str | None, b: str) -> bool:
    import hmac
    return a is not None and hmac.compare_digest(a.encode(), b.encode())


def _seq_of(raw: Any) -> int | None:
    """The seq of a refused message if it can be read, so the phone knows which one."""
    try:
        import json
        value = json.loads(raw).get("seq") if len(raw) <= MAX_MESSAGE_BYTES else None
    except (ValueError, AttributeError, TypeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None
