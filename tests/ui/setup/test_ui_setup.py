"""The set-up page: details, type-Enter-next names, pasted lists, groups; all undoable."""
import pytest
from PySide6.QtCore import Qt

from lpdesk.content.defaults import new_session
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.model.roster import split_names
from lpdesk.ui.setup.page import SetupPage


@pytest.fixture
def page(qtbot):
    doc = SessionDocument(new_session())
    p = SetupPage(doc)
    qtbot.addWidget(p)
    p.show()
    return p


def test_type_name_enter_next_name(page, qtbot):
    for name in ("Ann Lee", "Bo"):
        qtbot.keyClicks(page.name_entry, name)
        qtbot.keyClick(page.name_entry, Qt.Key.Key_Return)
    assert [p.name for p in page.session.participants] == ["Ann Lee", "Bo"]
    assert page.name_entry.text() == ""
    assert page.table.rowCount() == 2
    assert page.table.item(1, 0).text() == "Bo"
    page.doc.undo_stack.undo()
    assert [p.name for p in page.session.participants] == ["Ann Lee"]
    assert page.table.rowCount() == 1


def test_pasted_list_is_one_undo_step(page):
    page.add_names(split_names("A\nB\nC\nD"))
    assert len(page.session.participants) == 4
    assert len({p.colour for p in page.session.participants}) == 4
    page.doc.undo_stack.undo()
    assert page.session.participants == []


def test_typing_a_title_merges_into_one_command(page, qtbot):
    qtbot.keyClicks(page.title_edit, "Kick-off")
    assert page.session.title == "Kick-off"
    assert page.doc.undo_stack.count() == 1
    page.doc.undo_stack.undo()
    assert page.session.title == "" and page.title_edit.text() == ""


def test_rename_in_table_and_refuse_empty(page):
    page.add_names(["Ann"])
    page.table.item(0, 0).setText("Anne")
    assert page.session.participants[0].name == "Anne"
    page.table.item(0, 0).setText("   ")
    assert page.session.participants[0].name == "Anne"
    assert page.table.item(0, 0).text() == "Anne"


def test_split_into_groups_and_undo(page):
    page.add_names(["A", "B", "C", "D", "E"])
    page.split_into_groups(2)
    groups = [g.id for g in page.session.groups]
    assert len(groups) == 2
    assert [p.group_id for p in page.session.participants] == [groups[i % 2] for i in range(5)]
    assert page.table.item(0, 1).text() == page.session.groups[0].name
    page.doc.undo_stack.undo()
    assert page.session.groups == []
    assert all(p.group_id is None for p in page.session.participants)


def test_delete_key_removes_selected_with_their_data(qtbot):
    doc = SessionDocument(demo_session())
    page = SetupPage(doc)
    qtbot.addWidget(page)
    victim = doc.session.participants[0]
    page.table.selectRow(0)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert victim.id not in {p.id for p in doc.session.participants}
    doc.undo_stack.undo()
    assert doc.session == demo_session()


def test_group_rename_and_remove(page):
    page.add_group("Blue")
    item = page.group_list.item(0)
    item.setText("Red")
    assert page.session.groups[0].name == "Red"
    page.group_list.setCurrentRow(0)
    page.remove_selected_group()
    assert page.session.groups == []
    page.doc.undo_stack.undo()
    assert page.session.groups[0].name == "Red"


def test_page_stops_listening_when_destroyed(qtbot):
    doc = SessionDocument(new_session())
    page = SetupPage(doc)
    handlers = len(doc.session.changed)
    page.deleteLater()
    qtbot.waitUntil(lambda: len(doc.session.changed) < handlers)
