"""The one look-up/insert/remove-by-id helper every model list uses (lpdesk/model/ids.py)."""
from dataclasses import dataclass

import pytest

from lpdesk.model.ids import by_id, find, index_of, new_id, pop_by_id


@dataclass
class Thing:
    id: str
    name: str = ""


ITEMS = [Thing("a", "first"), Thing("b", "second"), Thing("a", "shadowed")]


def test_by_id_finds_the_first_and_names_a_missing_id():
    assert by_id(ITEMS, "b").name == "second"
    assert by_id(ITEMS, "a").name == "first"
    with pytest.raises(KeyError, match="zz"):
        by_id(ITEMS, "zz")


def test_find_is_none_for_a_stale_or_unset_id():
    assert find(ITEMS, "b") is ITEMS[1]
    assert find(ITEMS, None) is None and find(ITEMS, "gone") is None and find([], "a") is None


def test_index_of_behaves_like_list_index():
    assert index_of(ITEMS, "b") == 1
    with pytest.raises(ValueError):
        index_of(ITEMS, "zz")


def test_pop_by_id_returns_where_it_was_for_undo():
    items = [Thing("a"), Thing("b"), Thing("c")]
    index, thing = pop_by_id(items, "b")
    assert (index, thing.id, [t.id for t in items]) == (1, "b", ["a", "c"])
    items.insert(index, thing)  # what a command's undo does
    assert [t.id for t in items] == ["a", "b", "c"]
    with pytest.raises(ValueError):
        pop_by_id(items, "zz")
    assert len(items) == 3


def test_the_model_lists_use_it():
    """Each session list answers by id through the helper (same errors as before)."""
    from lpdesk.demo import demo_session

    s = demo_session()
    p = s.participants[1]
    assert s.participant(p.id) is p
    with pytest.raises(KeyError):
        s.participant("nobody")
    area = s.continuum.areas[-1]
    assert s.continuum.area_index(area.id) == len(s.continuum.areas) - 1
    s.continuum.current_area_id = "stale"
    assert s.continuum.current_area is s.continuum.areas[0]
    board = s.matrix.boards[0]
    assert s.matrix.board(board.id).card(board.cards[0].id) is board.cards[0]
    index, removed = s.matrix.remove_board(board.id)
    assert index == 0 and removed is board and board not in s.matrix.boards


def test_new_id_avoids_taken_ids():
    taken = {new_id("p") for _ in range(50)}
    assert all(i.startswith("p-") and len(i) == 8 for i in taken)
    assert new_id("p", taken) not in taken
