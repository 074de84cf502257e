"""`lpdesk compare --anonymise` keeps the promise `lpdesk export --anonymise` keeps (one
anonymiser, lpdesk/export/anonymise.py): no participant or group name in any format, in
titles, clients, area, board and card names, file names (the sessions table, the CSV's file
column, the files left out) or PNG file names."""
from __future__ import annotations

import io

import pypdf
import pytest
from test_export_anonymise import leaks, named_session, visible_html

from lpdesk.cli import main
from lpdesk.storage import save_session

FORMATS = ("c.pdf", "c.html", "c.md", "c.csv", "c.png")


@pytest.fixture(scope="module")
def compared(tmp_path_factory, qapp):
    folder = tmp_path_factory.mktemp("named")
    first, second = named_session(), named_session()
    first.date, second.date = "2026-03-01", "2026-09-01"
    second.id = first.id + "-later"
    second.continuum.areas[1].name = "Ben Okafor's own area"
    # file names made of participants' names, and one that cannot be read
    save_session(first, folder / "ben-okafor and amira.lpdesk")
    save_session(second, folder / "Chloé_Martin.lpdesk")
    (folder / "siobhan.lpdesk").write_text("{", encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    results = {}
    for name in FORMATS:
        code = main(["compare", str(folder), "-o", str(out / name), "--anonymise"])
        assert code == 0
        suffix = name[name.index("."):]
        results[name] = sorted(p for p in out.iterdir() if p.suffix == suffix)
    return results


def test_the_named_files_would_leak_without_anonymising(tmp_path, qapp):
    """The check below can fail: the same comparison, not anonymised, shows the names."""
    first, second = named_session(), named_session()
    second.id, second.date = "other", "2026-09-01"
    save_session(first, tmp_path / "ben-okafor.lpdesk")
    save_session(second, tmp_path / "chloe.lpdesk")
    assert main(["compare", str(tmp_path), "-o", str(tmp_path / "plain.md")]) == 0
    assert len(leaks((tmp_path / "plain.md").read_text(encoding="utf-8"))) >= 5


@pytest.mark.parametrize("name", ["c.html", "c.md", "c.csv"])
def test_text_formats_carry_no_name(compared, name):
    (path,) = compared[name]
    text = path.read_text(encoding="utf-8-sig")
    shown = visible_html(text) if name == "c.html" else text.replace("\\", "")
    assert leaks(shown) == []
    assert "P5" in shown and "G1" in shown  # the title's names became labels


def test_pdf_text_and_title_carry_no_name(compared):
    (path,) = compared["c.pdf"]
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "P5" in text
    assert leaks(text) == []
    assert leaks(" ".join(str(v) for v in (reader.metadata or {}).values())) == []


def test_png_file_names_carry_no_name(compared):
    names = [p.name for p in compared["c.png"]]
    assert len(names) >= 2
    assert leaks(" ".join(n.replace("-", " ") for n in names)) == []
