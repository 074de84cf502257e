"""What the continuum's canvas draws under its markers and changes only with a new layout:
the stages' bands, names and boundaries, the axes and their ticks, the two diagonals (who
controls learning), the rule under the agreed position, the rows' names and the strip's lane
names. `paint_backdrop` draws it all once into a picture the canvas copies under each
repaint (canvas.py, `ContinuumCanvas._background`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from lpdesk.ui.style.theme import theme

if TYPE_CHECKING:
    from lpdesk.ui.continuum.canvas import ContinuumCanvas

MARGIN = (4, 4, 18, 4)  # left, top, right, bottom: room round the plot


def paint_backdrop(view: ContinuumCanvas, p: QPainter) -> None:
    rows, strip = view.rows_rect(), view.strip_rect()
    paint_stages(view, p, rows, strip)
    p.save()
    p.setClipRect(rows.adjusted(-view.name_width, 0, 0, 0))
    paint_guides(view, p, rows)
    paint_names(view, p, rows)
    p.restore()
    paint_lane_names(view, p, strip)


def paint_stages(view: ContinuumCanvas, p: QPainter, rows: QRectF, strip: QRectF) -> None:
    """The stages' bands behind the rows and the strip, their boundaries, their names
    above, and the axes' lines."""
    t = theme()
    stages = view.plot.content.stages
    fills = t.stage_fills
    both = QRectF(rows.left(), rows.top(), rows.width(), strip.bottom() - rows.top())
    p.save()
    p.setClipRect(both, Qt.ClipOperation.IntersectClip)
    for i, s in enumerate(stages):
        left, right = view.to_px(s.start), view.to_px(s.end)
        p.fillRect(QRectF(left, both.top(), right - left, both.height()),
                   QColor(fills[i % len(fills)]))
    dashed = QPen(QColor(t.grid), 1, Qt.PenStyle.DashLine)
    p.setPen(dashed)
    for s in stages[1:]:
        x = round(view.to_px(s.start)) + 0.5
        p.drawLine(QLineF(x, both.top(), x, both.bottom()))
    p.restore()
    grid = QPen(QColor(t.grid), 1)
    p.setPen(grid)
    left = round(rows.left()) - 0.5
    p.drawLine(QLineF(left, rows.top(), left, strip.bottom()))  # the names' axis
    top = round(rows.top()) - 0.5
    p.drawLine(QLineF(left, top, rows.right(), top))  # the stages' axis
    p.drawLine(QLineF(left, strip.top(), rows.right(), strip.top()))
    bottom = round(strip.bottom()) + 0.5
    p.drawLine(QLineF(left, bottom, rows.right(), bottom))  # the 0-100 axis
    p.setFont(view.stage_font)
    p.setPen(QColor(t.text))
    for s, name in zip(stages, view.stage_names, strict=False):
        left_x, right_x = view.to_px(s.start), view.to_px(s.end)
        p.drawText(QRectF(left_x, MARGIN[1], right_x - left_x, rows.top() - MARGIN[1] - 6),
                   Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, name)
    p.setFont(view.tick_font)
    metrics = QFontMetricsF(view.tick_font)
    for v in sorted({0.0, 100.0} | {s.start for s in stages}):
        x = round(view.to_px(v)) + 0.5
        p.setPen(grid)
        p.drawLine(QLineF(x, bottom, x, bottom + 5))
        text = f"{v:g}"
        w = metrics.horizontalAdvance(text)
        p.setPen(QColor(t.text))
        p.drawText(QRectF(x - w / 2 - 2, bottom + 6, w + 4, metrics.height() + 2),
                   Qt.AlignmentFlag.AlignCenter, text)

def paint_guides(view: ContinuumCanvas, p: QPainter, rows: QRectF) -> None:
    """The two diagonals (who controls learning) and the rule under the agreed
    position."""
    t = theme()
    n = view.rows_count()
    faint = QColor(t.muted_text)
    faint.setAlpha(95)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.save()
    p.setClipRect(rows, Qt.ClipOperation.IntersectClip)
    for style, (y0, y1) in ((Qt.PenStyle.DashLine, (-0.5, n - 0.5)),
                            (Qt.PenStyle.DotLine, (n - 0.5, -0.5))):
        p.setPen(QPen(faint, 2.5, style))
        p.drawLine(view.to_pixel(0.0, y0), view.to_pixel(100.0, y1))
    p.restore()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    if view.plot.has_agreed_rule():
        y = round(view.row_px(0.5)) + 0.5
        p.setPen(QPen(QColor(t.grid), 1))
        p.drawLine(QLineF(rows.left(), y, rows.right(), y))

def paint_names(view: ContinuumCanvas, p: QPainter, rows: QRectF) -> None:
    if not view.names:
        return
    p.setFont(view.name_font)
    p.setPen(QColor(theme().text))
    height = view.row_height() + 4
    right = rows.left() - 6
    for i, name in view.names:
        y = view.row_px(i)
        p.drawText(QRectF(MARGIN[0], y - height / 2, right - MARGIN[0], height),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)

def paint_lane_names(view: ContinuumCanvas, p: QPainter, strip: QRectF) -> None:
    """"Room now" and "Room target" left of the strip's lanes."""
    p.setFont(view.lane_font)
    p.setPen(QColor(theme().text))
    line = QFontMetricsF(view.lane_font).height() + 2
    for v, text in ((1.0, view.plot.tr("Room now")), (0.0, view.plot.tr("Room target"))):
        p.drawText(QRectF(MARGIN[0], view.lane_px(v) - line / 2,
                          strip.left() - 6 - MARGIN[0], line),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
