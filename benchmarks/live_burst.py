"""Phones in a burst: 40 and 200 simulated phones (WebSocket clients on 127.0.0.1, in a child
process so they do not share the app's interpreter) join at once, then each places now and
target at the same moment, while the facilitator's continuum page is shown at 1280x720.

Measured in the app: time until all joined; latency from a phone's send to the model
updated and to the facilitator's page repainted (median, p95; issue 28's goals: repainted
p95 < 50 ms at 40 phones and < 100 ms at 200, so the model, which comes first, within the
same); the longest GUI-thread stall during the burst (a 2 ms heartbeat timer's longest gap;
goal < 16 ms: a frame) and the longest batch of phones' messages applied on the GUI thread
(goal < 8 ms: half a frame, the rest is the window's) and phones' snapshot (< 16 ms); bytes
a phone downloads to join (page, style, script gzipped as served, plus the welcome and
first state frames) and per update; the app's extra memory with 200 phones.
Clock: time.perf_counter is CLOCK_MONOTONIC on Linux, shared by processes.
Run: `python -m benchmarks.live_burst`.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOALS_P95 = {40: 50.0, 200: 100.0}  # send -> repainted (and -> model), issue 28
STALL_MS = 16.0  # a frame: the longest stall and the longest snapshot
BATCH_MS = 8.0  # the longest batch: half a frame, the window gets the rest


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class GcClock:
    """The garbage collections on the GUI thread while it is on (gc.callbacks): their
    longest and their total, in ms."""

    def __init__(self) -> None:
        import threading
        self.thread = threading.get_ident()
        self.longest = self.total = 0.0
        self._start = 0.0

    def __enter__(self) -> GcClock:
        import gc
        gc.callbacks.append(self._seen)
        return self

    def __exit__(self, *_exc) -> None:
        import gc
        gc.callbacks.remove(self._seen)

    def _seen(self, phase: str, _info: dict) -> None:
        import threading
        if threading.get_ident() != self.thread:
            return
        if phase == "start":
            self._start = time.perf_counter()
        else:
            ms = (time.perf_counter() - self._start) * 1000
            self.longest, self.total = max(self.longest, ms), self.total + ms


def _schedstat() -> tuple[float, float, int] | None:
    """This thread's (CPU ms, ms ready to run but waiting for a core, times it was switched
    in), as the Linux kernel counts them; None elsewhere. The CPU figure of a running thread
    is only brought up to date at the scheduler's tick: for short spans use thread_time."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as f:
            on_cpu, waiting, slices = f.read().split()
    except (OSError, ValueError):
        return None
    return int(on_cpu) / 1e6, int(waiting) / 1e6, int(slices)


class SliceClock:
    """The longest phones' slice (LiveController._drain) taken apart by the kernel's
    accounting of the GUI thread (Linux): its CPU; the time it was ready to run but waited
    for a core (the run queue: this process's server thread, the simulated phones' process
    and the machine's other programs all want the same cores); and the rest of its wall
    time, when it slept: waiting for the interpreter lock, which the server thread held.
    Entered before the controller is made (its timers connect to the method it patches)."""

    def __init__(self) -> None:
        self.longest: dict[str, float] = {}
        self._real = None

    def __enter__(self) -> SliceClock:
        from lpdesk.ui.live.controller import LiveController
        self._real = real = LiveController._drain
        clock = self

        def drain(controller) -> None:
            before, start, cpu_start = _schedstat(), time.perf_counter(), time.thread_time()
            try:
                real(controller)
            finally:
                wall = (time.perf_counter() - start) * 1000
                cpu = (time.thread_time() - cpu_start) * 1000  # exact (schedstat's CPU
                after = _schedstat()  # lags by up to a tick); its waits are counted at once
                if before and after and wall > clock.longest.get("wall", -1.0):
                    queue = after[1] - before[1]
                    clock.longest = dict(wall=wall, cpu=cpu, queue=queue,
                                         asleep=max(0.0, wall - cpu - queue),
                                         switches=after[2] - before[2])

        LiveController._drain = drain
        return self

    def __exit__(self, *_exc) -> None:
        from lpdesk.ui.live.controller import LiveController
        LiveController._drain = self._real

    def rows(self, fig) -> list[dict]:
        if not self.longest:
            return []
        t = self.longest
        return [fig("longest slice, as the kernel saw it: wall / CPU / waiting for a core "
                    "/ asleep (the interpreter lock)", t["wall"], "ms") | dict(
                        raw=f"CPU {t['cpu']:.1f}, run queue {t['queue']:.1f}, asleep "
                            f"{t['asleep']:.1f} ms; switched in {t['switches']} times")]


