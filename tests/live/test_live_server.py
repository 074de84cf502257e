"""The phones' server and the GUI-thread controller, on 127.0.0.1 only: joining, placing,
what phones receive, undo, and hostile traffic (each refused, the app keeps running and the
session is unchanged)."""
from __future__ import annotations

import copy
import json
import socket

import pytest
from live_helpers import Phone, http_get

from lpdesk.commands.continuum import SetHiddenCommand, SetPlacementCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.live.server import CLOSE_CODES
from lpdesk.model.continuum import Placement
from lpdesk.storage.codec import session_to_dict

pytestmark = pytest.mark.filterwarnings("ignore:connect\\(\\) must be used:DeprecationWarning")


@pytest.fixture
def live(qtbot, app_settings):
    from lpdesk.ui.live.controller import LiveController

    session = demo_session()
    for area in session.continuum.areas:  # start from an empty room
        area.placements.clear()
        area.group_placements.clear()
    doc = SessionDocument(session)
    controller = LiveController(doc)
    controller.start("127.0.0.1", 0)
    phones: list[Phone] = []

    def phone(**kw) -> Phone:
        p = Phone(qtbot, controller.url, **kw)
        phones.append(p)
        return p

    controller.phone = phone
    yield controller
    for p in phones:
        p.close()
    controller.stop()


def area_id(c) -> str:
    return c.doc.session.continuum.current_area.id


def people(c) -> list[str]:
    return [p.id for p in c.doc.session.participants]


def snapshot(c) -> dict:
    return copy.deepcopy(session_to_dict(c.doc.session))


def test_a_phone_joins_claims_a_name_and_places_now_and_target(live):
    phone = live.phone()
    welcome = phone.hello(live.room.code)
    assert welcome["type"] == "welcome" and len(welcome["token"]) >= 20
    assert [s["name"] for s in welcome["stages"]][0] == "Embedded"
    pid = people(live)[2]
    phone.wait_section("people")
    seq = phone.send({"type": "claim", "participant": pid})
    phone.wait_type("ack", seq=seq)
    assert phone.place(area_id(live), "now", 31.5)["type"] == "ack"
    assert phone.place(area_id(live), "target", 70)["type"] == "ack"
    placement = live.doc.session.continuum.placement(area_id(live), pid)
    assert placement == Placement(31.5, 70.0)
    me = phone.wait_section("me", lambda s: (s["placement"] or {}).get("target") == 70)
    assert me["participant"]["id"] == pid
    # phone input is an ordinary command, applied outside the facilitator's undo stack:
    # the session is unsaved (autosave follows) but Ctrl+Z has nothing of the phone's
    assert live.doc.is_modified and live.doc.undo_stack.count() == 0
    device = live.room.devices[phone.token and live.room.tokens[phone.token]]
    assert device.participant_id == pid and device.last_sent == "target 70"


def test_the_facilitators_undo_never_takes_back_a_phone_vote(live):
    pid = people(live)[0]
    a = area_id(live)
    c = live.doc.session.continuum
    live.doc.push(SetPlacementCommand(c, a, pid, "now", 20.0))  # the facilitator's step
    phone = live.phone().join(live.room.code, pid)
    phone.place(a, "now", 65.0)
    assert c.placement(a, pid).now == 65.0
    steps = live.doc.undo_stack.count()
    live.doc.undo_stack.undo()  # meant for their own step: the phone's newer vote stays
    assert c.placement(a, pid).now == 65.0
    assert live.doc.undo_stack.count() == steps - 1  # the step had nothing left: it went
    phone.place(a, "target", 80.0)
    live.doc.push(SetPlacementCommand(c, a, pid, "now", 10.0))
    live.doc.undo_stack.undo()  # the facilitator's own move is undone, the target kept
    assert c.placement(a, pid) == Placement(65.0, 80.0)


def test_a_facilitator_move_and_its_undo_reach_the_phone(live):
    pid = people(live)[1]
    a = area_id(live)
    phone = live.phone().join(live.room.code, pid)
    phone.place(a, "now", 40.0)
    c = live.doc.session.continuum
    live.doc.push(SetPlacementCommand(c, a, pid, "now", 55.0))
    phone.wait_section("me", lambda s: s["placement"]["now"] == 55.0)
    live.doc.undo_stack.undo()
    phone.wait_section("me", lambda s: s["placement"]["now"] == 40.0)


