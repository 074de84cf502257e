"""Text is text: a session whose every text field holds markup is shown literally everywhere.

Qt reads a string as HTML wherever it may guess (labels and message boxes on AutoText, every
tool tip); `<img src="/some/file">` then makes it read that file from disk, on the projector
too. This test writes such a session to a file, opens it in the main window, visits every
page (each area, quiz run, board, the consensus view), presentation mode, the audience
window, the break and welcome slides, and each dialog and message box it can open, and
walks every widget there: labels, tool tips, item views, tab bars, graphics scenes.

The markup names a real PNG whose access time is set before its change time, so reading it
moves the access time (relatime): the test also fails if anything loaded the picture.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGraphicsScene,
    QGraphicsTextItem,
    QGraphicsView,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QToolTip,
    QVBoxLayout,
    QWidget,
)
from repo_paths import ARTEFACTS

from lpdesk.ui.style.text import plain_tip

might_be_rich = QtGui.Qt.mightBeRichText  # what Qt's labels and tool tips ask
MARK = "Bold-7Q"  # shown only by hostile text; never part of lpdesk's own words


def hostile(probe: Path, field: str) -> str:
    return f'{field} <img src="{probe}"><b>{MARK}</b>&amp; end'


def literal_markup(probe: Path) -> str:
    return f'<img src="{probe}"><b>{MARK}</b>&amp; end'


# -- the check ---------------------------------------------------------------------------
def _shows_as_rich(text: str, fmt: Qt.TextFormat) -> bool:
    return fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText
                                              and might_be_rich(text))


def _rendered(html: str) -> str:
    """What Qt shows for `html`, as text (no layout, so no image is loaded)."""
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText().replace("\u00a0", " ").replace("\u2029", "\n")


def as_shown(tip: str) -> str:
    """A tool tip's text as Qt shows it."""
    return _rendered(tip) if might_be_rich(tip) else tip


