"""The continuum chart of an area, painted with QPainter in layout units (tenths of a point).

The same code paints on a QPdfWriter (crisp vectors in the PDF) and on a QImage (PNG and
HTML exports, the dialog's preview): the stage bands, the room's now/target distribution with
median and middle half, group and agreed positions. The boards' pictures are in
`lpdesk.export.board_chart`, the colours both use in `lpdesk.export.palette`.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF

from lpdesk.export.palette import ACCENT, INK, MUTED, NOW, STAGE_TINTS, TARGET, line_pen
from lpdesk.export.report import AreaReport, Position, Report
from lpdesk.export.text import PT, TextBox, TextStyle, font
from lpdesk.export.wording import tr

SWARM_LIMIT = 60  # more dots than this in a row: draw a histogram instead

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
                pen = line_pen("#AFC3D6", 0.6)
                pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.drawLine(QPointF(xa, band_top), QPointF(xa, band_bottom))
        # rows
        y = band_top
        for n, (kind, label, h, data) in enumerate(self.rows):
            if n:
                painter.setPen(line_pen("#FFFFFF", 0.8))
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
        painter.setPen(line_pen(MUTED, 0.8))
        painter.drawLine(QPointF(self.x(rect, 0), band_bottom),
                         QPointF(self.x(rect, 100), band_bottom))
        tick_style = TextStyle(7.5, colour=MUTED, align=Qt.AlignmentFlag.AlignHCenter)
        for v in range(0, 101, 5):
            length = 4 * PT if v % 25 == 0 else 2 * PT
            painter.setPen(line_pen(MUTED, 0.6))
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
            painter.setPen(line_pen(colour, 0.7))
            painter.drawRoundedRect(QRectF(xa, y + inset, max(xb - xa, 0.5 * PT), h - 2 * inset),
                                    1.5 * PT, 1.5 * PT)
        xm = self.x(rect, spread.median)
        painter.setPen(line_pen(QColor(colour).darker(140), 1.8))
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
                painter.setPen(line_pen(colour, 1.3))
            else:
                painter.setBrush(QColor(colour))
                painter.setPen(line_pen("#FFFFFF", 0.6))
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
            painter.setPen(line_pen(colour, 1.6 if agreed else 1.3))
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
            painter.setPen(line_pen(colour, 1.4))
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
            painter.setPen(line_pen(NOW, 1.3))
            painter.drawEllipse(QPointF(x + self.r, mid), self.r, self.r)
        elif kind == "target":
            painter.setBrush(QColor(TARGET))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(x + self.r, mid), self.r, self.r)
        elif kind == "median":
            painter.setPen(line_pen(INK, 1.8))
            painter.drawLine(QPointF(x + 1 * PT, mid - 4 * PT), QPointF(x + 1 * PT, mid + 4 * PT))
        elif kind == "iqr":
            painter.setPen(line_pen(MUTED, 0.7))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(x, mid - 4 * PT, 12 * PT, 8 * PT), PT, PT)
        else:
            painter.setPen(line_pen(INK, 1.2))
            painter.drawLine(QPointF(x, mid), QPointF(x + 10 * PT, mid))
            painter.setBrush(QColor(INK))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(QPolygonF([QPointF(x + 13 * PT, mid),
                                           QPointF(x + 9 * PT, mid - 2.5 * PT),
                                           QPointF(x + 9 * PT, mid + 2.5 * PT)]))


def _diamond(c: QPointF, r: float) -> QPolygonF:
    return QPolygonF([QPointF(c.x(), c.y() - r), QPointF(c.x() + r, c.y()),
                      QPointF(c.x(), c.y() + r), QPointF(c.x() - r, c.y())])