def test_private_vote_a_second_phone_never_receives_the_first_ones_placement(live):
    a = area_id(live)
    c = live.doc.session.continuum
    live.doc.push(SetHiddenCommand(c, True))
    first = live.phone().join(live.room.code, people(live)[0])
    second = live.phone().join(live.room.code, people(live)[1])
    first.place(a, "now", 37.7)
    first.place(a, "target", 83.3)
    second.wait_section("room", lambda s: s["placed"] == 1)
    second.drain()
    traffic = "".join(second.frames)
    assert "37.7" not in traffic and "83.3" not in traffic
    assert second.sections["room"]["distribution"] is None
    live.doc.push(SetHiddenCommand(c, False))  # the reveal: the room's distribution, no names
    room = second.wait_section("room", lambda s: s["distribution"] is not None)
    assert room["distribution"] == {"now": [37.7], "target": [83.3]}
    assert second.sections["me"]["placement"] is None


def test_reconnecting_keeps_the_identity(live):
    pid = people(live)[3]
    phone = live.phone().join(live.room.code, pid)
    token = phone.token
    phone.close()
    again = live.phone()
    assert again.hello(live.room.code, token)["token"] == token
    me = again.wait_section("me")
    assert me["participant"]["id"] == pid
    again.place(area_id(live), "now", 12.0)
    assert live.doc.session.continuum.placement(area_id(live), pid).now == 12.0
    assert len(live.room.devices) == 1


def test_a_removed_phone_can_send_nothing_more(live):
    pid = people(live)[4]
    phone = live.phone().join(live.room.code, pid)
    device_id = live.room.tokens[phone.token]
    live.remove_device(device_id)
    phone.wait_type("bye", reason="removed")
    phone.wait_closed()
    before = snapshot(live)
    again = live.phone()
    assert again.hello(live.room.code, phone.token)["code"] == "removed"
    again.wait_closed()
    assert snapshot(live) == before
    fresh = live.phone()  # the same phone without its key: a new device, and the name is
    fresh.hello(live.room.code)  # kept for the phone taken out (issue 24)
    seq = fresh.send({"type": "claim", "participant": pid})
    assert fresh.wait_for(lambda m: m.get("seq") == seq)["code"] == "taken"
    live.free_name(pid)  # until the facilitator frees it
    other = live.phone().join(live.room.code, pid)
    other.wait_section("me", lambda s: s["participant"]["id"] == pid)


def test_a_claimed_name_cannot_be_claimed_by_another_phone(live):
    pid = people(live)[0]
    live.phone().join(live.room.code, pid)
    second = live.phone().join(live.room.code)
    second.wait_section("people", lambda s: s["participants"][0]["taken"] is True)
    seq = second.send({"type": "claim", "participant": pid})
    assert second.wait_for(lambda m: m.get("seq") == seq)["code"] == "taken"
    live.free_name(pid)
    seq = second.send({"type": "claim", "participant": pid})
    assert second.wait_for(lambda m: m.get("seq") == seq)["type"] == "ack"


def test_new_names_and_anonymous_joining_only_when_the_facilitator_allows(live):
    phone = live.phone().join(live.room.code)
    count = len(people(live))
    for claim in ({"name": "Zed <b>New</b>"}, {"anonymous": True}):
        seq = phone.send({"type": "claim", **claim})
        assert phone.wait_for(lambda m, s=seq: m.get("seq") == s)["type"] == "error"
    assert len(people(live)) == count
    live.set_options(new_names=True)
    seq = phone.send({"type": "claim", "name": "Zed <b>New</b>",
                      "group": live.doc.session.groups[0].id})
    phone.wait_type("ack", seq=seq)
    new = live.doc.session.participants[-1]
    assert new.name == "Zed <b>New</b>" and new.group_id == live.doc.session.groups[0].id
    assert live.doc.undo_stack.count() == 0 and live.doc.is_modified
    live.set_options(anonymous=True)
    other = live.phone().join(live.room.code, anonymous=True)
    assert other.wait_section("me", lambda s: s["participant"] is not None)[
        "participant"]["name"].startswith("Anonymous")
    assert len(people(live)) == count + 2


def test_by_groups_a_phone_places_its_groups_markers(live):
    from lpdesk.commands.continuum import SetByGroupsCommand

    c = live.doc.session.continuum
    live.doc.push(SetByGroupsCommand(c, True))
    member = live.doc.session.participants[0]
    mate = next(p for p in live.doc.session.participants[1:] if p.group_id == member.group_id)
    one = live.phone().join(live.room.code, member.id)
    two = live.phone().join(live.room.code, mate.id)
    one.place(area_id(live), "now", 44.0)
    assert c.placement(area_id(live), member.group_id, group=True).now == 44.0
    two.wait_section("me", lambda s: (s["placement"] or {}).get("now") == 44.0)


