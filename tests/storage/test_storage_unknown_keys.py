"""Keys this version does not know (written by a newer lpdesk, or by hand) are kept when
this version saves the file: at the top, in the continuum, quiz, matrix and agenda, and in
every object with an id (groups, participants, areas, quiz runs, boards, rows, columns,
cards, agenda items, room notes). They never override what this version writes."""
from __future__ import annotations

import json

import pytest

from lpdesk.demo import demo_session
from lpdesk.model.quiz import QuizRun
from lpdesk.storage import load_session, save_session
from lpdesk.storage.files import dumps_session, parse_session


def _with_unknown_keys() -> dict:
    session = demo_session()
    session.quiz.runs.append(QuizRun("run-1", "room", None, "now", {}, 0))
    data = json.loads(dumps_session(session))
    data["future_top"] = {"nested": [1, 2, {"x": "y"}]}
    data["continuum"]["future_continuum"] = True
    data["quiz"]["future_quiz"] = "q"
    data["matrix"]["future_matrix"] = None
    data["agenda"]["future_agenda"] = 3.5
    data["groups"][0]["future_group"] = "g"
    data["participants"][1]["future_participant"] = ["p"]
    data["continuum"]["areas"][0]["future_area"] = "a"
    data["quiz"]["runs"][0]["future_run"] = "r"
    board = data["matrix"]["boards"][0]
    board["future_board"] = "b"
    board["rows"][0]["future_row"] = "row"
    board["columns"][1]["future_column"] = "column"
    board["cards"][2]["future_card"] = {"due": "2027-01-01"}
    data["agenda"]["items"][0]["future_item"] = "i"
    data["room"][0]["future_note"] = "n"
    return data


PATHS = [
    ("future_top",), ("continuum", "future_continuum"), ("quiz", "future_quiz"),
    ("matrix", "future_matrix"), ("agenda", "future_agenda"),
    ("groups", 0, "future_group"), ("participants", 1, "future_participant"),
    ("continuum", "areas", 0, "future_area"), ("quiz", "runs", 0, "future_run"),
    ("matrix", "boards", 0, "future_board"), ("matrix", "boards", 0, "rows", 0, "future_row"),
    ("matrix", "boards", 0, "columns", 1, "future_column"),
    ("matrix", "boards", 0, "cards", 2, "future_card"),
    ("agenda", "items", 0, "future_item"), ("room", 0, "future_note"),
]


def _get(data, path):
    for step in path:
        data = data[step]
    return data


def test_the_demo_has_every_place_the_test_writes_to():
    data = _with_unknown_keys()
    assert all(_get(data, p[:-1]) is not None for p in PATHS)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p[-1])
def test_unknown_keys_survive_load_and_save(tmp_path, path):
    data = _with_unknown_keys()
    source = tmp_path / "in.lpdesk"
    source.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.lpdesk"
    save_session(load_session(source), out)
    again = json.loads(out.read_text(encoding="utf-8"))
    assert _get(again, path) == _get(data, path)


def test_unknown_keys_go_with_their_object_and_never_override_known_ones():
    data = _with_unknown_keys()
    data["participants"][0]["name2"] = "kept"
    session = parse_session(json.dumps(data))
    removed = session.participants.pop(1)  # its unknown key goes with it
    session.participants[0].name = "Renamed"
    again = json.loads(dumps_session(session))
    assert all("future_participant" not in p for p in again["participants"])
    assert again["participants"][0]["name"] == "Renamed"
    assert again["participants"][0]["name2"] == "kept"
    assert removed.id not in json.dumps(again["participants"])


def test_an_unknown_value_that_cannot_be_written_never_stops_a_save(tmp_path):
    data = _with_unknown_keys()
    data["future_broken"] = "\ud800"  # valid JSON (\\ud800), not UTF-8
    data["\udc00"] = None  # a key likewise (found by the storage fuzzer)
    data["future_deep"] = json.loads("[" * 900 + "]" * 900)  # readable, too deep to keep
    session = parse_session(json.dumps(data))
    save_session(session, tmp_path / "x.lpdesk")  # no UnicodeEncodeError
    again = json.loads((tmp_path / "x.lpdesk").read_text(encoding="utf-8"))
    assert again["future_top"] == data["future_top"] and "future_broken" not in again
    assert "future_deep" not in again and len(again) == len(data) - 3


def test_a_file_this_version_wrote_has_no_unknown_keys(tmp_path):
    """Every key the writer writes is one the reader knows: a new field added to the codec
    but not to unknown.KNOWN was carried as 'unknown' on every object (4,000 room notes'
    owner and due), and doubled the autosave snapshot's time."""
    from lpdesk.demo import demo_session
    from lpdesk.storage import read_session, save_session
    from lpdesk.storage.codec import session_to_dict
    from lpdesk.storage.unknown import collect

    session = demo_session()
    session.room.notes[0].owner, session.room.notes[0].due = "Eva", "2026-12-18"
    assert collect(session_to_dict(session)) == {}
    path = tmp_path / "written.lpdesk"
    save_session(session, path)
    again, _stamp = read_session(path)
    assert again.unknown == {}
