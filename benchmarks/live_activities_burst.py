"""Phones in the other activities (issue 18), simulated as in live_burst.py (WebSocket
clients on 127.0.0.1 in a child process):
 - quiz burst: 200 phones take the quick quiz on their phones at once (one answer every
   0.25 s each, sent as the phone's page does: the answer and the move to the next
   question, then "see my result"), the facilitator's quiz page shown at 1280x720;
 - matrix burst: 6 groups x 6 phones move cards on their group's board (one move every
   0.1 s each), the facilitator's matrix page shown.
Measured: latency from a phone's send to the model updated (median, p95; goals p95 < 150 ms
for the quiz at 200 phones, < 50 ms for the matrix's 36) and the longest GUI-thread stall
(a 2 ms heartbeat's longest gap; goal < 16 ms: a frame), the longest batch of phones'
messages applied on the GUI thread (goal < 8 ms: half a frame, issue 28) and the longest
phones' snapshot (goal < 16 ms).
Run: `python -m benchmarks.live_activities_burst`.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time

from benchmarks.live_burst import (
    BATCH_MS,
    STALL_MS,
    GcClock,
    Heartbeat,
    PhonesChild,
    SliceClock,
    _pct,
    batch_rows,
    claim,
    write_result,
)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# -- the phones (child process) ---------------------------------------------------------
async def _phones(url: str, code: str, plan: dict) -> dict:
    import asyncio

    import websockets

    host = url.split("//")[1].rstrip("/")
    people = plan["people"]
    joined = asyncio.Event()
    count = {"joined": 0}
    go = asyncio.Event()
    sends: list[tuple[str, int, float]] = []

    async def phone(pid: str, moves: list[dict], gap: float) -> None:
        async with websockets.connect(f"ws://{host}/ws", origin=f"http://{host}",
                                      max_queue=None) as ws:
            await ws.send(json.dumps({"type": "hello", "room": code}))
            w = json.loads(await ws.recv())
            token, device = w["token"], w["device"]
            await claim(ws, token, pid)
            count["joined"] += 1
            if count["joined"] == len(people):
                joined.set()

            async def reader() -> None:
                try:
                    while True:
                        await ws.recv()
                except Exception:  # noqa: BLE001 - closed at the end
                    return

            task = asyncio.create_task(reader())
            await go.wait()
            seq = 1
            for move in moves:  # a tap: one message, or the few a phone's page sends at once
                for message in move if isinstance(move, list) else [move]:
                    seq += 1
                    sends.append((device, seq, time.perf_counter()))
                    await ws.send(json.dumps({**message, "token": token, "seq": seq}))
                await asyncio.sleep(gap)
            await asyncio.sleep(1.0)
            task.cancel()

    async def starter() -> None:
        await joined.wait()
        await asyncio.sleep(0.5)
        go.set()

    await asyncio.gather(starter(), *(phone(p["id"], p["moves"], plan["gap"])
                                      for p in people))
    return {"sends": sends}


def _phones_main(argv: list[str]) -> None:
    import asyncio

    out, url, code, path = argv
    with open(path, encoding="utf-8") as f:
        plan = json.load(f)
    write_result(out, asyncio.run(_phones(url, code, plan)))


# -- the app ------------------------------------------------------------------------------
def shown_page(app, page):
    """The default stage of the quiz and matrix bursts: the page alone, at 1280x720."""
    page.resize(1280, 720)
    page.show()
    app.processEvents()
    return page


def _measure(app, name: str, doc, page, prepare, plan: dict, goal: float) -> list[dict]:
    """`page`: what the facilitator has on screen, shown; closed at the end."""
    import tempfile

    from lpdesk.ui.live.controller import LiveController

    slices = SliceClock().__enter__()  # before the controller: its timers connect to _drain
    controller = LiveController(doc)
    # the simulated phones all come from 127.0.0.1; a room's phones each have their own
    # address, which the per-address cap on new phones is about (live/server.py)
    controller.new_devices_per_address = 1000
    url = controller.start("127.0.0.1", 0)
    prepare(controller)
    model_at: dict[tuple[str, int], float] = {}
    controller.applied.connect(lambda rows: model_at.update(
        {(d, s): t_model for d, s, _t, t_model in rows}))
    heart = Heartbeat()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(plan, f)
    child = PhonesChild("benchmarks.live_activities_burst", url, controller.room.code,
                        f.name)
    deadline = time.monotonic() + 120
    started = False
    gc_clock = GcClock()
    while child.poll() is None and time.monotonic() < deadline:
        app.processEvents()
        if not started and len(controller.room.claimed()) == len(plan["people"]):
            started = True
            controller.longest_drain_ms = controller.longest_flush_ms = 0.0  # the burst only
            for attribute in ("longest_apply_ms", "longest_own_ms", "longest_after_ms",
                              "longest_drain_cpu_ms"):
                if hasattr(controller, attribute):
                    setattr(controller, attribute, 0.0)
            gc_clock.__enter__()
            slices.longest = {}
            heart.start()
        time.sleep(0.0005)
    if started:
        gc_clock.__exit__()
    heart.stop()
    slices.__exit__()
    try:
        result = child.result()
    finally:
        os.unlink(f.name)
        controller.stop()
        page.close()
    to_model = [(model_at[(d, s)] - t) * 1000 for d, s, t in result["sends"]
                if (d, s) in model_at]

    def fig(what: str, value: float, unit: str, target=None) -> dict:
        ok = True if target is None else value <= target
        return {"name": f"{name}: {what}", "value": round(value, 2), "unit": unit,
                "target": target if target is not None else "", "ok": ok}

    return [
        fig("send -> model updated, median", statistics.median(to_model), "ms", goal),
        fig("send -> model updated, p95", _pct(to_model, 0.95), "ms", goal),
        *heart.rows(fig),
        fig("longest batch applied on the GUI thread", controller.longest_drain_ms, "ms",
            BATCH_MS),
        fig("longest phones' snapshot built on the GUI thread", controller.longest_flush_ms,
            "ms", STALL_MS),
        *batch_rows(controller, gc_clock, fig),
        *slices.rows(fig),
        fig("messages applied", len(to_model), f"of {len(result['sends'])}"),
    ]


def _quiz(app, n: int, stage=None, label: str = "") -> list[dict]:
    """`stage(app, doc)` makes what the facilitator has on screen (default: the quiz page
    alone); `label` starts the figures' names."""
    from lpdesk.content.defaults import new_session
    from lpdesk.content.quiz import quiz_content
    from lpdesk.document import SessionDocument
    from lpdesk.ui.quiz.page import QuizPage

    session = new_session()
    session.participants.extend(session.new_participants([f"Participant {i + 1}"
                                                          for i in range(n)]))
    doc = SessionDocument(session)
    questions = quiz_content().questions
    people = []
    for i, p in enumerate(session.participants):
        # as the phone's page sends them (resources/phone/quiz.js): each tap on an answer is
        # the answer and the move to the next question (the last one stays), then "See my
        # result" moves to the result
        total = len(questions)
        moves: list = [[{"type": "quiz_answer", "question": q.id,
                         "answer": q.answers[(i + j) % len(q.answers)].id},
                        {"type": "quiz_go", "index": min(j + 1, total - 1)}]
                       for j, q in enumerate(questions)]
        moves.append({"type": "quiz_go", "index": total})
        people.append({"id": p.id, "moves": moves})
    page = stage(app, doc) if stage is not None else shown_page(app, QuizPage(doc))
    return _measure(app, f"{label}quiz on {n} phones", doc, page,
                    lambda c: c.activities.open_quiz("now"),
                    {"people": people, "gap": 0.25}, 150.0)


