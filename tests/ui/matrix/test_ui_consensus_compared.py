"""The consensus view says how many boards it compares (those with cards placed) and never
puts a card no group placed among the disputed ones."""
import pytest
from shown import shown

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.matrix.page import MatrixPage


@pytest.fixture
def page(qtbot):
    return shown(qtbot, MatrixPage(SessionDocument(demo_session())), (1280, 800))


def siblings(page):
    return page.matrix.siblings(page.matrix.current_board.id)


def test_one_board_with_cards_is_not_called_a_comparison(page):
    boards = siblings(page)
    assert len(boards) >= 3
    keep = boards[0]
    for other in boards[1:]:
        other.positions.clear()
    assert keep.positions  # the demo's first group placed cards
    page.consensus_action.trigger()
    text = page.consensus.headline.text()
    assert "boards compared" not in text
    assert f"1 of {len(boards)} boards" in text
    assert page.consensus.items == []


def test_untouched_board_is_left_out_and_unplaced_cards_come_last(page):
    boards = siblings(page)
    for board in boards[2:]:
        board.positions.clear()
    first, second = boards[0], boards[1]
    placed = set(first.positions) | set(second.positions)
    page.consensus_action.trigger()
    view = page.consensus
    text = view.headline.text()
    left_out = len(boards) - 2
    assert text.startswith("2 boards compared")
    assert (f"({left_out} board" in text) == bool(left_out)
    ids = [i.card_id for i in view.items]
    unplaced = [cid for cid in ids if cid not in placed]
    assert unplaced, "the demo leaves some cards in the deck"
    assert ids[-len(unplaced):] == unplaced  # after every card some group placed
    for item in view.items:
        if item.card_id in unplaced:
            assert not item.disputed and item.counts == {None: 2}
    row = ids.index(unplaced[0])
    assert "No group has placed it yet" in view.cards.item(row, 0).text()
