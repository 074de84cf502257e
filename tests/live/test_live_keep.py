"""The room a session keeps between runs of lpdesk (lpdesk/live/keep.py): the same code and
phones come back for the same session file, with the identity model's rules intact (a name
held stays held, a phone taken out or freed stays out), and nothing else: another file's
room, a damaged or hostile file, or a participant who left are ignored, and no phone is
ever handed back data it did not send."""
from __future__ import annotations

import json
import os
import stat
import sys

import pytest

from lpdesk.live import keep
from lpdesk.live.identity import ClaimPlan, Person
from lpdesk.live.protocol import ProtocolError
from lpdesk.live.room import LiveRoom

TOKEN = "t" * 32  # d-1, holds p-01 and has voted
TOKEN_2 = "u" * 32  # d-2, held p-02, taken out
TOKEN_3 = "w" * 32  # d-3, held p-03, the name was freed from it
TOKEN_4 = "x" * 32  # d-4, added a new name p-04, sent nothing
PEOPLE = {"p-01", "p-02", "p-03", "p-04"}
SECRET = 4242.5  # what d-1 placed: must never reach the file


def people(ids=PEOPLE):
    return [Person(p, f"Name {p}") for p in sorted(ids)]


def kept_room(tmp_path):
    session = tmp_path / "workshop.lpdesk"
    room = LiveRoom()
    room.joined("d-1", TOKEN, "10.0.0.2", 1.0)
    room.bind("d-1", "p-01", ClaimPlan(participant_id="p-01"))
    room.identity.record("d-1", ("place", "a-1", "p-01", "now"), SECRET)
    room.joined("d-2", TOKEN_2, "10.0.0.3", 1.0)
    room.bind("d-2", "p-02", ClaimPlan(participant_id="p-02"))
    room.remove("d-2")
    room.joined("d-3", TOKEN_3, "10.0.0.4", 1.0)
    room.bind("d-3", "p-03", ClaimPlan(participant_id="p-03"))
    room.free("p-03")
    room.joined("d-4", TOKEN_4, "10.0.0.5", 1.0)
    room.bind("d-4", "p-04", ClaimPlan(new_name="Zoe"))
    path = keep.file_for(tmp_path / "rooms", session)
    keep.write(path, room, session)
    return room, session, path


def restored(tmp_path, participants=PEOPLE):
    room, session, path = kept_room(tmp_path)
    again = LiveRoom()
    assert keep.restore(again, keep.read(path), session, set(participants))
    return room, again


def refused(room, device_id, participant_id, ids=PEOPLE):
    with pytest.raises(ProtocolError):
        room.identity.plan_claim(device_id, people(ids), participant_id=participant_id)


def test_the_same_session_gets_its_code_and_phones_back(tmp_path):
    room, session, path = kept_room(tmp_path)
    again = LiveRoom()
    assert keep.restore(again, keep.read(path), session, PEOPLE)
    assert again.code == room.code
    assert again.tokens == {TOKEN: "d-1", TOKEN_3: "d-3", TOKEN_4: "d-4"}
    assert again.removed == {TOKEN_2}
    assert again.devices["d-1"].participant_id == "p-01"
    assert not again.devices["d-1"].connected
    assert "workshop" not in path.name  # no names on disk, only a hash of the path
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600  # the keys are secrets


def test_the_same_phone_with_its_key_is_its_name_again(tmp_path):
    _room, again = restored(tmp_path)
    device = again.joined("d-1", TOKEN, "10.0.0.9", 5.0)
    assert device.participant_id == "p-01" and again.identity.of("d-1") == "p-01"
    assert again.identity.plan_claim("d-1", people(), participant_id="p-01") \
        == ClaimPlan(participant_id="p-01")
    assert again.claimed() == {"p-01": "d-1", "p-04": "d-4"}


def test_no_other_phone_can_claim_a_name_held_or_reserved_before_the_restart(tmp_path):
    _room, again = restored(tmp_path)
    again.joined("d-9", "n" * 32, "10.0.0.9", 5.0)
    refused(again, "d-9", "p-01")  # held by d-1
    refused(again, "d-9", "p-02")  # reserved for the phone taken out
    refused(again, "d-9", "p-04")  # added and held by d-4
    assert again.taken() == {"p-01", "p-02", "p-04"}
    again.free("p-02")  # the facilitator may still free the reserved name
    assert again.identity.plan_claim("d-9", people(), participant_id="p-02") \
        == ClaimPlan(participant_id="p-02")


def test_taken_out_and_freed_stay_final_after_the_restart(tmp_path):
    _room, again = restored(tmp_path)
    assert again.devices["d-2"].removed and again.devices["d-2"].participant_id == "p-02"
    assert "d-2" not in again.tokens.values()  # its key is dead
    refused(again, "d-3", "p-03")  # freed from d-3: never again
    again.joined("d-9", "n" * 32, "10.0.0.9", 5.0)
    assert again.identity.plan_claim("d-9", people(), participant_id="p-03") \
        == ClaimPlan(participant_id="p-03")  # but another phone may take it


