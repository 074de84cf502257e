"""PNG pictures per chart and board, and `lpdesk export` from the command line."""
import os
import subprocess
import sys

import pytest
from export_sessions import empty, with_boards
from PySide6.QtGui import QImage

from lpdesk.demo import demo_session
from lpdesk.export.formats import ExportError, format_for, render, write_files
from lpdesk.export.images import png_files, slug
from lpdesk.export.summary import build_report
from lpdesk.export.text import ensure_gui_application
from lpdesk.storage import save_session


@pytest.fixture
def gui(qapp):
    ensure_gui_application()


def test_png_files_are_named_after_the_output(gui, tmp_path):
    session = with_boards(participants=9, groups=3, cards=9)
    session.matrix.boards[1].name = session.matrix.boards[0].name  # two boards, one name
    session.matrix.boards[1].group_id = session.matrix.boards[0].group_id
    files = png_files(build_report(session), tmp_path / "x.png")
    names = [p.name for p, _ in files]
    areas = [f"x-continuum-{slug(a.name)}.png" for a in session.continuum.areas]
    assert names[:3] == areas
    assert "x-quiz.png" in names
    boards = [n for n in names if n.startswith("x-board-")]
    assert len(boards) == 3 and len(set(boards)) == 3
    assert boards[1] == boards[0].replace(".png", "-2.png")
    assert [n for n in names if n.startswith("x-consensus-")]
    write_files(files)
    for path, _ in files:
        image = QImage(str(path))
        assert image.width() >= 1200  # print quality: 200 dpi at the PDF's text width


def test_slug_is_safe_for_any_file_system():
    assert slug("Chloé's board / Ω ") == "chloe-s-board"
    assert slug("***") == "untitled"


def test_every_format_renders_for_demo_and_empty(gui, tmp_path):
    for session in (demo_session(), empty()):
        report = build_report(session)
        for ext in (".pdf", ".html", ".md", ".csv", ".png"):
            files = render(report, tmp_path / f"s{ext}")
            assert files and all(data for _, data in files)


def test_unknown_extension_is_refused():
    with pytest.raises(ExportError, match="cannot tell the format from .docx"):
        format_for("summary.docx")


def run_cli(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY",
                                                             "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "lpdesk", "export", *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def session_file(tmp_path):
    path = tmp_path / "demo.lpdesk"
    save_session(demo_session(), path)
    return path


def test_cli_writes_pdf_with_no_display(session_file, tmp_path):
    out = tmp_path / "summary.pdf"
    result = run_cli(str(session_file), "-o", str(out), "--paper", "letter", "--anonymise")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in result.stdout


def test_cli_writes_pngs_and_csv(session_file, tmp_path):
    result = run_cli(str(session_file), "-o", str(tmp_path / "x.png"))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.glob("x-*.png"))
    assert {"x-continuum-all-learning.png", "x-continuum-compliance.png",
            "x-continuum-onboarding.png"} <= set(names)
    session = demo_session()
    boards = [n for n in names if n.startswith("x-board-")]
    assert len(boards) == len(session.matrix.boards)
    assert len(names) == 3 + len(boards) + (1 if len(boards) > 1 else 0)  # + consensus
    result = run_cli(str(session_file), "-o", str(tmp_path / "data.csv"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data.csv").read_bytes().startswith(b"\xef\xbb\xbftable,")


def one_line_error(result, code):
    assert result.returncode == code
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("lpdesk export: ")
    return result.stderr.strip()


def test_cli_bad_input_file(tmp_path):
    bad = tmp_path / "bad.lpdesk"
    bad.write_text("{ not json", encoding="utf-8")
    line = one_line_error(run_cli(str(bad), "-o", str(tmp_path / "s.pdf")), 1)
    assert str(bad) in line and "JSON" in line
    line = one_line_error(run_cli(str(tmp_path / "missing.lpdesk"), "-o",
                                  str(tmp_path / "s.pdf")), 1)
    assert "does not exist" in line
    assert not (tmp_path / "s.pdf").exists()


def test_cli_unwritable_output(session_file, tmp_path):
    line = one_line_error(run_cli(str(session_file), "-o", str(tmp_path / "no" / "s.pdf")), 2)
    assert "does not exist" in line
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        target = folder / "s.pdf"
        if os.access(folder, os.W_OK):  # running as root: permissions do not bind
            if not os.path.isdir("/sys"):
                pytest.skip("cannot make a folder unwritable for this user")
            target = "/sys/lpdesk-summary.pdf"  # sysfs refuses new files, even to root
        line = one_line_error(run_cli(str(session_file), "-o", str(target)), 2)
        assert "cannot be written" in line
    finally:
        folder.chmod(0o700)


def test_cli_output_is_a_folder_or_unknown_extension(session_file, tmp_path):
    line = one_line_error(run_cli(str(session_file), "-o", str(tmp_path / "s.docx")), 2)
    assert "cannot tell the format from .docx" in line
    (tmp_path / "dir.pdf").mkdir()
    line = one_line_error(run_cli(str(session_file), "-o", str(tmp_path / "dir.pdf")), 2)
    assert "is a folder" in line


def tall_board_session(rows: int, cards_per_row: int):
    """One board far taller than any image may be: many rows, several cards each, and a
    long deck."""
    from lpdesk.model.matrix import Axis, Card

    session = with_boards(participants=3, groups=1, cards=3)
    board = session.matrix.boards[0]
    board.rows = [Axis(f"r{i}", f"Row {i}") for i in range(rows)]
    board.cards, board.positions = [], {}
    for i in range(rows):
        for k in range(cards_per_row):
            card = Card(f"c{i}-{k}", f"Card {i}.{k}: a practice described in a few words")
            board.cards.append(card)
            board.positions[card.id] = (f"r{i}", board.columns[k % len(board.columns)].id)
    board.cards += [Card(f"deck{i}", f"Deck card {i}") for i in range(200)]
    return session, board


def test_no_png_is_taller_than_the_cap(gui, tmp_path):
    from PySide6.QtGui import QImage

    from lpdesk.export.images import MAX_IMAGE_PX

    session, board = tall_board_session(rows=600, cards_per_row=3)
    files = png_files(build_report(session), tmp_path / "x.png")
    parts = [path.name for path, _ in files if path.name.startswith("x-board-")]
    first = parts[0]
    assert len(parts) >= 3 and first.endswith(f"-part-1-of-{len(parts)}.png")
    heights = []
    for path, data in files:
        image = QImage()
        assert image.loadFromData(data, "PNG")
        heights.append(image.height())
        assert image.height() <= MAX_IMAGE_PX, path.name
    assert max(heights) > MAX_IMAGE_PX * 0.8  # parts are filled, not tiny slices
    # in one piece the board would have been several times the cap
    from lpdesk.export.board_chart import board_block
    from lpdesk.export.images import PNG_DPI, WIDTH
    height_px = board_block(build_report(session).boards[0], WIDTH).height() * PNG_DPI / 720
    assert height_px > 4 * MAX_IMAGE_PX
