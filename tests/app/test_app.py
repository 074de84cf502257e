"""Starting the app with a file: the window opens it directly, or says what is wrong."""
from PySide6.QtWidgets import QMessageBox

from lpdesk.app import create_main_window
from lpdesk.demo import demo_session
from lpdesk.storage import save_session


def close(window):
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    window.doc.undo_stack.setClean()
    window.close()


def test_a_file_on_the_command_line_opens_in_the_first_window(qtbot, app_settings, tmp_path):
    path = tmp_path / "demo.lpdesk"
    save_session(demo_session(), path)
    window = create_main_window(str(path), recover=False)
    try:
        assert window.doc.path == path
        assert window.doc.session.title == demo_session().title
        assert not window.doc.is_modified
        assert window.recent_files()[0] == str(path.resolve())
    finally:
        close(window)


def test_a_bad_file_gives_an_empty_session_and_a_message_after_the_paint(
        qtbot, app_settings, tmp_path):
    path = tmp_path / "broken.lpdesk"
    path.write_text("{not json", encoding="utf-8")
    shown = []
    window = create_main_window(str(path), recover=False)
    window.show_error = lambda title, text: shown.append(text)
    try:
        assert window.doc.path is None and window.doc.session.participants == []
        window.show()
        qtbot.waitUntil(lambda: bool(shown))
        assert shown[0].startswith(f"{path}: ") and "not valid JSON" in shown[0]
        assert path.read_text(encoding="utf-8") == "{not json"
    finally:
        close(window)
