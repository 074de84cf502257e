"""The agenda in the facilitator's window: navigation (PageDown/PageUp), changes to the plan
from the panel and menus (undoable), and the plan surviving save and open."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lpdesk.ui.window.main_window import MainWindow


@pytest.fixture
def window(demo_window):
    return demo_window


def shown_ids(w):
    return [w.agenda_list.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(w.agenda_list.count())]


def titles_in_list(w):
    return [w.doc.session.agenda.item(i).title for i in shown_ids(w)]


def press(qtbot, w, key, modifier=Qt.KeyboardModifier.NoModifier):
    """A key as the facilitator presses it: window shortcuts need an active window."""
    if QApplication.activeWindow() is not w:
        with qtbot.waitActive(w):
            w.activateWindow()
    qtbot.keyClick(w.agenda_list, key, modifier)


def test_page_keys_walk_through_the_agenda(window, qtbot):
    ids = shown_ids(window)
    assert window.current_item_id() == ids[0]
    for expected in ids[1:]:
        press(qtbot, window, Qt.Key.Key_PageDown)
        assert window.current_item_id() == expected
        assert window.stack.currentWidget() is window.pages[expected]
    press(qtbot, window, Qt.Key.Key_PageDown)  # stays on the last one
    assert window.current_item_id() == ids[-1]
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert window.current_item_id() == ids[-2]


def test_skipped_activities_are_passed_over(window, qtbot):
    ids = shown_ids(window)
    window.show_activity(ids[1])
    window.workshop.agenda_actions.skip.trigger()
    assert window.doc.session.agenda.item(ids[1]).skipped
    window.show_activity(ids[0])
    window.next_activity()
    assert window.current_item_id() == ids[2]
    window.previous_action.trigger()
    assert window.current_item_id() == ids[0]
    window.show_activity(ids[1])  # on a skipped one, Next still goes forward
    window.next_activity()
    assert window.current_item_id() == ids[2]


def test_move_later_and_earlier_reorders_and_undoes(window, qtbot):
    before = titles_in_list(window)
    first = shown_ids(window)[0]
    press(qtbot, window, Qt.Key.Key_Down,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert titles_in_list(window) == [before[1], before[0], *before[2:]]
    assert window.current_item_id() == first  # the moved activity stays shown
    actions = window.workshop.agenda_actions
    assert actions.earlier.isEnabled()
    actions.earlier.trigger()
    assert titles_in_list(window) == before
    assert not actions.earlier.isEnabled()  # already first
    actions.later.trigger()
    window.doc.undo_stack.undo()
    assert titles_in_list(window) == before


def test_rename_and_minutes_through_the_menu(window):
    actions = window.workshop.agenda_actions
    actions.ask_title = lambda current: current + " (short)"
    actions.ask_minutes_value = lambda current: current + 5
    item = window.doc.session.agenda.item(window.current_item_id())
    title, minutes = item.title, item.minutes
    actions.rename.trigger()
    actions.minutes.trigger()
    assert item.title == title + " (short)" and item.minutes == minutes + 5
    assert titles_in_list(window)[0] == title + " (short)"
    delegate = window.agenda_list.itemDelegate()
    assert delegate.minutes_text(item) == f"{minutes + 5} min"
    assert f"{sum(i.minutes for i in window.doc.session.agenda.items)} min" in \
        window.workshop.agenda_panel.total.text()
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    assert (item.title, item.minutes) == (title, minutes)


def test_cancelled_or_empty_rename_changes_nothing(window):
    actions = window.workshop.agenda_actions
    count = window.doc.undo_stack.count()
    actions.ask_title = lambda current: None
    actions.rename.trigger()
    actions.ask_title = lambda current: "   "
    actions.rename.trigger()
    assert window.doc.undo_stack.count() == count


def test_every_agenda_action_is_in_a_menu_with_its_shortcut(window):
    menu_actions = set()
    for top in window.menuBar().actions():
        stack = [top.menu()]
        while stack:
            menu = stack.pop()
            for a in menu.actions():
                menu_actions.add(a)
                if a.menu():
                    stack.append(a.menu())
    ws = window.workshop
    for action in [*ws.agenda_actions.all, window.next_action, window.previous_action,
                   ws.present_action, ws.audience_action, ws.blank_action, ws.break_action,
                   ws.timer_toggle_action, ws.timer_reset_action, ws.comment_action,
                   ws.action_action]:
        assert action in menu_actions, action.text()
        assert not action.shortcut().isEmpty(), action.text()
        assert action.toolTip(), action.text()


def test_plan_survives_save_and_open_in_the_window(window, tmp_path, qtbot):
    actions = window.workshop.agenda_actions
    ids = shown_ids(window)
    window.show_activity(ids[2])
    actions.later.trigger()
    actions.skip.trigger()
    actions.ask_title = lambda current: "Quiz, if time allows"
    actions.rename.trigger()
    order = titles_in_list(window)
    path = tmp_path / "planned.lpdesk"
    window.ask_save_path = lambda: str(path)
    assert window.save()
    other = MainWindow()
    qtbot.addWidget(other)
    assert other.open_path(path)
    assert titles_in_list(other) == order
    assert other.current_item_id() == ids[2]
    moved = other.doc.session.agenda.item(ids[2])
    assert moved.skipped and moved.title == "Quiz, if time allows"


def test_keyboard_reaches_agenda_activity_and_notes(window, qtbot):
    ws = window.workshop
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is ws.notes_panel.editor
    qtbot.keyClick(ws.notes_panel.editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    focused = QApplication.focusWidget()
    assert focused is not None and window.stack.currentWidget().isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.agenda_list
    ws.agenda_dock.close()
    ws.focus_agenda_action.trigger()  # a closed panel comes back
    assert ws.agenda_dock.isVisible()


def test_the_whole_plan_shows_without_scrolling_at_1280x720(window, qtbot, monkeypatch):
    """Seen in a screenshot: the notes dock squeezed the plan to three and a half rows.
    The list is capped at what the screen leaves it (`AgendaPanel._spare_height`, for
    1024x600 screens), and the offscreen screen is 800x800: the test gives the panel the
    screen it is about, 1280x720 less a 40 px task bar. (It was an expected failure: on
    the 800x800 screen it once failed alone, and passed only on fonts that earlier tests
    leaked.)"""
    from PySide6.QtCore import QRect

    from lpdesk.ui.style import screens
    from lpdesk.ui.style.theme import NORMAL, apply_theme
    monkeypatch.setattr(screens, "available", lambda widget=None: QRect(0, 0, 1280, 680))
    apply_theme(QApplication.instance(), NORMAL)  # the app's projector-sized base font
    window.resize(1280, 720)
    qtbot.wait(100)  # let the docks lay out
    bar = window.agenda_list.verticalScrollBar()
    assert window.agenda_list.count() == 5
    assert bar.maximum() == 0 and not bar.isVisible()
    last = window.agenda_list.visualItemRect(window.agenda_list.item(4))
    assert window.agenda_list.viewport().rect().contains(last)


def test_agenda_rows_are_measured_once_and_again_when_their_title_changes(window, qtbot,
                                                                          monkeypatch):
    # The list asks each row's size on every layout pass (~10 times per row while a page
    # opens); wrapping the title is measured once per title, width and font.
    delegate = window.agenda_list.itemDelegate()
    measured = []
    measure = type(delegate)._measure
    monkeypatch.setattr(type(delegate), "_measure", lambda self, option, item, width: (
        measured.append(item.title), measure(self, option, item, width))[-1])
    window.agenda_list.doItemsLayout()
    QApplication.processEvents()
    window.agenda_list.doItemsLayout()  # the same rows again: nothing to measure
    QApplication.processEvents()
    assert measured == []
    row = window.agenda_list.currentRow()
    one_line = window.agenda_list.sizeHintForRow(row)
    actions = window.workshop.agenda_actions
    actions.ask_title = lambda current: " ".join([current] * 12)  # wraps to more lines
    actions.rename.trigger()
    QApplication.processEvents()
    assert measured  # the new title was measured
    assert window.agenda_list.sizeHintForRow(row) > one_line
    window.doc.undo_stack.undo()
    QApplication.processEvents()
    assert window.agenda_list.sizeHintForRow(row) == one_line
