"""Comments and suggested actions from participants' phones: they arrive pending, marked
with who sent them, reach the room's screen and the exports only once the facilitator
accepts them, and hostile traffic (a megabyte, an unknown kind, a flood) changes nothing."""
from __future__ import annotations

import copy
import json

import pytest
from live_helpers import Phone
from PySide6.QtWidgets import QListWidget

from lpdesk.commands.room import AddRoomNoteCommand, SetNoteStatusCommand, new_room_note
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.export.csv_export import export_csv
from lpdesk.export.html import export_html
from lpdesk.export.markdown import export_markdown
from lpdesk.export.summary import build_report
from lpdesk.live.activities import NOTE_MAX, NoteRate
from lpdesk.live.protocol import ProtocolError, parse_message
from lpdesk.storage.codec import session_from_dict, session_to_dict
from lpdesk.ui.summary.page import SummaryPage

pytestmark = pytest.mark.filterwarnings("ignore:connect\\(\\) must be used:DeprecationWarning")
TOKEN = "A" * 32


def msg(**fields) -> str:
    return json.dumps({"type": "comment", "token": TOKEN, "seq": 1, **fields})


def phone_notes(session):
    room = session.room
    notes = [new_room_note(room, "comment", f"pending {i}", None, from_phone=True,
                           author="Amira") for i in range(1)]
    for n in notes:
        room.notes.append(n)
    accepted = new_room_note(room, "action", "accepted action", None, from_phone=True)
    room.notes.append(accepted)
    rejected = new_room_note(room, "comment", "<b>rejected</b> comment", None, from_phone=True,
                             author="Ben")
    room.notes.append(rejected)
    accepted.status, rejected.status = "accepted", "rejected"
    return notes[0], accepted, rejected


# -- the model and the file ----------------------------------------------------------------
def test_status_source_and_author_round_trip_and_older_files_load_as_accepted():
    s = demo_session()
    pending, accepted, rejected = phone_notes(s)
    back = session_from_dict(json.loads(json.dumps(session_to_dict(s))))
    got = {n.id: (n.status, n.source, n.author) for n in back.room.notes}
    assert got[pending.id] == ("pending", "phone", "Amira")
    assert got[accepted.id] == ("accepted", "phone", "")
    assert got[rejected.id] == ("rejected", "phone", "Ben")
    old = session_to_dict(demo_session())
    for note in old["room"]:
        for key in ("status", "source", "author"):
            note.pop(key)
    loaded = session_from_dict(old)
    assert loaded.room.notes and all(n.status == "accepted" and n.source == "facilitator"
                                     for n in loaded.room.notes)


def test_a_file_with_a_bad_status_is_refused_naming_the_field():
    data = session_to_dict(demo_session())
    data["room"][0]["status"] = "maybe"
    from lpdesk.storage.errors import SessionFormatError
    with pytest.raises(SessionFormatError, match=r"room\[0\]\.status"):
        session_from_dict(data)


def test_the_schema_accepts_a_session_with_phone_notes():
    import jsonschema

    from lpdesk.content import resource_path
    schema = json.loads(resource_path("session.schema.json").read_text(encoding="utf-8"))
    s = demo_session()
    phone_notes(s)
    jsonschema.validate(session_to_dict(s), schema)
    bad = session_to_dict(s)
    bad["room"][-1]["source"] = "email"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_accept_and_reject_are_undoable_steps(qtbot):
    doc = SessionDocument(demo_session())
    room = doc.session.room
    note = new_room_note(room, "comment", "from a phone", None, from_phone=True, author="A")
    doc.apply(AddRoomNoteCommand(room, note))
    assert note.status == "pending" and note not in room.accepted("comment")
    doc.push(SetNoteStatusCommand(room, [note.id], "accepted"))
    assert note in room.accepted("comment")
    doc.push(SetNoteStatusCommand(room, [note.id], "rejected"))
    assert note.status == "rejected"
    doc.undo_stack.undo()
    assert note.status == "accepted"
    doc.undo_stack.undo()
    assert note.status == "pending"


def test_exports_hold_accepted_notes_only():
    s = demo_session()
    pending, accepted, rejected = phone_notes(s)
    report = build_report(s)
    assert "accepted action" in report.actions
    assert pending.text not in report.comments and rejected.text not in report.comments
    for out in (export_html(report), export_markdown(report), export_csv(report)):
        text = out.decode("utf-8")
        assert "accepted action" in text
        assert "pending 0" not in text and "rejected" not in text


# -- the message and its limits --------------------------------------------------------------
def test_a_comment_message_is_checked_on_the_server_thread():
    m = parse_message(msg(kind="action", text="  Pilot\x00 a\u202e community \n\n\n\nsoon "))
    assert m.get("kind") == "action" and m.get("text") == "Pilot a community\n\nsoon"
    for bad, code in ((msg(kind="essay", text="x"), "field"),
                      (msg(kind="comment", text=7), "field"),
                      (msg(kind="comment", text=" \n\t "), "empty"),
                      (msg(kind="comment", text="x" * (NOTE_MAX + 1)), "long"),
                      (msg(kind="comment", text="x" * 1_000_000), "size"),
                      (msg(kind="comment"), "field")):
        with pytest.raises(ProtocolError) as err:
            parse_message(bad)
        assert err.value.code == code


