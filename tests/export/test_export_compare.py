"""The comparison as PDF, HTML, Markdown, CSV and PNG, and `lpdesk compare` on the command
line: the same figures everywhere, names anonymised when asked, session text escaped."""
from __future__ import annotations

import csv
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from lpdesk.demo import demo_workshops
from lpdesk.export.compare import (
    build_comparison_report,
    compare_files,
    comparison_csv,
    comparison_html,
    comparison_markdown,
)
from lpdesk.storage import save_session


@pytest.fixture
def folder(tmp_path) -> Path:
    workshops = tmp_path / "workshops"
    workshops.mkdir()
    for name, session in demo_workshops():
        save_session(session, workshops / name)
    return workshops


def report(anonymise=False, mutate=None):
    sessions = demo_workshops()
    if mutate:
        for _, s in sessions:
            mutate(s)
    return build_comparison_report(compare_files(sessions, anonymise=anonymise))


def test_csv_rows_read_back_to_the_comparison_figures():
    r = report()
    rows = list(csv.DictReader(io.StringIO(comparison_csv(r).decode("utf-8-sig"))))
    area_rows = [x for x in rows if x["table"] == "area_row" and x["area"] == "All learning"]
    expected = next(a for a in r.comparison.areas if a.name == "All learning").rows
    assert [(x["session"], float(x["now_median"]), float(x["target_median"])) for x in
            area_rows] == [(e.session.label, round(e.now, 6), round(e.target, 6))
                           for e in expected]
    steps = [x for x in rows if x["table"] == "series_step"]
    assert {x["area"] for x in steps} == {"All learning", "Onboarding", "Compliance"}
    assert {x["table"] for x in rows} >= {"area_row", "series_step", "group_row",
                                          "matrix_agreement", "quiz"}


def test_every_format_names_the_sessions_and_anonymising_removes_group_names(qapp):
    plain, anon = report(), report(anonymise=True)
    for render in (comparison_markdown, comparison_html, comparison_csv):
        assert b"Lighthouse" in render(plain)
        text = render(anon)
        assert b"Lighthouse" not in text and b"Harbour" not in text and b"G2" in text
        assert b"Sales team" in text  # the workshops stay named


def test_session_text_is_escaped_in_html_and_markdown(qapp):
    def hostile(s):
        s.title = "<script>alert(1)</script> # Team"
        s.continuum.areas[0].name = "**All** | learning"
    r = report(mutate=hostile)
    html = comparison_html(r).decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    md = comparison_markdown(r).decode()
    assert "<script>" not in md and "\\*\\*All\\*\\*" in md
    assert "\n# Team" not in md


def run(*args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-m", "lpdesk", "compare", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120, cwd=cwd)


def tree(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_cli_writes_a_pdf_of_the_comparison_and_leaves_the_files_alone(folder, tmp_path):
    before = tree(folder)
    out = tmp_path / "out" / "comparison.pdf"
    out.parent.mkdir()
    done = run(folder, "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "compared 4 sessions" in done.stdout
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Comparison of workshops" in text and "Operations" in text
    assert "since May 2026, Sales team has moved" in text
    assert tree(folder) == before


def test_cli_png_writes_one_picture_per_chart(folder, tmp_path):
    done = run(folder, "-o", tmp_path / "c.png")
    assert done.returncode == 0, done.stderr
    pictures = sorted(p.name for p in tmp_path.glob("c-*.png"))
    assert pictures[0] == "c-01-continuum-all-learning.png" and len(pictures) >= 3


def test_cli_lists_bad_files_and_compares_the_rest(folder, tmp_path):
    (folder / "broken.lpdesk").write_text("{", encoding="utf-8")
    done = run(folder, "-o", tmp_path / "c.md")
    assert done.returncode == 0
    assert done.stderr.startswith("lpdesk compare: left out broken.lpdesk:")
    assert "broken.lpdesk" in (tmp_path / "c.md").read_text(encoding="utf-8")


def test_cli_exit_codes(folder, tmp_path):
    one = sorted(folder.iterdir())[0]
    done = run(one, "-o", tmp_path / "c.md")
    assert done.returncode == 1 and "at least two" in done.stderr
    assert not (tmp_path / "c.md").exists()
    assert run(folder, "-o", tmp_path / "c.docx").returncode == 2
    assert run(folder, "-o", tmp_path / "missing" / "c.md").returncode == 2
    assert run(tmp_path / "nothing-here", one, "-o", tmp_path / "c.md").returncode == 1


def test_cli_never_replaces_an_existing_output_without_force(folder, tmp_path):
    out = tmp_path / "c.md"
    out.write_text("keep me", encoding="utf-8")
    done = run(folder, "-o", out)
    assert done.returncode == 2 and "--force" in done.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert run(folder, "-o", out, "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# Comparison of workshops")


def test_demo_workshops_writes_four_comparable_sessions_and_never_overwrites(tmp_path):
    tmp_path = tmp_path / "workshops"
    tmp_path.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    demo = [sys.executable, "-m", "lpdesk", "demo", "--workshops", str(tmp_path)]
    done = subprocess.run(demo, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in tmp_path.glob("*.lpdesk"))
    assert len(files) == 4
    before = tree(tmp_path)
    again = subprocess.run(demo, capture_output=True, text=True, env=env, timeout=60)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert tree(tmp_path) == before
    assert run(tmp_path, "-o", tmp_path.parent / "c.csv").returncode == 0


def test_a_long_session_label_keeps_to_its_row_in_the_chart(qapp):
    from lpdesk.export.compare_pdf import LABEL, _one_line
    from lpdesk.export.text import PT

    long = "A very long session title that goes on and on for the sales team of the north"
    shown = _one_line(long, LABEL, 40 * PT)
    assert shown.endswith("\u2026") and len(shown) < len(long)
    assert _one_line("Sales", LABEL, 40 * PT) == "Sales"


def _page_drawings(pdf: bytes) -> list[bytes]:
    """What each page draws (its content stream), from a PDF's bytes."""
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_shared_text_boxes_draw_the_same_pdf(qapp, monkeypatch):
    """The comparison PDF lays each different text out once (layout.shared_boxes); pages
    must draw exactly what laying out every cell afresh draws."""
    import contextlib

    from lpdesk.export import compare_pdf

    r = report()
    shared = _page_drawings(compare_pdf.comparison_pdf(r))
    monkeypatch.setattr(compare_pdf, "shared_boxes", contextlib.nullcontext)
    assert _page_drawings(compare_pdf.comparison_pdf(r)) == shared


def test_text_boxes_are_shared_only_inside_and_per_thread(qapp):
    import threading

    from lpdesk.export.layout import shared_boxes, text_items
    from lpdesk.export.text import TextStyle

    style = TextStyle()
    assert text_items("Sales", style, 100)[0].box is not text_items("Sales", style, 100)[0].box
    elsewhere = []
    with shared_boxes():
        first = text_items("Sales", style, 100)[0].box
        assert text_items("Sales", style, 100)[0].box is first
        assert text_items("Sales", style, 90)[0].box is not first  # another width
        assert text_items([("Sales", "b")], style, 100)[0].box is not first  # bold
        worker = threading.Thread(
            target=lambda: elsewhere.append(text_items("Sales", style, 100)[0].box))
        worker.start()
        worker.join()
    assert elsewhere[0] is not first
    assert text_items("Sales", style, 100)[0].box is not first
