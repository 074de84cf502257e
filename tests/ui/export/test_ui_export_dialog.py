"""File > Export Summary...: preview pages, options, export in the background, cancel."""
import time

import pytest
from export_sessions import with_boards
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.export.pdf import SummaryDocument
from lpdesk.export.summary import build_report
from lpdesk.ui.export.dialog import ExportDialog
from lpdesk.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot, app_settings):
    w = MainWindow(SessionDocument(demo_session()))
    qtbot.addWidget(w)
    return w


def open_dialog(qtbot, window) -> ExportDialog:
    window.export_summary_action.trigger()
    dialog = window.export_dialog
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.page_image is not None,
                    timeout=10000)
    return dialog


def test_menu_entry_sits_above_the_export_separator(window):
    actions = window.file_menu.actions()
    index = actions.index(window.export_summary_action)
    assert actions[index + 1] is window.export_separator
    assert window.export_summary_action.shortcut().toString() == "Ctrl+E"


def test_preview_shows_the_pdf_pages(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    expected = SummaryDocument(build_report(window.doc.session), dialog.paper).page_count
    assert dialog.page_count == expected
    assert dialog.page_spin.maximum() == expected
    assert not dialog.previous_button.isEnabled()
    first = dialog.page_image
    dialog.next_button.click()
    qtbot.waitUntil(lambda: dialog.page_image is not first, timeout=5000)
    assert dialog.page == 1 and dialog.page_spin.value() == 2
    # portrait page proportions, sized to the preview's width
    assert dialog.page_image.height() > dialog.page_image.width() > 300
    dialog.grab().save(str(tmp_path / "dialog.png"))


def test_options_lay_the_pages_out_again(qtbot, window):
    dialog = open_dialog(qtbot, window)
    before = dialog.report
    dialog.anonymise_box.setChecked(True)
    qtbot.waitUntil(lambda: dialog.report is not before, timeout=10000)
    assert dialog.report.anonymised
    assert [p.label for p in dialog.report.people][:2] == ["P1", "P2"]
    a4 = dialog.report
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("letter"))
    qtbot.waitUntil(lambda: dialog.report is not a4, timeout=10000)
    assert dialog.preview_paper == "letter"
    assert QSettings().value("export/anonymise") == "true"  # remembered for next time
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    assert not dialog.paper_combo.isEnabled()


@pytest.mark.parametrize("name", ["summary.pdf", "summary.html", "x.png"])
def test_export_writes_the_file(qtbot, window, tmp_path, name):
    dialog = open_dialog(qtbot, window)
    with qtbot.waitSignal(dialog.exported, timeout=20000) as blocker:
        dialog.export_to(tmp_path / name)
    paths = blocker.args[0]
    assert paths and all(p.exists() and p.stat().st_size > 0 for p in paths)
    assert paths[0].parent == tmp_path
    qtbot.waitUntil(lambda: dialog.export_job is None)
    assert dialog.export_button.isEnabled()


def test_export_error_is_shown(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window)
    errors = []
    dialog.show_error = lambda title, text: errors.append(text)
    dialog.export_to(tmp_path / "missing" / "s.pdf")
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert "does not exist" in errors[0]


def test_cancel_writes_nothing(qtbot, app_settings, tmp_path):
    doc = SessionDocument(with_boards(participants=300, groups=6, cards=60))
    dialog = ExportDialog(doc)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    with qtbot.waitSignal(dialog.export_cancelled, timeout=20000):
        dialog.export_to(tmp_path / "big.pdf")
        dialog.progress_dialog.canceled.emit()  # what its Cancel button and Esc send
    assert not (tmp_path / "big.pdf").exists()
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".big*")) == []
    assert "cancelled" in dialog.info_label.text()


def test_window_keeps_responding_during_a_large_export(qtbot, app_settings, tmp_path):
    from benchmarks.sessions import large_session

    dialog = ExportDialog(SessionDocument(large_session()))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30000)
    gaps = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    started = time.perf_counter()
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        dialog.export_to(tmp_path / "large.pdf")
    timer.stop()
    took = time.perf_counter() - started
    assert (tmp_path / "large.pdf").stat().st_size > 100_000
    assert len(gaps) > took * 1000 / 10 / 4  # the event loop kept turning
    assert max(gaps) < 250, max(gaps)  # a full garbage collection alone took ~300 ms
