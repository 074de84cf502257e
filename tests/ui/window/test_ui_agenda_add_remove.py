"""Adding and removing activities from the Agenda menu and panel: one undo step each, the
window follows (the new activity shown; the next one after a removal), never the last one."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton


@pytest.fixture
def window(demo_window):
    return demo_window


def shown_ids(w):
    return [w.agenda_list.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(w.agenda_list.count())]


def test_add_after_the_current_activity_and_undo(window):
    actions = window.workshop.agenda_actions
    agenda = window.doc.session.agenda
    first = agenda.items[0]
    window.show_activity(first.id)
    before = shown_ids(window)
    offered = []

    def choose(titles):
        offered.extend(titles)
        return next(i for i, t in enumerate(titles) if "quiz" in t.lower())

    actions.ask_kind = choose
    actions.add.trigger()
    assert len(offered) == 5  # one of each activity the window can show
    new = agenda.items[1]
    assert new.kind == "quiz" and new.id not in before
    assert shown_ids(window)[1] == new.id and window.current_item_id() == new.id
    assert new.notes  # the bundled guidance comes with it
    assert window.doc.undo_stack.count() == 1
    window.undo_action.trigger()
    assert shown_ids(window) == before and window.current_item_id() == first.id
    window.redo_action.trigger()
    assert window.current_item_id() == new.id


def test_cancelled_add_changes_nothing(window):
    actions = window.workshop.agenda_actions
    actions.ask_kind = lambda titles: None
    actions.add.trigger()
    assert window.doc.undo_stack.count() == 0


def test_remove_shows_the_next_activity_and_undo_brings_it_back(window):
    actions = window.workshop.agenda_actions
    before = shown_ids(window)
    window.show_activity(before[1])
    actions.remove.trigger()
    assert shown_ids(window) == before[:1] + before[2:]
    assert window.current_item_id() == before[2]
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert shown_ids(window) == before and window.current_item_id() == before[1]


def test_the_last_activity_cannot_be_removed(window):
    actions = window.workshop.agenda_actions
    while len(window.doc.session.agenda.items) > 1:
        actions.remove.trigger()
    assert not actions.remove.isEnabled()
    actions.remove.trigger()
    assert len(window.doc.session.agenda.items) == 1


def test_add_and_remove_are_in_the_agenda_menu_and_panel(window):
    ws = window.workshop
    menu = ws.agenda_menu.actions()
    assert ws.agenda_actions.add in menu and ws.agenda_actions.remove in menu
    panel_actions = {b.defaultAction() for b in ws.agenda_panel.findChildren(QToolButton)}
    assert {ws.agenda_actions.add, ws.agenda_actions.remove} <= panel_actions
