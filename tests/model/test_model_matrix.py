"""The matrix model: card order, moves, rows/columns, and the figures against hand counts."""
import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lpdesk.model.matrix import Axis, Board, Card, Matrix
from lpdesk.model.matrix_stats import (
    board_agreement,
    consensus,
    matches_reference,
    row_agreement,
)

A1, A2, B1, B2 = ("a", "1"), ("a", "2"), ("b", "1"), ("b", "2")


def make_board(board_id="b1", template="t", cards="pqrst", refs=None):
    refs = refs or {}
    return Board(board_id, board_id, template, None, [Axis("a", "A"), Axis("b", "B")],
                 [Axis("1", "One"), Axis("2", "Two")],
                 [Card(c, c.upper(), refs.get(c)) for c in cards])


def ids(cards):
    return [c.id for c in cards]


def test_place_keeps_one_board_order_and_returns_what_undo_needs():
    m = Matrix([make_board()])
    b = m.board("b1")
    assert m.place("b1", "q", A1) == (None, 1)  # no index: to the end of the board order
    assert ids(b.cards) == list("prstq")
    assert m.place("b1", "s", A1) == (None, 2)
    # put t between q and s: t becomes the 2nd card of the cell
    index = b.insertion_index("t", A1, 1)
    old = m.place("b1", "t", A1, index)
    assert ids(b.cards_in(A1)) == ["q", "t", "s"]
    assert ids(b.cards_in(None)) == ["p", "r"]
    assert old == (None, 2)
    before_t = ids(b.cards)
    m.place("b1", "t", *old)  # what undo does
    assert ids(b.cards) == list("prtqs") and b.cell_of("t") is None
    assert before_t == list("prqts")


def test_insertion_index_first_last_and_empty_cell():
    b = make_board()
    b.positions.update({"p": A1, "r": A1, "t": A2})
    assert b.insertion_index("s", A1, 0) == 0  # before p
    assert b.insertion_index("s", A1, None) == 3  # after r (s removed from the list)
    assert b.insertion_index("s", A1, 99) == 3
    assert b.insertion_index("p", A1, 1) == 2  # p itself does not count: after r
    assert b.insertion_index("s", B2, 0) is None  # empty cell: at the end


def test_place_rejects_a_cell_that_is_not_on_the_board():
    m = Matrix([make_board()])
    with pytest.raises(KeyError):
        m.place("b1", "p", ("zz", "1"))


def test_events_name_the_board():
    m = Matrix([make_board()])
    seen = []
    m.changed.connect(seen.append)
    m.place("b1", "p", B2)
    m.set_revealed("b1", True)
    assert seen == ["b1", "b1"]


def test_removing_a_row_sends_its_cards_to_the_deck_and_restore_is_exact():
    m = Matrix([make_board(refs={"p": A1, "q": B1, "r": B2})])
    b = m.board("b1")
    b.positions.update({"p": A1, "q": B1, "s": B2})
    b.cards[4].reference_column = "1"
    before = copy.deepcopy(m)
    removed = m.remove_axis("b1", "b")
    assert [r.id for r in b.rows] == ["a"]
    assert b.positions == {"p": A1}
    assert b.card("q").reference is None and b.card("r").reference is None
    assert b.card("p").reference == A1 and b.card("t").reference_column == "1"
    m.restore_axis("b1", removed)
    assert m == before


def test_removing_a_column_drops_column_references_too():
    m = Matrix([make_board()])
    b = m.board("b1")
    b.card("p").reference_column = "2"
    b.positions["p"] = A2
    before = copy.deepcopy(m)
    removed = m.remove_axis("b1", "2")
    assert b.card("p").reference_column is None and "p" not in b.positions
    m.restore_axis("b1", removed)
    assert m == before


def test_insert_axis_refuses_an_id_already_used():
    m = Matrix([make_board()])
    with pytest.raises(ValueError):
        m.insert_axis("b1", "column", 0, Axis("a", "clash with row a"))


def test_set_card_reference_checks_the_cell_and_returns_the_old_one():
    m = Matrix([make_board(refs={"p": A1})])
    assert m.set_card_reference("b1", "p", None, "2") == (A1, None)
    with pytest.raises(KeyError):
        m.set_card_reference("b1", "p", ("x", "1"))


def test_siblings_are_boards_of_the_same_template():
    m = Matrix([make_board("x", "t"), make_board("y", None), make_board("z", "t")])
    assert ids(m.siblings("x")) == ["x", "z"]
    assert ids(m.siblings("y")) == ["y"]


