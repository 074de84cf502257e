"""The consensus view: where the groups put each card, with the most disputed cards first.

Left, the cards of one template's group boards sorted by disagreement; right, a heat map of
the board's grid for the chosen card: how many groups (and which) put it in each cell. The
room discusses the top of the list: the cards the groups read differently.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lpdesk.document import SessionDocument
from lpdesk.model.matrix import Board
from lpdesk.model.matrix_stats import (
    CardConsensus,
    ConsensusOverview,
    compared_boards,
    consensus_overview,
)
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.theme import follow_theme, theme

ROLE_CARD = Qt.ItemDataRole.UserRole


def tr(text: str) -> str:
    return QCoreApplication.translate("ConsensusView", text)


def _groups(n: int) -> str:
    return tr("1 group") if n == 1 else tr("%d groups") % n


def summary(item: CardConsensus, boards: int) -> str:
    """One line, in words, on how far the groups agree about a card."""
    placed = sorted((n for cell, n in item.counts.items() if cell is not None), reverse=True)
    waiting = item.counts.get(None, 0)
    if not placed:
        return tr("No group has placed it yet")
    if len(placed) == 1:
        line = tr("All groups agree") if placed[0] == boards else \
            tr("Placed by one group only") if placed[0] == 1 else \
            tr("The %d groups that placed it agree") % placed[0]
    elif all(n == 1 for n in placed):
        line = tr("Split between %d cells, one group in each") % len(placed)
    else:
        parts = [_groups(n) for n in placed]
        line = tr("Split between %d cells: %s") % (len(placed), and_list(parts))
    if waiting:
        line += "; " + (tr("1 group has not placed it yet") if waiting == 1
                        else tr("%d groups have not placed it yet") % waiting)
    return line


def headline(overview: ConsensusOverview) -> str:
    """What the comparison rests on, in one line: how many boards are compared (those with
    cards placed) and how many cards they agree on out of those two or more placed."""
    if overview.boards < 2:
        return tr("Consensus needs two or more boards of the same template (one per group).")
    if not overview.possible:
        return tr("Consensus needs two or more boards with cards placed: %d of %d boards of "
                  "this template have cards so far.") % (overview.compared, overview.boards)
    line = tr("%d boards compared") % overview.compared
    if overview.left_out:
        line += " " + (tr("(1 board without cards left out)") if overview.left_out == 1
                       else tr("(%d boards without cards left out)") % overview.left_out)
    if not overview.judged:
        return line + ": " + tr("no card is placed on two boards yet.")
    line += ": " + tr("the groups agree on %d of the %d cards placed on two boards or more.") \
        % (overview.agreed, overview.judged)
    if overview.disputed:
        line += " " + tr("Most disputed first.")
    return line


def and_list(parts: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(parts) <= 1:
        return "".join(parts)
    return tr("%s and %s") % (", ".join(parts[:-1]), parts[-1])


def not_placed_line(groups: list[str]) -> str:
    """Which groups have not placed the card (their boards still have it in the deck)."""
    if not groups:
        return tr("Every group has placed this card.")
    if len(groups) == 1:
        return tr("%s has not placed this card yet.") % groups[0]
    return tr("%s have not placed this card yet.") % and_list(groups)


class ConsensusView(QWidget):
    def __init__(self, doc: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.matrix = doc, doc.session.matrix
        self.board_id: str | None = None
        self.boards: list[Board] = []
        self.items: list[CardConsensus] = []
        self.stale = True
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        # A one-column table rather than a list: its rows grow reliably with wrapped text.
        self.cards = QTableWidget(0, 1)
        self.cards.setAccessibleName(tr("Cards, most disputed first"))
        self.cards.setWordWrap(True)
        self.cards.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cards.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cards.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cards.horizontalHeader().hide()
        self.cards.verticalHeader().hide()
        self.cards.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.cards.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.cards.setShowGrid(True)
        self.cards.currentCellChanged.connect(lambda *_: self._show_card())
        self.card_title = QLabel()
        self.card_title.setWordWrap(True)
        self.card_title.setTextFormat(Qt.TextFormat.PlainText)
        self.heat = QTableWidget()
        self.heat.setAccessibleName(tr("Where the groups put the card"))
        self.heat.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.heat.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.heat.setWordWrap(True)
        self.heat.horizontalHeader().hide()
        self.heat.verticalHeader().hide()
        self.deck_line = QLabel()
        self.deck_line.setTextFormat(Qt.TextFormat.PlainText)  # group names
        self.deck_line.setWordWrap(True)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.card_title)
        box.addWidget(self.heat, 1)
        box.addWidget(self.deck_line)
        split = QSplitter()
        split.addWidget(self.cards)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        row = QHBoxLayout()
        row.addWidget(split)
        layout.addLayout(row, 1)
        listen(self, self.matrix.changed, self._matrix_changed)
        follow_theme(self, lambda *_: self.refresh())
        self._restyle()

    def set_board(self, board_id: str | None) -> None:
        self.board_id = board_id
        self._matrix_changed(None)

    def _matrix_changed(self, _board_id: str | None) -> None:
        """Recount now if on screen, else when next shown: a hidden heat map costs nothing
        while the groups drag cards."""
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.stale:
            self.refresh()
        super().showEvent(event)

    def _restyle(self) -> None:
        t = theme()
        s = t.font_scale

        for widget, size, bold in ((self.headline, 18, True), (self.cards, 15, False),
                                   (self.card_title, 18, True), (self.heat, 16, False),
                                   (self.deck_line, 15, False)):
            font = QFont(widget.font())
            font.setPixelSize(round(size * s))
            font.setBold(bold)
            widget.setFont(font)


    def refresh(self) -> None:
        """Recount (cheap: a few boards of some dozens of cards) and keep the chosen card."""
        self.stale = False
        self._restyle()
        chosen = self.current_card_id()
        try:
            self.boards = self.matrix.siblings(self.board_id) if self.board_id else []
        except KeyError:
            self.boards = []
        overview, self.items = consensus_overview(self.boards)
        self.boards = compared_boards(self.boards)  # the heat map counts these only
        n = len(self.boards)
        self.headline.setText(headline(overview))
        t = theme()
        self.cards.blockSignals(True)
        self.cards.clearContents()
        self.cards.setRowCount(len(self.items))
        for i, item in enumerate(self.items):
            row = QTableWidgetItem(f"{item.text}\n{summary(item, n)}")
            row.setData(ROLE_CARD, item.card_id)
            shade = QColor(t.mismatch)
            shade.setAlphaF(min(0.35, item.disagreement * 0.45))
            row.setBackground(shade)
            self.cards.setItem(i, 0, row)
        ids = [i.card_id for i in self.items]
        if ids:
            self.cards.setCurrentCell(ids.index(chosen) if chosen in ids else 0, 0)
        self.cards.blockSignals(False)
        self._show_card()

    def current_card_id(self) -> str | None:
        row = self.cards.item(self.cards.currentRow(), 0)
        return row.data(ROLE_CARD) if row is not None else None

    def _show_card(self) -> None:
        card_id = self.current_card_id()
        item = next((i for i in self.items if i.card_id == card_id), None)
        board = self.boards[0] if self.boards else None
        if item is None or board is None:
            self.card_title.setText("")
            self.heat.clear()
            self.heat.setRowCount(0)
            self.heat.setColumnCount(0)
            self.deck_line.setText("")
            return
        t, n = theme(), len(self.boards)
        self.card_title.setText(item.text)
        # Names sit in the first row and column as ordinary cells: unlike header
        # sections, cells wrap long column names ("Traditional with social bolted on").
        self.heat.clear()
        self.heat.setRowCount(len(board.rows) + 1)
        self.heat.setColumnCount(len(board.columns) + 1)
        bold = QFont(self.heat.font())
        bold.setBold(True)
        for k, axis in enumerate(board.columns, 1):
            self.heat.setItem(0, k, self._name_cell(axis.name, bold, Qt.AlignmentFlag.AlignCenter))
        for k, axis in enumerate(board.rows, 1):
            self.heat.setItem(k, 0, self._name_cell(axis.name, bold, Qt.AlignmentFlag.AlignLeft))
        names = {b.id: self._group_name(b) for b in self.boards}
        where: dict = {}
        for b in self.boards:
            if any(c.id == card_id for c in b.cards):
                where.setdefault(b.positions.get(card_id), []).append(names[b.id])
        revealed = any(b.revealed for b in self.boards)
        card = next((c for c in board.cards if c.id == card_id), None)
        for i, r in enumerate(board.rows, 1):
            for j, c in enumerate(board.columns, 1):
                groups = where.get((r.id, c.id), [])
                text = f"{len(groups)} \u00b7 {', '.join(groups)}" if groups else ""
                if revealed and card is not None and card.matches((r.id, c.id)):
                    text = (text + "\n" if text else "") + "\u2713 " + tr("model")
                cell = QTableWidgetItem(text)
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                share = len(groups) / n if n else 0
                fill = QColor(t.accent)
                fill.setAlphaF(0.08 + 0.8 * share if groups else 0.0)
                cell.setBackground(fill)
                cell.setForeground(QColor(t.on_accent if share > 0.5 else t.text))
                self.heat.setItem(i, j, cell)
        header_h, header_v = self.heat.horizontalHeader(), self.heat.verticalHeader()
        header_h.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header_h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header_v.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header_v.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        deck = where.get(None, [])
        self.deck_line.setText(not_placed_line(deck))

    @staticmethod
    def _name_cell(text: str, font: QFont, align: Qt.AlignmentFlag) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFont(font)
        item.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _group_name(self, board: Board) -> str:
        if board.group_id is not None:
            try:
                return self.doc.session.group(board.group_id).name
            except KeyError:
                pass
        return board.name
