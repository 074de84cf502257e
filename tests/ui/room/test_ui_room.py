"""The audience window, facilitator notes, quick capture and the summary page."""
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from lpdesk.commands.agenda import rename
from lpdesk.commands.room import AddRoomNoteCommand, new_room_note
from lpdesk.commands.session import SetDetailCommand
from lpdesk.content.agenda import bundled_notes
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.room.audience_window import projector_screen
from lpdesk.ui.room.slides import WelcomeSlide
from lpdesk.ui.summary.page import SummaryPage
from lpdesk.ui.window.capture import CaptureDialog


@pytest.fixture
def window(demo_window):
    w = demo_window
    yield w
    if w.workshop.audience is not None:
        w.workshop.audience.close()


def item_id(w, kind):
    return next(i.id for i in w.doc.session.agenda.items if i.kind == kind)


def open_audience(window, qtbot):
    window.workshop.audience_action.trigger()
    aw = window.workshop.audience
    assert aw is not None
    qtbot.waitExposed(aw)
    return aw


def texts_in(widget: QWidget) -> list[str]:
    """Every text a widget tree shows or tells assistive technology."""
    found = [widget.windowTitle(), widget.toolTip(), widget.accessibleName(),
             widget.accessibleDescription()]
    for w in [widget, *widget.findChildren(QWidget)]:
        found += [w.toolTip(), w.accessibleName(), w.accessibleDescription()]
        if isinstance(w, QLabel):
            found.append(w.text())
        elif isinstance(w, QLineEdit):
            found.append(w.text())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            found.append(w.toPlainText())
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # list models keep columnCount private: one column
                columns = 1
            for r in range(model.rowCount(QModelIndex())):
                for c in range(columns):
                    index = model.index(r, c)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = index.data(role)
                        if isinstance(value, str):
                            found.append(value)
        elif isinstance(w, QGraphicsView) and w.scene() is not None:
            for item in w.scene().items():
                if isinstance(item, QGraphicsTextItem):
                    found.append(item.toPlainText())
    return [t for t in found if t]


# -- the audience window ------------------------------------------------------------------
def test_one_screen_gives_a_window_to_drag_to_the_projector(window, qtbot):
    assert projector_screen(window.screen()) is None  # offscreen: one screen
    aw = open_audience(window, qtbot)
    assert not aw.isFullScreen() and aw.width() >= 640
    assert window.workshop.audience_action.isChecked()
    assert window.isVisible()  # the facilitator keeps the full window
    aw.full_screen_action.trigger()
    assert aw.isFullScreen()
    aw.leave_full_screen_action.trigger()
    assert not aw.isFullScreen()
    window.workshop.audience_action.trigger()
    assert window.workshop.audience is None
    assert not window.workshop.audience_action.isChecked()


def test_second_screen_gets_the_audience_full_screen(window, qtbot, monkeypatch):
    import lpdesk.ui.room.audience_window as audience_window
    screen = QGuiApplication.primaryScreen()
    monkeypatch.setattr(audience_window, "projector_screen", lambda _mine: screen)
    aw = open_audience(window, qtbot)
    assert aw.isFullScreen() and aw.screen() is screen


def test_audience_follows_agenda_navigation(window, qtbot):
    aw = open_audience(window, qtbot)
    assert isinstance(aw.view.current_page(), WelcomeSlide)
    window.next_activity()
    assert aw.view.item_id == window.current_item_id()
    window.show_activity(item_id(window, "summary"))
    page = aw.view.current_page()
    assert isinstance(page, SummaryPage) and page.audience
    assert aw.view.title.text() == window.doc.session.agenda.item(
        item_id(window, "summary")).title


