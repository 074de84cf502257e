"""Matrix figures: agreement with the reference model, and the consensus between groups.

Agreement counts only cards that have a reference *and* have been placed: a card still
in the deck is not a disagreement. A card whose model names only a column (top-down or
bottom-up) matches when it is anywhere in that column. Agreement of a row uses the cards
whose reference cell is in that row (column-only cards belong to no row).
Consensus compares boards made from the same template, card by card (cards share
ids across such boards); the disagreement of a card is 1 - (largest share of boards that put
it in one cell), over the boards that placed it, so 0 means every group agrees. Only boards
with at least one card placed are compared (an untouched board says nothing), and a card is
*disputed* only when two or more boards placed it in different cells: a card no group placed
is never disputed, and it is listed after every placed card.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lpdesk.model.matrix import Board, Cell


@dataclass(frozen=True)
class Agreement:
    matching: int
    placed: int  # placed cards that have a reference cell

    @property
    def share(self) -> float | None:
        return None if self.placed == 0 else self.matching / self.placed


def board_agreement(board: Board) -> Agreement:
    matching = placed = 0
    for card in board.cards:
        judged = card.matches(board.positions.get(card.id))
        if judged is None:
            continue
        placed += 1
        matching += judged
    return Agreement(matching, placed)


def row_agreement(board: Board) -> dict[str, Agreement]:
    """Agreement per row id (rows by the reference cell of each card)."""
    result: dict[str, list[int]] = {r.id: [0, 0] for r in board.rows}
    for card in board.cards:
        cell = board.positions.get(card.id)
        if card.reference is None or cell is None or card.reference[0] not in result:
            continue
        result[card.reference[0]][1] += 1
        result[card.reference[0]][0] += cell == card.reference
    return {row: Agreement(m, p) for row, (m, p) in result.items()}


def agreement_in_rows(board: Board) -> dict[str, Agreement]:
    """Agreement per row id of the cards *sitting* in that row (column-only cards too): what
    a row's line on the board says, next to the cards it counts. (`row_agreement` counts by
    the reference row instead, so it would call a row '2 of 2' while a card placed there
    from another row is marked wrong.)"""
    result: dict[str, list[int]] = {r.id: [0, 0] for r in board.rows}
    for card in board.cards:
        cell = board.positions.get(card.id)
        judged = card.matches(cell)
        if judged is None or cell is None or cell[0] not in result:
            continue
        result[cell[0]][1] += 1
        result[cell[0]][0] += judged
    return {row: Agreement(m, p) for row, (m, p) in result.items()}


def matches_reference(board: Board, card_id: str) -> bool | None:
    """True/False for a placed card with a reference; None if it cannot be judged."""
    return board.card(card_id).matches(board.positions.get(card_id))


@dataclass(frozen=True)
class CardConsensus:
    card_id: str
    text: str
    counts: dict[Cell | None, int]  # cell (None = left in the deck) -> number of boards
    placed_by: int  # boards that placed the card in a cell

    @property
    def top_share(self) -> float | None:
        placed = {c: n for c, n in self.counts.items() if c is not None}
        if not placed:
            return None
        return max(placed.values()) / self.placed_by

    @property
    def disagreement(self) -> float:
        share = self.top_share
        return 0.0 if share is None else 1.0 - share

    @property
    def disputed(self) -> bool:
        """Two or more boards placed it, not all in one cell."""
        return self.placed_by >= 2 and self.disagreement > 0

    @property
    def agreed(self) -> bool:
        """Two or more boards placed it, all in the same cell."""
        return self.placed_by >= 2 and self.disagreement == 0


def consensus(boards: Sequence[Board]) -> list[CardConsensus]:
    """Per card of the boards' shared cards, how many boards put it in each cell, with the
    most disputed cards first (ties: the order of the first board)."""
    if not boards:
        return []
    order: list[str] = []
    texts: dict[str, str] = {}
    for board in boards:
        for card in board.cards:
            if card.id not in texts:
                order.append(card.id)
                texts[card.id] = card.text
    # each board's cards counted in one pass (a card's boards were looked up by walking
    # every board's cards for every card: 1.2 million steps for 60 boards of 150 cards)
    tallies: dict[str, Counter[Cell | None]] = {card_id: Counter() for card_id in order}
    for board in boards:
        positions = board.positions
        for card_id in {c.id for c in board.cards}:
            tallies[card_id][positions.get(card_id)] += 1
    result = []
    for card_id in order:
        counts = tallies[card_id]
        placed_by = sum(n for c, n in counts.items() if c is not None)
        result.append(CardConsensus(card_id, texts[card_id], dict(counts), placed_by))
    rank = {cid: i for i, cid in enumerate(order)}
    result.sort(key=lambda cc: (-cc.disagreement, cc.placed_by == 0, rank[cc.card_id]))
    return result


def has_placements(board: Board) -> bool:
    """Whether any of the board's cards sits in a cell (a board still all in the deck has
    nothing to compare)."""
    return any(card.id in board.positions for card in board.cards)


def compared_boards(boards: Sequence[Board]) -> list[Board]:
    """The boards a consensus compares: those with at least one card placed, in order."""
    return [board for board in boards if has_placements(board)]


@dataclass(frozen=True)
class ConsensusOverview:
    """The consensus in figures, for one headline on screen and in every export."""

    boards: int  # boards of the template
    compared: int  # of them, those with cards placed
    judged: int  # cards placed by two compared boards or more
    agreed: int  # of those, cards every board that placed them put in the same cell
    disputed: int  # of those, cards placed in different cells

    @property
    def left_out(self) -> int:
        """Boards not compared: none of their cards is placed yet."""
        return self.boards - self.compared

    @property
    def possible(self) -> bool:
        """A consensus needs two boards with cards placed."""
        return self.compared >= 2


def consensus_overview(boards: Sequence[Board]) -> tuple[ConsensusOverview,
                                                         list[CardConsensus]]:
    """Compare the boards that have placements; the figures and the per-card list."""
    compared = compared_boards(boards)
    per_card = consensus(compared) if len(compared) >= 2 else []
    judged = sum(1 for cc in per_card if cc.placed_by >= 2)
    agreed = sum(1 for cc in per_card if cc.agreed)
    disputed = sum(1 for cc in per_card if cc.disputed)
    return ConsensusOverview(len(boards), len(compared), judged, agreed, disputed), per_card