def _matrix(app, groups: int = 6, each: int = 6, stage=None, label: str = "") -> list[dict]:
    """`stage` and `label` as for _quiz (default: the matrix page alone)."""
    from lpdesk.content.defaults import new_session
    from lpdesk.content.templates import board_from_template, templates
    from lpdesk.document import SessionDocument
    from lpdesk.ui.matrix.page import MatrixPage

    session = new_session()
    template = templates()[0]
    people = []
    for g in range(groups):
        group = session.new_group(f"Group {g + 1}")
        session.groups.append(group)
        members = session.new_participants([f"G{g + 1} person {k + 1}" for k in range(each)],
                                           group.id)
        session.participants.extend(members)
        board = board_from_template(template, f"{group.name} board", group.id,
                                    taken={b.id for b in session.matrix.boards})
        session.matrix.boards.append(board)
        cells = [(r.id, c.id) for r in board.rows for c in board.columns]
        for k, m in enumerate(members):
            moves = []
            for j in range(10):
                card = board.cards[(k * 5 + j) % len(board.cards)]
                cell = cells[(k + j) % len(cells)]
                moves.append({"type": "card_move", "board": board.id, "card": card.id,
                              "row": cell[0], "column": cell[1]})
            people.append({"id": m.id, "moves": moves})
    doc = SessionDocument(session)

    def prepare(c) -> None:
        c.set_activity("matrix")

    page = stage(app, doc) if stage is not None else shown_page(app, MatrixPage(doc))
    return _measure(app, f"{label}matrix on {groups}x{each} phones", doc, page, prepare,
                    {"people": people, "gap": 0.1}, 50.0)


def run(quick: bool = False) -> list[dict]:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    QCoreApplication.setOrganizationName("lpdesk-benchmark")
    QCoreApplication.setApplicationName("live-activities-burst")
    rows = _quiz(app, 40 if quick else 200)
    rows.extend(_matrix(app))
    return rows


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--phones":
        _phones_main(sys.argv[2:])
    else:
        for r in run("--quick" in sys.argv):
            target = f" (target < {r['target']:g})" if isinstance(r["target"], float) else ""
            print(f"{r['name']}: {r['value']:g} {r['unit']}{target} "
                  f"{'ok' if r['ok'] else 'MISSED'}")
