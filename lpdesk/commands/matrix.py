"""Undoable edits of the practices matrix: card moves, card and grid edits, boards, reveal.

Each command keeps the delta and calls one model method in redo/undo. A drag is one
MoveCardCommand, pushed on release. Edits meant for every group's board of a template are
several commands under one parent (see `together`), so one undo takes them all back.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QUndoCommand

from lpdesk.model.matrix import Axis, Board, Card, Cell, Matrix, RemovedAxis


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("commands", text)


class _Together(QUndoCommand):
    """Several commands as one undo step: redo runs them in order, undo in reverse.

    Deliberately not Qt's parent/child commands: PySide does not hand a child command to
    its parent, so a child's Python side could be collected while Qt still calls it (a
    crash, not an error). Here the parent simply holds its parts."""

    def __init__(self, text: str, parts: list[QUndoCommand]) -> None:
        super().__init__(text)
        self.parts = parts

    def redo(self) -> None:
        for part in self.parts:
            part.redo()

    def undo(self) -> None:
        for part in reversed(self.parts):
            part.undo()


def together(text: str, board_ids: Iterable[str],
             make: Callable[[str], QUndoCommand]) -> QUndoCommand:
    """One undo step for several boards: `make(board_id)` creates each board's command
    (e.g. rename a column on every group's board of a template)."""
    return _Together(text, [make(board_id) for board_id in board_ids])


class MoveCardCommand(QUndoCommand):
    """Move one card to a cell, to another place in its cell, or back to the deck (None).
    Keeps where the card was (cell and board-order index), so undo puts it back exactly."""

    def __init__(self, matrix: Matrix, board_id: str, card_id: str, cell: Cell | None,
                 index: int | None = None) -> None:
        super().__init__(tr("Move card") if cell is not None else tr("Move card to the deck"))
        self.matrix, self.board_id, self.card_id = matrix, board_id, card_id
        self.cell, self.index = cell, index
        board = matrix.board(board_id)
        self.old_cell: Cell | None = board.cell_of(card_id)
        self.old_index = board.card_index(card_id)

    def redo(self) -> None:
        self.old_cell, self.old_index = self.matrix.place(self.board_id, self.card_id,
                                                          self.cell, self.index)

    def undo(self) -> None:
        self.matrix.place(self.board_id, self.card_id, self.old_cell, self.old_index)


class MoveCardsFromPhonesCommand(QUndoCommand):
    """The moves a group's phones sent together, in order (the last move of a card wins),
    as one change of the board: it is laid out once, however many moves came in."""

    def __init__(self, matrix: Matrix, board_id: str,
                 moves: list[tuple[str, Cell | None]]) -> None:
        super().__init__(tr("Move cards from phones"))
        self.matrix, self.board_id, self.moves = matrix, board_id, list(moves)
        self.before: tuple[list[str], dict[str, Cell]] | None = None

    def redo(self) -> None:
        self.before = self.matrix.place_many(self.board_id, self.moves)

    def undo(self) -> None:
        assert self.before is not None
        self.matrix.restore_board(self.board_id, *self.before)


class AddCardCommand(QUndoCommand):
    def __init__(self, matrix: Matrix, board_id: str, card: Card, cell: Cell | None = None,
                 index: int | None = None) -> None:
        super().__init__(tr("Add card"))
        self.matrix, self.board_id, self.card, self.cell = matrix, board_id, card, cell
        self.index = len(matrix.board(board_id).cards) if index is None else index

    def redo(self) -> None:
        self.matrix.insert_card(self.board_id, self.index, self.card, self.cell)

    def undo(self) -> None:
        self.matrix.remove_card(self.board_id, self.card.id)


class EditCardCommand(QUndoCommand):
    """Change a card's text and, optionally, where the model puts it."""

    KEEP = object()  # reference argument: leave the reference as it is

    def __init__(self, matrix: Matrix, board_id: str, card_id: str, text: str,
                 reference: object = KEEP, reference_column: str | None = None) -> None:
        super().__init__(tr("Edit card"))
        self.matrix, self.board_id, self.card_id = matrix, board_id, card_id
        card = matrix.board(board_id).card(card_id)
        self.old_text, self.text = card.text, text
        self.old_reference = (card.reference, card.reference_column)
        self.reference = (self.old_reference if reference is EditCardCommand.KEEP
                          else (reference, reference_column))

    def redo(self) -> None:
        self.matrix.set_card_text(self.board_id, self.card_id, self.text)
        if self.reference != self.old_reference:
            self.matrix.set_card_reference(self.board_id, self.card_id, *self.reference)

    def undo(self) -> None:
        self.matrix.set_card_text(self.board_id, self.card_id, self.old_text)
        if self.reference != self.old_reference:
            self.matrix.set_card_reference(self.board_id, self.card_id, *self.old_reference)


class DeleteCardCommand(QUndoCommand):
    """Delete a card; undo puts it back with its text, reference, place and order."""

    def __init__(self, matrix: Matrix, board_id: str, card_id: str) -> None:
        super().__init__(tr("Delete card"))
        self.matrix, self.board_id, self.card_id = matrix, board_id, card_id
        self.removed: tuple[int, Card, Cell | None] | None = None

    def redo(self) -> None:
        self.removed = self.matrix.remove_card(self.board_id, self.card_id)

    def undo(self) -> None:
        assert self.removed is not None
        index, card, cell = self.removed
        self.matrix.insert_card(self.board_id, index, card, cell)


class RenameAxisCommand(QUndoCommand):
    def __init__(self, matrix: Matrix, board_id: str, axis_id: str, name: str) -> None:
        kind, _, axis = matrix.board(board_id).axis(axis_id)
        super().__init__(tr("Rename row") if kind == "row" else tr("Rename column"))
        self.matrix, self.board_id, self.axis_id = matrix, board_id, axis_id
        self.old, self.new = axis.name, name

    def redo(self) -> None:
        self.matrix.rename_axis(self.board_id, self.axis_id, self.new)

    def undo(self) -> None:
        self.matrix.rename_axis(self.board_id, self.axis_id, self.old)


class AddAxisCommand(QUndoCommand):
    """Add a row or column (kind 'row' / 'column') at `index` (None: at the end)."""

    def __init__(self, matrix: Matrix, board_id: str, kind: str, axis: Axis,
                 index: int | None = None) -> None:
        super().__init__(tr("Add row") if kind == "row" else tr("Add column"))
        board = matrix.board(board_id)
        self.matrix, self.board_id, self.kind, self.axis = matrix, board_id, kind, axis
        self.index = len(board.rows if kind == "row" else board.columns) if index is None \
            else index

    def redo(self) -> None:
        self.matrix.insert_axis(self.board_id, self.kind, self.index, self.axis)

    def undo(self) -> None:
        self.matrix.remove_axis(self.board_id, self.axis.id)


class RemoveAxisCommand(QUndoCommand):
    """Remove a row or column; its cards go to the deck. Undo restores cards and references."""

    def __init__(self, matrix: Matrix, board_id: str, axis_id: str) -> None:
        kind = matrix.board(board_id).axis(axis_id)[0]
        super().__init__(tr("Remove row") if kind == "row" else tr("Remove column"))
        self.matrix, self.board_id, self.axis_id = matrix, board_id, axis_id
        self.removed: RemovedAxis | None = None

    def redo(self) -> None:
        self.removed = self.matrix.remove_axis(self.board_id, self.axis_id)

    def undo(self) -> None:
        assert self.removed is not None
        self.matrix.restore_axis(self.board_id, self.removed)


class AddBoardsCommand(QUndoCommand):
    """Add one board, or one per group, and show the first of them."""

    def __init__(self, matrix: Matrix, boards: list[Board]) -> None:
        super().__init__(tr("New board") if len(boards) == 1 else tr("New boards"))
        self.matrix, self.boards = matrix, boards
        self.previous = matrix.current_board_id
        self.index = len(matrix.boards)

    def redo(self) -> None:
        for offset, board in enumerate(self.boards):
            self.matrix.insert_board(self.index + offset, board)
        self.matrix.set_current_board(self.boards[0].id)

    def undo(self) -> None:
        for board in reversed(self.boards):
            self.matrix.remove_board(board.id)
        self.matrix.set_current_board(self.previous)


class RemoveBoardCommand(QUndoCommand):
    """Remove a board with all its cards; undo puts it back where it was, on screen."""

    def __init__(self, matrix: Matrix, board_id: str) -> None:
        super().__init__(tr("Remove board %s") % matrix.board(board_id).name)
        self.matrix, self.board_id = matrix, board_id
        self.previous = matrix.current_board_id
        self.removed: tuple[int, Board] | None = None

    def redo(self) -> None:
        self.removed = self.matrix.remove_board(self.board_id)
        boards = self.matrix.boards
        if boards and self.matrix.current_board_id is None:
            self.matrix.set_current_board(boards[min(self.removed[0], len(boards) - 1)].id)

    def undo(self) -> None:
        assert self.removed is not None
        self.matrix.insert_board(*self.removed)
        self.matrix.set_current_board(self.previous)


class SetRevealedCommand(QUndoCommand):
    """Show or hide where the source model puts each card, on one or several boards."""

    def __init__(self, matrix: Matrix, board_ids: Iterable[str], revealed: bool) -> None:
        super().__init__(tr("Reveal the model") if revealed else tr("Hide the model"))
        self.matrix, self.revealed = matrix, revealed
        self.old = {b: matrix.board(b).revealed for b in board_ids}

    def redo(self) -> None:
        for board_id in self.old:
            self.matrix.set_revealed(board_id, self.revealed)

    def undo(self) -> None:
        for board_id, revealed in self.old.items():
            self.matrix.set_revealed(board_id, revealed)
