"""Undoable changes to the workshop plan, and the plan surviving save and open."""
import pytest
from PySide6.QtGui import QUndoStack

from lpdesk.commands.agenda import (
    MoveAgendaItemCommand,
    SetNotesCommand,
    rename,
    set_minutes,
    set_skipped,
)
from lpdesk.commands.room import (
    AddRoomNoteCommand,
    EditRoomNoteCommand,
    RemoveRoomNoteCommand,
    new_room_note,
)
from lpdesk.content.defaults import new_session
from lpdesk.storage import load_session, save_session


@pytest.fixture
def session():
    return new_session()


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def titles(agenda):
    return [i.title for i in agenda.items]


def test_move_runs_an_activity_later_and_undo_puts_it_back(session, stack):
    agenda = session.agenda
    before = titles(agenda)
    quiz = agenda.items[2]
    stack.push(MoveAgendaItemCommand(agenda, quiz.id, 4))
    assert agenda.items[4] is quiz
    assert titles(agenda) == before[:2] + before[3:] + [before[2]]
    stack.undo()
    assert titles(agenda) == before
    stack.redo()
    assert agenda.index(quiz.id) == 4


def test_move_to_an_impossible_place_is_refused(session):
    with pytest.raises(IndexError):
        MoveAgendaItemCommand(session.agenda, session.agenda.items[0].id, 99)


def test_rename_minutes_and_skip_are_undoable(session, stack):
    agenda = session.agenda
    item = agenda.items[1]
    old_title, old_minutes = item.title, item.minutes
    stack.push(rename(agenda, item.id, "Where are we now?"))
    stack.push(set_minutes(agenda, item.id, old_minutes + 7))
    stack.push(set_skipped(agenda, item.id, True))
    assert (item.title, item.minutes, item.skipped) == ("Where are we now?", old_minutes + 7,
                                                       True)
    for _ in range(3):
        stack.undo()
    assert (item.title, item.minutes, item.skipped) == (old_title, old_minutes, False)


def test_minutes_out_of_range_are_refused(session):
    with pytest.raises(ValueError):
        set_minutes(session.agenda, session.agenda.items[0].id, -1)


def test_typing_notes_merges_into_one_undo_step_per_activity(session, stack):
    agenda = session.agenda
    first, second = agenda.items[0], agenda.items[1]
    original = first.notes
    for text in ("A", "Ask", "Ask who"):
        stack.push(SetNotesCommand(agenda, first.id, text))
    stack.push(SetNotesCommand(agenda, second.id, "Watch the clock"))
    assert stack.count() == 2
    stack.undo()
    assert second.notes != "Watch the clock"
    assert first.notes == "Ask who"
    stack.undo()
    assert first.notes == original


def test_every_change_is_announced(session, stack):
    seen = []
    session.agenda.changed.connect(seen.append)
    item = session.agenda.items[0]
    stack.push(rename(session.agenda, item.id, "Hello"))
    stack.push(MoveAgendaItemCommand(session.agenda, item.id, 1))
    assert seen == [item.id, None]


def test_plan_and_room_notes_survive_save_and_open(session, stack, tmp_path):
    agenda = session.agenda
    matrix = next(i for i in agenda.items if i.kind == "matrix")
    quiz = next(i for i in agenda.items if i.kind == "quiz")
    stack.push(MoveAgendaItemCommand(agenda, matrix.id, 1))
    stack.push(rename(agenda, matrix.id, "Practices, in groups"))
    stack.push(set_minutes(agenda, matrix.id, 40))
    stack.push(set_skipped(agenda, quiz.id, True))
    stack.push(SetNotesCommand(agenda, matrix.id, "Give every group a board first."))
    agenda.current_id = matrix.id
    comment = new_room_note(session.room, "comment", "  Time is short  ", matrix.id)
    stack.push(AddRoomNoteCommand(session.room, comment))
    action = new_room_note(session.room, "action", "Ask HR for data", None)
    stack.push(AddRoomNoteCommand(session.room, action))
    path = tmp_path / "plan.lpdesk"
    save_session(session, path)
    back = load_session(path)
    assert [(i.id, i.kind, i.title, i.minutes, i.skipped, i.notes) for i in back.agenda.items] \
        == [(i.id, i.kind, i.title, i.minutes, i.skipped, i.notes) for i in agenda.items]
    assert back.agenda.current_id == matrix.id
    assert [(n.id, n.kind, n.text, n.activity_id, n.created) for n in back.room.notes] == \
        [(n.id, n.kind, n.text, n.activity_id, n.created) for n in session.room.notes]
    assert back.room.notes[0].text == "Time is short"


def test_room_notes_add_edit_remove_undo(session, stack):
    room = session.room
    note = new_room_note(room, "action", "Pilot a community", "x", "2026-01-01T10:00:00")
    stack.push(AddRoomNoteCommand(room, note))
    for text in ("Pilot a peer", "Pilot a peer community"):
        stack.push(EditRoomNoteCommand(room, note.id, text))
    assert stack.count() == 2  # the two edits merged
    stack.push(RemoveRoomNoteCommand(room, note.id))
    assert room.notes == []
    stack.undo()
    assert room.note(note.id).text == "Pilot a peer community"
    stack.undo()
    assert room.note(note.id).text == "Pilot a community"
    stack.undo()
    assert room.notes == []


def test_new_note_ids_are_unique_and_kinds_checked(session):
    room = session.room
    ids = set()
    for _ in range(50):
        note = new_room_note(room, "comment", "x", None)
        room.notes.append(note)
        ids.add(note.id)
    assert len(ids) == 50
    with pytest.raises(ValueError):
        new_room_note(room, "question", "x", None)
