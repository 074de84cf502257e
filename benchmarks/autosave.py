"""Autosave cost: the snapshot on the GUI thread (storage.capture copies the session's state),
the JSON text and the disk part on the worker thread (atomic write with fsync), for the demo,
a 1,000-participant session and the largest session lpdesk promises (benchmarks/sessions.py).
`python -m benchmarks.autosave`.

The snapshot is what the window feels; the target keeps it well under a frame at 60 Hz for
a real workshop and under the ~50 ms "nothing blocks" rule for the extreme session. The
worker's text is made while the GUI runs, so the longest call into C it makes (which keeps
the interpreter lock, and so the GUI thread, waiting) must fit in a frame too.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.anonymise import _longest_c_call
from benchmarks.sessions import large_session, maximum_session
from lpdesk.demo import demo_session
from lpdesk.storage.recovery import RecoveryFile

REPEATS = 15
TARGETS_MS = {"demo": 5.0, "1,000 participants": 50.0, "largest session": 50.0}
HOLD_TARGET_MS = 16.0


def _median_ms(func, repeats: int) -> tuple[float, float]:
    """Median wall-clock and median CPU time of this thread, in ms."""
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.thread_time()
        func()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    return statistics.median(times), statistics.median(cpu)


def run(quick: bool = False) -> list[dict]:
    repeats = 5 if quick else REPEATS
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        file = RecoveryFile(Path(folder))
        for name, session in (("demo", demo_session()),
                              ("1,000 participants", large_session()),
                              ("largest session", maximum_session())):
            runs = repeats if name != "largest session" else max(3, repeats // 3)
            snapshot = file.snapshot(session, None, None)
            text = snapshot.text()
            snap, snap_cpu = _median_ms(lambda s=session: file.snapshot(s, None, None), runs)
            encode, _ = _median_ms(snapshot.text, runs)
            write, _ = _median_ms(lambda t=text: file.write_text(t), runs)
            target = TARGETS_MS[name]
            rows += [
                {"name": f"autosave snapshot, {name} (GUI thread)", "value": round(snap, 2),
                 "unit": "ms", "target": target, "ok": snap < target,
                 "raw": f"cpu {snap_cpu:.1f} ms", "size_kb": round(len(text.encode()) / 1024)},
                {"name": f"autosave JSON text, {name} (worker thread)",
                 "value": round(encode, 2), "unit": "ms", "target": "", "ok": True},
                {"name": f"autosave write+fsync, {name} (worker thread)",
                 "value": round(write, 2), "unit": "ms", "target": "", "ok": True},
            ]
            if name == "largest session":
                hold = statistics.median(_longest_c_call(snapshot.text) for _ in range(3))
                rows.append({"name": "autosave worker, largest session: longest call "
                             "holding the GIL", "value": round(hold, 1), "unit": "ms",
                             "target": HOLD_TARGET_MS, "ok": hold < HOLD_TARGET_MS})
        file.close()
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        size = f"  ({row['size_kb']} KB)" if "size_kb" in row else ""
        raw = f"  ({row['raw']})" if row.get("raw") else ""
        print(f"{row['name']:<60} {row['value']:>8} {row['unit']}  target {row['target']}"
              f"{raw}{size}")
