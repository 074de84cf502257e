"""The phones' server: aiohttp (HTTP and WebSockets) on its own thread with its own asyncio
loop, listening only on the address the facilitator chose, only while the feature is on.

It never touches the session. It serves the phone page, checks every request (Host header,
WebSocket Origin, room code, token, size, rate, device cap), parses each message with
`protocol.parse_message` and hands what passes to `on_event` (the GUI side queues it and
applies it on the GUI thread). What phones receive is prepared on the GUI thread: `publish`
takes ready-made JSON sections, and each phone's sender coalesces them, so a burst of 200
placements makes at most one frame per phone per publish, and a slow phone just gets the
latest state later. Thread-safe entry points: `publish`, `send`, `revoke`, `stop`.

Events given to `on_event` (live/events.py; called on the server thread, must not block;
it returns False when the GUI's inbox is full, and the phone is told "busy"):
    Joined(device_id, token, address)   a new or returning phone said hello
    Arrived(device_id, Message, at)     a checked message (at: time.perf_counter())
    Left(device_id)                     its connection closed
    Trouble(text)                       something for the panel (a flood cut off)

Budgets (docs/architecture.md, "The phones' server under attack"):
 - every connection: HTTP headers within HEADER_TIMEOUT_S (aiohttp's idle timeout covers
   the time before and between requests), the hello within HELLO_TIMEOUT_S;
 - connections that have not said hello ("unproven") are the cheap ones to drop: past
   UNPROVEN_PER_ADDRESS from one address, or the server's total (max devices +
   UNPROVEN_MAX), the oldest unproven one of the busiest address is closed;
 - per address: wrong room codes (WRONG_CODES_PER_MINUTE; over it, a hello's code is
   not even compared, so guesses sent at once are bounded too, and a new connection is
   told so at once and closed, code 4010) and new devices;
 - per phone: one token bucket for every frame kind (text, ping, pong); a binary frame
   closes the connection; a phone that does not read is dropped once DIRECT_MAX replies
   wait for it or a send takes longer than SEND_TIMEOUT_S.
Stopping frees the port first, then says bye to every phone at once within BYE_DEADLINE_S.
"""
from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

import lpdesk.live.activities  # noqa: F401 (registers the activities' message kinds)
from lpdesk.live.budget import Buckets, TokenBucket
from lpdesk.live.events import Arrived, Joined, Left, LiveEvent, Trouble
from lpdesk.live.protocol import (
    HELLO,
    MAX_MESSAGE_BYTES,
    ProtocolError,
    encode,
    new_token,
    parse_message,
    seq_of,
)
from lpdesk.model.ids import new_id

DEFAULT_MAX_DEVICES = 200
RATE_PER_S = 10.0  # sustained messages per second per device
RATE_BURST = 20.0  # and the burst it may send at once
HELLO_TIMEOUT_S = 5.0  # a phone says hello right after connecting
HEADER_TIMEOUT_S = 5.0  # an HTTP request's headers, and idle time between requests
WRONG_CODES_PER_MINUTE = 20  # per address: guessing room codes stops here
NEW_DEVICES_PER_ADDRESS = 40  # at once from one address, then NEW_DEVICES_RATE per second
NEW_DEVICES_RATE = 0.5
UNPROVEN_MAX = 64  # connections that have not said hello, beyond the device cap
UNPROVEN_PER_ADDRESS = 16  # or the address's new-device burst, if larger
UNPROVEN_GRACE_S = 1.0  # a connection this young is never the one dropped for another
TOKENS_PER_DEVICE_SLOT = 4  # remembered tokens (phones that left) at most this many x cap
FLOOD_CLOSE = 200  # refused-for-rate messages in a row before the connection is closed
DIRECT_MAX = 64  # acks and errors waiting for a phone that does not read: then it is dropped
SEND_TIMEOUT_S = 5.0
BYE_DEADLINE_S = 0.3  # stopping: every phone gets its bye at once, within this
STOP_WAIT_S = 2.0  # and stop() waits for the server thread at most this long
# WebSocket close codes (private range) by the reason a connection was ended
CLOSE_CODES = {"room": 4001, "token": 4002, "removed": 4003, "full": 4004, "flood": 4005,
               "timeout": 4006, "format": 4007, "hello": 4008, "replaced": 4009,
               "guesses": 4010, "busy": 4011, "slow": 4012}
GUESSES_TEXT = "Too many wrong room codes from this network: wait a minute."
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
class _Conn:
    """One TCP connection, for the socket budgets: proven once its phone said hello."""

    transport: asyncio.Transport
    address: str
    opened: float
    proven: bool = False


