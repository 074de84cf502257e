"""The practices matrix: boards of practice cards sorted into a grid of cells.

A board has rows and columns (from a template or made by the facilitator) and cards. Each
card is either in the deck (not placed) or in one cell. `cards` keeps one order for the whole
board: the order of cards inside a cell and inside the deck is their order in that list, so a
board reopens exactly as it was. Boards made from the same template share card ids, which is
what lets the consensus view compare groups card by card.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lpdesk.model.events import Event

Cell = tuple[str, str]  # (row id, column id)


@dataclass
class Axis:
    """A row or a column of the grid."""

    id: str
    name: str


@dataclass
class Card:
    """A practice card. `reference` is the cell where the source model puts it, if any."""

    id: str
    text: str
    reference: Cell | None = None
    custom: bool = False  # added by the facilitator rather than from the template


@dataclass
class Board:
    id: str
    name: str
    template_id: str | None = None
    group_id: str | None = None
    rows: list[Axis] = field(default_factory=list)
    columns: list[Axis] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    positions: dict[str, Cell] = field(default_factory=dict)  # card id -> cell; absent = deck
    revealed: bool = False

    def card(self, card_id: str) -> Card:
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def card_index(self, card_id: str) -> int:
        return [c.id for c in self.cards].index(card_id)

    def cell_of(self, card_id: str) -> Cell | None:
        return self.positions.get(card_id)

    def cards_in(self, cell: Cell | None) -> list[Card]:
        """Cards in a cell (or in the deck for None), in board order."""
        return [c for c in self.cards if self.positions.get(c.id) == cell]

    def has_cell(self, cell: Cell) -> bool:
        return cell[0] in {r.id for r in self.rows} and cell[1] in {c.id for c in self.columns}


@dataclass
class Matrix:
    """All boards of a session. `changed` is emitted with the board id (or None)."""

    boards: list[Board] = field(default_factory=list)
    current_board_id: str | None = None
    changed: Event = field(default_factory=Event, repr=False, compare=False)

    def board(self, board_id: str) -> Board:
        for board in self.boards:
            if board.id == board_id:
                return board
        raise KeyError(board_id)

    @property
    def current_board(self) -> Board | None:
        if self.current_board_id is not None:
            for board in self.boards:
                if board.id == self.current_board_id:
                    return board
        return self.boards[0] if self.boards else None

    # -- edits (called by commands only) --------------------------------------------
    def place(
        self, board_id: str, card_id: str, cell: Cell | None, index: int | None = None
    ) -> tuple[Cell | None, int]:
        """Put a card in a cell (None: back to the deck) at board-order `index`.

        Returns the card's previous cell and board-order index, which is exactly what undo
        needs to put it back.
        """
        board = self.board(board_id)
        if cell is not None and not board.has_cell(cell):
            raise KeyError(f"no cell {cell} on board {board_id}")
        old_cell = board.positions.get(card_id)
        old_index = board.card_index(card_id)
        card = board.cards.pop(old_index)
        board.cards.insert(len(board.cards) if index is None else index, card)
        if cell is None:
            board.positions.pop(card_id, None)
        else:
            board.positions[card_id] = cell
        self.changed.emit(board_id)
        return old_cell, old_index

    def insert_board(self, index: int, board: Board) -> None:
        self.boards.insert(index, board)
        self.changed.emit(board.id)

    def remove_board(self, board_id: str) -> tuple[int, Board]:
        index = [b.id for b in self.boards].index(board_id)
        board = self.boards.pop(index)
        if self.current_board_id == board_id:
            self.current_board_id = None
        self.changed.emit(None)
        return index, board

    def set_current_board(self, board_id: str | None) -> None:
        self.current_board_id = board_id
        self.changed.emit(board_id)

    def set_revealed(self, board_id: str, revealed: bool) -> None:
        self.board(board_id).revealed = revealed
        self.changed.emit(board_id)

    def insert_card(self, board_id: str, index: int, card: Card, cell: Cell | None = None) -> None:
        board = self.board(board_id)
        board.cards.insert(index, card)
        if cell is not None:
            board.positions[card.id] = cell
        self.changed.emit(board_id)

    def remove_card(self, board_id: str, card_id: str) -> tuple[int, Card, Cell | None]:
        board = self.board(board_id)
        index = board.card_index(card_id)
        card = board.cards.pop(index)
        cell = board.positions.pop(card_id, None)
        self.changed.emit(board_id)
        return index, card, cell

    def set_card_text(self, board_id: str, card_id: str, text: str) -> None:
        self.board(board_id).card(card_id).text = text
        self.changed.emit(board_id)

    def rename_axis(self, board_id: str, axis_id: str, name: str) -> None:
        board = self.board(board_id)
        for axis in (*board.rows, *board.columns):
            if axis.id == axis_id:
                axis.name = name
                self.changed.emit(board_id)
                return
        raise KeyError(axis_id)

    def take_group(self, group_id: str) -> list[str]:
        """A group leaves: its boards stay (the work is kept) but lose the group link."""
        taken = [b.id for b in self.boards if b.group_id == group_id]
        for board in self.boards:
            if board.group_id == group_id:
                board.group_id = None
        if taken:
            self.changed.emit(None)
        return taken

    def restore_group(self, group_id: str, board_ids: list[str]) -> None:
        for board_id in board_ids:
            self.board(board_id).group_id = group_id
        if board_ids:
            self.changed.emit(None)