def test_locked_input_is_refused_and_unlocking_lets_it_in(live):
    phone = live.phone().join(live.room.code, people(live)[0])
    live.set_options(locked=True)
    phone.wait_section("room", lambda s: s["locked"])
    before = snapshot(live)
    assert phone.place(area_id(live), "now", 50.0)["code"] == "locked"
    assert snapshot(live) == before
    live.set_options(locked=False)
    assert phone.place(area_id(live), "now", 50.0)["type"] == "ack"


def test_phones_place_only_on_the_area_and_activity_the_facilitator_shows(live):
    phone = live.phone().join(live.room.code, people(live)[0])
    other_area = live.doc.session.continuum.areas[1].id
    assert phone.place(other_area, "now", 5.0)["code"] == "area"
    live.set_activity("matrix")
    phone.wait_section("room", lambda s: s["activity"] == "matrix")
    assert phone.place(area_id(live), "now", 5.0)["code"] == "activity"


# -- hostile traffic ---------------------------------------------------------------------
def test_wrong_or_missing_room_code_is_refused(live):
    before = snapshot(live)
    for payload in ({"type": "hello", "room": "ZZZZZ"}, {"type": "hello"},
                    {"type": "place", "area": "a", "which": "now", "value": 1}):
        phone = live.phone()
        phone.send(json.dumps(payload))
        error = phone.wait_type("error")
        assert error["code"] in ("room", "field", "token", "hello")
        phone.wait_closed()
    assert snapshot(live) == before and live.running and not live.room.devices


def test_forged_tokens_are_refused(live):
    forged = "A" * 32
    phone = live.phone()
    assert phone.hello(live.room.code, forged)["code"] == "token"
    phone.wait_closed()
    real = live.phone().join(live.room.code, people(live)[0])
    before = snapshot(live)
    for _ in range(2):
        seq = real.send({"type": "place", "token": forged, "area": area_id(live),
                         "which": "now", "value": 9})
        assert real.wait_for(lambda m, s=seq: m.get("seq") == s)["code"] == "token"
    assert snapshot(live) == before
    real.send({"type": "place", "token": forged, "area": area_id(live), "which": "now",
               "value": 9})
    real.wait_closed()  # the third forged key ends the connection
    assert snapshot(live) == before


def test_wrong_host_and_wrong_origin_are_refused(live):
    status, headers, body = http_get(live.url)
    assert status == 200 and b"phone.js" in body
    assert "default-src 'none'" in headers["content-security-policy"]
    port = live.server.port
    for host in (f"evil.example:{port}", f"localhost:{port}", None):
        assert http_get(live.url, headers={"Host": host})[0] in (400, 421)
    upgrade = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
    assert http_get(live.url, "/ws", {**upgrade, "Host": f"evil.example:{port}",
                                      "Origin": f"http://evil.example:{port}"})[0] == 421
    assert http_get(live.url, "/ws", {**upgrade, "Origin": "http://evil.example"})[0] == 403
    assert http_get(live.url, "/ws", upgrade)[0] == 403  # no Origin at all
    with pytest.raises(Exception):  # noqa: B017 - the client sees the refused upgrade
        live.phone(origin="http://evil.example")
    assert http_get(live.url, "/secret.txt")[0] == 404
    assert http_get(live.url, "/../pyproject.toml")[0] == 404


def test_oversized_malformed_unknown_and_out_of_range_messages_are_refused(live):
    phone = live.phone().join(live.room.code, people(live)[0])
    a = area_id(live)
    before = snapshot(live)
    bad = [
        json.dumps({"type": "claim", "token": phone.token, "name": "x" * 5000}),
        "{not json",
        json.dumps({"type": "vote", "token": phone.token}),
        json.dumps({"type": "place", "token": phone.token, "area": a, "which": "now",
                    "value": 101}),
        json.dumps({"type": "place", "token": phone.token, "area": a, "which": "now",
                    "value": -0.5}),
        f'{{"type": "place", "token": "{phone.token}", "area": "{a}", "which": "now", '
        f'"value": NaN}}',
        json.dumps({"type": "place", "token": phone.token, "area": "a-nope", "which": "now",
                    "value": 5}),
        json.dumps({"type": "claim", "token": phone.token, "participant": "p-nope"}),
        json.dumps({"type": "claim", "token": phone.token, "name": "Ann",
                    "group": "g-nope"}),
        json.dumps({"type": "hello", "room": live.room.code}),
    ]
    for text in bad:
        phone.send(text)
        assert phone.wait_type("error")["message"]
    phone.ws.send("x" * 70000)  # beyond the WebSocket's own limit: the connection ends
    phone.wait_closed()
    assert snapshot(live) == before
    binary = live.phone().join(live.room.code)  # phones never send binary: closed, not
    binary.ws.send(b"\x00\x01binary")  # answered frame by frame (test_live_hostile.py)
    binary.wait_closed()
    assert snapshot(live) == before
    live.phone().join(live.room.code, people(live)[1])  # the app keeps running


