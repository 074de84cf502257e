"""The matrix pictures, painted with QPainter in layout units: a board (its grid with the
card texts wrapped, marked against the reference) and the consensus heat map (the grid again,
each card shaded by how many boards put it in that cell). Both are `Block`s, so a tall board
breaks between grid rows in the PDF.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath

from lpdesk.export.layout import (
    Block,
    Cell,
    Gap,
    Item,
    PaintItem,
    Row,
    RowStyle,
    text_cell,
    text_items,
)
from lpdesk.export.palette import (
    ACCENT,
    HEAT_HIGH,
    HEAT_LOW,
    INK,
    MATCH,
    MISMATCH,
    MUTED,
    UNJUDGED,
    line_pen,
)
from lpdesk.export.report import BoardReport, CardView, ConsensusReport
from lpdesk.export.text import PT, TextBox, TextStyle
from lpdesk.export.wording import tr

CARD_STYLE = TextStyle(8.0, colour=INK, leading=1.22)
CHIP_PAD = 3.0 * PT
STRIPE = 2.6 * PT
MARK = 7.0 * PT


class ChipLine(Item):
    """One line of a card: the card's box is drawn in slices so a card can follow a page
    break when a single grid row is taller than a page."""

    def __init__(self, box: TextBox, index: int, first: bool, last: bool, stripe: str,
                 fill: str, mark: str | None, badge: str | None = None) -> None:
        self.box, self.index, self.first, self.last = box, index, first, last
        self.stripe, self.fill, self.mark, self.badge = stripe, fill, mark, badge
        self.height = box.line_height + (CHIP_PAD if first else 0) + (CHIP_PAD if last else 0)

    def paint(self, painter: QPainter, x: float, y: float, width: float) -> None:
        rect = QRectF(x, y, width, self.height)
        painter.fillRect(rect, QColor(self.fill))
        painter.fillRect(QRectF(x, y, STRIPE, self.height), QColor(self.stripe))
        painter.setPen(line_pen("#C3CCD5", 0.5))
        painter.drawLine(rect.topRight(), rect.bottomRight())
        if self.first:
            painter.drawLine(QPointF(x + STRIPE, y), rect.topRight())
        if self.last:
            painter.drawLine(QPointF(x + STRIPE, rect.bottom()), rect.bottomRight())
        ty = y + (CHIP_PAD if self.first else 0)
        self.box.draw(painter, x + STRIPE + CHIP_PAD, ty, self.index, self.index + 1)
        if self.first and self.mark:
            _mark(painter, QPointF(x + width - MARK / 2 - 2 * PT, ty + self.box.line_height / 2),
                  self.mark, self.stripe)
        if self.first and self.badge:
            style = TextStyle(7.0, bold=True, colour=INK, align=Qt.AlignmentFlag.AlignRight)
            b = TextBox(self.badge, style, 22 * PT)
            b.draw(painter, x + width - 24 * PT, ty + (self.box.line_height - b.line_height) / 2)


def _mark(painter: QPainter, c: QPointF, kind: str, colour: str) -> None:
    """A tick or a cross drawn as lines (no font needs the glyph)."""
    painter.setPen(line_pen(colour, 1.3))
    s = 2.4 * PT
    path = QPainterPath()
    if kind == "tick":
        path.moveTo(c.x() - s, c.y())
        path.lineTo(c.x() - s * 0.3, c.y() + s * 0.8)
        path.lineTo(c.x() + s, c.y() - s)
    else:
        path.moveTo(c.x() - s * 0.8, c.y() - s * 0.8)
        path.lineTo(c.x() + s * 0.8, c.y() + s * 0.8)
        path.moveTo(c.x() + s * 0.8, c.y() - s * 0.8)
        path.lineTo(c.x() - s * 0.8, c.y() + s * 0.8)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)


def card_chip(card: CardView, width: float) -> list[Item]:
    stripe, fill = {True: MATCH, False: MISMATCH, None: UNJUDGED}[card.match]
    mark = {True: "tick", False: "cross", None: None}[card.match]
    text_w = width - STRIPE - 2 * CHIP_PAD - (MARK + 2 * PT if mark else 0)
    box = TextBox(card.text, CARD_STYLE, text_w)
    n = len(box.lines)
    return [ChipLine(box, i, i == 0, i == n - 1, stripe, fill, mark) for i in range(n)]


def _chips(cards, width: float, make) -> list[Item]:
    items: list[Item] = []
    for i, card in enumerate(cards):
        if i:
            items.append(Gap(2.5 * PT))
        items.extend(make(card, width))
    return items


def _grid_widths(width: float, columns: int) -> list[float]:
    label = max(min(width * 0.2, 110 * PT), 60 * PT)
    rest = (width - label) / max(1, columns)
    return [label] + [rest] * columns


HEAD_STYLE = TextStyle(8.5, bold=True, colour="#FFFFFF")
ROW_LABEL = TextStyle(8.5, bold=True, colour=INK)
GRID_ROW = RowStyle(rule="#C3CCD5", vertical_rules="#C3CCD5", outline="#C3CCD5")


def _grid_header(columns: tuple[str, ...], widths: list[float], corner: str) -> Row:
    cells = [text_cell(corner, HEAD_STYLE, widths[0], ACCENT)]
    cells += [text_cell(name, HEAD_STYLE, w, ACCENT) for name, w in zip(columns, widths[1:],
                                                                          strict=True)]
    return Row(cells, widths, RowStyle(rule=None))


def _legend_row(width: float, entries: list[tuple[str, str, str | None]]) -> Row:
    """A legend under a grid: (stripe, fill, mark) swatches with labels, wrapped."""
    style = TextStyle(7.5, colour=MUTED)

    def draw(painter: QPainter, rect: QRectF) -> None:
        x = rect.left()
        for (stripe, fill, mark), label in entries:
            sw = QRectF(x, rect.top() + 1 * PT, 16 * PT, 9 * PT)
            painter.fillRect(sw, QColor(fill))
            painter.fillRect(QRectF(sw.left(), sw.top(), STRIPE, sw.height()), QColor(stripe))
            painter.setPen(line_pen("#C3CCD5", 0.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(sw)
            if mark:
                _mark(painter, QPointF(sw.right() - 5 * PT, sw.center().y()), mark, stripe)
            box = TextBox(label, style, 10_000)
            box.draw(painter, sw.right() + 3 * PT, sw.center().y() - box.line_height / 2)
            x = sw.right() + 3 * PT + box.natural_width + 12 * PT

    return Row([Cell([PaintItem(11 * PT, draw)], None, 0, 3 * PT)], [width], RowStyle(rule=None))


def _deck_row(board: BoardReport, widths: list[float]) -> Row:
    """Cards left in the deck: a bulleted list flowing down the board's columns."""
    label = tr("Not placed ({n})").format(n=len(board.deck))
    columns = max(1, len(widths) - 1)
    per_column = -(-len(board.deck) // columns)
    cells = [text_cell(label, ROW_LABEL, widths[0], "#F3F6F9")]
    for c, w in enumerate(widths[1:]):
        items: list[Item] = []
        for card in board.deck[c * per_column:(c + 1) * per_column]:
            if items:
                items.append(Gap(2 * PT))
            items += text_items(card.text, CARD_STYLE, w - 8 * PT, dx=8 * PT, marker="\u2022")
        cells.append(Cell(items, None))
    return Row(cells, widths, GRID_ROW)


def board_block(board: BoardReport, width: float) -> Block:
    """The board as a grid; row labels carry the row's agreement with the reference."""
    widths = _grid_widths(width, len(board.columns))
    agreement = dict(board.row_agreement)
    rows = []
    for r, name in enumerate(board.rows):
        label = [(name, "")]
        a = agreement.get(name)
        if a is not None and a.placed:
            label.append(("\n" + tr("{m} of {p} match").format(m=a.matching, p=a.placed),
                          "m"))
        cells = [Cell(text_items(label, TextStyle(8.5, bold=True, colour=INK),
                                 widths[0] - 8 * PT), "#F3F6F9")]
        for c, w in enumerate(widths[1:]):
            cells.append(Cell(_chips(board.cells[r][c], w - 8 * PT, card_chip), None))
        rows.append(Row(cells, widths, GRID_ROW))
    if not board.rows:
        rows.append(Row([text_cell(tr("This board has no rows."), CARD_STYLE, width)], [width],
                        GRID_ROW))
    if board.deck:
        rows.append(_deck_row(board, widths))
    if board.has_reference:
        rows.append(_legend_row(width, [
            (MATCH + ("tick",), tr("where the reference model puts it")),
            (MISMATCH + ("cross",), tr("placed elsewhere")),
            (UNJUDGED + (None,), tr("no reference")),
        ]))
    header = _grid_header(board.columns, widths, board.group or "")
    return Block(rows, header, space_after=4 * PT)


def _heat(count: int, boards: int) -> QColor:
    """Palest for one board, darkest when every board put the card there."""
    share = 1.0 if boards <= 1 else max(0.0, min(1.0, (count - 1) / (boards - 1)))
    return QColor.fromRgbF(
        HEAT_LOW.redF() + (HEAT_HIGH.redF() - HEAT_LOW.redF()) * share,
        HEAT_LOW.greenF() + (HEAT_HIGH.greenF() - HEAT_LOW.greenF()) * share,
        HEAT_LOW.blueF() + (HEAT_HIGH.blueF() - HEAT_LOW.blueF()) * share)


def consensus_block(view: ConsensusReport, width: float) -> Block:
    """The heat map: each cell lists the cards boards put there, shaded by the share of
    boards (dark: every board agrees; pale: one board). A disputed card shows in several
    cells."""
    n = max(1, len(view.boards))
    widths = _grid_widths(width, len(view.columns))

    def chip(entry: tuple[str, int], w: float) -> list[Item]:
        text, count = entry
        fill = _heat(count, n).name()
        box = TextBox(text, CARD_STYLE, w - STRIPE - 2 * CHIP_PAD - 26 * PT)
        lines = len(box.lines)
        badge = f"{count}/{n}"
        stripe = QColor(fill).darker(135).name()
        return [ChipLine(box, i, i == 0, i == lines - 1, stripe, fill, None,
                         badge if i == 0 else None) for i in range(lines)]

    rows = []
    for r, name in enumerate(view.rows):
        cells = [text_cell(name, ROW_LABEL, widths[0], "#F3F6F9")]
        for c, w in enumerate(widths[1:]):
            cells.append(Cell(_chips(view.grid[r][c], w - 8 * PT, chip), None))
        rows.append(Row(cells, widths, GRID_ROW))

    def scale(painter: QPainter, rect: QRectF) -> None:
        style = TextStyle(7.5, colour=MUTED)
        x = rect.left()
        box = TextBox(tr("Boards that put the card there:"), style, 10_000)
        box.draw(painter, x, rect.top() + 1 * PT)
        x += box.natural_width + 6 * PT
        for k in range(1, n + 1):
            sw = QRectF(x, rect.top() + 1 * PT, 22 * PT, 9 * PT)
            painter.fillRect(sw, _heat(k, n))
            painter.setPen(line_pen(_heat(k, n).darker(135), 0.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(sw)
            label = TextBox(f"{k}/{n}", TextStyle(7.0, bold=True, colour=INK,
                                                  align=Qt.AlignmentFlag.AlignHCenter), sw.width())
            label.draw(painter, sw.left(), sw.center().y() - label.line_height / 2)
            x = sw.right() + 3 * PT
            if x > rect.right() - 25 * PT:
                break

    rows.append(Row([Cell([PaintItem(11 * PT, scale)], None, 0, 3 * PT)], [width],
                    RowStyle(rule=None)))
    return Block(rows, _grid_header(view.columns, widths, ""), space_after=4 * PT)
