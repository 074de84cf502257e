"""A suggested action from a phone may name who could take it on (optional): checked on the
server thread like the text, kept on the pending note, shown with the action once accepted."""
import json

import pytest
from live_helpers import Phone

from lpdesk.export.summary import build_report
from lpdesk.live.activities import OWNER_MAX
from lpdesk.live.protocol import ProtocolError, parse_message

pytestmark = pytest.mark.filterwarnings("ignore:connect\\(\\) must be used:DeprecationWarning")
TOKEN = "A" * 32


def msg(**fields) -> str:
    return json.dumps({"type": "comment", "token": TOKEN, "seq": 1, **fields})


def test_the_owner_is_one_line_of_plain_text_and_optional():
    m = parse_message(msg(kind="action", text="Pilot", owner="  Ann\u202e\n Lee "))
    assert m.get("owner") == "Ann Lee"
    assert parse_message(msg(kind="action", text="Pilot")).get("owner") is None
    for bad, code in ((msg(kind="action", text="t", owner=7), "field"),
                      (msg(kind="action", text="t", owner="x" * (OWNER_MAX + 1)), "long")):
        with pytest.raises(ProtocolError) as err:
            parse_message(bad)
        assert err.value.code == code


@pytest.fixture
def live(demo_window):
    w = demo_window
    assert w.live.start("127.0.0.1")
    yield w
    w.live.stop()


def test_a_phones_action_arrives_with_its_owner(live, qtbot):
    w = live
    s = w.doc.session
    c = w.live.controller
    phone = Phone(qtbot, c.url).join(c.room.code, s.participants[0].id)
    seq = phone.send({"type": "comment", "kind": "action", "text": "Ask managers",
                      "owner": "HR team"})
    phone.wait_type("ack", seq=seq)
    note = s.room.notes[-1]
    assert (note.kind, note.status, note.owner) == ("action", "pending", "HR team")
    seq = phone.send({"type": "comment", "kind": "comment", "text": "Nice",
                      "owner": "ignored on a comment"})
    phone.wait_type("ack", seq=seq)
    assert s.room.notes[-1].owner == ""
    note.status = "accepted"
    assert "Ask managers \u2014 HR team" in build_report(s).actions
