"""The GUI thread's garbage collector over an evening of phones' traffic (issue 28).

While a phones' server runs, Python's collector runs on a GUI-thread timer
(`GuiThreadGc`, ui/live/gui_thread.py). What a room leaves behind stays alive all evening:
every answer, placement and phones' command on the undo stack. The 200-phone quiz burst
left about 12,700 such objects for some 4 s of traffic, some 3,000 a second. A collection
of the oldest generation that walked all of them took longer every time, a stall that grew
through the evening.

Here that evening is compressed: ticks of the collector's timer (100 ms of traffic each)
that each keep 450 objects (a tuple of a dict and a list, 150 times) and drop 3,000. The
collector runs once per tick, as its timer would. 1,000 ticks: 100 s of busy traffic,
450,000 kept objects, four to eight collections of the oldest generation.
Printed: the longest of those collections (target < 16 ms: a frame), the first and the last
(the last about the first or less; when everything since the server's start was walked
each time, the last was 7-11 times the first: 45-71 ms).
Run: `python -m benchmarks.live_collector`.
"""
from __future__ import annotations

import gc
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TICKS = 1000
KEPT = 150  # (dict, list) tuples kept per tick: 450 objects
DROPPED = 3000  # objects made and dropped per tick
TARGET_MS = 16.0


def run(quick: bool = False) -> list[dict]:
    from PySide6.QtWidgets import QApplication

    from lpdesk.ui.base.frames import BREATH_MS
    from lpdesk.ui.live.gui_thread import GuiThreadGc

    app = QApplication.instance() or QApplication([])
    keeper = GuiThreadGc()
    keeper.acquire()  # as a server's start does: collect, freeze, collect on the timer
    keeper.timer.stop()  # ticked here instead, once per 100 ms of compressed traffic
    full: list[float] = []
    started = [0.0]

    def clock(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        elif info["generation"] == 2:
            full.append((time.perf_counter() - started[0]) * 1000)

    kept: list[list] = []
    gc.callbacks.append(clock)
    try:
        for tick in range(TICKS // 4 if quick else TICKS):
            kept.append([({"answer": tick, "at": i}, [i]) for i in range(KEPT)])
            dropped = [[i] for i in range(DROPPED)]
            del dropped
            time.sleep(BREATH_MS / 1000 + 0.0005)  # the collection takes its turn
            keeper.collect()
            app.processEvents()
    finally:
        gc.callbacks.remove(clock)
        keeper.release()
    objects = sum(len(k) for k in kept) * 3  # each pair: a tuple, a dict and a list
    del kept
    gc.collect()

    def fig(what: str, value: float, unit: str, target=None) -> dict:
        return {"name": f"collector over an evening's phones' traffic: {what}",
                "value": round(value, 2), "unit": unit,
                "target": target if target is not None else "",
                "ok": True if target is None else value <= target}

    if not full:
        return [fig("collections of the oldest generation", 0, "collections")]
    return [
        fig(f"longest collection of the oldest generation ({len(full)} in all, "
            f"{objects:,} objects kept)", max(full), "ms", TARGET_MS),
        fig("the first of them", full[0], "ms"),
        fig("the last of them (about the first or less: it walks what came since the one "
            "before)", full[-1], "ms"),
    ]

if __name__ == "__main__":
    from benchmarks.proc import print_result

    print_result(run())
