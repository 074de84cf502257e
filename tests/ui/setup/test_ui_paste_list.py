"""The set-up page's "Paste list" dialog: starts with the clipboard, previews who goes into
which group, says what is left out, and adds everything in one undoable step."""
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from lpdesk.content.defaults import new_session
from lpdesk.document import SessionDocument
from lpdesk.ui.setup.page import SetupPage
from lpdesk.ui.setup.paste_dialog import PasteNamesDialog

LIST = ("Name\tGroup\nAnn Lee\tHarbour\nBo Chen\tQuay\n\nann lee\tQuay\n"
        "Cé Diaz\tharbour\nDee Ng\n")


@pytest.fixture
def page(qtbot):
    p = SetupPage(SessionDocument(new_session()))
    qtbot.addWidget(p)
    p.show()
    return p


def preview(dialog):
    t = dialog.preview
    return [(t.item(r, 0).text(), t.item(r, 1).text()) for r in range(t.rowCount())]


def test_dialog_starts_with_the_clipboards_text(qtbot):
    QApplication.clipboard().setText("Ann Lee\nBo Chen")
    dialog = PasteNamesDialog(new_session())
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText() == "Ann Lee\nBo Chen"
    assert preview(dialog) == [("Ann Lee", ""), ("Bo Chen", "")]


def test_preview_shows_groups_and_reports_duplicates_and_blank_lines(qtbot, page):
    page.add_names(["Dee Ng"])
    dialog = PasteNamesDialog(page.session, page, LIST)
    qtbot.addWidget(dialog)
    dialog.resize(1024, 600)
    dialog.show()
    assert preview(dialog) == [("Ann Lee", "Harbour (new group)"),
                               ("Bo Chen", "Quay (new group)"),
                               ("Cé Diaz", "Harbour (new group)")]
    report = dialog.report.text()
    assert "3 participants will be added" in report
    assert "already in the session: Dee Ng" in report
    assert "twice in the list: ann lee" in report
    assert "1 blank line skipped" in report
    assert "New groups: Harbour, Quay" in report
    assert "column names: Name, Group" in report
    dialog.grab().save("artefacts/paste-list-preview.png")


def test_preview_follows_the_text_and_ok_is_off_when_nothing_would_be_added(qtbot):
    dialog = PasteNamesDialog(new_session(), text="")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.text.setPlainText('"Okafor, Ben" <ben@example.org>; amira.haddad@x.org')
    assert preview(dialog) == [("Ben Okafor", ""), ("Amira Haddad", "")]
    assert dialog.ok_button.isEnabled()


def test_paste_button_adds_people_and_new_groups_in_one_undo_step(qtbot, page):
    QApplication.clipboard().setText(LIST)
    QTimer.singleShot(0, lambda: page.paste_dialog.ok_button.click())
    qtbot.mouseClick(page.paste_button, Qt.MouseButton.LeftButton)
    s = page.session
    assert [g.name for g in s.groups] == ["Harbour", "Quay"]
    harbour, quay = (g.id for g in s.groups)
    assert [(p.name, p.group_id) for p in s.participants] == [
        ("Ann Lee", harbour), ("Bo Chen", quay), ("Cé Diaz", harbour), ("Dee Ng", None)]
    assert page.table.item(0, 1).text() == "Harbour"
    assert page.group_list.count() == 2
    assert page.doc.undo_stack.count() == 1
    page.doc.undo_stack.undo()
    assert s.participants == [] and s.groups == []
    page.doc.undo_stack.redo()
    assert len(s.participants) == 4 and len(s.groups) == 2


def test_cancel_adds_nothing(qtbot, page):
    QApplication.clipboard().setText("Ann\nBo")
    QTimer.singleShot(0, lambda: page.paste_dialog.reject())
    page.paste_names()
    assert page.session.participants == [] and page.doc.undo_stack.count() == 0


def test_ctrl_v_on_the_list_shows_the_same_preview_first(qtbot, page):
    QApplication.clipboard().setText("Ann\tHarbour\nAnn")
    seen = []

    def look():
        seen.append(preview(page.paste_dialog))
        page.paste_dialog.accept()

    QTimer.singleShot(0, look)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert seen == [[("Ann", "Harbour (new group)")]]
    assert [p.name for p in page.session.participants] == ["Ann"]
    assert page.session.participants[0].group_id == page.session.groups[0].id
