"""What does --anonymise cost? Building the summary of a 5,000-participant session with names
replaced must add well under a second to building it without, and no single step may hold
the interpreter (the GIL) for more than 50 ms, or the export dialog, which builds the summary
while the preview runs, freezes.

Measures the extra time (best of a few runs) and the longest single call into C while the
anonymised report is built (the old scrubber's one-alternative-per-name regex held the lock
for over a second in one substitution); also shown: the longest pause a ticking thread sees
and the longest garbage collection, both of which a loaded machine inflates.
Run: `python -m benchmarks.anonymise`.
"""
from __future__ import annotations

import gc
import os
import statistics
import sys
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PARTICIPANTS = 5000
EXTRA_TARGET_S = 0.5
HOLD_TARGET_MS = 50.0


def _session():
    from benchmarks.sessions import large_session

    session = large_session(seed=3, participants=PARTICIPANTS)
    # unique names, as in a real room: each participant a third name word of their own
    for i, p in enumerate(session.participants):
        p.name = f"{p.name} Ka{i:04d}lo"
    words = [p.name.split()[-1] for p in session.participants[::50]]
    session.notes = ("Notes naming people: " + ", ".join(words) + ". ") * 20
    return session


def _longest_pause(work) -> float:
    """The longest gap, in ms, between the ticks of a thread sleeping 1 ms while `work`
    runs: how long `work` kept the interpreter to itself at most."""
    stop = threading.Event()
    longest = [0.0]

    def tick() -> None:
        last = time.perf_counter()
        while not stop.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            longest[0] = max(longest[0], now - last)
            last = now

    ticker = threading.Thread(target=tick, daemon=True)
    ticker.start()
    time.sleep(0.01)
    try:
        work()
    finally:
        stop.set()
        ticker.join()
    return longest[0] * 1000


def _longest_c_call(work) -> float:
    """The longest single call into C, in ms, while `work` runs (the collector off: its
    pauses are measured apart)."""
    calls: list[float] = []
    longest = [0.0]

    def profile(_frame, event: str, _arg) -> None:
        if event == "c_call":
            calls.append(time.perf_counter())
        elif event in ("c_return", "c_exception") and calls:
            longest[0] = max(longest[0], time.perf_counter() - calls.pop())

    gc.collect()
    gc.disable()
    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
        gc.enable()
    return longest[0] * 1000


def _longest_collection(work) -> float:
    """The longest garbage collection, in ms, while `work` runs."""
    started, longest = [0.0], [0.0]

    def timer(phase: str, _info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            longest[0] = max(longest[0], time.perf_counter() - started[0])

    gc.callbacks.append(timer)
    try:
        work()
    finally:
        gc.callbacks.remove(timer)
    return longest[0] * 1000


def _best(func, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def run() -> list[dict]:
    from lpdesk.export.summary import build_report

    session = _session()
    build_report(session)  # warm-up: content files
    plain = _best(lambda: build_report(session), 3)
    anonymised = _best(lambda: build_report(session, anonymise=True), 3)
    extra = max(0.0, anonymised - plain)
    # A call into C (a regex substitution, a sort) keeps the interpreter lock to itself
    # until it returns: the longest such call is the longest freeze the anonymiser can
    # cause. Python code in between lets other threads run every few ms. The pause a
    # waiting thread sees is shown too, but on a shared machine the scheduler and Python's
    # garbage collector (which pauses any large report, anonymised or not) dominate it.
    longest_call = _longest_c_call(lambda: build_report(session, anonymise=True))
    pause = statistics.median(_longest_pause(lambda: build_report(session, anonymise=True))
                              for _ in range(3))
    collection = _longest_collection(lambda: build_report(session, anonymise=True))
    return [
        dict(name=f"anonymise, {PARTICIPANTS:,} participants: extra", value=round(extra, 3),
             unit="s", target=f"< {EXTRA_TARGET_S:g} s", ok=extra < EXTRA_TARGET_S),
        dict(name="anonymise: longest call holding the GIL", value=round(longest_call, 1),
             unit="ms", target=f"< {HOLD_TARGET_MS:g} ms", ok=longest_call < HOLD_TARGET_MS),
        dict(name="(pause a waiting thread saw, load incl.)", value=round(pause, 1),
             unit="ms", target="", ok=True),
        dict(name="(longest garbage collection meanwhile)", value=round(collection, 1),
             unit="ms", target="", ok=True),
    ]


if __name__ == "__main__":
    for r in run():
        mark = "ok" if r["ok"] else "SLOW"
        print(f"{r['name']:<46} {r['value']!s:>8} {r['unit']:<4} {r['target']:<9} {mark}")