def test_a_flood_from_one_phone_is_cut_off_and_others_still_get_through(live):
    phone = live.phone().join(live.room.code, people(live)[0])
    a = area_id(live)
    from websockets.exceptions import ConnectionClosed

    sent = 0
    try:
        for i in range(1000):
            phone.send({"type": "place", "area": a, "which": "now", "value": i % 100})
            sent += 1
    except ConnectionClosed:  # lpdesk hung up on the flood
        pass
    phone.wait_closed(10)
    # what was queued for it before the cut-off (the "slow down") reaches it first, then
    # the refusal, then the close: one sender writes them (it failed most runs when the
    # reader closed the socket under the sender's queue)
    codes = [json.loads(f).get("code") for f in phone.frames]
    assert "slow" in codes and codes[-1] == "flood"
    assert codes.index("slow") < codes.index("flood")
    assert phone.ws.close_code == CLOSE_CODES["flood"]
    assert live.server.refused >= 200
    other = live.phone().join(live.room.code, people(live)[1])
    assert other.place(a, "now", 3.0)["type"] == "ack"


def test_the_device_cap_refuses_one_phone_too_many(live):
    live.stop()
    live.max_devices = 3
    live.start("127.0.0.1", 0)
    for _ in range(3):
        live.phone().join(live.room.code)
    extra = live.phone()
    assert extra.hello(live.room.code)["code"] == "full"
    extra.wait_closed()
    assert len(live.room.devices) == 3


def test_stopping_disconnects_every_phone_frees_the_port_and_a_restart_keeps_identities(live):
    pid = people(live)[0]
    phones = [live.phone().join(live.room.code, pid)] + \
        [live.phone().join(live.room.code) for _ in range(2)]
    port = live.server.port
    live.stop()
    for p in phones:
        p.wait_closed()
    assert any('"bye"' in f for f in phones[0].frames)
    with socket.socket() as s:  # the port is free
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
    live.start("127.0.0.1", port)
    assert live.server.port == port
    again = live.phone()
    assert again.hello(live.room.code, phones[0].token)["type"] == "welcome"
    assert again.wait_section("me")["participant"]["id"] == pid


def test_a_taken_port_makes_lpdesk_choose_another_and_remember_it(live):
    from PySide6.QtCore import QSettings

    from lpdesk.ui.live.controller import PORT_KEY

    port = live.server.port
    live.stop()
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", port))
        blocker.listen()
        live.start("127.0.0.1", port)
        assert live.server.port != port
        assert int(QSettings().value(PORT_KEY)) == live.server.port
    chosen = live.server.port
    live.stop()
    live.start("127.0.0.1")  # no port given: the remembered one
    assert live.server.port == chosen


def test_two_hundred_phones_at_once(live, qtbot):
    """200 phones join and place together (one asyncio loop of clients on a thread)."""
    import asyncio
    import threading

    from lpdesk.commands.session import AddParticipantsCommand

    session = live.doc.session
    live.doc.push(AddParticipantsCommand(session, session.new_participants(
        [f"Person {i}" for i in range(200 - len(session.participants))])))
    live.stop()  # 200 simulated phones share 127.0.0.1; a room's phones have their own
    live.new_devices_per_address = 200
    live.start("127.0.0.1", 0)
    ids = people(live)
    a = area_id(live)
    host = live.url.split("//")[1].rstrip("/")
    results: list[int] = []

    async def one(pid: str) -> None:
        import websockets
        async with websockets.connect(f"ws://{host}/ws", origin=f"http://{host}") as ws:
            await ws.send(json.dumps({"type": "hello", "room": live.room.code}))
            token = json.loads(await ws.recv())["token"]
            await ws.send(json.dumps({"type": "claim", "token": token, "seq": 1,
                                      "participant": pid}))
            await ws.send(json.dumps({"type": "place", "token": token, "seq": 2, "area": a,
                                      "which": "now", "value": 50.0}))
            while True:
                m = json.loads(await asyncio.wait_for(ws.recv(), 20))
                if m.get("type") in ("ack", "error") and m.get("seq") == 2:
                    results.append(1 if m["type"] == "ack" else 0)
                    return

    async def everyone() -> None:
        await asyncio.gather(*(one(pid) for pid in ids))

    thread = threading.Thread(target=lambda: asyncio.run(everyone()))
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=30000)
    assert sum(results) == 200
    assert len(session.continuum.area(a).placements) == 200
    assert len(live.room.devices) == 200