def test_a_device_sends_a_few_notes_at_once_then_one_every_few_seconds():
    rate = NoteRate(burst=3, every=10.0)
    for _ in range(3):
        rate.take("d1", 100.0)
    with pytest.raises(ProtocolError) as err:
        rate.take("d1", 101.0)
    assert err.value.code == "rate" and "wait" in err.value.text
    rate.take("d2", 101.0)  # another phone is not slowed by the first
    rate.take("d1", 111.0)  # ten seconds later, one more
    with pytest.raises(ProtocolError):
        rate.take("d1", 112.0)


# -- from a phone to the summary ----------------------------------------------------------------
@pytest.fixture
def live(demo_window):
    w = demo_window
    assert w.live.start("127.0.0.1")
    yield w
    w.live.stop()


def test_a_phones_comment_waits_pending_marked_with_its_sender_then_is_accepted(live, qtbot):
    w = live
    s = w.doc.session
    amira = s.participants[0]
    c = w.live.controller
    phone = Phone(qtbot, c.url).join(c.room.code, amira.id)
    before, steps = len(s.room.notes), w.doc.undo_stack.count()
    seq = phone.send({"type": "comment", "kind": "comment", "text": "<img src=x> more time"})
    phone.wait_type("ack", seq=seq)
    note = s.room.notes[-1]
    assert len(s.room.notes) == before + 1
    assert (note.status, note.source, note.author, note.text) == (
        "pending", "phone", amira.name, "<img src=x> more time")
    assert w.doc.undo_stack.count() == steps  # a phone's note is not the facilitator's step
    assert w.doc.is_modified
    assert w.statusBar().currentMessage() == (
        f"A comment from {amira.name} waits for you on the summary page (1 waiting)")
    seq = phone.send({"type": "comment", "kind": "action", "text": "Ask managers",
                      "anonymous": True})
    phone.wait_type("ack", seq=seq)
    assert s.room.notes[-1].author == "" and s.room.notes[-1].kind == "action"
    # the facilitator's page lists them waiting; the room's screen does not show them
    page = SummaryPage(w.doc)
    audience = SummaryPage(w.doc, audience=True)
    qtbot.addWidget(page)
    qtbot.addWidget(audience)
    texts = [page.pending.list.item(i).text() for i in range(page.pending.list.count())]
    assert any(amira.name in t and "<img src=x> more time" in t for t in texts)
    assert any("anonymous" in t and "Ask managers" in t for t in texts)
    assert not page.pending.isHidden()
    shown = audience.findChild(QListWidget, "SummaryList_comment")
    assert "<img src=x> more time" not in [shown.item(i).text() for i in range(shown.count())]
    page.pending.set_status("accepted", [note.id])
    assert note.status == "accepted"
    assert "<img src=x> more time" in [shown.item(i).text() for i in range(shown.count())]
    assert "<img src=x> more time" in build_report(s).comments
    w.doc.undo_stack.undo()
    assert note.status == "pending" and "<img src=x> more time" not in build_report(s).comments


def test_hostile_notes_are_refused_and_the_session_is_unchanged(live, qtbot):
    w = live
    s = w.doc.session
    c = w.live.controller
    stranger = Phone(qtbot, c.url)
    assert stranger.hello(c.room.code)["type"] == "welcome"
    before = copy.deepcopy(session_to_dict(s))
    seq = stranger.send({"type": "comment", "kind": "comment", "text": "no name yet"})
    assert stranger.wait_type("error", seq=seq)["code"] == "who"
    big = Phone(qtbot, c.url).join(c.room.code, s.participants[2].id)
    big.send({"type": "comment", "kind": "comment", "text": "x" * 1_000_000})
    big.wait_closed()  # a megabyte is not read: the connection is closed
    phone = Phone(qtbot, c.url).join(c.room.code, s.participants[1].id)
    seq = phone.send({"type": "comment", "kind": "speech", "text": "x"})
    assert phone.wait_type("error", seq=seq)["code"] == "field"
    c.set_options(locked=True)
    seq = phone.send({"type": "comment", "kind": "comment", "text": "paused"})
    assert phone.wait_type("error", seq=seq)["code"] == "locked"
    assert session_to_dict(s) == before
    c.set_options(locked=False)
    # a flood: the first few arrive, the rest are refused, nothing else changes
    seqs = [phone.send({"type": "comment", "kind": "comment", "text": f"flood {i}"})
            for i in range(15)]
    phone.wait_for(lambda m: m.get("seq") == seqs[-1])
    phone.drain(100)
    flood = [n for n in s.room.notes if n.text.startswith("flood")]
    assert len(flood) == 3 and all(n.status == "pending" for n in flood)
    refused = [json.loads(f) for f in phone.frames]
    assert sum(1 for m in refused if m.get("type") == "error" and m.get("code") == "rate") == 12
