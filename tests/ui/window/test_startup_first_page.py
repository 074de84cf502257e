"""Started without a file, lpdesk shows the start page first and builds the session's first
page (set-up) behind it only after the first paint: it only delayed the window. Whichever
comes first, the paint or the facilitator leaving the start page, builds it."""
from PySide6.QtWidgets import QMessageBox

from lpdesk.app import create_main_window
from lpdesk.ui.setup.page import SetupPage
from lpdesk.ui.window.after_paint import first_paint_done
from lpdesk.ui.window.start_page import leave, start_page_shown


def new_window(qtbot, path=None):
    window = create_main_window(path, recover=False)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    return window


def test_the_first_page_waits_for_the_first_paint(qtbot, app_settings):
    window = new_window(qtbot)
    assert start_page_shown(window)
    assert window.pages == {} and window.stack.currentWidget() is None
    assert window.current_item_id() is not None  # the agenda already says where we are
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    qtbot.waitUntil(lambda: window.pages != {}, timeout=5000)
    assert isinstance(window.stack.currentWidget(), SetupPage)
    assert list(window.pages) == [window.current_item_id()]


def test_leaving_the_start_page_before_the_paint_builds_the_page(qtbot, app_settings):
    window = new_window(qtbot)
    leave(window)
    assert not start_page_shown(window)
    assert isinstance(window.stack.currentWidget(), SetupPage)
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    assert len(window.pages) == 1  # the paint's turn builds nothing more


def test_a_window_for_a_file_builds_its_page_at_once(qtbot, app_settings, tmp_path):
    from lpdesk.demo import demo_session
    from lpdesk.storage import save_session

    path = tmp_path / "kick-off.lpdesk"
    save_session(demo_session(), path)
    window = new_window(qtbot, str(path))
    assert window.stack.currentWidget() is not None and len(window.pages) == 1


def test_the_first_screen_is_the_frame_and_the_start_page_the_session_comes_after(
        qtbot, app_settings):
    # The menu bar is whole from the first paint; the session (model, agenda, docks, room
    # toolbar, phones) is built right after it, behind the start page.
    window = new_window(qtbot)
    assert not window.session_built()
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "A&genda", "&Room", "&Help"]
    assert window.agenda_menu.actions() == [] and window.room_menu.actions() == []
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    assert window.session_built() and start_page_shown(window)
    assert window.agenda_menu.actions() and window.room_menu.actions()
    assert window.workshop.toolbar.isHidden() and window.workshop.agenda_dock.isHidden()
    assert [a.text() for a in window.menuBar().actions()] == titles  # the same menus


def test_the_sessions_shortcuts_work_with_no_menu_ever_opened(qtbot, app_settings):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = new_window(qtbot)
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    from lpdesk.ui.window.start_page import StartPage

    qtbot.keyClick(window.findChild(StartPage).new_button, Qt.Key.Key_Escape)
    assert not start_page_shown(window)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.agenda_list, Qt.Key.Key_3, ctrl)  # Go to facilitator notes
    assert QApplication.focusWidget() is window.workshop.notes_panel.editor
    qtbot.keyClick(window.workshop.notes_panel.editor, Qt.Key.Key_T, ctrl)  # timer
    assert window.workshop.display.timer.running
    assert window.workshop.timer_menu.isHidden() and not window.room_menu.isVisible()


def test_using_the_session_before_the_paint_builds_it_once(qtbot, app_settings):
    window = new_window(qtbot)
    assert not window.session_built()
    doc = window.doc  # what tests and a quick facilitator may reach first
    assert window.session_built() and start_page_shown(window)
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    assert window.doc is doc and len(window.findChildren(type(window.workshop))) == 1


def test_after_the_paint_the_session_is_built_in_two_turns(qtbot, app_settings, monkeypatch):
    # The document (the model's import) and the workshop each take a turn of the event
    # loop: a click on the start page waits for one of them, not both.
    from PySide6.QtCore import QTimer

    from lpdesk.ui.base import after_paint

    monkeypatch.setattr(after_paint, "FRAME_S", 0.0)  # each piece uses up its frame
    window = new_window(qtbot)
    seen = []
    window.document_changed.connect(  # a click arriving while the document is made
        lambda _doc: QTimer.singleShot(0, lambda: seen.append(window.session_built())))
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    assert seen == [False] and window.session_built() and start_page_shown(window)
    assert window.workshop.agenda_dock.isHidden()
