"""A note captured during an activity outlives the activity: taking the activity out of the
plan (Ctrl+Shift+Del) must not make the session's file unreadable. Found by the model-based
window test (tests/journeys.py: a comment captured on the continuum, the continuum removed,
Save: the reopened file was refused with "room[0].activity: refers to an agenda item that
does not exist"), so lpdesk 0.1.0 wrote such files: they open too."""
import json

from lpdesk.commands.agenda import RemoveAgendaItemCommand
from lpdesk.commands.room import new_room_note
from lpdesk.demo import demo_session
from lpdesk.storage import dumps_session, load_session, parse_session, save_session


def _session_with_a_note_from_a_removed_activity():
    session = demo_session()
    item = next(i for i in session.agenda.items if i.kind == "continuum")
    note = new_room_note(session.room, "comment", "We learn by doing", item.id)
    session.room.notes.append(note)
    RemoveAgendaItemCommand(session.agenda, item.id).redo()
    return session, note, item


def test_the_file_reopens_with_the_note_and_no_longer_says_where(tmp_path):
    session, note, item = _session_with_a_note_from_a_removed_activity()
    path = tmp_path / "evening.lpdesk"
    save_session(session, path)
    again = load_session(path)
    kept = next(n for n in again.room.notes if n.id == note.id)
    assert kept.text == "We learn by doing"
    assert kept.activity_id is None
    assert item.id not in {i.id for i in again.agenda.items}
    text = dumps_session(again)
    assert dumps_session(parse_session(text)) == text  # reads back the same


def test_a_file_written_with_the_dangling_reference_opens(tmp_path):
    """What lpdesk 0.1.0 wrote: the note still names the removed activity."""
    session, note, item = _session_with_a_note_from_a_removed_activity()
    data = json.loads(dumps_session(session))
    entry = next(n for n in data["room"] if n["id"] == note.id)
    entry["activity"] = item.id
    again = parse_session(json.dumps(data))
    assert next(n for n in again.room.notes if n.id == note.id).activity_id is None


def test_undo_of_the_removal_links_the_note_again_in_the_open_session():
    session, note, item = _session_with_a_note_from_a_removed_activity()
    data = json.loads(dumps_session(session))
    assert next(n for n in data["room"] if n["id"] == note.id)["activity"] is None
    # the open session keeps the link: Undo brings the activity back with its notes
    assert note.activity_id == item.id
