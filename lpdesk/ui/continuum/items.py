"""Drawing pieces of the continuum plot that scatter plots cannot do in one item: the arrows
from now to target and the initials on the markers.

Each is ONE graphics item that paints every row in screen pixels, so 200 participants cost
one paint call, not 400 items. Imported only by the continuum plot (pyqtgraph is heavy).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

AGREED = "__agreed__"  # the row key of the room's agreed (consensus) position
FEW_ROWS = 3  # up to this many changed rows repaint row by row; more repaint the layer whole


def _rounded_square() -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(-0.5, -0.5, 1.0, 1.0), 0.18, 0.18)
    return path


# Marker shapes by kind: the shape says now or target, the colour says who.
SYMBOLS = {"now": "o", "target": _rounded_square(), "agreed": "star"}


@cache
def brush(colour: str) -> QBrush:
    return pg.mkBrush(colour)


@cache
def pen(colour: str, width: float) -> QPen:
    return pg.mkPen(colour, width=width)


class Markers(pg.ScatterPlotItem):
    """All markers of one kind in one item. They leave every click to the view box,
    which hit-tests rows itself."""

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph name)
        ev.ignore()


@dataclass(frozen=True)
class Row:
    """One line of the plot: a participant, a group, or the room's agreed position."""

    key: str
    label: str
    initials: str
    colour: str
    now: float | None
    target: float | None

    def get(self, which: str) -> float | None:
        return self.now if which == "now" else self.target


def text_colour_on(fill: str) -> QColor:
    """Black or white, whichever reads better on a marker of colour `fill` (WCAG luminance)."""
    c = QColor(fill)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())
    return QColor("#000000") if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else QColor("#FFFFFF")


