"""Simulated phones for the live tests: WebSocket clients on 127.0.0.1 only, read while the
Qt event loop keeps running (the GUI thread applies what the phones send)."""
from __future__ import annotations

import http.client
import json
import time
from typing import Any

from websockets.sync.client import connect


def pump(qtbot, ms: int = 10) -> None:
    qtbot.wait(ms)


class Phone:
    """One phone's WebSocket. Every frame received is kept (`frames`, raw text) so tests
    can search the whole traffic, e.g. for a hidden placement."""

    def __init__(self, qtbot, url: str, origin: str | None = None, **kw: Any) -> None:
        self.qtbot = qtbot
        host = url.split("//", 1)[1].rstrip("/")
        self.ws = connect(f"ws://{host}/ws", origin=origin or f"http://{host}",
                          open_timeout=5, **kw)
        self.frames: list[str] = []
        self.token: str | None = None
        self.sections: dict[str, Any] = {}
        self.seq = 0
        self.closed = False

    def send(self, payload: dict | str) -> int:
        if isinstance(payload, dict):
            payload = dict(payload)
            if payload.get("type") != "hello" and "token" not in payload and self.token:
                payload["token"] = self.token
            if "seq" not in payload:
                self.seq += 1
                payload["seq"] = self.seq
            text = json.dumps(payload)
        else:
            text = payload
        self.ws.send(text)
        return payload["seq"] if isinstance(payload, dict) else -1

    def _read(self) -> dict | None:
        try:
            text = self.ws.recv(timeout=0)
        except TimeoutError:
            return None
        except Exception:  # noqa: BLE001 - closed
            self.closed = True
            return None
        if isinstance(text, bytes):
            text = text.decode()
        self.frames.append(text)
        message = json.loads(text)
        if message.get("type") == "welcome":
            self.token = message["token"]
        if message.get("type") == "state":
            self.sections.update(message["sections"])
        return message

    def wait_for(self, predicate, timeout: float = 5.0) -> dict:
        """Pump Qt and read until a message satisfies `predicate`; return it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while True:
                message = self._read()
                if message is None:
                    break
                if predicate(message):
                    return message
            if self.closed:
                raise AssertionError(f"closed; frames: {self.frames[-3:]}")
            pump(self.qtbot, 5)
        raise AssertionError(f"timed out; last frames: {self.frames[-3:]}")

    def wait_type(self, kind: str, timeout: float = 5.0, **fields: Any) -> dict:
        return self.wait_for(lambda m: m.get("type") == kind and all(
            m.get(k) == v for k, v in fields.items()), timeout)

    def wait_section(self, name: str, predicate=lambda s: True, timeout: float = 5.0) -> dict:
        """The section as the phone has it once `predicate` holds (maybe already)."""
        def holds(section) -> bool:
            try:
                return bool(predicate(section))
            except (TypeError, KeyError):  # e.g. no placement yet
                return False

        if name in self.sections and holds(self.sections[name]):
            return self.sections[name]
        self.wait_for(lambda m: m.get("type") == "state" and name in m["sections"]
                      and holds(m["sections"][name]), timeout)
        return self.sections[name]

    def drain(self, ms: int = 150) -> None:
        deadline = time.monotonic() + ms / 1000
        while time.monotonic() < deadline:
            while self._read() is not None:
                pass
            pump(self.qtbot, 5)

    def wait_closed(self, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.closed:
            self._read()
            pump(self.qtbot, 5)
        assert self.closed, "the connection stayed open"

    def hello(self, code: str, token: str | None = None) -> dict:
        payload: dict[str, Any] = {"type": "hello", "room": code}
        if token:
            payload["token"] = token
        self.ws.send(json.dumps(payload))
        return self.wait_for(lambda m: m.get("type") in ("welcome", "error"))

    def join(self, code: str, participant: str | None = None, **claim: Any) -> Phone:
        assert self.hello(code)["type"] == "welcome"
        self.wait_section("people")
        if participant is not None or claim:
            seq = self.send({"type": "claim", **({"participant": participant}
                                                 if participant else {}), **claim})
            self.wait_type("ack", seq=seq)
        return self

    def place(self, area: str, which: str, value: float | None) -> dict:
        seq = self.send({"type": "place", "area": area, "which": which, "value": value})
        return self.wait_for(lambda m: m.get("seq") == seq)

    def close(self) -> None:
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001
            pass


def http_get(url: str, path: str = "/", headers: dict[str, str] | None = None
             ) -> tuple[int, dict[str, str], bytes]:
    host = url.split("//", 1)[1].rstrip("/")
    name, port = host.rsplit(":", 1)
    conn = http.client.HTTPConnection(name, int(port), timeout=5)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        all_headers = {"Host": host, **(headers or {})}
        for k, v in all_headers.items():
            if v is not None:
                conn.putheader(k, v)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()