def test_audience_mirrors_commands(window, qtbot):
    aw = open_audience(window, qtbot)
    doc = window.doc
    welcome = aw.view.current_page()
    doc.push(SetDetailCommand(doc.session, "title", "Learning, honestly"))
    assert welcome.title.text() == "Learning, honestly"
    summary = item_id(window, "summary")
    window.show_activity(summary)
    page = aw.view.current_page()
    room = doc.session.room
    before = page.note_ids("action")
    note = new_room_note(room, "action", "Map who curates what", summary)
    doc.push(AddRoomNoteCommand(room, note))
    assert page.note_ids("action") == [*before, note.id]
    assert any("Map who curates what" in t for t in texts_in(aw))
    doc.push(rename(doc.session.agenda, summary, "What we agreed"))
    assert aw.view.title.text() == "What we agreed"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert page.note_ids("action") == before


def test_facilitator_notes_never_reach_the_audience(window, qtbot):
    session = window.doc.session
    secrets = [i.notes for i in session.agenda.items if i.notes] + [session.notes]
    assert len(secrets) >= 3
    aw = open_audience(window, qtbot)
    present = window.workshop.present_action
    present.trigger()
    views = [aw, window.workshop.presentation.view_window]
    for row in range(window.agenda_list.count()):
        window.show_activity(window.agenda_list.item(row).data(Qt.ItemDataRole.UserRole))
        QApplication.processEvents()
        for view in views:
            shown = "\n".join(texts_in(view))
            for secret in secrets:
                assert secret[:40] not in shown
    present.trigger()
    # ...while the facilitator's own window does show them
    assert session.agenda.items[-1].notes[:40] in "\n".join(texts_in(window))


def test_blank_shows_on_the_audience_window_too(window, qtbot):
    aw = open_audience(window, qtbot)
    window.workshop.blank_action.trigger()
    assert aw.view.screens.currentWidget() is aw.view.blank
    window.workshop.blank_action.trigger()
    assert aw.view.screens.currentWidget() is aw.view.activity


# -- facilitator notes ----------------------------------------------------------------------
def test_notes_panel_follows_the_activity_and_edits_undoably(window, qtbot):
    panel = window.workshop.notes_panel
    agenda = window.doc.session.agenda
    first = agenda.item(window.current_item_id())
    assert panel.editor.toPlainText() == first.notes
    window.next_activity()
    second = agenda.item(window.current_item_id())
    assert panel.editor.toPlainText() == second.notes
    panel.editor.setFocus()
    panel.editor.moveCursor(panel.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.editor, " Ask the quiet ones.")
    assert second.notes.endswith("Ask the quiet ones.")
    assert first.notes != second.notes
    window.doc.undo_stack.undo()  # the typing was one step
    assert not second.notes.endswith("Ask the quiet ones.")
    assert panel.editor.toPlainText() == second.notes


def test_bundled_guidance_can_be_restored(window):
    panel = window.workshop.notes_panel
    item = window.doc.session.agenda.item(window.current_item_id())
    assert not panel.restore_button.isEnabled()  # demo notes are the bundled ones
    panel.editor.setPlainText("my own words")
    assert item.notes == "my own words" and panel.restore_button.isEnabled()
    panel.restore_button.click()
    assert item.notes == bundled_notes(item.kind)
    window.doc.undo_stack.undo()
    assert item.notes == "my own words"


# -- quick capture --------------------------------------------------------------------------
def test_ctrl_k_captures_a_comment_in_the_current_activity(window, qtbot):
    window.next_activity()
    current = window.current_item_id()
    ws = window.workshop
    asked = []
    ws.ask_capture = lambda kind, title: asked.append((kind, title)) or (kind, "Too busy")
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.agenda_list, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.agenda_list, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert [k for k, _ in asked] == ["comment", "action"]
    assert asked[0][1] == window.doc.session.agenda.item(current).title
    notes = window.doc.session.room.notes[-2:]
    assert [(n.kind, n.text, n.activity_id) for n in notes] == [
        ("comment", "Too busy", current), ("action", "Too busy", current)]
    assert notes[0].created  # when it was said, for the summary
    window.doc.undo_stack.undo()
    assert window.doc.session.room.notes[-1] is notes[0]


def test_cancelled_capture_adds_nothing(window):
    count = len(window.doc.session.room.notes)
    window.workshop.ask_capture = lambda kind, title: None
    window.workshop.comment_action.trigger()
    assert len(window.doc.session.room.notes) == count


