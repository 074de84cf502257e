"""The comparison chart, painted: the continuum chart's language on one page width: the
four stage bands, and per session (or group) a row with today's median (a circle) and the
target's (a square), each with its middle half as a bar, and an arrow for the move.

Its own module so that both the PDF/PNG writer (compare_pdf.py) and the HTML one
(compare.py) draw it without importing each other: it knows the report's chart only by type.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter

from lpdesk.export.palette import INK, MUTED, NOW, RULE, STAGE_TINTS, TARGET, line_pen
from lpdesk.export.text import PT, TextBox, TextStyle
from lpdesk.export.wording import tr

if TYPE_CHECKING:
    from lpdesk.export.compare import CompareChart

LABEL_W = 0.27  # share of the width for the row labels
ROW_H = 16 * PT
AXIS_H = 26 * PT
LABEL = TextStyle(8.5, colour=INK)
TICK = TextStyle(7.5, colour=MUTED)
STAGE = TextStyle(8.0, bold=True, colour=MUTED, align=Qt.AlignmentFlag.AlignHCenter)


def _one_line(text: str, style: TextStyle, width: float) -> str:
    """A row's label on its one line (the tables below give it whole)."""
    from PySide6.QtGui import QFontMetricsF

    from lpdesk.export.text import font
    metrics = QFontMetricsF(font(style.size, style.bold))
    return metrics.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, width)


def chart_height(chart: CompareChart) -> float:
    return AXIS_H + ROW_H * max(1, len(chart.rows)) + 18 * PT


def paint_chart(chart: CompareChart, painter: QPainter, rect: QRectF) -> None:
    label_w = rect.width() * LABEL_W
    x0, x1 = rect.left() + label_w, rect.right() - 6 * PT
    top = rect.top() + AXIS_H
    bottom = top + ROW_H * max(1, len(chart.rows))

    def x(value: float) -> float:
        return x0 + (x1 - x0) * value / 100.0

    for i, (name, start, end) in enumerate(chart.stages):
        band = QRectF(x(start), rect.top() + 12 * PT, x(end) - x(start),
                      bottom - rect.top() - 12 * PT)
        painter.fillRect(band, QColor(STAGE_TINTS[i % len(STAGE_TINTS)]))
        TextBox(name, STAGE, band.width()).draw(painter, band.left(), rect.top())
    painter.setPen(line_pen(RULE, 0.6))
    for value in (0, 25, 50, 75, 100):
        painter.drawLine(QPointF(x(value), top - 2 * PT), QPointF(x(value), bottom))
        TextBox(str(value), TICK, 20 * PT).draw(painter, x(value) - 3 * PT, bottom + 2 * PT)
    r = 3.6 * PT
    for n, row in enumerate(chart.rows):
        cy = top + ROW_H * (n + 0.5)
        box = TextBox(_one_line(row.label, LABEL, label_w - 6 * PT), LABEL, label_w - 6 * PT)
        box.draw(painter, rect.left(), cy - box.height / 2)
        for spread, colour, dy in ((row.now, NOW, -2.5 * PT), (row.target, TARGET, 2.5 * PT)):
            if spread.q1 is not None and spread.q3 is not None:
                painter.fillRect(QRectF(x(spread.q1), cy + dy - 1.2 * PT,
                                        max(0.8 * PT, x(spread.q3) - x(spread.q1)), 2.4 * PT),
                                 QColor(colour).lighter(160))
        now, target = row.now.median, row.target.median
        if now is not None and target is not None and abs(target - now) > 1:
            painter.setPen(line_pen(MUTED, 0.9))
            painter.drawLine(QPointF(x(now), cy), QPointF(x(target), cy))
        painter.setPen(line_pen("#FFFFFF", 0.8))
        if now is not None:
            painter.setBrush(QBrush(QColor(NOW)))
            painter.drawEllipse(QPointF(x(now), cy), r, r)
        if target is not None:
            painter.setBrush(QBrush(QColor(TARGET)))
            painter.drawRect(QRectF(x(target) - r, cy - r, 2 * r, 2 * r))
    legend = tr("\u25cf today (median)   \u25a0 target (median)   bars: middle half")
    TextBox(legend, TICK, rect.width()).draw(painter, x0, bottom + 10 * PT)


def chart_picture(chart: CompareChart, dpi: float = 200) -> QImage:
    from lpdesk.export.images import _render

    return _render(lambda p, r: paint_chart(chart, p, r), chart_height(chart), dpi,
                   chart.title)
