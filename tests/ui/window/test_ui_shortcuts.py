"""Every keyboard shortcut does one thing: Qt silently ignores an ambiguous one."""
from collections import defaultdict

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.window.main_window import MainWindow


def test_no_two_actions_share_a_shortcut_on_any_page(qtbot):
    window = MainWindow(SessionDocument(demo_session()))
    try:
        window.show()
        for item in window.doc.session.agenda.items:
            window.show_activity(item.id)  # every page, so its actions exist
        by_key = defaultdict(list)
        for action in window.findChildren(QAction):
            for sequence in action.shortcuts():
                if not sequence.isEmpty():
                    by_key[sequence.toString()].append(action.text())
        clashes = {key: texts for key, texts in by_key.items() if len(texts) > 1}
        assert clashes == {}
        assert "Ctrl+Z" in by_key and "F5" in by_key  # the check did see the real actions
    finally:
        window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        window.doc.undo_stack.setClean()
        window.close()


def test_quit_close_and_redo_have_their_usual_keys_on_every_platform(qtbot):
    window = MainWindow(SessionDocument(demo_session()))
    try:
        keys = {a.text(): {k.toString() for k in a.shortcuts()}
                for a in window.findChildren(QAction)}
        assert "Ctrl+Q" in keys["&Quit"]
        assert "Ctrl+W" in keys["&Close"]
        assert {"Ctrl+Y", "Ctrl+Shift+Z"} & keys["&Redo"]
        assert "Ctrl+Z" in keys["&Undo"]
    finally:
        window.close()