def test_capture_dialog(qtbot):
    dialog = CaptureDialog("comment", "Quick quiz")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.text, "  Owner: Eva  ")
    assert ok.isEnabled()
    dialog.action_button.setChecked(True)
    assert (dialog.kind(), dialog.note_text()) == ("action", "Owner: Eva")


# -- the summary page -----------------------------------------------------------------------
def test_summary_page_edits_adds_and_removes(window, qtbot):
    window.show_activity(item_id(window, "summary"))
    page = window.stack.currentWidget()
    assert isinstance(page, SummaryPage) and not page.audience
    room = window.doc.session.room
    actions = page.lists["action"]
    first = room.of_kind("action")[0]
    actions.item(0).setText("Pilot a peer community (owner: Eva, by March)")
    assert first.text == "Pilot a peer community (owner: Eva, by March)"
    actions.item(0).setText("   ")  # refused: the old text comes back
    assert actions.item(0).text() == first.text
    page.entries["comment"].setText("Leaders want data first")
    qtbot.keyClick(page.entries["comment"], Qt.Key.Key_Return)
    assert room.of_kind("comment")[-1].text == "Leaders want data first"
    assert room.of_kind("comment")[-1].activity_id == item_id(window, "summary")
    actions.setCurrentRow(0)
    actions.item(0).setSelected(True)
    qtbot.keyClick(actions, Qt.Key.Key_Delete)
    assert first not in room.notes
    window.doc.undo_stack.undo()
    assert room.of_kind("action")[0] is first


def test_audience_summary_is_read_only_and_numbered(window, qtbot):
    page = SummaryPage(window.doc, audience=True)
    qtbot.addWidget(page)
    view = page.lists["action"]
    assert view.item(0).text().startswith("1. ")
    assert not view.item(0).flags() & Qt.ItemFlag.ItemIsEditable
    assert page.entries == {}


def test_room_windows_close_with_the_facilitator_window(window, qtbot):
    aw = open_audience(window, qtbot)
    window.workshop.present_action.trigger()
    pw = window.workshop.presentation.view_window
    window.close()
    qtbot.waitUntil(lambda: not aw.isVisible() and not pw.isVisible())
    assert window.workshop.audience is None and not window.workshop.presentation.active


def test_room_windows_stay_when_closing_is_cancelled(window, qtbot):
    aw = open_audience(window, qtbot)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Cancel
    window.doc.push(SetDetailCommand(window.doc.session, "title", "unsaved"))
    window.close()
    qtbot.wait(20)
    assert window.isVisible() and aw.isVisible()
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard


def test_audience_follows_a_newly_opened_session(window, qtbot):
    aw = open_audience(window, qtbot)
    old_page = aw.view.current_page()
    new = SessionDocument(demo_session())
    new.session.title = "Another client"
    window.set_document(new)
    page = aw.view.current_page()
    assert isinstance(page, WelcomeSlide) and page is not old_page and page.doc is new
    assert page.title.text() == "Another client"
    window.next_activity()
    assert aw.view.item_id == window.current_item_id()


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_audience_window_on_one_screen_opens_large_and_keeps_the_names(window, qtbot,
                                                                      monkeypatch, size):
    """One screen (to drag to a mirrored projector): a sensibly big 16:9 window, not
    960x540 where the continuum's rows lost the participants' names."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    free = QRect(0, 0, *size)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: free)
    window.show_activity(item_id(window, "continuum"))
    aw = open_audience(window, qtbot)
    assert free.contains(aw.frameGeometry())
    assert aw.width() >= size[0] * 0.8 and aw.width() > 960
    assert abs(aw.width() / aw.height() - 16 / 9) < 0.02
    QApplication.processEvents()
    page = aw.view.current_page()
    shown = [label for _row, label in page.plot.view.names]
    names = [p.name for p in window.doc.session.participants]
    assert len(shown) >= len(names) and all(n for n in shown)
    aw.close()
