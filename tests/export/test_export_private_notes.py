"""The set-up page's notes are the facilitator's private notes: no export format carries
them unless the facilitator asks (`include_notes`, `--include-notes`, the dialog's "Include
my private notes", off by default), anonymised or not."""
import io

import pypdf
import pytest
from PySide6.QtCore import QSettings

from lpdesk.cli import main
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.export.formats import render
from lpdesk.export.summary import build_report
from lpdesk.export.text import ensure_gui_application
from lpdesk.storage import save_session

SECRET = "Zqsecretmarker CEO sceptical"


def session():
    s = demo_session()
    s.notes = f"Private: {SECRET}.\n\nSecond paragraph zqsecondpara."
    return s


def text_of(name: str, files) -> str:
    path, data = files[0]
    if name.endswith(".pdf"):
        reader = pypdf.PdfReader(io.BytesIO(data))
        return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    return data.decode("utf-8-sig")


@pytest.fixture
def gui(qapp):
    ensure_gui_application()


@pytest.mark.parametrize("anonymise", [False, True])
@pytest.mark.parametrize("name", ["s.pdf", "s.html", "s.md", "s.csv"])
def test_no_format_carries_the_private_notes_unless_asked(gui, tmp_path, name, anonymise):
    left_out = text_of(name, render(build_report(session(), anonymise), tmp_path / name))
    assert "Zqsecretmarker" not in left_out and "zqsecondpara" not in left_out
    assert "Facilitator\u2019s notes" not in left_out
    included = text_of(name, render(build_report(session(), anonymise, include_notes=True),
                                    tmp_path / name))
    assert "Zqsecretmarker" in included and "zqsecondpara" in included


def test_the_default_report_has_no_notes_and_the_csv_row_only_when_included():
    assert build_report(session()).notes == ""
    assert SECRET in build_report(session(), include_notes=True).notes
    from lpdesk.export.csv_export import rows
    assert [r for r in rows(build_report(session())) if r["table"] == "facilitator_notes"] == []
    included = [r for r in rows(build_report(session(), include_notes=True))
                if r["table"] == "facilitator_notes"]
    assert len(included) == 1 and SECRET in included[0]["text"]


def test_png_pictures_never_hold_the_notes(gui, tmp_path):
    # Pictures are charts and boards only: the same files whether notes are included or not.
    without = render(build_report(session()), tmp_path / "x.png")
    with_notes = render(build_report(session(), include_notes=True), tmp_path / "x.png")
    assert [p.name for p, _ in without] == [p.name for p, _ in with_notes]


def test_command_line_leaves_notes_out_unless_include_notes(tmp_path, capsys):
    source = tmp_path / "s.lpdesk"
    save_session(session(), source)
    out = tmp_path / "s.md"
    assert main(["export", str(source), "-o", str(out)]) == 0
    assert "Zqsecretmarker" not in out.read_text(encoding="utf-8")
    assert main(["export", str(source), "-o", str(out), "--include-notes", "--anonymise",
                 "--force"]) == 0
    assert "Zqsecretmarker" in out.read_text(encoding="utf-8")


def test_export_dialog_offers_the_notes_off_by_default_and_never_remembers_on(
        qtbot, app_settings, tmp_path):
    from lpdesk.ui.export.dialog import ExportDialog

    doc = SessionDocument(session())
    dialog = ExportDialog(doc)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    box = dialog.include_notes_box
    assert box.isEnabled() and not box.isChecked()
    assert "Include my private" in box.text()
    assert dialog.report.notes == ""
    before = dialog.report
    box.setChecked(True)
    qtbot.waitUntil(lambda: dialog.report is not before, timeout=10000)
    assert SECRET in dialog.report.notes  # the preview shows what will be exported
    dialog.resize(1024, 700)
    dialog.show()
    dialog.grab().save("artefacts/export-dialog-private-notes.png")
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.export_to(tmp_path / "with.md")
    assert "Zqsecretmarker" in (tmp_path / "with.md").read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: dialog.export_job is None)
    dialog.close()
    again = ExportDialog(doc)  # the next export starts with the notes left out again
    qtbot.addWidget(again)
    assert not again.include_notes_box.isChecked()
    assert str(QSettings().value("export/include_notes", "")) == ""
    qtbot.waitUntil(lambda: again.report is not None, timeout=10000)
    with qtbot.waitSignal(again.exported, timeout=20000):
        again.export_to(tmp_path / "without.md")
    assert "Zqsecretmarker" not in (tmp_path / "without.md").read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: again.export_job is None)


def test_export_dialog_box_is_off_and_says_so_without_notes(qtbot, app_settings):
    from lpdesk.ui.export.dialog import ExportDialog

    s = session()
    s.notes = "  \n"
    dialog = ExportDialog(SessionDocument(s))
    qtbot.addWidget(dialog)
    assert not dialog.include_notes_box.isEnabled()
    assert "No private notes" in dialog.include_notes_box.toolTip()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
