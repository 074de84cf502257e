"""How long does the PDF summary take? The facilitator exports at the end of a workshop, often
with the client waiting: the demo session should take under 1 s, and a generated session of
1,000 participants (3 areas, 6 group boards of 150 cards, a quiz run each) under 10 s, and
the summary of a single 6,000-card board under 1 s.

Times the whole export as the CLI does it (report, layout, painting every page to PDF bytes),
best of a few runs after one warm-up (fonts load once per process). Also reports the page
count and size, and the other formats for the large session.
Run: `python -m benchmarks.export_time`.
"""
from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEMO_TARGET_S = 1.0
LARGE_TARGET_S = 10.0
TALL_BOARD_TARGET_S = 1.0


def _tall_board_session():
    """One board of 2,000 rows and 6,000 cards: the dialog builds the summary on the GUI
    thread, so a board's cost must stay linear in its cards (it was quadratic: 12 s)."""
    from benchmarks.sessions import large_session
    from lpdesk.model.matrix import Axis, Card

    session = large_session(seed=4, participants=6, groups=1, cards=3)
    board = session.matrix.boards[0]
    board.rows = [Axis(f"r{i}", f"Row {i}") for i in range(2000)]
    board.cards, board.positions = [], {}
    for i in range(2000):
        for k in range(3):
            card = Card(f"c{i}-{k}", f"Card {i}.{k}: a practice in a few words")
            board.cards.append(card)
            board.positions[card.id] = (f"r{i}", board.columns[k % len(board.columns)].id)
    return session


def _best(func, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - t0)
    return best, result


def run() -> list[dict]:
    from lpdesk.export.text import ensure_gui_application

    ensure_gui_application()
    from benchmarks.sessions import large_session
    from lpdesk.demo import demo_session
    from lpdesk.export.formats import render
    from lpdesk.export.pdf import SummaryDocument
    from lpdesk.export.summary import build_report

    def pdf(session):
        document = SummaryDocument(build_report(session), "a4")
        return document.page_count, document.write_pdf()

    results = []
    demo = demo_session()
    pdf(demo)  # warm-up: fonts, resources
    seconds, (pages, data) = _best(lambda: pdf(demo), 5)
    results.append(dict(name="export PDF, demo session", value=round(seconds, 3), unit="s",
                        target=f"< {DEMO_TARGET_S:g} s", ok=seconds < DEMO_TARGET_S))
    results.append(dict(name="demo PDF pages / size", value=f"{pages} / {len(data) // 1024}",
                        unit="pages / KB", target="", ok=True))
    large = large_session(seed=1)
    seconds, (pages, data) = _best(lambda: pdf(large), 2)
    results.append(dict(name="export PDF, 1,000 participants", value=round(seconds, 2),
                        unit="s", target=f"< {LARGE_TARGET_S:g} s", ok=seconds < LARGE_TARGET_S))
    results.append(dict(name="large PDF pages / size", value=f"{pages} / {len(data) // 1024}",
                        unit="pages / KB", target="", ok=True))
    seconds, _ = _best(lambda: build_report(_tall_board_session()), 1)
    results.append(dict(name="summary of one 6,000-card board", value=round(seconds, 2),
                        unit="s", target=f"< {TALL_BOARD_TARGET_S:g} s",
                        ok=seconds < TALL_BOARD_TARGET_S))
    report = build_report(large)
    for ext in (".html", ".md", ".csv", ".png"):
        seconds, files = _best(lambda ext=ext: render(report, f"bench{ext}"), 1)
        size = sum(len(b) for _, b in files) // 1024
        results.append(dict(name=f"export {ext[1:].upper()}, 1,000 participants",
                            value=round(seconds, 2), unit=f"s ({len(files)} file(s), {size} KB)",
                            target=f"< {LARGE_TARGET_S:g} s", ok=seconds < LARGE_TARGET_S))
    return results


if __name__ == "__main__":
    for r in run():
        mark = "ok" if r["ok"] else "SLOW"
        print(f"{r['name']:<38} {r['value']!s:>10} {r['unit']:<24} {r['target']:<8} {mark}")