class RowLayer(pg.GraphicsObject):
    """Paints per-row decorations (arrows or initials) in device pixels.

    `override` = (row index, which, x) replaces one marker's position while it is dragged,
    so only this cheap layer and the grabbed marker repaint during a drag."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind  # "arrows" or "initials"
        self.rows: list[Row] = []
        self.visible_rows: set[int] | None = None  # None = all rows
        self.override: tuple[int, str, float] | None = None
        self.marker_px = 20.0
        self.pen_width = 2.0
        self.font = QFont()
        self.unit_y = 0.1  # rows per screen pixel (the plot sets it when it lays rows out)
        self._colours: dict[str, QColor] = {}
        self._order: dict[str, int] = {}  # colour -> drawing order (see set_rows)
        self._text_colours: dict[str, QColor] = {}
        # paint() is told the part to repaint (exposedRect): rows outside it are skipped
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_rows(self, rows: list[Row], visible_rows: set[int] | None) -> None:
        if len(rows) != len(self.rows):
            self.prepareGeometryChange()  # the bounding rect follows the number of rows
        self.rows, self.visible_rows, self.override = rows, visible_rows, None
        # Colours are drawn in one fixed order (of their first row), whichever rows a paint
        # covers: where arrows overlap, a repainted row stacks them as a full paint does
        self._order = {}
        for row in rows:
            self._order.setdefault(row.colour, len(self._order))
        self.update()

    def move_rows(self, rows: list[Row], changed: list[int]) -> None:
        """The same rows with some markers moved: repaint only the `changed` rows (a drag
        under way, `override`, stays)."""
        self.rows = rows
        if len(changed) > FEW_ROWS:
            self.update()  # many rows (a slice of votes): one repaint, not one per row
            return
        for i in changed:
            self.update(self.row_rect(i))

    def set_override(self, override: tuple[int, str, float] | None) -> None:
        before, self.override = self.override, override
        for changed in {o[0] for o in (before, override) if o is not None}:
            self.update(self.row_rect(changed))

    def margin_px(self) -> float:
        """How far beyond its row's middle a row's drawing may reach, in pixels: half the
        largest marker (the agreed star, 1.25x) with the selection halo, and some slack."""
        return (self.marker_px * 1.25 + 10) / 2 + 6

    def row_rect(self, i: int) -> QRectF:
        """Where row `i` and everything drawn for it lie, in the plot's coordinates (the
        markers' scatter plots share them): what a change of that row repaints."""
        reach = 0.5 + self.margin_px() * self.unit_y
        return QRectF(-1000.0, i - reach, 2200.0, 2 * reach)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        return QRectF(-10.0, -3.0, 120.0, len(self.rows) + 6.0)

    def _value(self, index: int, row: Row, which: str) -> float | None:
        if self.override is not None and self.override[0] == index and \
                self.override[1] == which:
            return self.override[2]
        return row.get(which)

    def _colour(self, name: str) -> QColor:
        colour = self._colours.get(name)
        if colour is None:
            colour = self._colours[name] = QColor(name)
        return colour

    def _exposed(self, option) -> range:
        """The rows that reach into the part being repainted (one row, while a marker
        moves; all of them on a full repaint)."""
        rect = option.exposedRect if option is not None else self.boundingRect()
        # (+2 px: the cached picture repaints the exposed rect widened to whole pixels)
        reach = 0.5 + (self.margin_px() + 2) * self.unit_y
        low = max(0, math.floor(rect.top() - reach))
        return range(low, max(low, min(len(self.rows), math.ceil(rect.bottom() + reach) + 1)))

    def paint(self, painter: QPainter, option=None, *_args) -> None:
        if not self.rows:
            return
        t = painter.transform()
        sx, sy, dx, dy = t.m11(), t.m22(), t.dx(), t.dy()
        rows = self._exposed(option)
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.kind == "arrows":
            self._paint_arrows(painter, rows, sx, sy, dx, dy)
        else:
            self._paint_initials(painter, rows, sx, sy, dx, dy)
        painter.restore()

    def _paint_arrows(self, painter: QPainter, exposed: range, sx: float, sy: float,
                      dx: float, dy: float) -> None:
        """All arrows of one colour in two calls (shafts, then heads): 200 arrows cost a
        dozen draw calls, not 400."""
        radius = self.marker_px / 2
        head = max(5.0, min(14.0, self.marker_px * 0.45))
        half = head * 0.55
        shafts: dict[str, list[QLineF]] = {}
        heads: dict[str, QPainterPath] = {}
        rows = self.rows
        for i in exposed:
            row = rows[i]
            if self.visible_rows is not None and i not in self.visible_rows:
                continue
            now, target = self._value(i, row, "now"), self._value(i, row, "target")
            if now is None or target is None:
                continue
            x0, x1, y = now * sx + dx, target * sx + dx, i * sy + dy
            if abs(x1 - x0) <= 2 * radius + head * 0.6:
                continue  # markers touch: an arrow would only clutter them
            direction = 1.0 if x1 > x0 else -1.0
            start, tip = x0 + direction * radius, x1 - direction * (radius + 1)
            shafts.setdefault(row.colour, []).append(
                QLineF(start, y, tip - direction * head * 0.8, y))
            path = heads.get(row.colour)
            if path is None:
                path = heads[row.colour] = QPainterPath()
            path.addPolygon(QPolygonF([QPointF(tip, y), QPointF(tip - direction * head, y - half),
                                       QPointF(tip - direction * head, y + half)]))
        for colour_name in sorted(shafts, key=lambda c: self._order.get(c, len(self._order))):
            lines = shafts[colour_name]
            colour = self._colour(colour_name)
            pen = QPen(colour, self.pen_width)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLines(lines)
            painter.fillPath(heads[colour_name], QBrush(colour))

    def _paint_initials(self, painter: QPainter, exposed: range, sx: float, sy: float,
                        dx: float, dy: float) -> None:
        painter.setFont(self.font)
        box = self.marker_px
        rows = self.rows
        for i in exposed:
            row = rows[i]
            if self.visible_rows is not None and i not in self.visible_rows:
                continue
            colour = self._text_colours.get(row.colour)
            if colour is None:
                colour = self._text_colours[row.colour] = text_colour_on(row.colour)
            painter.setPen(colour)
            for which in ("now", "target"):
                x = self._value(i, row, which)
                if x is None or math.isnan(x):
                    continue
                rect = QRectF(x * sx + dx - box / 2, i * sy + dy - box / 2, box, box)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, row.initials)