class _OneLine(logging.Filter):
    """aiohttp's and asyncio's complaints about malformed requests: one line without the
    traceback, at most one per second per logger (400k tracebacks in 40 s otherwise)."""

    def __init__(self) -> None:
        super().__init__()
        self.last: dict[str, float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self.last.get(record.name, float("-inf")) < 1.0:
            return False
        self.last[record.name] = now
        if record.exc_info:
            exc = record.exc_info[1]
            record.msg = f"{record.getMessage()}: {type(exc).__name__}: {exc}"[:300]
            record.args, record.exc_info, record.exc_text = (), None, None
        return True


_ONE_LINE = _OneLine()


def quiet_logs() -> None:
    """Install the one-line filter on the loggers a malformed request reaches (once)."""
    for name in ("aiohttp.server", "aiohttp.web", "aiohttp.websocket", "aiohttp.access",
                 "asyncio"):
        logger = logging.getLogger(name)
        if _ONE_LINE not in logger.filters:
            logger.addFilter(_ONE_LINE)


class _Phone:
    """One open WebSocket of a device: its sender coalesces what the GUI published."""

    def __init__(self, device_id: str, token: str, ws: web.WebSocketResponse) -> None:
        self.device_id, self.token, self.ws = device_id, token, ws
        self.pending: dict[str, str] = {}  # section -> latest JSON text not yet sent
        self.sent: dict[str, str] = {}  # section -> what the phone has
        self.direct: deque[str] = deque()  # acks, errors: in order, at most DIRECT_MAX
        self.wake = asyncio.Event()
        self.bad_tokens = 0
        self.dropped = False  # too slow: its socket is being closed
        self.closing: str | None = None  # cut off: the sender sends what is queued, then closes
        self.transport: asyncio.BaseTransport | None = None

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
                 on_event: Callable[[LiveEvent], bool | None], *,
                 tokens: Mapping[str, str] | None = None, removed: set[str] | None = None,
                 welcome: Callable[[str, str], str] | None = None,
                 max_devices: int = DEFAULT_MAX_DEVICES, rate_per_s: float = RATE_PER_S,
                 rate_burst: float = RATE_BURST, folder: Path | None = None,
                 new_devices_per_address: int = NEW_DEVICES_PER_ADDRESS) -> None:
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
        # the budgets (live/budget.py): per device, every frame kind; per address, room-code
        # guesses and new devices; tables forget idle keys
        self.buckets = Buckets(lambda: TokenBucket(self.rate_per_s, self.rate_burst))
        self.wrong_codes = Buckets(lambda: TokenBucket(WRONG_CODES_PER_MINUTE / 60.0,
                                                        WRONG_CODES_PER_MINUTE))
        self.new_devices = Buckets(lambda: TokenBucket(NEW_DEVICES_RATE,
                                                       new_devices_per_address))
        self.conns: dict[asyncio.BaseTransport, _Conn] = {}
        self.unproven_per_address = max(UNPROVEN_PER_ADDRESS, new_devices_per_address)
        self.shared: dict[str, str] = {}  # the latest sections every phone gets
        self.bytes_out = 0
        self.frames_out = 0
        self.refused = 0  # messages and requests refused, for the tests and the benchmark
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._stopping = False
        self._event_lock = threading.Lock()
        self._detached = False  # stop() has returned: no more events for the GUI

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
                if not self._stopping:
                    loop.run_until_complete(self._shutdown())
                loop.close()

        self._thread = threading.Thread(target=main, name="lpdesk-live", daemon=True)
        self._thread_ended = self._thread
        self._thread.start()
        if not ready.wait(timeout):
            raise OSError("the phones' server did not start in time")
        if "error" in started:
            self._thread.join(timeout)
            self._thread = None
            error = started["error"]
            raise error if isinstance(error, OSError) else OSError(str(error))
        return self.port

    def stop(self, timeout: float = STOP_WAIT_S) -> None:
        """Free the port at once; the server thread says goodbye to every phone
        concurrently within BYE_DEADLINE_S, aborts whoever did not take it and ends. The
        caller waits for the thread to end (a few ms; BYE_DEADLINE_S at most when phones
        stopped reading; `timeout` if aiohttp's cleanup hangs), not phone by phone: a
        thread left running could free the caller's Qt objects (Python's cyclic garbage
        collector runs on whichever thread allocates)."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        with self._event_lock:
            self._detached = True
            # drop the GUI's callable here, on the GUI thread: the server thread must not
            # hold (and later free) a reference to a Qt object its owner may delete
            self.on_event = _ignore
        if thread.is_alive():
            try:
                loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self._stop()))
            except RuntimeError:  # the loop is already closing
                pass
            else:
                thread.join(timeout)
        self._thread = None
        self._loop = None

    def join(self, timeout: float = 5.0) -> bool:
        """Wait for the server thread to end (tests); True once it has."""
        thread = self._thread_ended
        thread.join(timeout)
        return not thread.is_alive()

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
        quiet_logs()
        # keepalive_timeout: aiohttp closes a connection idle this long before or between
        # requests, half-sent headers included (slowloris)
        runner = web.AppRunner(app, access_log=None, handle_signals=False,
                               shutdown_timeout=1.0, keepalive_timeout=HEADER_TIMEOUT_S)
        await runner.setup()
        server = runner.server
        if server is not None:  # the socket budgets see every connection as it opens
            made, lost = server.connection_made, server.connection_lost
            server.connection_made = lambda handler, transport: (  # type: ignore[method-assign]
                made(handler, transport), self._opened(transport))[0]
            server.connection_lost = lambda handler, exc: (  # type: ignore[method-assign]
                lost(handler, exc), self.conns.pop(handler.transport, None)
                if handler.transport is not None else None)[0]
        site = web.TCPSite(runner, self.address, self.port, backlog=256)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._site = site
        sockets = getattr(site._server, "sockets", None) or []  # noqa: SLF001
        if sockets:
            self.port = sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        """Let go of the port, say bye to everyone at once, close, end the loop."""
        if self._stopping:
            return
        try:
            await self._shutdown()
        finally:
            asyncio.get_running_loop().stop()

    async def _shutdown(self) -> None:
        self._stopping = True
        site = getattr(self, "_site", None)
        listener = getattr(site, "_server", None)
        if listener is not None:
            listener.close()  # no new connections; the port is free for a restart
        bye = encode({"type": "bye", "reason": "stopped"})
        phones = list(self.phones.values())
        self.phones.clear()

        async def goodbye(phone: _Phone) -> None:
            phone.wake.set()
            with contextlib.suppress(Exception):
                await phone.ws.send_str(bye)
                await phone.ws.close(code=1001, message=b"stopped")

        if phones:
            await asyncio.wait([asyncio.ensure_future(goodbye(p)) for p in phones],
                               timeout=BYE_DEADLINE_S)
        for conn in list(self.conns.values()):  # whoever did not take the bye in time
            conn.transport.abort()
        if self._runner is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._runner.cleanup(), 1.0)
            self._runner = None

    # -- socket budgets (server thread) ------------------------------------------------------
    def _opened(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        address = peer[0] if isinstance(peer, tuple) and peer else ""
        now = time.monotonic()
        self.conns[transport] = _Conn(transport, address, now)  # type: ignore[arg-type]
        unproven = [c for c in self.conns.values() if not c.proven]
        mine = [c for c in unproven if c.address == address]
        over_total = len(self.conns) > self.max_devices + UNPROVEN_MAX
        if not (over_total or len(unproven) > max(UNPROVEN_MAX, self.unproven_per_address)
                or len(mine) > self.unproven_per_address):
            return
        # drop the oldest unproven connection of the address with the most of them
        counts: dict[str, int] = {}
        for c in unproven:
            counts[c.address] = counts.get(c.address, 0) + 1
        old = [c for c in unproven if now - c.opened >= UNPROVEN_GRACE_S]
        victim = min(old, key=lambda c: (-counts[c.address], c.opened), default=None)
        if victim is None and over_total:
            victim = self.conns[transport]  # nothing to make room with: not this one
        if victim is not None:
            self.refused += 1
            del self.conns[victim.transport]
            victim.transport.abort()

    def _prove(self, request: web.Request) -> None:
        conn = self.conns.get(request.transport) if request.transport else None
        if conn is not None:
            conn.proven = True

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

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        origin = request.headers.get("Origin", "")
        if origin.lower() != f"http://{self.address}:{self.port}".lower():
            self.refused += 1
            return web.Response(status=403, text="Wrong origin.")
        address = request.remote or ""
        ws = web.WebSocketResponse(heartbeat=20.0, max_msg_size=64 * 1024, autoping=False,
                                   timeout=1.0)
        await ws.prepare(request)
        # room-code guesses: WRONG_CODES_PER_MINUTE wrong ones per address; checked here
        # and again when the hello arrives (guesses sent at once are not even compared).
        # Over it, the refusal is said in the WebSocket, not as an HTTP status: a browser
        # cannot read why an upgrade failed, and an honest phone behind the same Wi-Fi as
        # the guesser would only say "connection lost" (its page says why, and waits)
        guesses = self.wrong_codes.get(address)
        if guesses.wait(time.monotonic()) > 0:
            await self._refuse(ws, "guesses", GUESSES_TEXT, close=True)
            return ws
        phone: _Phone | None = None
        try:
            phone = await self._hello(ws, address, guesses)
            if phone is None:
                return ws
            self._prove(request)
            phone.transport = request.transport
            await self._serve(phone)
        finally:
            if phone is not None:
                if self.phones.get(phone.device_id) is phone:
                    del self.phones[phone.device_id]
                    self._event(Left(phone.device_id))
                phone.direct.clear()
                phone.pending.clear()
                phone.wake.set()
            if not ws.closed:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(ws.close(), 1.0)
            if request.transport is not None and not request.transport.is_closing():
                request.transport.abort()  # its memory goes now, not after a close timeout
        return ws

    def _event(self, event: LiveEvent) -> bool:
        # after stop() returns nothing reaches on_event (its owner may be deleted while this
        # thread still says goodbye): the lock makes stop() wait for a call in flight
        with self._event_lock:
            if self._detached:
                return True
            return self.on_event(event) is not False

    async def _refuse(self, ws: web.WebSocketResponse, code: str, text: str,
                      seq: int | None = None, close: bool = False) -> None:
        self.refused += 1
        try:
            await ws.send_str(_error_text(code, text, seq))
            if close:
                await _close_for(ws, code)
        except (ConnectionError, RuntimeError):
            pass

    async def _hello(self, ws: web.WebSocketResponse, address: str,
                     guesses: TokenBucket) -> _Phone | None:
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
        if guesses.wait(time.monotonic()) > 0:  # over the budget: the code is not compared
            await self._refuse(ws, "guesses", GUESSES_TEXT, close=True)
            return None
        if hello.get("room") != self.room_code:
            guesses.take()
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
            # the cap counts phones connected now, so phones that left do not keep the room
            # full across a stop and restart; one address gets only so many new devices
            if len(self.phones) >= self.max_devices or \
                    len(self.tokens) >= self.max_devices * TOKENS_PER_DEVICE_SLOT:
                await self._refuse(ws, "full", "The room is full: ask the facilitator.",
                                   close=True)
                return None
            if not self.new_devices.take(address):
                await self._refuse(ws, "busy", "Too many new phones from this network at "
                                               "once: try again in a few seconds.", close=True)
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
        self._event(Joined(device_id, token, address))
        return phone

    async def _serve(self, phone: _Phone) -> None:
        sender = asyncio.ensure_future(self._sender(phone))
        bucket = self.buckets.get(phone.device_id)  # per device: survives a reconnect
        ws = phone.ws
        try:
            while not ws.closed and not phone.dropped:
                msg = await ws.receive()
                if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED,
                                WSMsgType.ERROR):
                    break
                if msg.type == WSMsgType.BINARY:  # phones never send binary: no replies
                    self._cut_off(phone, "format", "That message could not be read.")
                    break
                if self.phones.get(phone.device_id) is not phone:
                    break  # removed or replaced
                bucket.rate, bucket.burst = self.rate_per_s, self.rate_burst
                if not bucket.take():  # every frame kind counts: text, ping, pong
                    self.refused += 1
                    if bucket.refused >= FLOOD_CLOSE:
                        self._event(Trouble(f"A phone sent too much and was cut off "
                                            f"({phone.device_id})."))
                        self._cut_off(phone, "flood", "Too many messages.")
                        break
                    now = time.monotonic()
                    if msg.type == WSMsgType.TEXT and now - bucket.last_warned > 1.0:
                        bucket.last_warned = now
                        self._direct(phone, encode({"type": "error", "code": "slow",
                                                    "message": "Slow down a little."}))
                    continue
                if msg.type == WSMsgType.PING:
                    with contextlib.suppress(Exception):
                        await ws.pong(msg.data)
                    continue
                if msg.type != WSMsgType.TEXT:
                    continue  # a pong (to the heartbeat)
                self._text(phone, msg.data)
        finally:
            try:
                if phone.closing is not None and not phone.dropped:
                    try:  # what was queued, the refusal and the close, within the deadline
                        async with asyncio.timeout(SEND_TIMEOUT_S):
                            await asyncio.shield(sender)
                    except TimeoutError:
                        self._drop(phone, "slow")
            finally:  # (stopping the server cancels this wait: the sender ends with it)
                sender.cancel()

    def _cut_off(self, phone: _Phone, code: str, text: str) -> None:
        """End a phone's connection for what it sent: the acks and errors already queued
        for it go first, in order (a flood's "slow down" included), then this refusal and
        the close, all from its sender, the one task that writes to its socket."""
        self.refused += 1
        phone.direct.append(_error_text(code, text, None))
        phone.closing = code
        phone.wake.set()

    def _text(self, phone: _Phone, data: str) -> None:
        try:
            message = parse_message(data)
            if message.type == HELLO.name:
                raise ProtocolError("hello", "Already joined.")
            if not _same(message.token, phone.token):
                phone.bad_tokens += 1
                raise ProtocolError("token", "This phone's key does not match.")
        except ProtocolError as exc:
            self.refused += 1
            self._direct(phone, _error_text(exc.code, exc.text, seq_of(data)))
            if phone.bad_tokens >= 3:
                self._drop(phone, "token")
            return
        if not self._event(Arrived(phone.device_id, message, time.perf_counter())):
            self.refused += 1  # the GUI is that far behind: refused, nothing applied
            self._direct(phone, _error_text("busy", "lpdesk is busy: send it again in a "
                                                    "moment.", message.seq))

    def _direct(self, phone: _Phone, text: str) -> None:
        """An ack or error for the phone, in order; a phone that lets DIRECT_MAX of them
        pile up is not reading: it is dropped (its page reconnects when it can)."""
        if phone.dropped or phone.closing is not None:
            return
        if len(phone.direct) >= DIRECT_MAX:
            self._drop(phone, "slow")
            return
        phone.direct.append(text)
        phone.wake.set()

    def _drop(self, phone: _Phone, reason: str) -> None:
        phone.dropped = True
        phone.direct.clear()
        phone.pending.clear()
        phone.wake.set()
        if self.phones.get(phone.device_id) is phone:
            del self.phones[phone.device_id]
            self._event(Left(phone.device_id))
        if phone.transport is not None:
            phone.transport.abort()

    async def _sender(self, phone: _Phone) -> None:
        while not phone.ws.closed and not phone.dropped:
            await phone.wake.wait()
            phone.wake.clear()
            while phone.direct and not phone.dropped:
                await self._send_text(phone, phone.direct.popleft())
            if phone.closing is not None:
                with contextlib.suppress(ConnectionError, RuntimeError):
                    await _close_for(phone.ws, phone.closing)
                return
            frame = phone.frame()
            if frame is not None and not phone.dropped:
                await self._send_text(phone, frame)

    async def _send_text(self, phone: _Phone, text: str) -> None:
        if phone.ws.closed:
            return
        try:  # a deadline, not wait_for: no task made for every frame on the server thread
            async with asyncio.timeout(SEND_TIMEOUT_S):
                await phone.ws.send_str(text)
        except TimeoutError:  # it stopped reading: drop it rather than hold its frames
            self._drop(phone, "slow")
            return
        except (ConnectionError, RuntimeError):
            return
        self.bytes_out += len(text.encode("utf-8"))
        self.frames_out += 1

    def _publish(self, shared: dict[str, str], personal: dict[str, dict[str, str]]) -> None:
        self.shared.update(shared)
        if not shared:  # only some phones' own sections: wake only those phones
            for device_id, sections in personal.items():
                phone = self.phones.get(device_id)
                if phone is not None:
                    phone.pending.update(sections)
                    phone.wake.set()
            return
        for device_id, phone in self.phones.items():
            phone.pending.update(shared)
            phone.pending.update(personal.get(device_id, {}))
            phone.wake.set()

    def _send_direct(self, device_id: str, text: str) -> None:
        phone = self.phones.get(device_id)
        if phone is not None:
            self._direct(phone, text)

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


def _ignore(event: LiveEvent) -> bool:
    return True


async def _close_for(ws: web.WebSocketResponse, code: str) -> None:
    """Close `ws` with the close code (and reason) of the refusal `code`."""
    await ws.close(code=CLOSE_CODES.get(code, 4000), message=code.encode()[:100])


def _error_text(code: str, text: str, seq: int | None) -> str:
    payload: dict[str, Any] = {"type": "error", "code": code, "message": text}
    if seq is not None:
        payload["seq"] = seq
    return encode(payload)