def misread(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> bool:
    """True if `text`, shown in `fmt`, shows hostile markup as formatting rather than
    literally (its mark shows, its tags do not; or a tag names a picture)."""
    if MARK not in text or not _shows_as_rich(text, fmt):
        return False
    shown = _rendered(text)
    return f"<b>{MARK}</b>&amp;" not in shown or "<img" not in shown


def shortcut_safe(text: str) -> bool:
    """In a button, tab or menu item `&` marks a shortcut: session text must come with
    its `&` doubled to show as typed."""
    return MARK not in text or f"<b>{MARK}</b>&&amp;" in text


def _columns(model, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # PySide keeps a list model's columnCount private
        return 1


def _model_problems(where: str, model, parent: QModelIndex | None = None) -> list[str]:
    problems = []
    parent = QModelIndex() if parent is None else parent
    for row in range(model.rowCount(parent)):
        for col in range(_columns(model, parent)):
            index = model.index(row, col, parent)
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and misread(tip):
                problems.append(f"{where} item ({row}, {col}) tool tip: {tip!r}")
            if col == 0 and not isinstance(model, QAbstractListModel) and \
                    model.rowCount(index) > 0:  # a tree's children
                problems += _model_problems(where, model, index)
    return problems


def _scene_problems(where: str, scene: QGraphicsScene) -> list[str]:
    problems = []
    for item in scene.items():
        if misread(item.toolTip()):
            problems.append(f"{where} {type(item).__name__} tool tip: {item.toolTip()!r}")
        if isinstance(item, QGraphicsTextItem):
            shown = item.toPlainText()
            if MARK in shown and literal_markup_tail() not in shown:
                problems.append(f"{where} {type(item).__name__} shows markup: {shown!r}")
            elif MARK in item.toHtml() and MARK not in shown:
                problems.append(f"{where} {type(item).__name__} hides its text")
    return problems


def literal_markup_tail() -> str:
    return f"<b>{MARK}</b>&amp;"


def widget_problems(roots: Iterable[QWidget]) -> list[str]:
    """Every place under `roots` that shows hostile text as rich text."""
    problems: list[str] = []
    seen: set[int] = set()
    for root in roots:
        for w in [root, *root.findChildren(QWidget)]:
            if id(w) in seen:
                continue
            seen.add(id(w))
            where = f"{type(w).__name__}({w.objectName() or '-'}) in {type(root).__name__}"
            if isinstance(w, QLabel) and misread(w.text(), w.textFormat()):
                problems.append(f"{where} label: {w.text()!r}")
            if misread(w.toolTip()):
                problems.append(f"{where} tool tip: {w.toolTip()!r}")
            if isinstance(w, QAbstractButton) and not shortcut_safe(w.text()):
                problems.append(f"{where} button takes & as a shortcut: {w.text()!r}")
            if isinstance(w, QMenu):
                for action in w.actions():
                    if not shortcut_safe(action.text()):
                        problems.append(f"{where} menu item takes & as a shortcut: "
                                        f"{action.text()!r}")
            if isinstance(w, QTabBar):
                for i in range(w.count()):
                    if misread(w.tabToolTip(i)):
                        problems.append(f"{where} tab {i} tool tip: {w.tabToolTip(i)!r}")
                    if not shortcut_safe(w.tabText(i)):
                        problems.append(f"{where} tab {i} text takes & as a shortcut: "
                                        f"{w.tabText(i)!r}")
            if isinstance(w, (QAbstractItemView, QComboBox)) and w.model() is not None \
                    and not isinstance(w, QHeaderView):  # a header shares its view's model
                problems += _model_problems(where, w.model())
            if isinstance(w, QGraphicsView) and w.scene() is not None:
                problems += _scene_problems(where, w.scene())
    return problems


def shows_somewhere(roots: Iterable[QWidget]) -> bool:
    """Hostile text reached at least one widget (else the walk proves nothing)."""
    for root in roots:
        for w in [root, *root.findChildren(QWidget)]:
            if isinstance(w, QLabel) and MARK in w.text():
                return True
    return False


# -- the session -------------------------------------------------------------------------
def hostile_session(probe: Path):
    from lpdesk.content.quiz import quiz_content
    from lpdesk.demo import demo_session
    from lpdesk.model.quiz import QuizRun

    s = demo_session()
    s.title, s.client = hostile(probe, "title"), hostile(probe, "client")
    s.facilitator, s.notes = hostile(probe, "facilitator"), hostile(probe, "notes")
    for i, g in enumerate(s.groups):
        g.name = hostile(probe, f"group {i}")
    for i, p in enumerate(s.participants):
        p.name = hostile(probe, f"person {i}")
    for i, area in enumerate(s.continuum.areas):
        area.name = hostile(probe, f"area & {i}")
    for i, item in enumerate(s.agenda.items):
        item.title, item.notes = hostile(probe, f"agenda {i}"), hostile(probe, f"notes {i}")
    for b, board in enumerate(s.matrix.boards):
        board.name = hostile(probe, f"board {b}")
        for i, axis in enumerate((*board.rows, *board.columns)):
            axis.name = hostile(probe, f"axis {i}")
        for i, card in enumerate(board.cards):
            card.text = hostile(probe, f"card {i}")
    s.matrix.boards[0].revealed = True
    for i, note in enumerate(s.room.notes):
        note.text = hostile(probe, f"{note.kind} {i} (owner: {hostile(probe, 'owner')})")
    quiz = quiz_content()
    answers = {q.id: q.answers[n % len(q.answers)].id for n, q in enumerate(quiz.questions)}
    total = len(quiz.questions)
    s.quiz.runs += [
        QuizRun("run-person", "participant", s.participants[0].id, "now",
                dict(list(answers.items())[:3]), 2),
        QuizRun("run-group", "group", s.groups[0].id, "target", dict(answers), total),
        QuizRun("run-room", "room", None, "now", dict(answers), total),
    ]
    return s


@pytest.fixture
def probe(tmp_path) -> Path:
    """A real picture; reading it moves its access time (checked first on this disk)."""
    path = tmp_path / "probe.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(path))
    _age(path)
    return path


def _age(path: Path) -> None:
    st = path.stat()
    os.utime(path, (st.st_mtime - 1000, st.st_mtime))


def was_read(path: Path) -> bool | None:
    """Whether `path` was read since `_age` (None if this disk cannot tell)."""
    calibration = path.with_name("calibration.png")
    calibration.write_bytes(b"x")
    _age(calibration)
    before = calibration.stat().st_atime
    calibration.read_bytes()
    if calibration.stat().st_atime == before:
        return None
    st = path.stat()
    return st.st_atime > st.st_mtime - 500


class ModalWatcher:
    """Walks each modal dialog (message box) the moment it opens, then closes it."""

    def __init__(self, answer: Callable[[QWidget], None] | None = None) -> None:
        self.problems: list[str] = []
        self.seen: list[str] = []
        self.answer = answer
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._poll)

    def __enter__(self) -> ModalWatcher:
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self.timer.stop()

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        self.seen.append(" ".join(label.text() for label in modal.findChildren(QLabel)))
        self.problems += widget_problems([modal])
        modal.reject()


def save_grab(widget: QWidget, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    widget.grab().save(str(ARTEFACTS / name))


# -- the walk ----------------------------------------------------------------------------
@pytest.fixture(params=["normal", "high_contrast"])
def theme_name(request, qapp):
    """Each theme as the app applies it (palette and all); normal again afterwards."""
    from lpdesk.ui.style.theme import NORMAL, THEMES, apply_theme

    apply_theme(qapp, THEMES[request.param])
    yield request.param
    apply_theme(qapp, NORMAL)


def test_every_page_shows_session_text_as_plain_text(qtbot, app_settings, tmp_path, probe,
                                                     theme_name):
    from lpdesk.storage import save_session
    from lpdesk.ui.window.main_window import MainWindow

    path = tmp_path / "hostile & co.lpdesk"
    save_session(hostile_session(probe), path)
    window = MainWindow(None)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_path(path)
    session = window.doc.session
    from lpdesk.commands.continuum import SetPlacementCommand
    person = session.participants[0]  # Edit > Undo names them
    window.doc.push(SetPlacementCommand(session.continuum, session.continuum.areas[0].id,
                                        person.id, "now", 50.0, name=person.name))
    window.recent_menu.aboutToShow.emit()  # File > Open Recent is filled when opened
    assert "&1 hostile && co.lpdesk" in [a.text() for a in window.recent_menu.actions()]
    problems: list[str] = []

    def walk(*extra: QWidget) -> None:
        QApplication.processEvents()
        problems.extend(widget_problems([window, *extra]))

    for item in [i for i in session.agenda.items if i.kind != "setup"] + \
            [i for i in session.agenda.items if i.kind == "setup"]:
        window.show_activity(item.id)
        page = window.stack.currentWidget()
        walk()
        if item.kind == "continuum":
            for area in session.continuum.areas:
                session.continuum.current_area_id = area.id
                session.continuum.changed.emit(None)
                walk()
            problems.extend(_continuum_hover_problems(qtbot, page))
        elif item.kind == "quiz":
            for run in session.quiz.runs:
                session.quiz.set_current_run(run.id)
                walk()
        elif item.kind == "matrix":
            for board in session.matrix.boards:
                page.show_board(board.id)
                walk()
                save_grab(window, f"plain_text_matrix_{theme_name}.png")
            page.consensus_action.setChecked(True)
            walk()
            page.consensus_action.setChecked(False)
        save_grab(window, f"plain_text_{item.kind}_{theme_name}.png")
    assert shows_somewhere([window])

    # the room: presentation mode, the audience window, the break and welcome slides
    workshop = window.workshop
    workshop.audience_toggle()
    audience = workshop.audience
    qtbot.waitExposed(audience)
    for item in session.agenda.items:
        window.show_activity(item.id)
        walk(audience)
        save_grab(audience, f"plain_text_audience_{item.kind}_{theme_name}.png")
    workshop.display.start_break(5)
    walk(audience)
    save_grab(audience, f"plain_text_audience_break_{theme_name}.png")
    workshop.display.end_break()
    assert shows_somewhere([audience])
    workshop.audience_toggle()
    workshop.presentation_toggle()
    presented = workshop.presentation.view_window
    roots = [presented] if presented is not None else []
    for item in session.agenda.items:
        window.show_activity(item.id)
        walk(*roots)
    workshop.presentation_toggle()

    # dialogs and message boxes
    with ModalWatcher() as watcher:
        bad = tmp_path / "refused.lpdesk"
        data = json.loads(path.read_text(encoding="utf-8"))
        key = f'<img src="p.png"><b>{MARK}</b>&amp;'  # short: messages repeat short keys
        _first_placements(data)[key] = {"now": 10}
        bad.write_text(json.dumps(data), encoding="utf-8")
        assert not window.open_path(bad)  # refused, and says which key
        window.doc.undo_stack.resetClean()
        del window.ask_save_changes  # the real question, with the file name
        window.doc.path = tmp_path / f"<img src=x><b>{MARK}<b>&amp; file.lpdesk"  # no "/"
        window.ask_save_changes()
        window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        window.ask_file_changed(window.doc.path)
        from lpdesk.ui.window.error_guard import message_box_notifier
        message_box_notifier(window)(f"RuntimeError: {hostile(probe, 'error')}")
        workshop.capture("comment")
        _recovery_dialog(tmp_path, probe, window)
        problems += _matrix_dialogs(window)
        _export_dialog(qtbot, window)
    problems += watcher.problems
    assert MARK in watcher.seen[0], watcher.seen  # the refused file repeats the bad key
    for words in ("Save the changes to", "was changed by someone else", "unexpected problem",
                  "During:", "Delete the autosaved copy", "Export failed"):
        assert any(words in seen and MARK in seen for seen in watcher.seen), (words,
                                                                              watcher.seen)

    assert not problems, "\n".join(dict.fromkeys(problems))
    assert was_read(probe) is not True, "a picture named in session text was loaded"


def _first_placements(data: dict) -> dict:
    for area in data["continuum"]["areas"]:
        if area.get("placements"):
            return area["placements"]
    raise AssertionError("the demo has placements")


def _continuum_hover_problems(qtbot, page) -> list[str]:
    """The plot's hover tool tip names the marker's owner: it must show the name as typed."""
    plot = page.plot
    row = next(i for i, r in enumerate(plot.rows) if r.now is not None)
    plot.pointer.hover(plot.view.to_pixel(plot.rows[row].now, row))
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    text = QToolTip.text()
    QToolTip.hideText()
    assert MARK in text, text
    return [f"continuum hover tool tip: {text!r}"] if misread(text) else []


def _recovery_dialog(tmp_path: Path, probe: Path, window) -> None:
    from lpdesk.storage.recovery import RecoveryInfo
    from lpdesk.ui.window.recovery_dialog import RecoveryDialog

    infos = [RecoveryInfo(tmp_path / "r1.lpdesk-recovery", title=hostile(probe, "recovered"),
                          original=tmp_path / "<b>orig</b>.lpdesk"),
             RecoveryInfo(tmp_path / "r2.lpdesk-recovery", title=hostile(probe, "broken"),
                          problem=hostile(probe, "problem"))]
    dialog = RecoveryDialog(infos, window)
    dialog.show()
    QApplication.processEvents()
    problems = widget_problems([dialog])
    assert shows_somewhere([dialog])
    dialog.discard_button.click()  # asks first, naming the session
    dialog.close()
    assert not problems, problems


def _matrix_dialogs(window) -> list[str]:
    from lpdesk.content.templates import templates
    from lpdesk.ui.matrix.dialogs import CardDialog, NewBoardDialog

    session = window.doc.session
    board = session.matrix.boards[0]
    dialogs = [NewBoardDialog(templates(), session.groups, window),
               CardDialog(board, board.cards[0], window), CardDialog(board, None, window)]
    problems = []
    for dialog in dialogs:
        dialog.show()
        QApplication.processEvents()
        assert any(MARK in combo.itemText(i) for combo in dialog.findChildren(QComboBox)
                   for i in range(combo.count()))
        problems += widget_problems([dialog])
        dialog.close()
    return problems


def _export_dialog(qtbot, window) -> None:
    from lpdesk.ui.export.dialog import ExportDialog

    dialog = ExportDialog(window.doc, window)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.info_label.text()), timeout=20000)
    problems = widget_problems([dialog])
    dialog.show_error("Cannot export the summary", f"Export failed: {dialog.doc.session.title}")
    dialog.close()
    assert not problems, problems


