"""How long does comparing workshops take? A consultant compares a client's year of sessions:
50 session files of 40 participants each (3 areas, 4 groups, a board per group, a quiz run
each) must be read, compared and shown on the comparison page in under 1 s, and the
comparison PDF of them written in under 3 s.

Files are generated from fixed seeds and saved to a temporary folder; each figure is the best
of a few runs after one warm-up. Run: `python -m benchmarks.compare`.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SESSIONS = 50
PARTICIPANTS = 40
PAGE_TARGET_S = 1.0
PDF_TARGET_S = 3.0


def _write_sessions(folder: Path, count: int) -> None:
    from benchmarks.sessions import large_session
    from lpdesk.storage import save_session

    teams = ("Sales", "Operations", "HR", "Finance", "Service")
    for n in range(count):
        s = large_session(seed=100 + n, participants=PARTICIPANTS, groups=4, cards=32)
        s.id = f"session-{n:06x}"
        s.title = f"{teams[n % len(teams)]} team"
        s.client = "Generated Holdings plc"
        s.date = f"{2024 + n // 24}-{n // 2 % 12 + 1:02d}-{n % 2 * 14 + 1:02d}"
        save_session(s, folder / f"session-{n:02d}.lpdesk")


def _best(func, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - t0)
    return best, result


def run(quick: bool = False) -> list[dict]:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from lpdesk.export.compare import build_comparison_report, compare_files
    from lpdesk.export.compare_pdf import comparison_pdf
    from lpdesk.storage.compare import read_sessions
    from lpdesk.ui.compare.window import CompareWindow

    count = 10 if quick else SESSIONS
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write_sessions(folder, count)

        def page(complete: bool = False):
            """Until the first screen is painted, or until every section is on the page."""
            found = read_sessions([folder])
            window = CompareWindow(found)
            window.resize(1280, 720)
            window.show()
            app.processEvents()
            while complete and not window.is_complete:
                app.processEvents()
            window.grab()
            window.close()
            window.deleteLater()
            return found

        def read_and_compare():
            found = read_sessions([folder])
            return build_comparison_report(compare_files(found.labelled()))

        page()  # warm-up: fonts, content files, classes
        page_s, found = _best(page, 3)
        full_s, _ = _best(lambda: page(complete=True), 2)
        compare_s, report = _best(read_and_compare, 3)
        comparison_pdf(report)
        pdf_s, data = _best(lambda: comparison_pdf(report), 2)
    what = f"{len(found.sessions)} sessions x {PARTICIPANTS} participants"
    return [
        dict(name=f"compare: read + compare, {what}", value=round(compare_s, 3), unit="s",
             target="", ok=True),
        dict(name=f"compare: read, compare, show the first screen, {what}", value=round(page_s, 3),
             unit="s", target=f"< {PAGE_TARGET_S:g} s", ok=page_s < PAGE_TARGET_S),
        dict(name=f"compare: the whole page built (every section), {what}",
             value=round(full_s, 3), unit="s", target="", ok=True),
        dict(name=f"compare: PDF, {what}", value=round(pdf_s, 3),
             unit=f"s ({len(data) // 1024} KB)", target=f"< {PDF_TARGET_S:g} s",
             ok=pdf_s < PDF_TARGET_S),
    ]


if __name__ == "__main__":
    for r in run():
        mark = "ok" if r["ok"] else "SLOW"
        print(f"{r['name']:<60} {r['value']!s:>8} {r['unit']:<12} {r['target']:<8} {mark}")
