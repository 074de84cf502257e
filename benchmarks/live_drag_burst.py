"""The facilitator drags while the room votes: does the window keep its 16 ms frames?

200 simulated phones (the child process of benchmarks/live_burst.py, on 127.0.0.1) join, then
each places now and target at the same moment. Meanwhile the facilitator drags a marker on
the continuum page (200 rows, 1280x720) and a card on the practices matrix page, one step
per frame, as a mouse would: each frame is a drag step (the pointer's or the scene's own
handler) followed by everything the event loop then has to do before it comes back (the
phones' slices, their repaints, the drag's own repaint). A frame's time is that whole turn.

Figures: the drag frames' median, 95th percentile and longest during the burst (target:
p95 < 16 ms), the same with no phones (the baseline, same run), and the longest GUI-thread
slice the phones' traffic took (target < 8 ms: half a frame, issue 28). Run:
`python -m benchmarks.live_drag_burst`.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_MS = 16.0  # a drag frame
PHONES = 200


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else float("nan")


class _Draggers:
    """One drag step per call, alternating the continuum marker and the matrix card."""

    def __init__(self, continuum, matrix) -> None:
        from PySide6.QtCore import QPointF

        self.continuum, self.matrix = continuum, matrix
        plot = continuum.plot
        key = continuum.selected_key
        self.row = [r.key for r in plot.rows].index(key)
        self.x = plot.rows[self.row].get("now") or 50.0
        plot.pointer.grab(QPointF(self.x, self.row))
        scene = matrix.scene
        board = matrix.doc.session.matrix.current_board
        card_id = board.cards[0].id
        self.item = scene.cards[card_id]
        self.card_start = self.item.sceneBoundingRect().center()
        self.card_end = list(scene.layout.containers.values())[0].rect.center()
        scene.press_card(self.item, self.card_start)
        self.step = 0

    def __call__(self) -> str:
        from PySide6.QtCore import QPointF

        self.step += 1
        if self.step % 2:
            self.x = 20 + (self.step * 0.7) % 60
            self.continuum.plot.pointer.drag_to(self.x)
            return "continuum"
        f = (self.step % 60) / 60
        self.matrix.scene.drag_card(self.item, self.card_start
                                    + (self.card_end - self.card_start) * f + QPointF(0, 1))
        return "matrix"

    def finish(self) -> None:
        self.continuum.plot.pointer.drop()
        self.matrix.scene.release_card(self.item, self.card_end)


def _frames(app, draggers: _Draggers, until) -> list[tuple[float, str, float]]:
    """(start, which, ms) of each drag frame until `until()` says stop."""
    frames = []
    while not until():
        t = time.perf_counter()
        which = draggers()
        app.processEvents()  # the turn: phones' slices, repaints, the drag's paint
        frames.append((t, which, (time.perf_counter() - t) * 1000))
        time.sleep(0.001)  # a mouse reports ~every few ms; leave the loop some air
    return frames


def run(quick: bool = False) -> list[dict]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from benchmarks.live_burst import BATCH_MS, PhonesChild
    from lpdesk.content.defaults import new_session
    from lpdesk.demo import demo_session
    from lpdesk.document import SessionDocument
    from lpdesk.ui.continuum.page import ContinuumPage
    from lpdesk.ui.live.controller import LiveController
    from lpdesk.ui.matrix.page import MatrixPage

    session = new_session()
    session.participants.extend(session.new_participants(
        [f"Participant {i + 1}" for i in range(PHONES)]))
    session.matrix = demo_session().matrix
    doc = SessionDocument(session)
    continuum = ContinuumPage(doc)
    continuum.resize(1280, 720)
    continuum.show()
    matrix = MatrixPage(doc)
    matrix.resize(1280, 720)
    matrix.show()
    app.processEvents()

    draggers = _Draggers(continuum, matrix)
    quiet_end = time.perf_counter() + (1.0 if quick else 2.0)
    baseline = _frames(app, draggers, lambda: time.perf_counter() > quiet_end)

    controller = LiveController(doc)
    controller.new_devices_per_address = PHONES  # the simulated phones share 127.0.0.1
    url = controller.start("127.0.0.1", 0)
    ids = [p.id for p in session.participants]
    child = PhonesChild("benchmarks.live_burst", url, controller.room.code,
                        session.continuum.current_area.id, json.dumps(ids))
    deadline = time.monotonic() + 120
    during = _frames(app, draggers,
                     lambda: child.poll() is not None or time.monotonic() > deadline)
    try:
        result = child.result()
    finally:
        draggers.finish()
        controller.stop()
    placed = sum(1 for p in session.continuum.current_area.placements.values()
                 if p.now is not None)
    burst = result["burst"] or 0.0
    # the burst: from the phones' go until the last ack came back to them (the child ends)
    in_burst = [ms for t, _w, ms in during if t >= burst]
    rows = []

    def fig(name: str, value: float, unit: str = "ms", target=None) -> None:
        ok = True if target is None else value <= target
        rows.append({"name": f"drag through {PHONES} phones: {name}", "value": round(value, 2),
                     "unit": unit, "target": target if target is not None else "", "ok": ok})

    for label, frames in (("continuum marker", [(t, ms) for t, w, ms in during
                                                if w == "continuum" and t >= burst]),
                          ("matrix card", [(t, ms) for t, w, ms in during
                                           if w == "matrix" and t >= burst])):
        values = [ms for _t, ms in frames]
        fig(f"{label} frame, median", statistics.median(values) if values else 0.0)
        fig(f"{label} frame, p95", _pct(values, 0.95), target=TARGET_MS)
        fig(f"{label} frame, longest", max(values) if values else 0.0)
    quiet = [ms for _t, _w, ms in baseline]
    fig("frame with no phones (baseline), p95", _pct(quiet, 0.95))
    fig("frames during the burst", len(in_burst), "frames")
    fig("longest phones' slice on the GUI thread", controller.longest_drain_ms,
        target=BATCH_MS)
    fig("placements the room made", placed, f"of {PHONES}")
    continuum.close()
    matrix.close()
    return rows


if __name__ == "__main__":
    for row in run("--quick" in sys.argv):
        print(f"{row['name']:<72} {row['value']:>9} {row['unit']:<6} {row['target']}")
