"""Moving through the workshop is navigation, not an edit (the decision for issue 26): the
agenda (list, PageDown/PageUp, presentation mode), a continuum's areas, the matrix's boards
and the quiz's questions never mark the file unsaved and never leave an undo step. The
place is still written with the file whenever it is saved."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from lpdesk.app import create_main_window
from lpdesk.demo import demo_session
from lpdesk.storage import read_session, save_session


@pytest.fixture
def window(qtbot, tmp_path, app_settings):
    path = tmp_path / "workshop.lpdesk"
    save_session(demo_session(), path)
    window = create_main_window(path, demo=False, recover=False)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    yield window
    window.doc.undo_stack.setClean()


def assert_untouched(window):
    assert not window.doc.is_modified and not window.isWindowModified()
    assert window.doc.undo_stack.count() == 0


def test_walking_the_agenda_every_way_leaves_the_file_saved(window, qtbot):
    items = window.visible_items()
    for _ in items:
        QTest.keyClick(window, Qt.Key.Key_PageDown)
        assert_untouched(window)
    for row in range(window.agenda_list.count()):
        window.agenda_list.setCurrentRow(row)
        assert_untouched(window)
    window.workshop.present_action.trigger()
    qtbot.wait(50)
    for step in [window.previous_activity] * len(items) + [window.next_activity] * 2:
        step()  # what PageUp/PageDown and the facilitator bar call in presentation mode
        assert_untouched(window)
    window.workshop.present_action.trigger()
    qtbot.wait(50)
    assert_untouched(window)


def test_areas_boards_and_questions_are_navigation_too(window, qtbot):
    kinds = {i.kind: i.id for i in window.visible_items()}
    window.show_activity(kinds["continuum"])
    continuum = window.pages[kinds["continuum"]]
    continuum.step_area(1)
    continuum.step_area(-1)
    assert_untouched(window)
    window.show_activity(kinds["matrix"])
    matrix = window.pages[kinds["matrix"]]
    matrix.step_board(1)
    matrix.step_board(-1)
    assert_untouched(window)
    window.show_activity(kinds["quiz"])
    assert_untouched(window)


def test_the_place_is_saved_with_the_file_when_it_is_saved(window, tmp_path):
    kinds = {i.kind: i.id for i in window.visible_items()}
    window.show_activity(kinds["matrix"])
    assert_untouched(window)
    window.doc.save()
    session, _stamp = read_session(window.doc.path)
    assert session.agenda.current_id == kinds["matrix"]
