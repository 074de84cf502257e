"""What the reveal shows on a board: per card match/mismatch and where the model puts it,
per row its agreement line (of the cards placed in that row). Pure functions of the board,
so the scene and tests share them."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from lpdesk.model.matrix import Board
from lpdesk.model.matrix_stats import agreement_in_rows
from lpdesk.ui.matrix.items import MATCH, MISMATCH


def tr(text: str) -> str:
    return QCoreApplication.translate("BoardScene", text)


def model_hint(board: Board, card_id: str) -> str:
    """Where the model puts a card, in words, for cards not already there."""
    card = board.card(card_id)
    names = {a.id: a.name for a in (*board.rows, *board.columns)}
    cell = board.positions.get(card_id)
    if card.reference is not None:
        if cell is not None and cell[0] == card.reference[0]:
            return tr("Model: %s") % names[card.reference[1]]
        return tr("Model: %s \u00b7 %s") % (names[card.reference[0]], names[card.reference[1]])
    if card.reference_column is not None:
        return tr("Model: %s") % names[card.reference_column]
    return ""


def reveal_info(board: Board) -> tuple[dict[str, str | None], dict[str, str],
                                       dict[str, tuple[str, bool]]]:
    """Per card its reveal state (MATCH, MISMATCH or None) and hint; per row its agreement
    line and whether every judged card of the row matches. Empty when not revealed."""
    if not board.revealed:
        return {}, {}, {}
    states: dict[str, str | None] = {}
    hints: dict[str, str] = {}
    for card in board.cards:
        judged = card.matches(board.positions.get(card.id))
        states[card.id] = None if judged is None else MATCH if judged else MISMATCH
        if card.has_reference and not judged:
            hints[card.id] = model_hint(board, card.id)
    notes = {row: (tr("%d of %d match") % (a.matching, a.placed), a.matching == a.placed)
             for row, a in agreement_in_rows(board).items() if a.placed}
    return states, hints, notes
