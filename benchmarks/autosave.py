"""Autosave cost: the snapshot on the GUI thread (serialising the session to the recovery
file's text) and the disk part on the worker thread (atomic write with fsync), for the demo
and a 1,000-participant session (benchmarks/sessions.py). `python -m benchmarks.autosave`.

The snapshot is what the window feels; the target keeps it well under a frame at 60 Hz for
a real workshop and under the ~50 ms "nothing blocks" rule for the extreme session.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.sessions import large_session
from lpdesk.demo import demo_session
from lpdesk.storage.recovery import RecoveryFile

REPEATS = 15
TARGETS_MS = {"demo": 5.0, "1,000 participants": 50.0}


def _median_ms(func, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(quick: bool = False) -> list[dict]:
    repeats = 5 if quick else REPEATS
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        file = RecoveryFile(Path(folder))
        for name, session in (("demo", demo_session()),
                              ("1,000 participants", large_session())):
            text = file.encode(session, None, None)
            encode = _median_ms(lambda s=session: file.encode(s, None, None), repeats)
            write = _median_ms(lambda t=text: file.write_text(t), repeats)
            rows += [
                {"name": f"autosave snapshot, {name} (GUI thread)", "value": round(encode, 2),
                 "unit": "ms", "target": TARGETS_MS[name], "ok": encode < TARGETS_MS[name],
                 "size_kb": round(len(text.encode()) / 1024)},
                {"name": f"autosave write+fsync, {name} (worker thread)",
                 "value": round(write, 2), "unit": "ms", "target": "", "ok": True},
            ]
        file.close()
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        size = f"  ({row['size_kb']} KB)" if "size_kb" in row else ""
        print(f"{row['name']:<52} {row['value']:>8} {row['unit']}  target {row['target']}"
              f"{size}")
