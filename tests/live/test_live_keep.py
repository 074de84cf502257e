"""The room a session keeps between runs of lpdesk (lpdesk/live/keep.py): the same code and
phones come back for the same session file, and nothing else: another file's room, a damaged
or hostile file, or a participant who left are ignored."""
from __future__ import annotations

import json
import os
import stat
import sys

import pytest

from lpdesk.live import keep
from lpdesk.live.room import LiveRoom

TOKEN = "t" * 32


def kept_room(tmp_path):
    session = tmp_path / "workshop.lpdesk"
    room = LiveRoom()
    room.joined("d-1", TOKEN, "10.0.0.2", 1.0)
    room.claim("d-1", "p-01")
    room.joined("d-2", "u" * 32, "10.0.0.3", 1.0)
    room.remove("d-2")
    path = keep.file_for(tmp_path / "rooms", session)
    keep.write(path, room, session)
    return room, session, path


def test_the_same_session_gets_its_code_and_phones_back(tmp_path):
    room, session, path = kept_room(tmp_path)
    again = LiveRoom()
    assert keep.restore(again, keep.read(path), session, {"p-01"})
    assert again.code == room.code and again.tokens == {TOKEN: "d-1"}
    assert again.removed == {"u" * 32}
    assert again.devices["d-1"].participant_id == "p-01"
    assert not again.devices["d-1"].connected
    assert "workshop" not in path.name  # no names on disk, only a hash of the path
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # the keys are secrets


def test_another_session_file_gets_nothing(tmp_path):
    room, session, path = kept_room(tmp_path)
    other = LiveRoom()
    code = other.code
    assert not keep.restore(other, keep.read(path), tmp_path / "other.lpdesk", {"p-01"})
    assert other.code == code and not other.devices


def test_a_participant_who_left_the_session_is_not_claimed_again(tmp_path):
    _room, session, path = kept_room(tmp_path)
    again = LiveRoom()
    assert keep.restore(again, keep.read(path), session, set())
    assert again.devices["d-1"].participant_id is None


@pytest.mark.parametrize("change", [
    {"code": "AB0O1"}, {"code": "<script>"}, {"code": 12345}, {"version": 2},
    {"tokens": []}, {"devices": None}, {"removed": "x"},
])
def test_a_damaged_file_is_ignored_and_the_room_is_untouched(tmp_path, change):
    _room, session, path = kept_room(tmp_path)
    data = keep.read(path)
    data.update(change)
    fresh = LiveRoom()
    code = fresh.code
    assert not keep.restore(fresh, data, session, {"p-01"})
    assert fresh.code == code and not fresh.tokens and not fresh.devices


def test_bad_entries_are_dropped_and_good_ones_kept(tmp_path):
    _room, session, path = kept_room(tmp_path)
    data = keep.read(path)
    data["tokens"]["short"] = "d-9"
    data["tokens"]["v" * 32] = "d 9\n"
    data["devices"]["d-9"] = "p-01"  # a device with no valid key
    data["devices"]["d-1"] = ["p-01"]
    fresh = LiveRoom()
    assert keep.restore(fresh, data, session, {"p-01"})
    assert fresh.tokens == {TOKEN: "d-1"} and set(fresh.devices) == {"d-1"}
    assert fresh.devices["d-1"].participant_id is None


def test_missing_huge_or_broken_files_read_as_nothing(tmp_path):
    assert keep.read(tmp_path / "none.json") is None
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert keep.read(broken) is None
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps({"x": "y" * (keep.MAX_BYTES + 1)}), encoding="utf-8")
    assert keep.read(huge) is None


def test_rooms_not_reopened_for_months_are_forgotten(tmp_path):
    _room, _session, path = kept_room(tmp_path)
    keep.forget_old(path.parent, now=path.stat().st_mtime + keep.MAX_AGE_S - 60)
    assert path.exists()
    keep.forget_old(path.parent, now=path.stat().st_mtime + keep.MAX_AGE_S + 60)
    assert not path.exists()