def test_the_comparison_shows_session_text_as_plain_text(qtbot, app_settings, tmp_path,
                                                        probe):
    """File > Compare Sessions: names, areas, titles and a refused file's problem."""
    from lpdesk.storage import save_session
    from lpdesk.storage.compare import read_sessions
    from lpdesk.ui.compare.window import CompareWindow

    paths = []
    for n, date in enumerate(("2026-05-04", "2026-11-23")):
        session = hostile_session(probe)
        session.id, session.date = f"hostile-{n}", date
        paths.append(tmp_path / f"workshop {n}.lpdesk")
        save_session(session, paths[-1])
    refused = tmp_path / "refused.lpdesk"
    refused.write_text(json.dumps({"format": hostile(probe, "format")}), encoding="utf-8")
    window = CompareWindow(read_sessions([*paths, refused]))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.is_complete, timeout=20000)
    save_grab(window, "plain_text_compare.png")
    assert shows_somewhere([window])
    problems = widget_problems([window])
    window.close()
    assert not problems, "\n".join(dict.fromkeys(problems))
    assert was_read(probe) is not True, "a picture named in session text was loaded"


def test_the_start_page_shows_recent_file_names_as_typed(qtbot, app_settings, tmp_path):
    from PySide6.QtCore import QSettings

    from lpdesk.app import create_main_window
    from lpdesk.demo import demo_session
    from lpdesk.storage import save_session
    from lpdesk.ui.window.start_page import front

    recent = tmp_path / f"<img src=x><b>{MARK}<b>&amp; kick-off.lpdesk"
    save_session(demo_session(), recent)
    QSettings().setValue("recent_files", [str(recent)])
    window = create_main_window(None, recover=False)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    item = front(window).page.recent_list.item(0)
    assert item.text() == recent.name
    tip = item.toolTip()
    assert as_shown(tip) == str(recent), tip
    window.recent_menu.aboutToShow.emit()
    action = window.recent_menu.actions()[0]
    assert action.text() == "&1 " + recent.name.replace("&", "&&")
    assert as_shown(action.toolTip()) == str(recent)


