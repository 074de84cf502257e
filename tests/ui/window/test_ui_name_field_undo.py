"""Ctrl+Z in the set-up page's name field: the field's own typing first; when it has nothing
of its own to undo, the session's last step (the name just added)."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from lpdesk.content.defaults import new_session
from lpdesk.document import SessionDocument
from lpdesk.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot, app_settings):
    window = MainWindow(SessionDocument(new_session()))
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    item = next(i for i in window.doc.session.agenda.items if i.kind == "setup")
    window.show_activity(item.id)
    page = window.pages[item.id]
    page.name_entry.setFocus()
    yield page
    window.doc.undo_stack.setClean()


def names(page):
    return [p.name for p in page.session.participants]


def press(qtbot, page, sequence):
    key = QKeySequence(sequence)[0]
    qtbot.keyClick(page.name_entry, key.key(), key.keyboardModifiers())


def test_ctrl_z_after_adding_a_name_undoes_the_addition(page, qtbot):
    for name in ("Ann Lee", "Bo Chen"):
        qtbot.keyClicks(page.name_entry, name)
        qtbot.keyClick(page.name_entry, Qt.Key.Key_Return)
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Z, CTRL)
    assert names(page) == ["Ann Lee"]
    assert page.name_entry.text() == ""  # the name did not come back into the field
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Return)
    assert names(page) == ["Ann Lee"]  # so Enter makes no duplicate
    press(qtbot, page, "Ctrl+Shift+Z")
    assert names(page) == ["Ann Lee", "Bo Chen"]


def test_ctrl_z_while_typing_undoes_the_typing_first(page, qtbot):
    qtbot.keyClicks(page.name_entry, "Ann")
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Return)
    qtbot.keyClicks(page.name_entry, "Bo")
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Z, CTRL)
    assert page.name_entry.text() == "" and names(page) == ["Ann"]
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Z, CTRL)  # nothing left to undo in the field
    assert names(page) == []
