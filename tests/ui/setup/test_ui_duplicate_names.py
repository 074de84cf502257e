"""A participant name already in the list is not accepted silently: a warning under the
field, Enter again keeps both, editing the name drops the warning; a rename that makes a
twin is kept and said."""
import pytest
from PySide6.QtCore import Qt

from lpdesk.content.defaults import new_session
from lpdesk.document import SessionDocument
from lpdesk.ui.setup.page import SetupPage


@pytest.fixture
def page(qtbot):
    doc = SessionDocument(new_session())
    page = SetupPage(doc)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def type_name(qtbot, page, text):
    page.name_entry.setFocus()
    qtbot.keyClicks(page.name_entry, text)
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Return)


def names(page):
    return [p.name for p in page.session.participants]


def test_a_second_ann_lee_waits_for_a_second_enter(page, qtbot):
    type_name(qtbot, page, "Ann Lee")
    assert page.duplicate_warning.isHidden()
    type_name(qtbot, page, "ann  lee")  # same name, other case and spacing
    assert names(page) == ["Ann Lee"]
    warning = page.duplicate_warning
    assert warning.isVisible() and "\u201cAnn Lee\u201d is already in the list" in warning.text()
    assert page.name_entry.text() == "ann  lee"  # kept, to add or to change
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Return)  # keep both
    assert names(page) == ["Ann Lee", "ann  lee"] and warning.isHidden()
    assert page.doc.undo_stack.count() == 2


def test_changing_the_name_drops_the_warning(page, qtbot):
    type_name(qtbot, page, "Bo Chen")
    type_name(qtbot, page, "Bo Chen")
    assert page.duplicate_warning.isVisible()
    qtbot.keyClicks(page.name_entry, " Jr")
    assert page.duplicate_warning.isHidden()
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Return)
    assert names(page) == ["Bo Chen", "Bo Chen Jr"]


def test_a_warned_name_then_changed_back_warns_again(page, qtbot):
    type_name(qtbot, page, "Cy")
    type_name(qtbot, page, "Cy")
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Backspace)
    qtbot.keyClicks(page.name_entry, "y")
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Return)
    assert names(page) == ["Cy"] and page.duplicate_warning.isVisible()


def test_renaming_into_a_twin_is_kept_and_said(page, qtbot):
    type_name(qtbot, page, "Ann Lee")
    type_name(qtbot, page, "Bo Chen")
    page.table.item(1, 0).setText("Ann Lee")
    assert names(page) == ["Ann Lee", "Ann Lee"]
    assert page.duplicate_warning.isVisible()
    assert "Two participants are now called" in page.duplicate_warning.text()
    page.doc.undo_stack.undo()
    assert names(page) == ["Ann Lee", "Bo Chen"]
    assert page.duplicate_warning.isHidden()  # no twins left: nothing to say


def test_markup_in_a_name_stays_plain_text_in_the_warning(page, qtbot):
    type_name(qtbot, page, "<b>Ann</b>")
    type_name(qtbot, page, "<b>Ann</b>")
    assert page.duplicate_warning.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Ann</b>" in page.duplicate_warning.text()
