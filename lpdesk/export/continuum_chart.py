"""The summary's pictures, painted with QPainter in layout units (tenths of a point).

The same code paints on a QPdfWriter (crisp vectors in the PDF) and on a QImage (PNG and
HTML exports, the dialog's preview). Three pictures: the continuum chart of an area (stage
bands, the room's now/target distribution with median and middle half, group and agreed
positions), a matrix board (its grid with the card texts wrapped, marked against the
reference), and the consensus heat map (the grid again, each card shaded by how many boards
put it in that cell). Boards are `Block`s, so a tall board breaks between grid rows in the
PDF and is one tall image as a PNG.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

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
from lpdesk.export.summary import (
    AreaReport,
    BoardReport,
    CardView,
    ConsensusReport,
    Position,
    Report,
    tr,
)
from lpdesk.export.text import PT, TextBox, TextStyle, font

INK = "#1F2933"
MUTED = "#5F6B7A"
RULE = "#D5DCE3"
ACCENT = "#0B4F7C"
NOW = "#0072B2"  # Okabe-Ito blue
TARGET = "#D55E00"  # Okabe-Ito vermillion: tells apart from blue for colour-blind readers
STAGE_TINTS = ("#F3F6F9", "#E8EFF5", "#DDE8F1", "#D2E1EC")
MATCH = ("#1B7F4B", "#E9F5EE")  # stripe, fill
MISMATCH = ("#B7410E", "#FCEDE6")
UNJUDGED = ("#9AA5B1", "#FFFFFF")
HEAT_LOW, HEAT_HIGH = QColor("#EEF3F8"), QColor("#6FA6D6")

SWARM_LIMIT = 60  # more dots than this in a row: draw a histogram instead


def _pen(colour: str | QColor, width_pt: float = 0.8) -> QPen:
    pen = QPen(QColor(colour), width_pt * PT)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _text(painter: QPainter, text: str, style: TextStyle, x: float, y: float,
          width: float) -> float:
    """Draw wrapped text at (x, y); return its height."""
    box = TextBox(text, style, width)
    box.draw(painter, x, y)
    return box.height


# -- the continuum chart ---------------------------------------------------------------------
class ContinuumChart:
    """Measures the chart for a width first (rows grow with the number of groups and with
    how crowded the dots are), then paints it into any rect of that width."""

    label_style = TextStyle(8.0, bold=True, colour=INK, leading=1.15)
    small = TextStyle(7.5, colour=MUTED)
    stage_style = TextStyle(8.0, bold=True, colour=ACCENT, align=Qt.AlignmentFlag.AlignHCenter)

    def __init__(self, report: Report, area: AreaReport, width: float) -> None:
        self.report, self.area, self.width = report, area, width
        self.r = 3.0 * PT  # dot radius
        # the same label column for every area of the report, so the charts line up
        labels = [tr("Today"), tr("Target"), tr("Agreed")] + [g.subject for g in area.groups] \
            + [name for name, _colour, _members in report.groups]
        widest = max(TextBox(t, self.label_style, 10_000).natural_width for t in labels)
        # room for the widest label, its group colour swatch and a margin
        self.gutter = min(max(widest + 22 * PT, 48 * PT), width * 0.26)
        self.x0 = self.gutter
        self.x1 = width - 12 * PT  # room for the "100" under the axis end
        span = self.x1 - self.x0
        self.stage_boxes = [TextBox(s.name, self.stage_style, (s.end - s.start) / 100 * span)
                            for s in report.stages]
        self.head_h = max(b.height for b in self.stage_boxes) + 4 * PT
        plotted = area.plotted
        self.rows: list[tuple[str, str, float, list]] = []  # kind, label, height, data
        for which, label, colour in (("now", tr("Today"), NOW), ("target", tr("Target"), TARGET)):
            values = [getattr(p, which) for p in plotted if getattr(p, which) is not None]
            swarm = self._swarm(values)
            if swarm is None:
                self.rows.append(("hist", label, 30 * PT, [which, colour, values]))
            else:
                levels = max((abs(lv) for _, lv in swarm), default=0)
                h = max(22 * PT, (2 * levels + 1) * (2 * self.r + 0.8 * PT) + 8 * PT)
                self.rows.append(("swarm", label, h, [which, colour, values, swarm]))
        for g in area.groups:
            self.rows.append(("group", g.subject, 15 * PT, [g]))
        if area.consensus is not None:
            self.rows.append(("agreed", tr("Agreed"), 17 * PT, [area.consensus]))
        self.rows_h = sum(h for _, _, h, _ in self.rows)
        self.axis_h = 14 * PT
        left = "\u25C0 " + report.left_label
        right = report.right_label + " \u25B6"
        half = (self.x1 - self.x0) / 2 - 4 * PT
        self.end_left = TextBox(left, TextStyle(7.5, italic=True, colour=MUTED), half)
        self.end_right = TextBox(right, TextStyle(7.5, italic=True, colour=MUTED,
                                                  align=Qt.AlignmentFlag.AlignRight), half)
        self.ends_h = max(self.end_left.height, self.end_right.height) + 4 * PT
        self.legend_h = 2 * PT + 12 * PT * len(self._legend_lines())
        self.height = self.head_h + self.rows_h + self.axis_h + self.ends_h + self.legend_h

    def _swarm(self, values: list[float]) -> list[tuple[float, int]] | None:
        """Dots stacked so none overlaps: (value, level) with levels 0, 1, -1, 2, -2 ..."""
        if len(values) > SWARM_LIMIT:
            return None
        span = self.x1 - self.x0
        need = (2 * self.r + 0.6 * PT) / span * 100  # value distance that still overlaps
        placed: list[tuple[float, int]] = []
        for v in sorted(values):
            level_order = [0]
            for k in range(1, 40):
                level_order += [k, -k]
            for level in level_order:
                if all(abs(v - pv) >= need or pl != level for pv, pl in placed):
                    placed.append((v, level))
                    break
        if max((abs(lv) for _, lv in placed), default=0) > 4:
            return None
        return placed

    def x(self, rect: QRectF, value: float) -> float:
        return rect.left() + self.x0 + (self.x1 - self.x0) * value / 100

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        scale = rect.height() / self.height if rect.height() < self.height - 1 else 1.0
        painter.save()
        if scale < 1.0:  # only when a page is too short for it: keep it all visible
            painter.translate(rect.left(), rect.top())
            painter.scale(scale, scale)
            rect = QRectF(0, 0, rect.width() / scale, self.height)
        self._paint(painter, rect)
        painter.restore()

    def _paint(self, painter: QPainter, rect: QRectF) -> None:
        top = rect.top()
        band_top = top + self.head_h
        band_bottom = band_top + self.rows_h
        # stage bands with their names above
        for i, (stage, box) in enumerate(zip(self.report.stages, self.stage_boxes, strict=True)):
            xa, xb = self.x(rect, stage.start), self.x(rect, stage.end)
            painter.fillRect(QRectF(xa, band_top, xb - xa, self.rows_h),
                             QColor(STAGE_TINTS[i % len(STAGE_TINTS)]))
            box.draw(painter, xa, top + (self.head_h - 4 * PT - box.height))
            if i:
                pen = _pen("#AFC3D6", 0.6)
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(xa, band_top), QPointF(xa, band_bottom))
        # rows
        y = band_top
        for n, (kind, label, h, data) in enumerate(self.rows):
            if n:
                painter.setPen(_pen("#FFFFFF", 0.8))
                painter.drawLine(QPointF(self.x(rect, 0), y), QPointF(self.x(rect, 100), y))
            self._row_label(painter, rect, label, y, h, data)
            if kind == "swarm":
                self._paint_swarm(painter, rect, y, h, *data)
            elif kind == "hist":
                self._paint_hist(painter, rect, y, h, *data)
            elif kind == "group":
                self._paint_arrow(painter, rect, y, h, data[0], data[0].colour, False)
            else:
                self._paint_arrow(painter, rect, y, h, data[0], INK, True)
            y += h
        if not self.area.plotted and not self.area.groups and self.area.consensus is None:
            painter.setFont(font(self.small.size))
            painter.setPen(QColor(MUTED))
            painter.drawText(QRectF(self.x(rect, 0), band_top, self.x(rect, 100)
                                    - self.x(rect, 0), self.rows_h),
                             Qt.AlignmentFlag.AlignCenter, tr("No placements yet"))
        # axis
        painter.setPen(_pen(MUTED, 0.8))
        painter.drawLine(QPointF(self.x(rect, 0), band_bottom),
                         QPointF(self.x(rect, 100), band_bottom))
        tick_style = TextStyle(7.5, colour=MUTED, align=Qt.AlignmentFlag.AlignHCenter)
        for v in range(0, 101, 5):
            length = 4 * PT if v % 25 == 0 else 2 * PT
            painter.setPen(_pen(MUTED, 0.6))
            painter.drawLine(QPointF(self.x(rect, v), band_bottom),
                             QPointF(self.x(rect, v), band_bottom + length))
            if v % 25 == 0:
                _text(painter, str(v), tick_style, self.x(rect, v) - 12 * PT,
                      band_bottom + 4.5 * PT, 24 * PT)
        y = band_bottom + self.axis_h
        self.end_left.draw(painter, self.x(rect, 0), y)
        self.end_right.draw(painter, self.x(rect, 100) - self.end_right.width, y)
        self._legend(painter, rect, y + self.ends_h)

    def _row_label(self, painter: QPainter, rect: QRectF, label: str, y: float, h: float,
                   data: list) -> None:
        x = rect.left()
        width = self.gutter - 8 * PT
        colour = None
        if data and isinstance(data[0], Position) and data[0].kind == "group":
            colour = data[0].colour
        if colour:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(QRectF(x, y + h / 2 - 3 * PT, 6 * PT, 6 * PT), PT, PT)
            x += 9 * PT
            width -= 9 * PT
        box = TextBox(label, self.label_style, width)
        lines = min(2, len(box.lines))
        box.draw(painter, x, y + (h - lines * box.line_height) / 2, 0, lines)

    def _median_box(self, painter: QPainter, rect: QRectF, y: float, h: float,
                    values: list[float], colour: str) -> None:
        from lpdesk.model.statistics import Spread
        spread = Spread.of(values)
        if spread.median is None:
            return
        inset = 3 * PT
        if spread.q1 is not None and spread.q3 is not None and len(values) >= 3:
            xa, xb = self.x(rect, spread.q1), self.x(rect, spread.q3)
            fill = QColor(colour)
            fill.setAlphaF(0.10)
            painter.setBrush(fill)
            painter.setPen(_pen(colour, 0.7))
            painter.drawRoundedRect(QRectF(xa, y + inset, max(xb - xa, 0.5 * PT), h - 2 * inset),
                                    1.5 * PT, 1.5 * PT)
        xm = self.x(rect, spread.median)
        painter.setPen(_pen(QColor(colour).darker(140), 1.8))
        painter.drawLine(QPointF(xm, y + inset * 0.6), QPointF(xm, y + h - inset * 0.6))

    def _paint_swarm(self, painter: QPainter, rect: QRectF, y: float, h: float, which: str,
                     colour: str, values: list[float], swarm: list[tuple[float, int]]) -> None:
        self._median_box(painter, rect, y, h, values, colour)
        mid = y + h / 2
        step = 2 * self.r + 0.8 * PT
        for value, level in swarm:
            centre = QPointF(self.x(rect, value), mid - level * step)
            if which == "now":
                painter.setBrush(QColor("#FFFFFF"))
                painter.setPen(_pen(colour, 1.3))
            else:
                painter.setBrush(QColor(colour))
                painter.setPen(_pen("#FFFFFF", 0.6))
            painter.drawEllipse(centre, self.r, self.r)

    def _paint_hist(self, painter: QPainter, rect: QRectF, y: float, h: float, which: str,
                    colour: str, values: list[float]) -> None:
        from lpdesk.model.statistics import histogram
        bins = 50
        counts = histogram(values, bins)
        peak = max(counts) or 1
        fill = QColor(colour)
        fill.setAlphaF(0.55)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        usable = h - 6 * PT
        for i, count in enumerate(counts):
            if not count:
                continue
            xa, xb = self.x(rect, i * 100 / bins), self.x(rect, (i + 1) * 100 / bins)
            bh = usable * count / peak
            painter.drawRect(QRectF(xa + 0.3 * PT, y + h - 3 * PT - bh, xb - xa - 0.6 * PT, bh))
        self._median_box(painter, rect, y, h, values, colour)

    def _paint_arrow(self, painter: QPainter, rect: QRectF, y: float, h: float, pos: Position,
                     colour: str, agreed: bool) -> None:
        mid = y + h / 2
        r = self.r * (1.25 if agreed else 1.1)
        if pos.now is not None and pos.target is not None and abs(pos.target - pos.now) > 0.5:
            xa, xb = self.x(rect, pos.now), self.x(rect, pos.target)
            direction = 1 if xb > xa else -1
            painter.setPen(_pen(colour, 1.6 if agreed else 1.3))
            tip = xb - direction * (r + 0.5 * PT)
            painter.drawLine(QPointF(xa + direction * r, mid), QPointF(tip, mid))
            head = QPolygonF([QPointF(tip, mid), QPointF(tip - direction * 4 * PT, mid - 2.5 * PT),
                              QPointF(tip - direction * 4 * PT, mid + 2.5 * PT)])
            painter.setBrush(QColor(colour))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(head)
        for value, filled in ((pos.now, False), (pos.target, True)):
            if value is None:
                continue
            c = QPointF(self.x(rect, value), mid)
            painter.setPen(_pen(colour, 1.4))
            painter.setBrush(QColor(colour) if filled else QColor("#FFFFFF"))
            if agreed:
                painter.drawPolygon(_diamond(c, r * 1.25))
            else:
                painter.drawEllipse(c, r, r)

    def _legend_entries(self) -> list[tuple[str, float, TextBox]]:
        style = TextStyle(7.5, colour=MUTED)
        entries = [("now", 2 * self.r, tr("today (one mark per answer)")),
                   ("target", 2 * self.r, tr("target")),
                   ("median", 2 * PT, tr("median")),
                   ("iqr", 12 * PT, tr("middle half of the answers"))]
        if self.area.groups or self.area.consensus is not None:
            entries.append(("arrow", 13 * PT, tr("from today to target")))
        return [(kind, w, TextBox(label, style, 10_000)) for kind, w, label in entries]

    def _legend_lines(self) -> list[list[tuple[str, float, TextBox]]]:
        """Legend entries in lines that fit the plot's width."""
        lines: list[list[tuple[str, float, TextBox]]] = [[]]
        x, limit = 0.0, self.x1 - self.x0
        for kind, w, box in self._legend_entries():
            need = w + 3 * PT + box.natural_width
            if lines[-1] and x + need > limit:
                lines.append([])
                x = 0.0
            lines[-1].append((kind, w, box))
            x += need + 10 * PT
        return lines

    def _legend(self, painter: QPainter, rect: QRectF, y: float) -> None:
        for n, line in enumerate(self._legend_lines()):
            x = rect.left() + self.x0
            mid = y + 6 * PT + n * 12 * PT
            for kind, w, box in line:
                self._legend_glyph(painter, kind, x, mid)
                x += w + 3 * PT
                box.draw(painter, x, mid - box.line_height / 2)
                x += box.natural_width + 10 * PT

    def _legend_glyph(self, painter: QPainter, kind: str, x: float, mid: float) -> None:
        if kind == "now":
            painter.setBrush(QColor("#FFFFFF"))
            painter.setPen(_pen(NOW, 1.3))
            painter.drawEllipse(QPointF(x + self.r, mid), self.r, self.r)
        elif kind == "target":
            painter.setBrush(QColor(TARGET))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(x + self.r, mid), self.r, self.r)
        elif kind == "median":
            painter.setPen(_pen(INK, 1.8))
            painter.drawLine(QPointF(x + 1 * PT, mid - 4 * PT), QPointF(x + 1 * PT, mid + 4 * PT))
        elif kind == "iqr":
            painter.setPen(_pen(MUTED, 0.7))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(x, mid - 4 * PT, 12 * PT, 8 * PT), PT, PT)
        else:
            painter.setPen(_pen(INK, 1.2))
            painter.drawLine(QPointF(x, mid), QPointF(x + 10 * PT, mid))
            painter.setBrush(QColor(INK))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(QPolygonF([QPointF(x + 13 * PT, mid),
                                           QPointF(x + 9 * PT, mid - 2.5 * PT),
                                           QPointF(x + 9 * PT, mid + 2.5 * PT)]))


def _diamond(c: QPointF, r: float) -> QPolygonF:
    return QPolygonF([QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()),
                      QPointF(c.x(), c.y() + r), QPointF(c.x() - r, c.y())])


# -- boards ------------------------------------------------------------------------------------
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
        painter.setPen(_pen("#C3CCD5", 0.5))
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
    painter.setPen(_pen(colour, 1.3))
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
            painter.setPen(_pen("#C3CCD5", 0.5))
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
            painter.setPen(_pen(_heat(k, n).darker(135), 0.5))
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

