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
from lpdesk.model.ids import by_id, find, index_of, pop_by_id

Cell = tuple[str, str]  # (row id, column id)


@dataclass
class Axis:
    """A row or a column of the grid."""

    id: str
    name: str


@dataclass
class Card:
    """A practice card. `reference` is the cell where the source model puts it, if any.

    Some models name only a column: the top-down/bottom-up source says which kind a question
    is, not whether *your* organisation asks it (the rows). Such a card has no `reference`
    but a `reference_column`, and is judged on its column alone.
    """

    id: str
    text: str
    reference: Cell | None = None
    custom: bool = False  # added by the facilitator rather than from the template
    reference_column: str | None = None

    @property
    def has_reference(self) -> bool:
        return self.reference is not None or self.reference_column is not None

    def matches(self, cell: Cell | None) -> bool | None:
        """Whether `cell` is where the model puts this card; None if it cannot be judged
        (no reference, or the card is still in the deck)."""
        if cell is None:
            return None
        if self.reference is not None:
            return cell == self.reference
        if self.reference_column is not None:
            return cell[1] == self.reference_column
        return None


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
        return by_id(self.cards, card_id)

    def card_index(self, card_id: str) -> int:
        return index_of(self.cards, card_id)

    def cell_of(self, card_id: str) -> Cell | None:
        return self.positions.get(card_id)

    def cards_in(self, cell: Cell | None) -> list[Card]:
        """Cards in a cell (or in the deck for None), in board order."""
        return [c for c in self.cards if self.positions.get(c.id) == cell]

    def has_cell(self, cell: Cell) -> bool:
        return cell[0] in {r.id for r in self.rows} and cell[1] in {c.id for c in self.columns}

    def axis(self, axis_id: str) -> tuple[str, int, Axis]:
        """('row' or 'column', index, axis) of a row or column id."""
        for kind, axes in (("row", self.rows), ("column", self.columns)):
            for index, axis in enumerate(axes):
                if axis.id == axis_id:
                    return kind, index, axis
        raise KeyError(axis_id)

    def insertion_index(self, card_id: str, cell: Cell | None, position: int | None) -> int | None:
        """The board-order index that puts `card_id` at `position` among the other cards
        of `cell` (None or past the end: after them). This is what `Matrix.place` expects,
        so a drop between two cards of a cell lands exactly there."""
        others = [c.id for c in self.cards if c.id != card_id]
        in_cell = [cid for cid in others if self.positions.get(cid) == cell]
        if not in_cell:
            return None
        if position is not None and 0 <= position < len(in_cell):
            return others.index(in_cell[position])
        return others.index(in_cell[-1]) + 1


@dataclass
class RemovedAxis:
    """Everything removing a row or column took away, so undo can put it all back."""

    kind: str  # 'row' or 'column'
    index: int
    axis: Axis
    positions: dict[str, Cell]  # cards that sat in the removed row/column
    references: dict[str, Cell]  # reference cells that pointed into it
    reference_columns: dict[str, str]


