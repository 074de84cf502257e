"""storage.capture: the autosave's GUI-thread half copies the session's state, and nothing a
later edit does (model objects are edited in place) may reach what the worker writes."""
import json
from datetime import UTC, datetime

import pytest
from budget import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from lpdesk.demo import demo_session
from lpdesk.model.continuum import Placement
from lpdesk.storage import capture as capture_module
from lpdesk.storage import files
from lpdesk.storage.capture import capture, compact_json, to_dict
from lpdesk.storage.codec import session_to_dict
from lpdesk.storage.files import parse_session
from lpdesk.storage.recovery import snapshot_recovery

IMMUTABLE = (str, int, float, bool, type(None))


def leaves(value, path="capture"):
    """Every value in a capture that is not one of its own containers, with where it is."""
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from leaves(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(key, f"{path} key")
            yield from leaves(item, f"{path}[{key!r}]")
    else:
        yield path, value


def rich_session():
    """The demo with a quiz run, a group placement, an agreed position, a placed card with
    a reference, room notes and keys a newer lpdesk wrote: every kind of thing saved."""
    data = session_to_dict(demo_session())
    data["from_the_future"] = {"nested": [1, {"deep": True}]}
    data["participants"][0]["badge"] = "gold"
    data["matrix"]["boards"][0]["cards"][0]["colour"] = "#123456"
    data["quiz"]["runs"] = [{"id": "run-1", "subject_kind": "room", "subject": None,
                             "purpose": "now", "answers": {"q1": "a1"},
                             "current_question": 1}]
    data["room"] = [{"id": "note-1", "kind": "action", "text": "Map the networks",
                     "owner": "L&D", "due": "2026-12-18"}]
    s = parse_session(json.dumps(data))
    area = s.continuum.areas[0]
    area.group_placements[s.groups[0].id] = Placement(10.0, 20.0)
    area.consensus = Placement(30.0, 60.0)
    return s


def edit_everything_in_place(s):
    """An edit of every field the file holds, the way the model makes them: in place."""
    s.title = "Changed"
    s.participants[0].name = "Renamed"
    s.groups[0].colour = "#000000"
    area = s.continuum.areas[0]
    next(iter(area.placements.values())).now = 99.0
    area.group_placements[s.groups[0].id].target = 1.0
    area.consensus.now = 5.0
    area.by_groups = not area.by_groups
    s.continuum.hidden = not s.continuum.hidden
    run = s.quiz.runs[0]
    run.answers["q1"] = "changed"
    run.answers["q2"] = "new"
    run.current_question = 7
    board = s.matrix.boards[0]
    card = board.cards[0]
    card.text = "Changed card"
    card.reference = (board.rows[-1].id, board.columns[-1].id)
    board.positions[card.id] = (board.rows[-1].id, board.columns[-1].id)
    board.rows[0].name = "Renamed row"
    board.revealed = not board.revealed
    s.agenda.items[0].title = "Changed item"
    s.agenda.items[0].minutes = 99
    note = s.room.notes[0]
    note.text, note.owner, note.status = "Changed note", "Someone else", "rejected"
    s.unknown.clear()
    s.participants.pop()


def test_a_capture_holds_only_immutable_values():
    """No model object and no container of the session: only copies and immutable leaves."""
    s = rich_session()
    captured = capture(s)
    odd = [(where, type(v).__name__) for where, v in leaves(captured)
           if not isinstance(v, IMMUTABLE)]
    assert odd == []
    containers = {id(x) for x in (s.participants, s.groups, s.quiz.runs[0].answers,
                                  s.matrix.boards[0].positions, s.unknown,
                                  s.continuum.areas[0].placements)}
    assert not containers & {id(x) for x in _containers(captured)}


def _containers(value):
    if isinstance(value, (list, tuple, dict)):
        yield value
        for item in (value.values() if isinstance(value, dict) else value):
            yield from _containers(item)


def test_a_capture_is_not_changed_by_later_edits_in_place():
    s = rich_session()
    expected = json.dumps(session_to_dict(s))
    captured = capture(s)
    edit_everything_in_place(s)
    assert json.dumps(to_dict(captured)) == expected
    assert json.dumps(session_to_dict(s)) != expected  # the edits were real


def test_the_recovery_text_is_the_session_at_the_snapshot():
    s = rich_session()
    title = s.title
    at = datetime(2026, 12, 1, tzinfo=UTC)
    before = snapshot_recovery(s, pid=1, token="t", original=None, stamp=None, saved_at=at)
    expected = before.text()
    edit_everything_in_place(s)
    assert before.text() == expected
    body = expected.split("\n", 1)[1]
    back = parse_session(body)
    assert back.title == title
    assert back.unknown and back.quiz.runs[0].answers == {"q1": "a1"}


def test_to_dict_gives_fresh_containers_each_time():
    """What one caller does to the dictionaries it got never reaches another's."""
    captured = capture(rich_session())
    first = to_dict(captured)
    first["quiz"]["runs"][0]["answers"]["q1"] = "tampered"
    first["participants"].clear()
    second = to_dict(captured)
    assert second["quiz"]["runs"][0]["answers"]["q1"] == "a1"
    assert second["participants"]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=7)
    | st.dictionaries(st.text(max_size=5), children, max_size=7),
    max_leaves=30)


@settings(max_examples=examples(100), deadline=None)
@given(JSON)
def test_json_in_pieces_is_the_same_text_as_in_one_call(value):
    """compact_json splits long lists and tables (every 2 items here) and the top levels,
    and must still write exactly what json.dumps writes."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(capture_module, "PIECE", 2)
        assert compact_json(value) == json.dumps(value, ensure_ascii=False,
                                                 separators=(",", ":"), allow_nan=False)


def test_json_in_pieces_of_a_whole_session_and_odd_keys():
    data = session_to_dict(rich_session())
    data["odd"] = {1: "one", None: [float("1e300")]}  # json's own key rules
    assert compact_json(data) == json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                                            allow_nan=False)
    with pytest.raises(ValueError):  # as json.dumps: no NaN in a session file
        compact_json({"continuum": {"areas": [{"placements": {"p": float("nan")}}]}})


def test_text_is_encoded_and_checked_in_slices(monkeypatch):
    """utf8 and storable work in slices (the GIL is let go between them) and give what one
    call gives, with a lone surrogate in a later slice still replaced."""
    monkeypatch.setattr(files, "CHUNK", 3)
    text = "abcdéfghiç\u2603jk" * 5
    assert files.utf8(text) == text.encode("utf-8")
    assert files.storable(text) is text
    assert files.storable(text + "\ud800x") == text + "\ufffdx"
