"""What the board and the consensus list say in words: a row's line counts the cards shown in
that row, and the groups' agreement reads as a sentence."""
import pytest

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.model.matrix import Board, Card
from lpdesk.model.matrix_stats import CardConsensus, agreement_in_rows
from lpdesk.ui.matrix.consensus import not_placed_line, summary
from lpdesk.ui.matrix.page import MatrixPage
from lpdesk.ui.matrix.reveal import reveal_info

A1, A2, B1, B2 = ("a", "1"), ("a", "2"), ("b", "1"), ("b", "2")


def board_with(refs: dict, positions: dict) -> Board:
    from lpdesk.model.matrix import Axis
    b = Board("b1", "Board", "t", None, [Axis("a", "Content"), Axis("b", "Design")],
              [Axis("1", "Traditional"), Axis("2", "New")],
              [Card(c, c.upper(), refs.get(c)) for c in "pqrs"])
    b.positions.update(positions)
    b.revealed = True
    return b


def test_a_rows_line_counts_the_cards_placed_in_it():
    # p, q belong in Content and sit there; r belongs in Design but was put in Content.
    b = board_with({"p": A1, "q": A2, "r": B1}, {"p": A1, "q": A2, "r": A1})
    rows = agreement_in_rows(b)
    assert (rows["a"].matching, rows["a"].placed) == (2, 3)
    assert rows["b"].placed == 0
    states, _hints, notes = reveal_info(b)
    assert states["r"] == "mismatch"
    assert notes["a"] == ("2 of 3 match", False)  # was "2 of 2 match" beside r's red frame
    assert "b" not in notes


def test_column_only_cards_count_in_the_row_they_sit_in():
    b = board_with({}, {"p": B1, "q": B2})
    b.card("p").reference_column = "1"
    b.card("q").reference_column = "1"
    _states, _hints, notes = reveal_info(b)
    assert notes["b"] == ("1 of 2 match", False)


def test_the_board_shows_the_row_line_next_to_its_cards(qtbot):
    doc = SessionDocument(demo_session())
    page = MatrixPage(doc)
    qtbot.addWidget(page)
    page.reveal_action.trigger()
    board = page.matrix.current_board
    for row in board.rows:
        here = [c for c in board.cards if (board.cell_of(c.id) or ("", ""))[0] == row.id
                and c.matches(board.cell_of(c.id)) is not None]
        wrong = [c for c in here if not c.matches(board.cell_of(c.id))]
        note = page.scene.headers[row.id].note
        if here:
            assert note == f"{len(here) - len(wrong)} of {len(here)} match"


def cc(counts: dict) -> CardConsensus:
    placed = sum(n for cell, n in counts.items() if cell is not None)
    return CardConsensus("p", "P", counts, placed)


@pytest.mark.parametrize(("counts", "boards", "text"), [
    ({A1: 1, A2: 1, None: 1}, 3,
     "Split between 2 cells, one group in each; 1 group has not placed it yet"),
    ({A1: 2, A2: 1}, 3, "Split between 2 cells: 2 groups and 1 group"),
    ({A1: 2, A2: 1, B1: 1}, 4, "Split between 3 cells: 2 groups, 1 group and 1 group"),
    ({A1: 3}, 3, "All groups agree"),
    ({A1: 2, None: 1}, 3, "The 2 groups that placed it agree; 1 group has not placed it yet"),
    ({A1: 1, None: 2}, 3, "Placed by one group only; 2 groups have not placed it yet"),
    ({None: 3}, 3, "No group has placed it yet"),
])
def test_consensus_lines_read_as_sentences(counts, boards, text):
    assert summary(cc(counts), boards) == text


def test_the_groups_still_to_place_a_card_are_named_as_groups():
    assert not_placed_line(["Quay"]) == "Quay has not placed this card yet."
    assert not_placed_line(["Quay", "Harbour"]) == "Quay and Harbour have not placed this card yet."
    assert not_placed_line(["Quay", "Harbour", "Dock"]) == \
        "Quay, Harbour and Dock have not placed this card yet."
    assert not_placed_line([]) == "Every group has placed this card."


def test_the_exported_board_counts_rows_as_the_app_does():
    from lpdesk.export.summary import build_report
    from lpdesk.model.session import Session

    session = Session()
    board = board_with({"p": A1, "q": A2, "r": B1}, {"p": A1, "q": A2, "r": A1})
    session.matrix.boards.append(board)
    exported = dict(build_report(session).boards[0].row_agreement)
    assert (exported["Content"].matching, exported["Content"].placed) == (2, 3)
    assert "Design" not in exported  # nothing sits in Design