@dataclass
class Matrix:
    """All boards of a session. `changed` is emitted with the board id (or None)."""

    boards: list[Board] = field(default_factory=list)
    current_board_id: str | None = None
    # Navigation like the current board, not an edit: the room's screens (presentation
    # mode, the audience window) show the consensus exactly when the facilitator's does.
    # Not saved: a reopened session starts on the boards.
    comparing: bool = field(default=False, compare=False)
    changed: Event = field(default_factory=Event, repr=False, compare=False)

    def board(self, board_id: str) -> Board:
        return by_id(self.boards, board_id)

    def siblings(self, board_id: str) -> list[Board]:
        """The boards made from the same template as this one (one per group, usually),
        in board order, itself included: the set the consensus view compares."""
        board = self.board(board_id)
        if board.template_id is None:
            return [board]
        return [b for b in self.boards if b.template_id == board.template_id]

    @property
    def current_board(self) -> Board | None:
        found = find(self.boards, self.current_board_id)
        if found is not None:
            return found
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

    def place_many(self, board_id: str,
                   moves: list[tuple[str, Cell | None]]) -> tuple[list[str], dict[str, Cell]]:
        """Move several cards of one board at once (a batch from a group's phones), each to
        the end of the board's order like `place` without an index, announced once.
        Returns the card order and positions before, which is what undo needs."""
        board = self.board(board_id)
        known = {c.id for c in board.cards}
        for card_id, cell in moves:  # every move checked before any change
            if card_id not in known:
                raise KeyError(f"no card {card_id} on board {board_id}")
            if cell is not None and not board.has_cell(cell):
                raise KeyError(f"no cell {cell} on board {board_id}")
        before = ([c.id for c in board.cards], dict(board.positions))
        for card_id, cell in moves:
            board.cards.append(board.cards.pop(board.card_index(card_id)))
            if cell is None:
                board.positions.pop(card_id, None)
            else:
                board.positions[card_id] = cell
        self.changed.emit(board_id)
        return before

    def restore_board(self, board_id: str, order: list[str],
                      positions: dict[str, Cell]) -> None:
        """Put a board's cards back in `order` and `positions` (undo of `place_many`)."""
        board = self.board(board_id)
        rank = {card_id: i for i, card_id in enumerate(order)}
        board.cards.sort(key=lambda c: rank.get(c.id, len(rank)))
        board.positions = dict(positions)
        self.changed.emit(board_id)

    def insert_board(self, index: int, board: Board) -> None:
        self.boards.insert(index, board)
        self.changed.emit(board.id)

    def remove_board(self, board_id: str) -> tuple[int, Board]:
        index, board = pop_by_id(self.boards, board_id)
        if self.current_board_id == board_id:
            self.current_board_id = None
        self.changed.emit(None)
        return index, board

    def set_current_board(self, board_id: str | None) -> None:
        self.current_board_id = board_id
        self.changed.emit(board_id)

    def set_comparing(self, on: bool) -> None:
        """Show the consensus view (where each group put each card) instead of a board."""
        if on != self.comparing:
            self.comparing = on
            self.changed.emit(self.current_board.id if self.current_board else None)

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

    def set_card_reference(self, board_id: str, card_id: str, reference: Cell | None,
                           reference_column: str | None = None) -> tuple[Cell | None, str | None]:
        """Set where the model puts a card; returns the previous (reference, column)."""
        board = self.board(board_id)
        if reference is not None and not board.has_cell(reference):
            raise KeyError(f"no cell {reference} on board {board_id}")
        if reference_column is not None and reference_column not in {c.id for c in board.columns}:
            raise KeyError(reference_column)
        card = board.card(card_id)
        old = card.reference, card.reference_column
        card.reference, card.reference_column = reference, reference_column
        self.changed.emit(board_id)
        return old

    def insert_axis(self, board_id: str, kind: str, index: int, axis: Axis) -> None:
        """Add a row (kind 'row') or a column (kind 'column') at `index`."""
        board = self.board(board_id)
        if axis.id in {a.id for a in (*board.rows, *board.columns)}:
            raise ValueError(f"duplicate row/column id {axis.id}")
        (board.rows if kind == "row" else board.columns).insert(index, axis)
        self.changed.emit(board_id)

    def remove_axis(self, board_id: str, axis_id: str) -> RemovedAxis:
        """Remove a row or column: its cards go back to the deck and references into it are
        dropped (the reference would name a cell that no longer exists)."""
        board = self.board(board_id)
        kind, index, axis = board.axis(axis_id)
        part = 0 if kind == "row" else 1
        positions = {cid: cell for cid, cell in board.positions.items() if cell[part] == axis_id}
        references: dict[str, Cell] = {}
        columns: dict[str, str] = {}
        for card in board.cards:
            if card.reference is not None and card.reference[part] == axis_id:
                references[card.id] = card.reference
                card.reference = None
            if kind == "column" and card.reference_column == axis_id:
                columns[card.id] = axis_id
                card.reference_column = None
        for cid in positions:
            del board.positions[cid]
        (board.rows if kind == "row" else board.columns).pop(index)
        self.changed.emit(board_id)
        return RemovedAxis(kind, index, axis, positions, references, columns)

    def restore_axis(self, board_id: str, removed: RemovedAxis) -> None:
        board = self.board(board_id)
        (board.rows if removed.kind == "row" else board.columns).insert(removed.index,
                                                                        removed.axis)
        board.positions.update(removed.positions)
        for card in board.cards:
            if card.id in removed.references:
                card.reference = removed.references[card.id]
            if card.id in removed.reference_columns:
                card.reference_column = removed.reference_columns[card.id]
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
