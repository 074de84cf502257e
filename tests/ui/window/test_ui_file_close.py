"""File > Close returns to the start page, as lpdesk started without a file does; Cancel in
the unsaved-changes question keeps the session on screen."""
import pytest
from PySide6.QtWidgets import QMessageBox

from lpdesk.commands.session import SetDetailCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.window.main_window import MainWindow
from lpdesk.ui.window.start_page import start_page_shown


@pytest.fixture
def window(qtbot, app_settings):
    window = MainWindow(SessionDocument(demo_session()))
    qtbot.addWidget(window)
    window.show()
    yield window
    window.doc.undo_stack.setClean()


def test_close_goes_to_the_start_page(window):
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    window.doc.push(SetDetailCommand(window.doc.session, "title", "Edited"))
    window.close_action.trigger()
    assert start_page_shown(window)
    assert window.doc.session.title != "Edited" and window.doc.path is None
    assert window.doc.undo_stack.isClean()


def test_cancel_on_close_keeps_the_session(window):
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Cancel
    doc = window.doc
    window.doc.push(SetDetailCommand(window.doc.session, "title", "Edited"))
    window.close_action.trigger()
    assert not start_page_shown(window)
    assert window.doc is doc and doc.session.title == "Edited"


def test_new_still_opens_the_empty_session_itself(window):
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    window.new_action.trigger()
    assert not start_page_shown(window)
