"""The largest supported session: more of anything than lpdesk/model/limits.py allows is
refused by the reader with a message naming the field, by the schema too, and the limits
table of docs/file-format.md states the same numbers. A save never writes a file that
lpdesk would refuse to open again."""
import copy
import json
import re

import pytest
from fuzz_sessions import check_schema_agrees, schema_validator, seed_dicts, to_text
from repo_paths import ROOT

from lpdesk.demo import demo_session
from lpdesk.model import limits
from lpdesk.model.room import RoomNote
from lpdesk.storage import SessionFileError, parse_session, save_session
from lpdesk.storage.errors import SessionFormatError

DOC = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")


def tree():
    return copy.deepcopy(seed_dicts()[1])  # the demo with quiz runs of every kind


def numbered(entry, count, key="id"):
    """`count` copies of `entry` with distinct ids (so only the count is wrong)."""
    return [{**entry, key: f"x{i}"} for i in range(count)]


def over(field):
    """A seed tree with one more than the limit of `field`, and the field in the message."""
    most = limits.BY_FIELD[field].most + 1
    data = tree()
    if field == "participants":
        data["participants"] = numbered(data["participants"][0], most)
        data["continuum"]["areas"] = []
        data["quiz"]["runs"] = []
        return data, "participants"
    if field == "groups":
        data["groups"] = numbered(data["groups"][0], most)
        return data, "groups"
    if field == "continuum.areas":
        data["continuum"]["areas"] = numbered({"name": "A"}, most)
        return data, "continuum.areas"
    if field.startswith("continuum.areas[]."):
        key = field.rsplit(".", 1)[1]
        data["continuum"]["areas"][0][key] = {f"x{i}": {"now": 1} for i in range(most)}
        return data, f"continuum.areas[0].{key}"
    if field == "quiz.runs":
        data["quiz"]["runs"] = numbered(data["quiz"]["runs"][0], most)
        return data, "quiz.runs"
    if field == "quiz.runs[].answers":
        data["quiz"]["runs"][0]["answers"] = {f"q{i}": "a" for i in range(most)}
        return data, "quiz.runs[0].answers"
    if field == "matrix.boards":
        data["matrix"]["boards"] = numbered(data["matrix"]["boards"][0], most)
        return data, "matrix.boards"
    if field.startswith("matrix.boards[]."):
        key = field.rsplit(".", 1)[1]
        board = data["matrix"]["boards"][0]
        board[key] = numbered(board[key][0], most)
        return data, f"matrix.boards[0].{key}"
    if field == "agenda.items":
        data["agenda"]["items"] = numbered(data["agenda"]["items"][0], most)
        return data, "agenda.items"
    kind = "comment" if "comments" in field else "action"
    data["room"] = numbered({"kind": kind, "text": "t"}, most)
    return data, "room"


@pytest.mark.parametrize("field", limits.BY_FIELD)
def test_one_more_than_the_limit_is_refused_naming_the_field(field):
    data, where = over(field)
    limit = limits.BY_FIELD[field]
    with pytest.raises(SessionFormatError) as refused:
        parse_session(to_text(data))
    assert str(refused.value) == (f"{where}: {limit.most + 1:,} {limit.noun}; lpdesk "
                                  f"supports at most {limit.most:,}")
    assert not schema_validator().is_valid(data), "the schema lets it through"
    check_schema_agrees(to_text(data))


def test_the_issues_tall_board():
    data = tree()
    board = data["matrix"]["boards"][0]
    board["rows"] = numbered({"name": "r"}, 20_000)
    with pytest.raises(SessionFormatError) as refused:
        parse_session(to_text(data))
    assert str(refused.value) == \
        "matrix.boards[0].rows: 20,000 rows; lpdesk supports at most 20"


def test_at_the_limit_is_fine():
    data = tree()
    board = data["matrix"]["boards"][0]
    board["rows"] = board["rows"] + numbered({"name": "r"}, limits.ROWS_PER_BOARD
                                             - len(board["rows"]))
    data["room"] = numbered({"kind": "comment", "text": "t"}, limits.COMMENTS) + [
        {"id": f"a{i}", "kind": "action", "text": "t"} for i in range(limits.ACTIONS)]
    session = parse_session(to_text(data))
    assert len(session.matrix.boards[0].rows) == limits.ROWS_PER_BOARD
    assert schema_validator().is_valid(data)


def test_docs_state_the_limits_in_force():
    table = dict(re.findall(r"^\| `([^`]+)` \| ([0-9,]+ [a-z ]+) \|$", DOC, re.M))
    assert table == {c.field: f"{c.most:,} {c.noun}" for c in limits.COUNTS}
    for number in (limits.ID, limits.NAME, limits.CARD_TEXT, limits.TEXT, limits.ANSWER):
        assert f" {number:,}" in DOC.split("## Limits")[1].split("##")[0]


def test_schema_states_the_limits_in_force():
    schema = json.loads((ROOT / "resources" / "session.schema.json").read_text("utf-8"))
    props = schema["properties"]
    area = props["continuum"]["properties"]["areas"]
    run = props["quiz"]["properties"]["runs"]
    board = props["matrix"]["properties"]["boards"]
    found = {
        "participants": props["participants"]["maxItems"],
        "groups": props["groups"]["maxItems"],
        "continuum.areas": area["maxItems"],
        "continuum.areas[].placements": area["items"]["properties"]["placements"][
            "maxProperties"],
        "continuum.areas[].group_placements": area["items"]["properties"][
            "group_placements"]["maxProperties"],
        "quiz.runs": run["maxItems"],
        "quiz.runs[].answers": run["items"]["properties"]["answers"]["maxProperties"],
        "matrix.boards": board["maxItems"],
        "matrix.boards[].cards": board["items"]["properties"]["cards"]["maxItems"],
        "matrix.boards[].rows": board["items"]["properties"]["rows"]["maxItems"],
        "matrix.boards[].columns": board["items"]["properties"]["columns"]["maxItems"],
        "agenda.items": props["agenda"]["properties"]["items"]["maxItems"],
        "room (comments)": props["room"]["allOf"][0]["maxContains"],
        "room (actions)": props["room"]["allOf"][1]["maxContains"],
    }
    assert found == {c.field: c.most for c in limits.COUNTS}
    assert schema["$defs"]["name"]["maxLength"] == limits.NAME
    assert schema["$defs"]["text"]["maxLength"] == limits.TEXT


def test_a_save_never_writes_what_could_not_be_opened(tmp_path):
    session = demo_session()
    session.room.notes = [RoomNote(f"n{i}", "action", "do it") for i in
                          range(limits.ACTIONS + 1)]
    path = tmp_path / "big.lpdesk"
    with pytest.raises(SessionFileError) as refused:
        save_session(session, path)
    assert str(refused.value) == (f"{path}: cannot be saved: room: 2,001 actions; lpdesk "
                                  "supports at most 2,000")
    assert not path.exists()
    session = demo_session()
    session.title = "T" * (limits.NAME + 1)
    with pytest.raises(SessionFileError, match=r"title: text is too long \(501 characters; "
                                               r"lpdesk supports at most 500\)"):
        save_session(session, path)