# -- agreement, by hand -------------------------------------------------------------
def test_agreement_counts_placed_cards_with_a_reference_only():
    # p: ref A1, in A1 -> match.  q: ref A2, in A1 -> mismatch.  r: ref B1, in deck -> not
    # judged.  s: no reference, placed -> not judged.  t: ref B2, in B2 -> match.
    b = make_board(refs={"p": A1, "q": A2, "r": B1, "t": B2})
    b.positions.update({"p": A1, "q": A1, "s": B1, "t": B2})
    agreement = board_agreement(b)
    assert (agreement.matching, agreement.placed) == (2, 3)
    assert agreement.share == pytest.approx(2 / 3)
    rows = row_agreement(b)
    assert (rows["a"].matching, rows["a"].placed) == (1, 2)  # p yes, q no
    assert (rows["b"].matching, rows["b"].placed) == (1, 1)  # t yes, r unplaced
    assert [matches_reference(b, c) for c in "pqrst"] == [True, False, None, None, True]


def test_agreement_of_an_unsorted_board_has_no_share():
    b = make_board(refs={"p": A1})
    assert board_agreement(b).share is None
    assert row_agreement(b)["a"].share is None


def test_column_only_reference_matches_in_any_row_and_belongs_to_no_row():
    b = make_board()
    b.card("p").reference_column = "1"
    b.card("q").reference_column = "1"
    b.positions.update({"p": B1, "q": A2})
    assert [matches_reference(b, c) for c in "pq"] == [True, False]
    assert (board_agreement(b).matching, board_agreement(b).placed) == (1, 2)
    assert all(a.placed == 0 for a in row_agreement(b).values())


# -- consensus, by hand -------------------------------------------------------------
def test_consensus_counts_boards_per_cell_and_lists_the_most_disputed_first():
    boards = [make_board(f"g{i}", cards="pqr") for i in range(3)]
    # p: A1, A1, B2  -> 2 of 3 agree, disagreement 1/3
    # q: A1, A2, B1  -> all differ, disagreement 2/3
    # r: B2, deck, B2 -> the two that placed it agree, disagreement 0
    for board, p, q, r in zip(boards, (A1, A1, B2), (A1, A2, B1), (B2, None, B2), strict=True):
        board.positions.update({"p": p, "q": q})
        if r is not None:
            board.positions["r"] = r
    result = consensus(boards)
    assert [c.card_id for c in result] == ["q", "p", "r"]
    q, p, r = result
    assert q.counts == {A1: 1, A2: 1, B1: 1} and q.disagreement == pytest.approx(2 / 3)
    assert p.counts == {A1: 2, B2: 1} and p.disagreement == pytest.approx(1 / 3)
    assert r.counts == {B2: 2, None: 1} and r.placed_by == 2 and r.disagreement == 0
    assert p.text == "P"


def test_consensus_ties_keep_board_order_and_custom_cards_count_where_present():
    a, b = make_board("a", cards="pq"), make_board("b", cards="pq")
    a.cards.append(Card("extra", "Only on a"))
    a.positions.update({"p": A1, "q": A1, "extra": B1})
    b.positions.update({"p": A2, "q": A2})
    result = consensus([a, b])
    assert [c.card_id for c in result] == ["p", "q", "extra"]
    assert result[2].counts == {B1: 1}
    assert consensus([]) == []


def _naive_counts(boards, card_id):
    """The consensus's counts the plain way: every board that has the card, its cell."""
    counts = {}
    for board in boards:
        if any(c.id == card_id for c in board.cards):
            cell = board.positions.get(card_id)
            counts[cell] = counts.get(cell, 0) + 1
    return counts


@given(st.lists(st.tuples(st.sets(st.sampled_from("pqrstu"), min_size=1),
                          st.dictionaries(st.sampled_from("pqrstu"),
                                          st.sampled_from([A1, A2, B1, B2]))),
                min_size=1, max_size=6))
def test_consensus_counts_what_each_board_says_of_each_card(spec):
    """The one-pass tally gives the counts of the plain per-card walk, in its order."""
    boards = []
    for index, (cards, places) in enumerate(spec):
        board = make_board(f"g{index}", cards="".join(sorted(cards)))
        board.positions.update({k: v for k, v in places.items() if k in cards})
        boards.append(board)
    for cc in consensus(boards):
        naive = _naive_counts(boards, cc.card_id)
        assert cc.counts == naive and list(cc.counts) == list(naive)
