"""Adding and removing activities in the plan: each one undo step, the shown activity
follows, the room's work in a removed activity stays, and the plan survives save/open."""
import pytest
from PySide6.QtGui import QUndoStack

from lpdesk.commands.agenda import (
    AddAgendaItemCommand,
    RemoveAgendaItemCommand,
    new_agenda_item,
)
from lpdesk.content.defaults import new_session
from lpdesk.demo import demo_session
from lpdesk.storage import dumps_session, parse_session


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def kinds(agenda):
    return [i.kind for i in agenda.items]


def test_add_inserts_shows_and_undoes(stack):
    session = new_session()
    agenda = session.agenda
    before = kinds(agenda)
    agenda.current_id = agenda.items[1].id
    item = new_agenda_item(agenda, "quiz", "Second quiz", 5)
    assert item.id not in {i.id for i in agenda.items}
    events = []
    agenda.changed.connect(events.append)
    stack.push(AddAgendaItemCommand(agenda, item, 2))
    assert kinds(agenda)[2] == "quiz" and agenda.items[2].title == "Second quiz"
    assert agenda.current_id == item.id and len(events) == 1
    assert stack.undoText() == "Add Second quiz"
    stack.undo()
    assert kinds(agenda) == before and agenda.current_id == agenda.items[1].id
    stack.redo()
    assert agenda.items[2] is item


def test_remove_shows_the_next_one_and_undo_brings_it_back(stack):
    session = demo_session()
    agenda = session.agenda
    ids = [i.id for i in agenda.items]
    continuum = next(i for i in agenda.items if i.kind == "continuum")
    agenda.current_id = continuum.id
    placements = dict(session.continuum.areas[0].placements)
    stack.push(RemoveAgendaItemCommand(agenda, continuum.id))
    assert continuum.id not in [i.id for i in agenda.items]
    assert agenda.current_id == ids[ids.index(continuum.id) + 1]  # the next activity
    assert session.continuum.areas[0].placements == placements  # the room's work stays
    stack.undo()
    assert [i.id for i in agenda.items] == ids and agenda.current_id == continuum.id


def test_removing_the_last_activity_shows_the_one_before(stack):
    agenda = new_session().agenda
    last = agenda.items[-1]
    agenda.current_id = last.id
    stack.push(RemoveAgendaItemCommand(agenda, last.id))
    assert agenda.current_id == agenda.items[-1].id


def test_removing_another_activity_keeps_the_one_shown(stack):
    agenda = new_session().agenda
    shown, other = agenda.items[0], agenda.items[2]
    agenda.current_id = shown.id
    stack.push(RemoveAgendaItemCommand(agenda, other.id))
    assert agenda.current_id == shown.id


def test_the_only_activity_cannot_be_removed(stack):
    agenda = new_session().agenda
    while len(agenda.items) > 1:
        stack.push(RemoveAgendaItemCommand(agenda, agenda.items[0].id))
    with pytest.raises(ValueError):
        RemoveAgendaItemCommand(agenda, agenda.items[0].id)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        new_agenda_item(new_session().agenda, "karaoke", "Sing")


def test_added_and_removed_activities_survive_save_and_open(stack):
    session = new_session()
    agenda = session.agenda
    stack.push(RemoveAgendaItemCommand(agenda, agenda.items[2].id))
    item = new_agenda_item(agenda, "continuum", "Continuum again", 15)
    stack.push(AddAgendaItemCommand(agenda, item, 1))
    again = parse_session(dumps_session(session))
    assert [(i.id, i.kind, i.title, i.minutes) for i in again.agenda.items] == \
        [(i.id, i.kind, i.title, i.minutes) for i in agenda.items]