def batch_rows(controller, gc_clock: GcClock, fig) -> list[dict]:
    """The longest batch taken apart (the controller's figures; code without them, e.g. an
    older lpdesk measured with this file, shows only the garbage collections)."""
    rows = []
    for attribute, what in (
            ("longest_apply_ms", "longest batch: inside SessionDocument.apply (the model "
                                 "and the views that still redraw at once)"),
            ("longest_own_ms", "longest batch: the pipeline's own part (reading, checks, "
                               "acks)"),
            ("longest_drain_cpu_ms", "longest batch: GUI-thread CPU (thread_time; the rest "
                                     "is waiting for the GIL or a core)"),
            ("longest_after_ms", "longest from a slice's end until the window redrew "
                                 "(FrameRefresh views, paint)")):
        value = getattr(controller, attribute, None)
        if value is not None:
            rows.append(fig(what, value, "ms"))
    rows.append(fig("longest garbage collection on the GUI thread", gc_clock.longest, "ms"))
    return rows


class PhonesChild:
    """The simulated phones' child process (`python -m MODULE --phones OUT ARGS...`). It
    writes its result (JSON) to the file OUT and its complaints to a file, never to a pipe:
    the parent reads nothing while the burst runs, and a result past a pipe's 64 KB (the
    quiz's 2,600 sends) blocked the child on its last write until the parent's deadline, so
    every quiz run took 120 s."""

    def __init__(self, module: str, *args: str) -> None:
        import tempfile
        self._dir = tempfile.TemporaryDirectory(prefix="lpdesk-phones-")
        self.out = os.path.join(self._dir.name, "result.json")
        self._err = open(os.path.join(self._dir.name, "stderr.txt"), "w+",  # noqa: SIM115
                         encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, "--phones", self.out, *args],
            stdout=subprocess.DEVNULL, stderr=self._err, text=True, env=dict(os.environ))

    def poll(self) -> int | None:
        return self.process.poll()

    def result(self, timeout: float = 30.0) -> dict:
        """What the child wrote once it ended; RuntimeError with its error output if none."""
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        try:
            with open(self.out, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            self._err.seek(0)
            raise RuntimeError(f"the phones failed: {self._err.read()[-500:]}") from None
        finally:
            self._err.close()
            self._dir.cleanup()


def write_result(path: str, result: dict) -> None:
    """The child's side of PhonesChild: the result, whole, in one go."""
    with open(path + ".part", "w", encoding="utf-8") as f:
        json.dump(result, f)
    os.replace(path + ".part", path)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else float("nan")


async def claim(ws, token: str, pid: str) -> None:
    """A simulated phone takes participant `pid` and waits for lpdesk's ack (seq 1)."""
    await ws.send(json.dumps({"type": "claim", "token": token, "seq": 1,
                              "participant": pid}))
    while True:
        m = json.loads(await ws.recv())
        if m.get("type") == "ack" and m.get("seq") == 1:
            return


# -- the phones (child process) ---------------------------------------------------------
async def _phones(url: str, code: str, ids: list[str], area: str) -> dict:
    import asyncio

    import websockets

    host = url.split("//")[1].rstrip("/")
    n = len(ids)
    joined = asyncio.Event()
    count = {"joined": 0}
    go = asyncio.Event()
    sends: list[tuple[str, int, float]] = []
    join_bytes: list[int] = []
    update_bytes: list[int] = []
    done = {"acks": 0}
    t0 = time.perf_counter()
    times: dict[str, float] = {}

    async def phone(pid: str) -> None:
        async with websockets.connect(f"ws://{host}/ws", origin=f"http://{host}",
                                      max_queue=None) as ws:
            await ws.send(json.dumps({"type": "hello", "room": code}))
            welcome = await ws.recv()
            w = json.loads(welcome)
            token, device = w["token"], w["device"]
            received = len(welcome.encode())
            while True:  # what a phone needs to show the names: the room and the people
                text = await ws.recv()
                received += len(text.encode())
                if '"people"' in text:
                    break
            join_bytes.append(received)
            await claim(ws, token, pid)
            count["joined"] += 1
            if count["joined"] == n:
                times["all_joined"] = time.perf_counter()
                joined.set()
            await go.wait()
            for seq, which, value in ((2, "now", 30.0 + (hash(pid) % 20)),
                                      (3, "target", 60.0 + (hash(pid) % 30))):
                sends.append((device, seq, time.perf_counter()))
                await ws.send(json.dumps({"type": "place", "token": token, "seq": seq,
                                          "area": area, "which": which, "value": value}))
            acked = 0
            end = time.perf_counter() + 30
            while time.perf_counter() < end:
                try:
                    text = await asyncio.wait_for(ws.recv(), 1.0)
                except TimeoutError:
                    if acked == 2:
                        break
                    continue
                m = json.loads(text)
                if m.get("type") == "state":
                    update_bytes.append(len(text.encode()))
                if m.get("type") == "ack" and m.get("seq") in (2, 3):
                    acked += 1
                    done["acks"] += 1

    async def starter() -> None:
        await joined.wait()
        await asyncio.sleep(0.3)  # joining settled: the burst is placements only
        times["burst"] = time.perf_counter()
        go.set()

    await asyncio.gather(starter(), *(phone(pid) for pid in ids))
    return {"t0": t0, "all_joined": times.get("all_joined"), "burst": times.get("burst"),
            "sends": sends, "join_bytes": join_bytes, "update_bytes": update_bytes,
            "acks": done["acks"]}


def _phones_main(argv: list[str]) -> None:
    import asyncio

    out, url, code, area, ids_json = argv
    write_result(out, asyncio.run(_phones(url, code, json.loads(ids_json), area)))


# -- the app ------------------------------------------------------------------------------
@dataclass
class Stage:
    """What the facilitator has on screen during a burst."""
    view: object  # the continuum canvas whose repaints count as "the page repainted"
    close: Callable[[], object]
    label: str  # the figures' names start with it
    rows: Callable[[Callable, float], list[dict]] = lambda _fig, _burst: []  # its own figures
    painted: str = "facilitator's page"  # what `view` is, in the figures' names


def continuum_page(app, doc) -> Stage:
    """The plain burst's stage: the facilitator's continuum page alone, at 1280x720."""
    from lpdesk.ui.continuum.page import ContinuumPage

    page = ContinuumPage(doc)
    page.resize(1280, 720)
    page.show()
    app.processEvents()
    return Stage(page.plot.view, page.close, "live")


class Heartbeat:
    """A 2 ms timer on the GUI thread: its longest gap is the longest stall. Each beat also
    notes the GUI thread's CPU time, so the stall splits into the thread's own work and the
    rest (ready but without a core, or waiting for the interpreter lock)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.beats: list[tuple[float, float]] = []  # (perf_counter, thread_time)
        self.timer = QTimer(interval=2)
        self.timer.timeout.connect(
            lambda: self.beats.append((time.perf_counter(), time.thread_time())))

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def longest(self, since: float = 0.0) -> tuple[float, float]:
        """(the longest gap between beats from `since` on, the GUI thread's CPU in it), ms."""
        window = [b for b in self.beats if b[0] >= since]
        best = (0.0, 0.0)
        for (a, cpu_a), (b, cpu_b) in zip(window, window[1:], strict=False):
            gap = (b - a) * 1000 - 2
            if gap > best[0]:
                best = (gap, (cpu_b - cpu_a) * 1000)
        return best

    def rows(self, fig, since: float = 0.0) -> list[dict]:
        stall, cpu = self.longest(since)
        return [fig("longest GUI-thread stall during the burst", stall, "ms", STALL_MS),
                fig("longest stall: the GUI thread's CPU in it (the rest: no core, or the "
                    "interpreter lock)", cpu, "ms")]


class PaintClock:
    """Times each repaint of `view` (an event filter that paints it itself)."""

    def __init__(self, view) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.paints: list[tuple[float, float]] = []  # (start, end) of each repaint
        paints = self.paints

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802
                if event.type() == QEvent.Type.Paint:
                    start = time.perf_counter()
                    view.event(event)
                    paints.append((start, time.perf_counter()))
                    return True
                return False

        self._filter = Filter()
        view.installEventFilter(self._filter)


def _burst(app, n: int, stage: Callable[..., Stage] = continuum_page) -> list[dict]:
    """`stage(app, doc)` shows what the facilitator has on screen (see continuum_page)."""

    from lpdesk.content.defaults import new_session
    from lpdesk.document import SessionDocument
    from lpdesk.live.server import PAGE_FILES, StaticFile, phone_folder
    from lpdesk.ui.live.controller import LiveController

    session = new_session()
    session.participants.extend(session.new_participants([f"Participant {i + 1}"
                                                          for i in range(n)]))
    doc = SessionDocument(session)
    shown = stage(app, doc)
    clock = PaintClock(shown.view)
    paints = clock.paints
    rss_before = _rss_mb()
    slices = SliceClock().__enter__()  # before the controller: its timers connect to _drain
    controller = LiveController(doc)
    # the simulated phones all come from 127.0.0.1; a room's phones each have their own
    # address, which the per-address cap on new phones is about (live/server.py)
    controller.new_devices_per_address = 1000
    url = controller.start("127.0.0.1", 0)
    model_at: dict[tuple[str, int], float] = {}
    controller.applied.connect(lambda rows: model_at.update(
        {(d, s): t_model for d, s, _t, t_model in rows}))
    heart = Heartbeat()
    heart.start()
    ids = [p.id for p in session.participants]
    child = PhonesChild("benchmarks.live_burst", url, controller.room.code,
                        session.continuum.current_area.id, json.dumps(ids))
    rss_joined = 0.0
    deadline = time.monotonic() + 120
    with GcClock() as gc_clock:
        while child.poll() is None and time.monotonic() < deadline:
            app.processEvents()
            if not rss_joined and len(controller.room.devices) == n:
                rss_joined = _rss_mb()
            time.sleep(0.0005)
    heart.stop()
    slices.__exit__()
    result = child.result()
    rss_end = _rss_mb()
    controller.stop()
    shown.close()

    to_model, to_paint = [], []
    for device, seq, t_send in result["sends"]:
        t_model = model_at.get((device, seq))
        if t_model is None:
            continue
        to_model.append((t_model - t_send) * 1000)
        painted = next((end for start, end in paints if start >= t_model), None)
        if painted is not None:
            to_paint.append((painted - t_send) * 1000)
    burst = result["burst"] or 0.0
    page_bytes = sum(len(StaticFile.load(phone_folder() / name).gzipped)
                     for name in PAGE_FILES)
    join_frames = statistics.median(result["join_bytes"]) if result["join_bytes"] else 0
    per_update = statistics.median(result["update_bytes"]) if result["update_bytes"] else 0
    goal = GOALS_P95[n]

    def fig(name: str, value: float, unit: str, target=None) -> dict:
        ok = True if target is None else value <= target
        return {"name": f"{shown.label} {n} phones: {name}", "value": round(value, 2),
                "unit": unit,
                "target": target if target is not None else "", "ok": ok}

    rows = [
        fig("all joined (from the first connect)", (result["all_joined"] - result["t0"])
            * 1000, "ms", 5000.0),
        fig("send -> model updated, median", statistics.median(to_model), "ms", goal),
        fig("send -> model updated, p95", _pct(to_model, 0.95), "ms", goal),
        fig(f"send -> {shown.painted} repainted, median", statistics.median(to_paint),
            "ms", goal),
        fig(f"send -> {shown.painted} repainted, p95", _pct(to_paint, 0.95), "ms", goal),
        *heart.rows(fig, burst),
        fig("longest batch applied on the GUI thread", controller.longest_drain_ms, "ms",
            BATCH_MS),
        fig("longest phones' snapshot built on the GUI thread", controller.longest_flush_ms,
            "ms", STALL_MS),
        *batch_rows(controller, gc_clock, fig),
        *slices.rows(fig),
        fig(f"longest repaint of the {shown.painted} (part of the stall)",
            max((e - b) * 1000 for b, e in paints if b >= burst) if paints else 0.0, "ms"),
        fig("placements applied", len(to_model), "of " + str(2 * n)),
        fig("bytes to join (page+css+js gzipped, welcome, room and names)",
            page_bytes + join_frames, "bytes", 60000.0),
        fig("bytes per update frame to a phone, median", per_update, "bytes"),
        fig("state frames all phones received after joining (coalesced)",
            len(result["update_bytes"]), "frames"),
    ]
    rows.extend(shown.rows(fig, burst))
    if n == 200:
        rows.append(fig("extra app memory with 200 phones joined",
                        max(rss_joined, rss_end) - rss_before, "MB", 100.0))
    return rows


def run(quick: bool = False) -> list[dict]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("lpdesk-benchmark")
    QCoreApplication.setApplicationName("live-burst")
    rows: list[dict] = []
    for n in ((40,) if quick else (40, 200)):
        rows.extend(_burst(app, n))
    return rows


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--phones":
        _phones_main(sys.argv[2:])
    else:
        for r in run():
            target = f" (target < {r['target']:g})" if isinstance(r["target"], float) else ""
            print(f"{r['name']}: {r['value']:g} {r['unit']}{target} "
                  f"{'ok' if r['ok'] else 'MISSED'}")
