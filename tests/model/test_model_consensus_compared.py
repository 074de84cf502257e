"""Consensus compares only boards with cards placed and never calls an unplaced card
disputed (it said '3 boards compared: the groups agree on 5 of 32 cards' when one board
had cards, and listed cards no group placed at the top of 'most disputed')."""
from lpdesk.model.matrix import Axis, Board, Card
from lpdesk.model.matrix_stats import compared_boards, consensus, consensus_overview

A1, A2, B1 = ("a", "1"), ("a", "2"), ("b", "1")


def board(board_id, cards="pqrs"):
    return Board(board_id, board_id, "t", None, [Axis("a", "A"), Axis("b", "B")],
                 [Axis("1", "One"), Axis("2", "Two")], [Card(c, c.upper()) for c in cards])


def test_only_one_board_with_cards_is_no_consensus():
    boards = [board("g1"), board("g2"), board("g3")]
    boards[0].positions.update({"p": A1, "q": A2})
    overview, per_card = consensus_overview(boards)
    assert overview.boards == 3 and overview.compared == 1 and overview.left_out == 2
    assert not overview.possible and per_card == []
    assert overview.agreed == 0 and overview.judged == 0


def test_untouched_boards_are_left_out_and_unplaced_cards_are_never_disputed():
    boards = [board("g1"), board("g2"), board("g3")]
    boards[0].positions.update({"p": A1, "q": A1})
    boards[1].positions.update({"p": A1, "q": B1})  # g3 untouched: not compared
    assert [b.id for b in compared_boards(boards)] == ["g1", "g2"]
    overview, per_card = consensus_overview(boards)
    assert (overview.compared, overview.judged, overview.agreed, overview.disputed) == \
        (2, 2, 1, 1)
    by_id = {cc.card_id: cc for cc in per_card}
    assert by_id["q"].disputed and not by_id["p"].disputed and by_id["p"].agreed
    for unplaced in ("r", "s"):
        assert not by_id[unplaced].disputed and not by_id[unplaced].agreed
        assert by_id[unplaced].counts == {None: 2}  # g3 does not count as "not placed"
    # most disputed first, then agreed, and cards no group placed last
    assert [cc.card_id for cc in per_card] == ["q", "p", "r", "s"]


def test_unplaced_cards_sort_after_cards_placed_by_one_board():
    a, b = board("a"), board("b")
    a.positions.update({"s": A1})
    b.positions.update({"s": A1, "r": A2})
    order = [cc.card_id for cc in consensus([a, b])]
    assert order.index("p") > order.index("r") and order.index("q") > order.index("s")
