"""Is the continuum smooth with 200 participants (400 markers, 200 arrows)?

Renders the continuum page offscreen at 1280x720 and times, per frame:
- a drag step: the grabbed marker follows the mouse and the plot repaints (the path a mouse
  move takes during a drag; nothing is pushed until release);
- a keyboard step: an arrow key pushes one undo command, the model announces it, the page
  re-renders every marker and the summary, and the plot repaints;
- the drop at the end of a drag (one command, full re-render, repaint).
Target: under 16 ms per frame (60 frames a second). Run: `python -m benchmarks.continuum_frame`.
Each figure also shows the GUI thread's CPU time (`cpu N ms`): on a shared machine the wall
clock includes waiting for a core; the CPU time is the frame's own cost.
"""
from __future__ import annotations

import os
import random
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 16.0
PEOPLE = 200
FRAMES = 120
DRAGS = 10


def _session(people: int = PEOPLE):
    from lpdesk.content.defaults import new_session
    from lpdesk.model.continuum import Placement

    rnd = random.Random(7)
    s = new_session()
    area = s.continuum.areas[0]
    for i in range(people):
        p = s.new_participant(f"Participant {i + 1}")
        s.participants.append(p)
        now = min(100.0, max(0.0, rnd.gauss(35, 15)))
        area.placements[p.id] = Placement(round(now, 1),
                                          round(min(100.0, now + rnd.uniform(0, 35)), 1))
    area.consensus = Placement(35.0, 60.0)
    return s


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def run() -> list[dict]:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from lpdesk.document import SessionDocument
    from lpdesk.ui.continuum.page import ContinuumPage

    doc = SessionDocument(_session())
    t0 = time.perf_counter()
    page = ContinuumPage(doc)
    page.resize(1280, 720)
    page.show()
    app.processEvents()
    first_ms = (time.perf_counter() - t0) * 1000
    plot = page.plot
    subject = doc.session.participants[PEOPLE // 2].id
    row = [r.key for r in plot.rows].index(subject)
    start = doc.session.continuum.current_area.placements[subject].now

    from PySide6.QtCore import QPointF
    drag: list[float] = []
    drops: list[float] = []
    cpu: dict[str, list[float]] = {"drag": [], "drop": [], "key": []}

    def timed(kind: str, samples: list[float], action) -> None:
        t, c = time.perf_counter(), time.thread_time()
        action()
        app.processEvents()  # everything the frame asked for is painted
        samples.append((time.perf_counter() - t) * 1000)
        cpu[kind].append((time.thread_time() - c) * 1000)

    for attempt in range(DRAGS):
        start = doc.session.continuum.current_area.placements[subject].now
        plot.pointer.grab(QPointF(start, row))  # what a press on the marker does
        for frame in range(FRAMES // DRAGS):
            x = (start + (frame + 1) * 0.5 * (-1) ** attempt) % 100
            timed("drag", drag, lambda x=x: plot.pointer.drag_to(x))
        before = doc.undo_stack.count()
        timed("drop", drops, plot.pointer.drop)
        assert doc.undo_stack.count() == before + 1, "a drag must be one command"

    page.select(subject)
    keys: list[float] = []
    for frame in range(FRAMES // 2):
        key = Qt.Key.Key_Right if frame % 2 == 0 else Qt.Key.Key_Left
        timed("key", keys, lambda key=key: QApplication.sendEvent(
            plot.view, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)))
    page.close()

    drag_median, drag_p95 = _ms(drag)
    key_median, key_p95 = _ms(keys)
    drop_median, _ = _ms(drops)

    def figure(name: str, value: float, target: float, kind: str = "",
               percentile: float = 0.5) -> dict:
        raw = ""
        if kind:
            ordered = sorted(cpu[kind])
            raw = f"cpu {ordered[int(percentile * (len(ordered) - 1))]:.1f} ms"
        return {"name": name, "value": round(value, 2), "unit": "ms", "raw": raw,
                "target": target, "ok": value <= target}

    return [
        figure(f"continuum {PEOPLE} people: drag frame, median", drag_median, TARGET_MS,
               "drag"),
        figure(f"continuum {PEOPLE} people: drag frame, 95th percentile", drag_p95, TARGET_MS,
               "drag", 0.95),
        figure(f"continuum {PEOPLE} people: key move frame (command + re-render), median",
               key_median, TARGET_MS, "key"),
        figure(f"continuum {PEOPLE} people: key move frame, 95th percentile", key_p95,
               TARGET_MS, "key", 0.95),
        figure(f"continuum {PEOPLE} people: drop at the end of a drag (command + re-render), "
               "median", drop_median, TARGET_MS, "drop"),
        figure(f"continuum {PEOPLE} people: first render", first_ms, 1000.0),
    ]


if __name__ == "__main__":
    for r in run():
        mark = "ok" if r["ok"] else "SLOW"
        print(f"{r['name']}: {r['value']:.2f} {r['unit']} {r['raw']} (target < {r['target']:g}) "
              f"{mark}")
