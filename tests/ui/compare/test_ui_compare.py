"""File > Compare Sessions: the comparison page reads files only, shows the figures as plain
text, follows the facilitator's series choice, and exports."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox, QTableWidget
from repo_paths import ARTEFACTS

from lpdesk.demo import demo_workshops
from lpdesk.storage import save_session
from lpdesk.ui.compare import window as compare_window
from lpdesk.ui.compare.chart_view import CompareChartView
from lpdesk.ui.compare.window import CompareWindow, open_comparison


@pytest.fixture
def workshop_files(tmp_path) -> list[Path]:
    paths = []
    for name, session in demo_workshops():
        save_session(session, tmp_path / name)
        paths.append(tmp_path / name)
    return paths


def digests(paths):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def texts(qtbot, window: CompareWindow) -> list[str]:
    qtbot.waitUntil(lambda: window.is_complete)
    return [label.text() for label in window.body.findChildren(QLabel)]


def test_compare_sessions_opens_the_comparison_and_leaves_files_and_session_alone(
        qtbot, demo_window, workshop_files, monkeypatch):
    session_before = demo_window.doc.session
    clean = demo_window.doc.undo_stack.isClean()
    before = digests(workshop_files)
    monkeypatch.setattr(compare_window.QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(p) for p in workshop_files], "")))
    demo_window.compare_action.trigger()
    window = demo_window.compare_window
    assert isinstance(window, CompareWindow)
    qtbot.addWidget(window)
    assert len(window.report.comparison.sessions) == 4
    shown = "\n".join(texts(qtbot, window))
    assert "Operations sits furthest towards the organisation today" in shown
    assert "since May 2026, Sales team has moved" in shown
    assert len(window.body.findChildren(CompareChartView)) == len(
        [s for s in window.report.sections if s.chart is not None])
    assert digests(workshop_files) == before
    assert demo_window.doc.session is session_before
    assert demo_window.doc.undo_stack.isClean() == clean


def test_unticking_a_series_takes_the_over_time_part_away(qtbot, workshop_files):
    window = open_comparison(None, workshop_files)
    qtbot.addWidget(window)
    assert window.report.comparison.series
    (box,) = [b for b in window.body.findChildren(QCheckBox)
              if "one team over time" in b.accessibleName()]
    box.setChecked(False)
    qtbot.waitUntil(lambda: not window.report.comparison.series)
    assert not any("since May 2026" in t for t in texts(qtbot, window))
    assert window.series_choice == {("northwind logistics", "sales team"): False}


def test_session_text_is_shown_as_plain_text(qtbot, tmp_path):
    sessions = demo_workshops()[:2]
    for n, (name, session) in enumerate(sessions):
        session.title = f"<b>Team {n}</b><img src='/dev/zero'>"
        session.continuum.areas[0].name = "<i>All</i> learning"
        save_session(session, tmp_path / name)
    window = open_comparison(None, [tmp_path])
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_complete)
    labels = window.body.findChildren(QLabel)
    assert any("<b>Team 0</b>" in label.text() for label in labels)
    for label in labels:
        assert label.textFormat().name == "PlainText", label.text()
    cells = [table.item(r, 0).text() for table in window.body.findChildren(QTableWidget)
             for r in range(table.rowCount())]
    assert "<b>Team 0</b><img src='/dev/zero'>" in cells  # the literal text, in a table item


def test_fewer_than_two_usable_sessions_say_why_and_open_nothing(qtbot, tmp_path,
                                                                 monkeypatch):
    (name, session), = demo_workshops()[:1]
    save_session(session, tmp_path / name)
    (tmp_path / "broken.lpdesk").write_text("{", encoding="utf-8")
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.text()))
    assert open_comparison(None, [tmp_path]) is None
    (message,) = shown
    assert "At least two sessions" in message and "broken.lpdesk" in message


def test_bad_files_are_listed_and_the_rest_compared(qtbot, workshop_files, tmp_path):
    (tmp_path / "broken.lpdesk").write_text("{", encoding="utf-8")
    window = open_comparison(None, [tmp_path])
    qtbot.addWidget(window)
    assert len(window.report.comparison.sessions) == 4
    assert any(t.startswith("\u2022 broken.lpdesk:") for t in texts(qtbot, window))


@pytest.mark.parametrize("suffix", [".pdf", ".csv"])
def test_export_writes_the_comparison_off_the_gui_thread(qtbot, workshop_files, tmp_path,
                                                         suffix):
    window = open_comparison(None, workshop_files)
    qtbot.addWidget(window)
    out = tmp_path / f"comparison{suffix}"
    with qtbot.waitSignal(window.exported, timeout=20000) as signal:
        window.export_to(out)
    assert signal.args[0] == [out]
    data = out.read_bytes()
    assert data.startswith(b"%PDF") if suffix == ".pdf" else b"area_row" in data


def test_comparison_page_looks_right(qtbot, workshop_files):
    ARTEFACTS.mkdir(exist_ok=True)
    window = open_comparison(None, workshop_files)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.is_complete)
    for w, h in ((1024, 600), (1280, 720), (1920, 1080)):
        window.resize(w, h)
        qtbot.wait(10)
        image = window.grab()
        assert image.width() == w
        image.save(str(ARTEFACTS / f"compare_{w}x{h}.png"))
    chart = window.body.findChildren(CompareChartView)[0]
    assert chart.height() > 80 and chart.width() > 300


def test_a_closed_comparison_is_not_called_by_its_queued_sections(qtbot, workshop_files,
                                                                  monkeypatch):
    """The sections after the first screen are queued with the window as their context
    (docs/architecture.md, "Who owns a Qt object"): a window closed and deleted before
    they run, before its first paint or between two steps, is never called, rather than
    building widgets into a deleted page."""
    from PySide6.QtCore import QCoreApplication, QEvent

    calls = []
    real = CompareWindow._add_sections
    closed_between_steps = []

    def add_sections(self, *args, **kw):
        calls.append(args)
        if len(calls) == 2 and closed_between_steps == []:  # the first step after the paint
            # closed by the facilitator between two steps: the close and the delete come
            # before the next step's turn (checked here, not by polling: on a fast machine
            # the last step had already run when a poll looked)
            self.close()
            self.deleteLater()
            closed_between_steps.append(True)
        real(self, *args, **kw)
        if closed_between_steps == [True]:
            closed_between_steps.append(not self.is_complete)  # another step is queued

    monkeypatch.setattr(CompareWindow, "_add_sections", add_sections)

    def deleted_and_never_called_again():
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qtbot.wait(50)

    window = open_comparison(None, workshop_files)  # before the first paint
    assert calls and not window.is_complete
    calls.clear()
    window.close()
    window.deleteLater()
    deleted_and_never_called_again()
    assert calls == []

    open_comparison(None, workshop_files)
    qtbot.waitUntil(lambda: len(closed_between_steps) == 2)
    assert closed_between_steps == [True, True]  # a step was queued when it closed
    deleted_and_never_called_again()
    assert len(calls) == 2


def test_a_long_series_wraps_and_the_page_never_scrolls_sideways(qtbot, tmp_path):
    """Eight workshops of one team, each a long title: the tick box's sentence names them
    all. As one unwrapped tick box it made the page wider than the window (a sideways
    scroll bar; the page's sentences cut at the right)."""
    paths = []
    for index, (_name, session) in enumerate(demo_workshops()[:1] * 8):
        session.id = f"session-long-{index}"
        session.title = "Sales team quarterly learning culture check-in"
        session.date = f"2026-{index + 1:02d}-15"
        paths.append(tmp_path / f"sales-{index}.lpdesk")
        save_session(session, paths[-1])
    window = open_comparison(None, paths)
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    qtbot.waitUntil(lambda: window.is_complete)
    (box,) = [b for b in window.body.findChildren(QCheckBox)
              if "one team over time" in b.accessibleName()]
    assert "2026-08-15" in box.accessibleName() or "Sales team" in box.accessibleName()
    qtbot.wait(50)
    assert not window.scroll.horizontalScrollBar().isVisible()
    assert window.body.width() <= window.scroll.viewport().width()
    # a click on the sentence ticks the box, as on a box's own text
    (sentence,) = [label for label in window.body.findChildren(QLabel)
                   if label.buddy() is box]
    assert sentence.textFormat() == Qt.TextFormat.PlainText
    ticked = box.isChecked()
    qtbot.mouseClick(sentence, Qt.MouseButton.LeftButton)
    assert box.isChecked() is not ticked
