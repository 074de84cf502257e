"""What a screen reader says for a practice card: its text, where it is on the board, and
after the reveal whether that matches the model. Cards are painted scene items, which Qt's
accessibility does not reach, so the board view carries the focused card's words as its
accessible name (lpdesk/ui/matrix/view.py)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from lpdesk.model.matrix import Board


def tr(text: str) -> str:
    return QCoreApplication.translate("BoardView", text)


def card_words(board: Board, card_id: str, hint: str = "", state: str | None = None) -> str:
    """E.g. 'Card: Courses are compulsory, in Management, Traditional. Model: ...'."""
    card = board.card(card_id)
    cell = board.cell_of(card_id)
    if cell is None:
        where = tr("still to sort")
    else:
        names = {a.id: a.name for a in (*board.rows, *board.columns)}
        where = tr("in %1, %2").replace("%1", names.get(cell[0], "?")).replace(
            "%2", names.get(cell[1], "?"))
    words = tr("Card: %1, %2").replace("%1", card.text).replace("%2", where)
    if state == "match":
        words += ". " + tr("Matches the model")
    elif state == "mismatch":
        words += ". " + tr("Differs from the model")
    if hint:
        words += ". " + hint
    return words