def test_caps_and_not_me_survive_the_restart(tmp_path):
    _room, again = restored(tmp_path)
    assert again.identity.new_names == 1  # d-4 added one: the session's cap counts it
    with pytest.raises(ProtocolError):
        again.release("d-1")  # d-1 voted as p-01 before: 'Not me' stays refused
    with pytest.raises(ProtocolError):
        again.identity.plan_claim("d-4", people(), name="Another new one", allow_new=True)


def test_no_phone_is_handed_data_it_did_not_send(tmp_path):
    _room, session, path = kept_room(tmp_path)
    assert str(SECRET) not in path.read_text(encoding="utf-8")  # what phones sent is not kept
    again = LiveRoom()
    assert keep.restore(again, keep.read(path), session, PEOPLE)
    key = ("place", "a-1", "p-01", "now")
    assert again.identity.sent == {} and again.identity.runs == {}
    assert again.identity.visible("d-1", key, SECRET) is None  # until it places again
    again.identity.record("d-1", key, 10.0)
    assert again.identity.visible("d-1", key, 10.0) == 10.0


def test_another_session_file_gets_nothing(tmp_path):
    _room, _session, path = kept_room(tmp_path)
    other = LiveRoom()
    code = other.code
    assert not keep.restore(other, keep.read(path), tmp_path / "other.lpdesk", PEOPLE)
    assert other.code == code and not other.devices and not other.claimed()


def test_a_participant_who_left_the_session_is_not_claimed_again(tmp_path):
    _room, again = restored(tmp_path, participants={"p-03", "p-04"})
    assert again.devices["d-1"].participant_id is None and again.identity.of("d-1") is None
    assert again.devices["d-2"].participant_id is None  # nothing reserved for a leaver
    assert again.claimed() == {"p-04": "d-4"} and again.taken() == {"p-04"}


@pytest.mark.parametrize("change", [
    {"code": "AB0O1"}, {"code": "<script>"}, {"code": 12345}, {"version": keep.VERSION + 1},
    {"version": 1}, {"tokens": []}, {"devices": None}, {"removed": "x"}, {"out": []},
    {"barred": "p-01"}, {"added": None}, {"answered": {}},
])
def test_a_damaged_file_is_ignored_and_the_room_is_untouched(tmp_path, change):
    _room, session, path = kept_room(tmp_path)
    data = keep.read(path)
    data.update(change)
    fresh = LiveRoom()
    code = fresh.code
    assert not keep.restore(fresh, data, session, PEOPLE)
    assert fresh.code == code and not fresh.tokens and not fresh.devices
    assert not fresh.claimed() and not fresh.identity.reserved


def test_bad_entries_are_dropped_and_good_ones_kept(tmp_path):
    _room, session, path = kept_room(tmp_path)
    data = keep.read(path)
    data["tokens"]["short"] = "d-9"
    data["tokens"]["v" * 32] = "d 9\n"
    data["tokens"]["y" * 32] = ["d-1"]
    data["devices"]["d-9"] = "p-01"  # a device with no valid key
    data["devices"]["d-3"] = ["p-01"]
    data["out"]["d 7"] = "p-03"
    data["barred"]["p-01"] = "d-1"
    data["added"]["d-1"] = "lots"
    data["answered"].append({"x": 1})
    fresh = LiveRoom()
    assert keep.restore(fresh, data, session, PEOPLE)
    assert fresh.tokens == {TOKEN: "d-1", TOKEN_3: "d-3", TOKEN_4: "d-4"}
    assert set(fresh.devices) == {"d-1", "d-2", "d-3", "d-4"}
    assert fresh.devices["d-3"].participant_id is None
    assert fresh.identity.of("d-1") == "p-01" and fresh.identity.added == {"d-4": "new"}
    assert fresh.identity.reserved == {"p-02"}


@pytest.mark.parametrize("forge", ["twice", "reserved", "freed", "revived"])
def test_a_hostile_file_cannot_break_the_rules(tmp_path, forge):
    _room, session, path = kept_room(tmp_path)
    data = keep.read(path)
    if forge == "twice":  # two phones holding one name: neither gets it
        data["devices"]["d-3"] = "p-01"
    elif forge == "reserved":  # a live phone holding a name reserved for one taken out
        data["devices"]["d-3"] = "p-02"
    elif forge == "freed":  # a phone holding a name freed from it
        data["devices"]["d-3"] = "p-03"
    else:  # a phone taken out given a live key again
        data["tokens"]["z" * 32] = "d-2"
    fresh = LiveRoom()
    assert keep.restore(fresh, data, session, PEOPLE)
    holders = fresh.claimed()
    assert len(set(holders.values())) == len(holders)
    assert fresh.identity.of("d-3") is None and "d-2" not in fresh.tokens.values()
    assert not fresh.identity.reserved & set(holders)
    if forge == "twice":
        assert fresh.identity.of("d-1") is None and "p-01" not in holders
    if forge == "revived":
        assert "z" * 32 in fresh.removed


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