# -- the check catches what it must --------------------------------------------------------
def test_the_walk_catches_a_planted_rich_text_label(qtbot, probe):
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    text = hostile(probe, "planted")
    plain = QLabel(text)
    plain.setTextFormat(Qt.TextFormat.PlainText)
    escaped = QLabel(f"<b>{text.replace('&', '&amp;').replace('<', '&lt;')}</b>")
    escaped.setTextFormat(Qt.TextFormat.RichText)
    safe_tip = QLabel("tip")
    safe_tip.setToolTip(plain_tip(text))
    for w in (plain, escaped, safe_tip):
        layout.addWidget(w)
    assert widget_problems([root]) == []

    rich = QLabel(text)  # AutoText: Qt takes it for HTML
    rich.setObjectName("planted")
    layout.addWidget(rich)
    raw_tip = QLabel("tip")
    raw_tip.setObjectName("raw_tip")
    raw_tip.setToolTip(text)
    layout.addWidget(raw_tip)
    tabs = QTabBar()
    tabs.addTab(text)
    tabs.setTabToolTip(0, text)
    layout.addWidget(tabs)
    scene = QGraphicsScene()
    as_html = scene.addText("")
    as_html.setHtml(text)
    scene.addText("").setPlainText(text)  # fine
    view = QGraphicsView(scene)
    layout.addWidget(view)
    button = QPushButton(text)  # "&" not doubled
    layout.addWidget(button)
    menu = QMenu(root)
    menu.addAction(text.replace("&", "&&"))  # fine
    menu.addAction("&Undo " + text)
    found = "\n".join(widget_problems([root]))
    assert "QLabel(planted)" in found and "QLabel(raw_tip)" in found
    assert "tab 0 tool tip" in found and "tab 0 text takes & as a shortcut" in found
    assert "QGraphicsTextItem shows markup" in found
    assert "button takes & as a shortcut" in found and "menu item takes &" in found
    assert found.count("\n") == 6, found


def test_plain_tip_shows_text_as_typed(qapp):
    for text in ('<img src="/x.png"><b>b</b>&amp;', "a < b and c > d", "line\nbreak <i>x</i>",
                 "plain words"):
        shown = plain_tip(text)
        if might_be_rich(shown):
            assert _rendered(shown) == text
        else:
            assert shown == text
    assert plain_tip("") == ""


def test_the_probe_notices_a_picture_being_loaded(qtbot, probe):
    """The access-time probe is real: a rich label that names the picture reads it."""
    if was_read(probe) is None:
        pytest.skip("this disk does not update access times")
    assert was_read(probe) is False
    label = QLabel(f'<img src="{probe}">')
    qtbot.addWidget(label)
    label.show()
    label.grab()
    assert was_read(probe) is True


def test_hostile_markup_is_literal_in_the_widgets_text(qapp, probe):
    assert not misread(f"just {MARK} words")
    assert misread(hostile(probe, "x"))
    assert not misread(hostile(probe, "x"), Qt.TextFormat.PlainText)
    assert re.search(r"<b>Bold-7Q</b>&amp;", literal_markup(probe))