def test_guessing_room_codes_is_stopped_after_a_few_tries(live, monkeypatch):
    import lpdesk.live.server as server

    monkeypatch.setattr(server, "WRONG_CODES_PER_MINUTE", 3)
    for _ in range(3):
        phone = live.phone()
        assert phone.hello("WRONG")["code"] == "room"
        phone.wait_closed()
    # over the budget, even the right code is not compared: the new connection is told why
    # at once, in the WebSocket (a browser cannot read an HTTP refusal of the upgrade), and
    # closed with the code the phone page knows (4010: it waits before trying again)
    honest = live.phone()
    said = honest.wait_for(lambda m: m.get("type") == "error")
    assert said["code"] == "guesses" and "wrong room codes" in said["message"]
    honest.wait_closed()
    assert honest.ws.close_code == server.CLOSE_CODES["guesses"] == 4010
    assert not live.room.devices


def test_fuzz_random_frames_from_a_joined_phone_never_change_the_session(live, qtbot):
    """Hypothesis-made frames over the message format, sent over the real WebSocket: every
    one is answered, the session stays as it was, the phone is still served."""
    from budget import examples
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    phone = live.phone().join(live.room.code)  # no name chosen: it may place nothing
    live.server.rate_per_s = live.server.rate_burst = 1e6  # the flood test covers the limit
    before = snapshot(live)
    value = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                      st.text(max_size=12), st.lists(st.integers(), max_size=3))
    frame = st.fixed_dictionaries(
        {"type": st.sampled_from(["place", "claim", "release", "hello", "x"]),
         # (a well-formed wrong key three times ends the connection: the forged-token test)
         "token": st.one_of(st.just(phone.token), st.text(max_size=19))},
        optional={"area": value, "which": value, "value": value, "participant": value,
                  "name": value, "group": value, "anonymous": value, "seq": value,
                  "room": value})

    @settings(max_examples=examples(60), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(frame)
    def send(payload):
        if payload.get("type") == "claim" or payload.get("type") == "release":
            payload = {**payload, "token": "x"}  # a claim with the real key is legitimate
        phone.ws.send(json.dumps(payload, allow_nan=True))
        phone.wait_for(lambda m: m.get("type") in ("ack", "error"))

    send()
    assert snapshot(live) == before
    assert not phone.closed and phone.place(area_id(live), "now", 1)["code"] == "who"


def test_a_phone_whose_participant_is_removed_picks_again(live):
    from lpdesk.commands.session import RemoveParticipantCommand

    pid = people(live)[5]
    phone = live.phone().join(live.room.code, pid)
    phone.place(area_id(live), "now", 22.0)
    live.doc.push(RemoveParticipantCommand(live.doc.session, pid))
    phone.wait_section("me", lambda s: s["participant"] is None)
    assert phone.place(area_id(live), "now", 30.0)["code"] == "who"
    assert pid not in live.room.claimed()
    live.doc.undo_stack.undo()  # the facilitator brings them back: the phone picks again
    phone.wait_section("people", lambda s: any(p["id"] == pid and not p["taken"]
                                                for p in s["participants"]))
    seq = phone.send({"type": "claim", "participant": pid})
    phone.wait_type("ack", seq=seq)
    assert live.doc.session.continuum.placement(area_id(live), pid).now == 22.0


def test_not_you_lets_a_phone_choose_again_and_frees_the_name(live):
    pid = people(live)[6]
    phone = live.phone().join(live.room.code, pid)
    seq = phone.send({"type": "release"})
    phone.wait_type("ack", seq=seq)
    phone.wait_section("me", lambda s: s["participant"] is None)
    assert pid not in live.room.claimed()
    other = live.phone().join(live.room.code, pid)
    assert other.wait_section("me", lambda s: s["participant"]["id"] == pid)
