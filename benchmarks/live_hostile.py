"""A hostile phone against the phones' server (issue 24), on 127.0.0.1: honest joins while
230 WebSockets sit silent (goal: all of 27 join); the GUI's stall when the facilitator stops
the server with 30 phones that stopped reading (goal < 100 ms: the bye goes out off the GUI
thread); bytes the server sends per message while one phone claims and releases names with
30 phones still choosing from 212 names (goal < 100 KB; it was ~420 KB: the whole list to
every choosing phone on every message). Run: `python -m benchmarks.live_hostile`.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

STOP_MS = 100.0
BYTES_KB = 100.0


def _pump(seconds: float) -> None:
    from PySide6.QtCore import QCoreApplication
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.002)


def _controller(names: int):
    from lpdesk.demo import demo_session
    from lpdesk.document import SessionDocument
    from lpdesk.ui.live.controller import LiveController
    s = demo_session()
    s.participants.extend(s.new_participants([f"Person {i}" for i in range(names)]))
    c = LiveController(SessionDocument(s))
    c.start("127.0.0.1", 0)
    return c


def _joined(c, rcvbuf: int | None = None):
    """A raw phone that said hello (its token read on a thread while Qt runs)."""
    from hostile_client import RawSocket
    r = RawSocket(c.url, rcvbuf=rcvbuf)
    r.text({"type": "hello", "room": c.room.code})
    got: list[dict] = []
    t = threading.Thread(target=lambda: got.extend(
        r.messages(5, until=lambda f: any(op == 1 for op, _ in f))))
    t.start()
    while t.is_alive():
        _pump(0.01)
    r.token = next((m["token"] for m in got if m.get("type") == "welcome"), None)
    return r


def _silent() -> dict:
    from hostile_client import RawSocket
    c = _controller(10)
    silent = []
    for _ in range(230):
        try:
            silent.append(RawSocket(c.url, timeout=2))
        except OSError:
            pass
    _pump(0.3)
    ok = 0
    for _ in range(27):
        try:
            r = _joined(c)
            ok += r.token is not None
            r.close()
        except OSError:
            pass
    for s in silent:
        s.close()
    c.stop()
    return {"name": "honest joins under 230 silent WebSockets", "value": ok, "unit": "of 27",
            "target": 27.0, "ok": ok == 27}


def _stop() -> dict:
    c = _controller(200)
    dead = [_joined(c, rcvbuf=1024) for _ in range(30)]
    churn = _joined(c)
    pids = [p.id for p in c.doc.session.participants]
    for i in range(30):  # fill their buffers: the list of names changes with each claim
        churn.text({"type": "claim", "participant": pids[i], "token": churn.token})
        _pump(0.05)
        churn.text({"type": "release", "token": churn.token})
        _pump(0.05)
    start = time.perf_counter()
    c.stop()
    ms = (time.perf_counter() - start) * 1000
    for r in dead:
        r.close()
    return {"name": "GUI stall on stop, 30 phones not reading", "value": round(ms, 1),
            "unit": "ms", "target": STOP_MS, "ok": ms < STOP_MS}


def _bytes() -> dict:
    c = _controller(200)
    readers = [_joined(c) for _ in range(30)]
    done = threading.Event()

    def drain() -> None:
        while not done.is_set():
            for r in readers:
                r.read_frames(0.01)

    t = threading.Thread(target=drain, daemon=True)
    t.start()
    _pump(1.0)
    hostile = _joined(c)
    pids = [p.id for p in c.doc.session.participants]
    start, n = c.server.bytes_out, 20
    for i in range(n):
        hostile.text({"type": "claim", "participant": pids[i], "token": hostile.token})
        _pump(0.07)
        hostile.text({"type": "release", "token": hostile.token})
        _pump(0.07)
    _pump(1.2)
    kb = (c.server.bytes_out - start) / (2 * n) / 1000
    done.set()
    c.stop()
    return {"name": "bytes sent per claim/release, 30 choosing", "value": round(kb, 1),
            "unit": "KB", "target": BYTES_KB, "ok": kb < BYTES_KB}


def run(quick: bool = False) -> list[dict]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("lpdesk-benchmark")
    QCoreApplication.setApplicationName("live-hostile")
    return [_silent(), _stop(), _bytes()]


if __name__ == "__main__":
    for r in run():
        print(f"{r['name']}: {r['value']:g} {r['unit']} (target {r['target']:g}) "
              f"{'ok' if r['ok'] else 'MISSED'}")
