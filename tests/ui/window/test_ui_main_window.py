"""The main window: title and unsaved mark, undo/redo, save/open, and never losing work."""
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from lpdesk.commands.session import SetDetailCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.storage import load_session, save_session
from lpdesk.ui.window.main_window import MainWindow

Button = QMessageBox.StandardButton


@pytest.fixture
def window(qtbot, app_settings):
    w = MainWindow()  # not qtbot.addWidget: pytest-qt would close it before our teardown
    w.errors = []
    w.show_error = lambda title, text: w.errors.append(text)
    yield w
    # Closing at teardown must not block on a question: forget changes, close now.
    w.ask_save_changes = lambda: Button.Discard
    w.doc.undo_stack.setClean()
    w.close()


def edit_title(w, text):
    w.doc.push(SetDetailCommand(w.doc.session, "title", text))


def test_title_shows_name_and_unsaved_mark(window, tmp_path):
    assert "Untitled session" in window.windowTitle()
    assert not window.isWindowModified()
    edit_title(window, "Kick-off")
    assert window.isWindowModified()
    assert window.windowTitle().startswith("Kick-off")
    window.doc.undo_stack.undo()
    assert not window.isWindowModified()
    window.doc.undo_stack.redo()
    window.ask_save_path = lambda: str(tmp_path / "kick")
    assert window.save()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("kick.lpdesk")
    assert load_session(tmp_path / "kick.lpdesk").title == "Kick-off"


def test_agenda_lists_only_built_pages_and_starts_on_setup(window):
    from lpdesk.ui.window.pages import PAGES
    kinds = [window.doc.session.agenda.item(window.agenda_list.item(i).data(256)).kind
             for i in range(window.agenda_list.count())]
    assert kinds and set(kinds) <= set(PAGES)
    assert kinds[0] == "setup"
    assert type(window.stack.currentWidget()).__name__ == "SetupPage"


def test_open_bad_file_keeps_current_session_and_file(window, tmp_path):
    edit_title(window, "Precious work")
    bad = tmp_path / "broken.lpdesk"
    bad.write_bytes(b'{"format": "lpdesk-session", "schema_version": 1, "participants": [')
    window.ask_save_changes = lambda: Button.Discard
    assert not window.open_path(bad)
    assert window.doc.session.title == "Precious work"
    assert window.errors and str(bad) in window.errors[0] and "truncated" in window.errors[0]
    assert bad.read_bytes().endswith(b"[")


def test_unsaved_changes_cancel_keeps_everything(window, tmp_path):
    good = tmp_path / "demo.lpdesk"
    save_session(demo_session(), good)
    edit_title(window, "Mine")
    window.ask_save_changes = lambda: Button.Cancel
    assert not window.open_path(good)
    assert window.doc.session.title == "Mine"
    window.new_session()
    assert window.doc.session.title == "Mine"


def test_unsaved_changes_save_then_open(window, tmp_path):
    good = tmp_path / "demo.lpdesk"
    save_session(demo_session(), good)
    edit_title(window, "Mine")
    window.ask_save_changes = lambda: Button.Save
    window.ask_save_path = lambda: str(tmp_path / "mine.lpdesk")
    assert window.open_path(good)
    assert load_session(tmp_path / "mine.lpdesk").title == "Mine"
    expected = demo_session()
    expected.agenda.current_id = "setup"  # showing the first activity is remembered
    assert window.doc.session == expected
    assert window.doc.path == good
    assert window.recent_files()[0] == str(good.resolve())


def test_close_event_asks_and_discard_closes(window, qtbot):
    window.show()
    edit_title(window, "Mine")
    asked = []
    window.ask_save_changes = lambda: asked.append(1) or Button.Cancel
    window.close()
    assert asked and window.isVisible()
    window.ask_save_changes = lambda: Button.Discard
    window.close()
    assert not window.isVisible()


def test_save_fault_keeps_session_unsaved(window, tmp_path):
    target = tmp_path / "gone" / "x.lpdesk"
    window.ask_save_path = lambda: str(target)
    edit_title(window, "Mine")
    assert not window.save()
    assert window.isWindowModified()
    # a folder that was never there is not called removed (issue 14: honest messages)
    assert f"the folder {target.parent} does not exist" in window.errors[0]


def test_recent_files_menu_opens_file(window, tmp_path):
    for name in ("a", "b"):
        session = demo_session()
        session.title = name
        save_session(session, tmp_path / f"{name}.lpdesk")
        assert window.open_path(tmp_path / f"{name}.lpdesk")
    assert [Path(p).name for p in window.recent_files()] == ["b.lpdesk", "a.lpdesk"]
    window._fill_recent_menu()
    actions = window.recent_menu.actions()
    assert [a.text() for a in actions] == ["&1 b.lpdesk", "&2 a.lpdesk"]
    actions[1].trigger()
    assert window.doc.session.title == "a"



def test_opening_the_last_session_again_leaves_the_settings_file_alone(window, tmp_path):
    # Each write rewrites and syncs the whole settings file on the GUI thread (7-25 ms):
    # reopening or saving the session already first in Open Recent has nothing to write.
    import os

    from PySide6.QtCore import QSettings

    for name in ("a", "b"):
        save_session(demo_session(), tmp_path / f"{name}.lpdesk")
    window.remember_recent(tmp_path / "a.lpdesk")
    settings_file = Path(QSettings().fileName())
    written = os.stat(settings_file)
    window.remember_recent(tmp_path / "a.lpdesk")
    again = os.stat(settings_file)
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    window.remember_recent(tmp_path / "b.lpdesk")  # a change is still written at once
    assert Path(QSettings().fileName()).read_text().count("b.lpdesk") == 1
    assert [Path(p).name for p in window.recent_files()] == ["b.lpdesk", "a.lpdesk"]
    assert window._last_dir() == str(tmp_path.resolve())

def test_page_up_down_walk_the_agenda(window):
    window.set_document(SessionDocument(demo_session()))
    first = window.current_item_id()
    window.next_activity()
    assert window.current_item_id() != first or window.agenda_list.count() == 1
    window.previous_activity()
    assert window.current_item_id() == first
