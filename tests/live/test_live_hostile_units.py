"""Issue 24 without a window: the identity model, the text cleaning, the budgets and the
protocol's refusals, as pure Python (no QApplication)."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lpdesk.live.activities  # noqa: F401 (registers comment, quiz and matrix kinds)
from lpdesk.live.budget import Buckets, TokenBucket
from lpdesk.live.identity import ClaimPlan, Identities, Person
from lpdesk.live.protocol import (
    MAX_DEPTH,
    MESSAGE_TYPES,
    ProtocolError,
    _too_deep,
    parse_message,
    seq_of,
)
from lpdesk.live.text import BrokenTextError, clean, name_key

TOKEN = "t" * 32
PEOPLE = [Person("p-1", "Alice"), Person("p-2", "Ben")]


def claim(ids: Identities, device: str, people=PEOPLE, **kw) -> str:
    """Plan and bind as the controller does; returns the participant id."""
    plan = ids.plan_claim(device, people, **kw)
    pid = plan.participant_id or f"p-new-{device}"
    ids.bind(device, pid, plan)
    return pid


# -- identity ---------------------------------------------------------------------------------
def test_a_name_is_held_by_one_device_for_the_session_even_when_it_is_offline():
    ids = Identities()
    claim(ids, "d-1", participant_id="p-1")
    with pytest.raises(ProtocolError) as info:
        ids.plan_claim("d-2", PEOPLE, participant_id="p-1")
    assert info.value.code == "taken"
    claim(ids, "d-1", participant_id="p-1")  # its own name again (a reconnect)


def test_one_phone_cannot_vote_as_many_people_by_claim_vote_release_next():
    ids = Identities()
    claim(ids, "d-1", participant_id="p-1")
    ids.release("d-1")  # a mis-tap before sending anything: fine
    claim(ids, "d-1", participant_id="p-2")
    ids.record("d-1", ("place", "a-1", "p-2", "now"), 40.0)
    with pytest.raises(ProtocolError) as info:
        ids.release("d-1")
    assert info.value.code == "release"
    with pytest.raises(ProtocolError):
        ids.plan_claim("d-1", PEOPLE, participant_id="p-1")  # one identity per device
    assert ids.of("d-1") == "p-2"


def test_freeing_a_name_is_final_for_that_phone_and_hides_what_it_sent():
    ids = Identities()
    claim(ids, "d-1", participant_id="p-1")
    ids.record("d-1", ("place", "a-1", "p-1", "now"), 40.0)
    ids.free("p-1")
    with pytest.raises(ProtocolError) as info:
        ids.plan_claim("d-1", PEOPLE, participant_id="p-1")
    assert info.value.code == "freed"
    claim(ids, "d-2", participant_id="p-1")  # another phone may have it now
    assert ids.visible("d-2", ("place", "a-1", "p-1", "now"), 40.0) is None  # not its vote
    ids.record("d-2", ("place", "a-1", "p-1", "now"), 55.0)
    assert ids.visible("d-2", ("place", "a-1", "p-1", "now"), 55.0) == 55.0


def test_a_removed_phones_name_stays_reserved_until_the_facilitator_frees_it():
    ids = Identities()
    claim(ids, "d-1", participant_id="p-1")
    ids.remove("d-1")
    with pytest.raises(ProtocolError) as info:  # e.g. the same phone without its key
        ids.plan_claim("d-9", PEOPLE, participant_id="p-1")
    assert info.value.code == "taken"
    ids.free("p-1")
    claim(ids, "d-9", participant_id="p-1")


def test_look_alike_names_are_the_same_person():
    ids = Identities()
    for name in ("alice", "ALICE", "Аlice", "Alice\u200b", "A\u00adlice", "Ali\u0301ce",
                 "\ufeffAlice", "Alice\u200e", "Alice\u200d", "  Alice  "):
        plan = ids.plan_claim("d-1", PEOPLE, name=name, allow_new=True)
        assert plan.participant_id == "p-1", name


def test_new_names_and_anonymous_joins_have_their_own_caps_one_per_device():
    ids = Identities(new_names_cap=2, anonymous_cap=1)
    claim(ids, "d-1", name="Zoë", allow_new=True)
    with pytest.raises(ProtocolError):  # a device adds one name
        ids.plan_claim("d-1", PEOPLE, name="Other", allow_new=True)
    claim(ids, "d-2", name="Yan", allow_new=True)
    with pytest.raises(ProtocolError) as info:
        ids.plan_claim("d-3", PEOPLE, name="Xu", allow_new=True)
    assert info.value.code == "cap"
    plan = ids.plan_claim("d-4", PEOPLE, anonymous=True, allow_anonymous=True)
    assert plan.new_name == "Anonymous 1" and plan.anonymous
    ids.bind("d-4", "p-anon", plan)
    with pytest.raises(ProtocolError) as info:
        ids.plan_claim("d-5", PEOPLE, anonymous=True, allow_anonymous=True)
    assert info.value.code == "cap"
    assert (ids.new_names, ids.anonymous) == (2, 1)


def test_a_plan_changes_nothing_until_it_is_bound():
    ids = Identities()
    ids.plan_claim("d-1", PEOPLE, name="New", allow_new=True)
    assert ids.new_names == 0 and ids.claimed() == {}
    ids.bind("d-1", "p-1", ClaimPlan("p-1"))
    assert ids.claimed() == {"p-1": "d-1"}


def test_quiz_runs_are_shown_only_to_the_device_that_started_them():
    ids = Identities()
    ids.start_run("d-1", "r-1")
    assert ids.owns_run("d-1", "r-1") and not ids.owns_run("d-2", "r-1")
    assert not ids.owns_run("d-1", "r-laptop")


# -- text ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw", ["\u200b", "\u2800", "\u3164", "\u200d\u200c", "\ufeff",
                                 "\u00ad", " \u200e ", "\x00\x07", "\u115f\u1160"])
def test_invisible_names_are_blank_after_cleaning_and_refused(raw):
    assert clean(raw) == ""
    with pytest.raises(ProtocolError) as info:
        parse_message(json.dumps({"type": "claim", "token": TOKEN, "name": raw}))
    assert info.value.code == "name"


def test_lone_surrogates_are_refused_where_messages_enter():
    with pytest.raises(BrokenTextError):
        clean("a\ud800b")
    for kind, field in (("claim", "name"), ("comment", "text")):
        raw = (f'{{"type": "{kind}", "token": "{TOKEN}", "kind": "comment", '
               f'"{field}": "x\\ud800"}}')
        with pytest.raises(ProtocolError) as info:
            parse_message(raw)
        assert info.value.code == "text"


def test_text_is_nfc_and_keeps_line_breaks_only_where_asked():
    assert clean("Chloe\u0301") == "Chlo\u00e9"
    assert clean("a\nb") == "a b" and clean("a\n\n\n\nb", newlines=True) == "a\n\nb"
    assert name_key("Chloé") == name_key("CHLOE") == name_key("Сhloe")  # Cyrillic С


def test_deeply_nested_json_is_refused_with_an_error_not_a_recursion_error():
    nested = '{"type":"place","seq":3,"x":' + "[" * 50 + "]" * 50 + "}"
    with pytest.raises(ProtocolError) as info:
        parse_message(nested)
    assert info.value.code == "format"
    assert seq_of(nested) is None and seq_of("[" * 3000) is None


class _NotWalked(str):
    def __iter__(self):
        raise AssertionError("walked character by character")


def test_a_message_with_few_brackets_is_not_walked_for_its_depth():
    """The depth walk ran in Python over every character of every message, on the server
    thread that shares the interpreter with the window: a fifth of reading a message. A
    message cannot be deeper than its brackets are many, so most are not walked."""
    text = json.dumps({"type": "place", "seq": 3, "area": "a1", "which": "now",
                       "value": 40.0, "token": "t" * 32})
    assert not _too_deep(_NotWalked(text))
    shallow_but_many = '{"x":[' + ",".join(["[]"] * (MAX_DEPTH + 2)) + "]}"
    assert not _too_deep(shallow_but_many)  # walked: depth 3
    with pytest.raises(AssertionError):
        _too_deep(_NotWalked(shallow_but_many))
    in_strings = '{"x":"' + "[" * 50 + '"}'  # brackets in a string do not nest
    assert not _too_deep(in_strings)
    assert _too_deep('{"x":' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}")


# -- budgets ----------------------------------------------------------------------------------
def test_the_token_bucket_allows_a_burst_then_the_rate():
    bucket = TokenBucket(rate=2.0, burst=3.0)
    assert [bucket.take(0.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.wait(0.0) == pytest.approx(0.5)
    assert bucket.take(0.5) and not bucket.take(0.5)


def test_bucket_tables_forget_idle_keys_and_stay_bounded():
    table = Buckets(lambda: TokenBucket(1.0, 1.0), most=10)
    for i in range(100):
        table.take(f"10.0.0.{i}")
    assert len(table.table) <= 10


# -- the fuzzer learns the phones' messages -------------------------------------------------------
_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=3),
    max_leaves=20)


@settings(max_examples=300, deadline=None, database=None)
@given(st.sampled_from(sorted(MESSAGE_TYPES)), st.dictionaries(
    st.sampled_from(["room", "token", "seq", "participant", "name", "group", "anonymous",
                     "area", "which", "value", "kind", "text", "question", "answer", "index",
                     "board", "card", "row", "column"]), _values, max_size=6))
def test_every_message_either_parses_to_storable_text_or_is_refused(kind, fields):
    raw = json.dumps({"type": kind, "token": TOKEN, **fields})
    try:
        message = parse_message(raw)
    except ProtocolError as exc:
        assert exc.code and exc.text
        return
    for value in message.fields.values():
        if isinstance(value, str):
            value.encode("utf-8")  # never a lone surrogate in what gets stored
            assert value == clean(value, newlines=True) and value.strip()


def test_a_phone_whose_send_never_completes_is_dropped_after_the_send_timeout(monkeypatch,
                                                                               tmp_path):
    """A phone that stops reading fills its socket; the send that then waits for ever is
    cut off at SEND_TIMEOUT_S and the phone dropped (its frames are not held)."""
    import asyncio

    from lpdesk.live import server as live_server

    monkeypatch.setattr(live_server, "SEND_TIMEOUT_S", 0.05)
    for name in live_server.PAGE_FILES:
        (tmp_path / name).write_text("x", encoding="utf-8")
    left = []
    srv = live_server.LiveServer("127.0.0.1", 0, "ABCD", left.append, folder=tmp_path)

    class StuckSocket:
        closed = False

        async def send_str(self, text):
            await asyncio.Event().wait()  # never

    async def go():
        phone = live_server._Phone("d1", "t" * 32, StuckSocket())
        srv.phones["d1"] = phone
        await srv._send_text(phone, "{}")
        return phone

    phone = asyncio.run(go())
    assert phone.dropped and "d1" not in srv.phones
    assert [type(e).__name__ for e in left] == ["Left"] and srv.frames_out == 0
