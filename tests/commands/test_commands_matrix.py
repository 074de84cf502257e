"""Every matrix edit is one undo step that puts the session back exactly, and redo again."""
import copy

import pytest
from PySide6.QtGui import QUndoStack

from lpdesk.commands.matrix import (
    AddAxisCommand,
    AddBoardsCommand,
    AddCardCommand,
    DeleteCardCommand,
    EditCardCommand,
    MoveCardCommand,
    RemoveAxisCommand,
    RemoveBoardCommand,
    RenameAxisCommand,
    SetRevealedCommand,
    together,
)
from lpdesk.content.templates import board_from_template, empty_board, template
from lpdesk.model.matrix import Axis, Card, Matrix


@pytest.fixture
def matrix():
    t = template("traditional-vs-new")
    m = Matrix()
    for n, group in enumerate(("g1", "g2")):
        board = board_from_template(t, f"Board {n}", group, {b.id for b in m.boards})
        board.id = f"b{n}"
        for card in board.cards[::3]:
            board.positions[card.id] = card.reference
        m.boards.append(board)
    return m


def check(qapp, matrix, command):
    """Push, undo, redo: the model after undo equals before; after redo equals after push."""
    stack = QUndoStack()
    before = copy.deepcopy(matrix)
    stack.push(command)
    after = copy.deepcopy(matrix)
    assert after != before, "the command changed nothing"
    assert stack.count() == 1
    stack.undo()
    assert matrix == before
    stack.redo()
    assert matrix == after
    stack.undo()
    assert matrix == before
    return after


def test_move_card_to_a_cell_between_cells_and_to_the_deck(qapp, matrix):
    board = matrix.board("b0")
    placed = board.cards[0].id
    loose = board.cards[1].id
    after = check(qapp, matrix, MoveCardCommand(matrix, "b0", loose, ("design", "new")))
    assert after.board("b0").cell_of(loose) == ("design", "new")
    after = check(qapp, matrix, MoveCardCommand(matrix, "b0", placed, ("mindset", "bolted-on")))
    assert after.board("b0").cell_of(placed) == ("mindset", "bolted-on")
    after = check(qapp, matrix, MoveCardCommand(matrix, "b0", placed, None))
    assert after.board("b0").cell_of(placed) is None


def test_move_within_a_cell_changes_only_the_order(qapp, matrix):
    board = matrix.board("b0")
    cell = ("approach", "traditional")
    first, second = board.cards[0].id, board.cards[1].id
    board.positions[second] = cell
    assert [c.id for c in board.cards_in(cell)] == [first, second]
    index = board.insertion_index(second, cell, 0)
    after = check(qapp, matrix, MoveCardCommand(matrix, "b0", second, cell, index))
    assert [c.id for c in after.board("b0").cards_in(cell)] == [second, first]


def test_add_edit_delete_card(qapp, matrix):
    card = Card("custom-1", "Lunch and learn", None, True)
    after = check(qapp, matrix, AddCardCommand(matrix, "b0", card, ("approach", "new")))
    assert after.board("b0").cards[-1] == card and after.board("b0").cell_of("custom-1")
    cid = matrix.board("b0").cards[2].id
    after = check(qapp, matrix, EditCardCommand(matrix, "b0", cid, "New words"))
    assert after.board("b0").card(cid).text == "New words"
    after = check(qapp, matrix, EditCardCommand(matrix, "b0", cid, "Same", ("design", "new")))
    assert after.board("b0").card(cid).reference == ("design", "new")
    after = check(qapp, matrix, EditCardCommand(matrix, "b0", cid, "Col", None, "new"))
    assert after.board("b0").card(cid).reference_column == "new"
    placed = matrix.board("b0").cards[0].id
    after = check(qapp, matrix, DeleteCardCommand(matrix, "b0", placed))
    assert placed not in {c.id for c in after.board("b0").cards}
    assert placed not in after.board("b0").positions


def test_rename_add_remove_rows_and_columns(qapp, matrix):
    after = check(qapp, matrix, RenameAxisCommand(matrix, "b0", "new", "Modern"))
    assert after.board("b0").axis("new")[2].name == "Modern"
    after = check(qapp, matrix, AddAxisCommand(matrix, "b0", "row", Axis("row-x", "Extra"), 1))
    assert [r.id for r in after.board("b0").rows][:2] == ["approach", "row-x"]
    after = check(qapp, matrix, AddAxisCommand(matrix, "b0", "column", Axis("col-x", "X")))
    assert after.board("b0").columns[-1].id == "col-x"
    after = check(qapp, matrix, RemoveAxisCommand(matrix, "b0", "approach"))
    assert "approach" not in {r.id for r in after.board("b0").rows}
    after = check(qapp, matrix, RemoveAxisCommand(matrix, "b0", "traditional"))
    assert all(cell[1] != "traditional" for cell in after.board("b0").positions.values())


def test_add_boards_per_group_and_remove_board(qapp, matrix):
    matrix.current_board_id = "b1"
    new = [empty_board("E1", "g1", {"b0", "b1"}), empty_board("E2", "g2", {"b0", "b1"})]
    after = check(qapp, matrix, AddBoardsCommand(matrix, new))
    assert [b.name for b in after.boards[2:]] == ["E1", "E2"]
    assert after.current_board_id == new[0].id
    after = check(qapp, matrix, RemoveBoardCommand(matrix, "b1"))
    assert [b.id for b in after.boards] == ["b0"] and after.current_board_id == "b0"


def test_reveal_on_several_boards_is_one_step(qapp, matrix):
    after = check(qapp, matrix, SetRevealedCommand(matrix, ["b0", "b1"], True))
    assert all(b.revealed for b in after.boards)


def test_together_makes_one_undo_step_for_every_group_board(qapp, matrix):
    command = together("Rename column", ["b0", "b1"],
                       lambda b: RenameAxisCommand(matrix, b, "new", "Ours"))
    after = check(qapp, matrix, command)
    assert [b.axis("new")[2].name for b in after.boards] == ["Ours", "Ours"]
