"""Board templates: the bundled ones are valid and complete; broken ones say what is wrong."""
import json
from pathlib import Path

import pytest
from source_runs import copied_runs, source_fingerprints

from lpdesk.content import ContentError
from lpdesk.content.templates import (
    board_from_template,
    empty_board,
    load_templates,
    template,
    templates,
)


def test_bundled_templates_load_in_order():
    assert [t.id for t in templates()] == [
        "traditional-vs-new", "today-and-tomorrow", "top-down-bottom-up"]
    assert template("top-down-bottom-up").name == "Top-down or bottom-up"
    with pytest.raises(KeyError):
        template("nope")


def test_traditional_vs_new_has_every_dimension_and_a_reference_per_card():
    t = template("traditional-vs-new")
    assert [c for c, _ in t.columns] == ["traditional", "bolted-on", "new"]
    assert len(t.rows) == 8
    assert 25 <= len(t.cards) <= 35
    rows = {r for r, _ in t.rows}
    assert all(c.reference is not None and c.reference[0] in rows for c in t.cards)
    assert {c.reference[0] for c in t.cards} == rows  # every dimension has cards
    assert {c.reference[1] for c in t.cards} == {"traditional", "bolted-on", "new"}
    assert "Jane Hart" in t.credit


def test_today_and_tomorrow_reuses_the_cards_without_reference():
    source, t = template("traditional-vs-new"), template("today-and-tomorrow")
    assert [(c.id, c.text) for c in t.cards] == [(c.id, c.text) for c in source.cards]
    assert not t.has_reference
    assert [n for _, n in t.columns] == ["We do this today", "We want this", "Not for us"]


def test_top_down_questions_are_judged_by_column_and_credited():
    t = template("top-down-bottom-up")
    assert [c for c, _ in t.columns] == ["top-down", "bottom-up"]
    assert [n for _, n in t.rows] == ["We ask this", "We don't ask this"]
    assert {c.reference_column for c in t.cards} == {"top-down", "bottom-up"}
    assert all(c.reference is None for c in t.cards)
    assert "Jane Hart" in t.credit


def test_card_texts_are_our_own_words():
    """No run of six words of a card appears as such in the source texts (their
    fingerprints: tests/source_runs.py)."""
    known = source_fingerprints()
    copied = [(t.id, card.id, run) for t in templates() for card in t.cards
              for run in copied_runs(card.text, known)]
    assert copied == []


def test_board_from_template_is_fresh_and_shares_card_ids():
    t = templates()[0]
    a = board_from_template(t, "Harbour", "g-1")
    b = board_from_template(t, "Quay", "g-2", taken={a.id})
    assert a.id != b.id and a.id.startswith("board-")
    assert [c.id for c in a.cards] == [c.id for c in t.cards] == [c.id for c in b.cards]
    assert a.positions == {} and a.template_id == t.id and a.group_id == "g-1"
    assert a.card(t.cards[0].id).reference == t.cards[0].reference
    a.cards[0].text = "changed"  # boards never share mutable state with each other
    assert b.cards[0].text == t.cards[0].text


def test_empty_board_has_a_named_grid_and_no_cards():
    board = empty_board("Mine", None, rows=("R1", "R2"), columns=("C1",))
    assert [r.name for r in board.rows] == ["R1", "R2"] and len(board.columns) == 1
    assert board.cards == [] and board.template_id is None


# -- broken content --------------------------------------------------------------------
GOOD = {
    "id": "t1", "name": "T", "credit": "Someone",
    "rows": [{"id": "r", "name": "Row"}], "columns": [{"id": "c", "name": "Col"}],
    "cards": [{"id": "x", "text": "A card", "reference": ["r", "c"]}],
}


def write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def broken(tmp_path, **changes):
    data = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    write(tmp_path, "bad.json", data)
    with pytest.raises(ContentError) as info:
        load_templates(tmp_path)
    return str(info.value)


def test_a_good_minimal_template_loads(tmp_path):
    write(tmp_path, "good.json", GOOD)
    (t,) = load_templates(tmp_path)
    assert t.cards[0].reference == ("r", "c")


@pytest.mark.parametrize("changes, expected", [
    ({"name": None}, "'name' must be a non-empty text"),
    ({"credit": ""}, "'credit' must be a non-empty text"),
    ({"rows": []}, "rows: expected a list of at least one row"),
    ({"id": "has space"}, "may only use letters"),
    ({"cards": [{"id": "x", "text": "A", "reference": ["nope", "c"]}]},
     "cards[0] (x): 'reference' names no row 'nope'"),
    ({"cards": [{"id": "x", "text": "A", "reference": "r"}]}, "must be [row id, column id]"),
    ({"cards": [{"id": "x", "text": "A"}, {"id": "x", "text": "B"}]},
     "cards[1]: duplicate card id 'x'"),
    ({"cards": [{"id": "x", "text": "  "}]}, "cards[0] (x): 'text' must be a non-empty text"),
    ({"cards": [{"id": "x", "text": "A", "reference_column": "zz"}]},
     "'reference_column' names no column 'zz'"),
    ({"cards": [{"id": "x", "text": "A", "reference": ["r", "c"], "reference_column": "c"}]},
     "not both"),
    ({"cards": None, "cards_from": "missing"}, "cards_from: no template 'missing'"),
    ({"columns": [{"id": "r", "name": "clash"}]}, "a row and a column share an id"),
])
def test_broken_template_names_file_item_and_problem(tmp_path, changes, expected):
    message = broken(tmp_path, **changes)
    assert message.startswith(str(tmp_path / "bad.json"))
    assert expected in message


def test_broken_json_and_duplicate_ids_and_empty_folder(tmp_path):
    with pytest.raises(ContentError, match="no board templates"):
        load_templates(tmp_path)
    write(tmp_path, "a.json", GOOD)
    write(tmp_path, "b.json", GOOD)
    with pytest.raises(ContentError, match=r"b\.json: id: template id 't1' is also used by a"):
        load_templates(tmp_path)
    (tmp_path / "b.json").unlink()
    write(tmp_path, "c.json", '{"id": "t2",')
    with pytest.raises(ContentError, match=r"c\.json: is not valid JSON"):
        load_templates(tmp_path)
