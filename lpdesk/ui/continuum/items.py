"""What the continuum draws, shared by its canvas and pointer: a row of the plot, the marker
shapes and their pictures, and the colours text takes on a marker. Plain Qt (QPainter), no
plotting library."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QPolygonF,
    QTransform,
)

AGREED = "__agreed__"  # the row key of the room's agreed (consensus) position
FEW_ROWS = 3  # up to this many changed rows repaint row by row; more repaint the rows whole


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


def kind_of(row: Row, which: str) -> str:
    """The marker's kind: its shape says now, target or the room's agreed position."""
    return "agreed" if row.key == AGREED else which


@cache
def shape(kind: str) -> QPainterPath:
    """A marker's outline one unit across, centred on (0, 0) (y down): a disc for now, a
    rounded square for target, a five-pointed star for the agreed position."""
    path = QPainterPath()
    if kind == "now":
        path.addEllipse(QRectF(-0.5, -0.5, 1.0, 1.0))
    elif kind == "target":
        path.addRoundedRect(QRectF(-0.5, -0.5, 1.0, 1.0), 0.18, 0.18)
    else:
        outer = [(0.0, -0.5), (0.4755, -0.1545), (0.2939, 0.4045), (-0.2939, 0.4045),
                 (-0.4755, -0.1545)]
        inner = [(0.1123, -0.1545), (0.1816, 0.059), (0.0, 0.191), (-0.1816, 0.059),
                 (-0.1123, -0.1545)]
        points = []
        for (ox, oy), (ix, iy) in zip(outer, inner, strict=True):
            points += [QPointF(ox, oy), QPointF(ix, iy)]
        path.addPolygon(QPolygonF(points))
        path.closeSubpath()
    return path


@cache
def brush(colour: str) -> QBrush:
    return QBrush(QColor(colour))


@cache
def pen(colour: str, width: float) -> QPen:
    return QPen(QColor(colour), width)


@cache
def text_colour_on(fill: str) -> QColor:
    """Black or white, whichever reads better on a marker of colour `fill` (WCAG luminance)."""
    c = QColor(fill)

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())
    return QColor("#000000") if (lum + 0.05) / 0.05 > 1.05 / (lum + 0.05) else QColor("#FFFFFF")


def sprite_reach(size: float) -> int:
    """Half a marker's picture: the shape, its 1.5 px edge and a pixel for smoothing."""
    return math.ceil(size / 2 + 2)


@lru_cache(maxsize=256)  # kinds x colours x the sizes a session's windows had
def sprite(kind: str, colour: str, size: float, edge: str, ratio: float) -> QPixmap:
    """A marker drawn once: its shape filled with `colour`, outlined in `edge` (the
    background, so touching markers stay apart), centred in its picture."""
    half = sprite_reach(size)
    picture = QPixmap(round(2 * half * ratio), round(2 * half * ratio))
    picture.setDevicePixelRatio(ratio)
    picture.fill(Qt.GlobalColor.transparent)
    p = QPainter(picture)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(edge), 1.5))
    p.setBrush(brush(colour))
    p.translate(half, half)
    p.drawPath(sized(kind, size))
    p.end()
    return picture


@lru_cache(maxsize=64)
def sized(kind: str, size: float) -> QPainterPath:
    """A marker's outline `size` pixels across, centred on (0, 0)."""
    return QTransform.fromScale(size, size).map(shape(kind))


def head_reach(head: float) -> tuple[int, int]:
    """An arrow head's picture: the pixel column of its tip, and half its height."""
    return math.ceil(head) + 1, math.ceil(head * 0.55) + 1


@lru_cache(maxsize=128)
def arrow_head(colour: str, head: float, direction: float, ratio: float) -> QPixmap:
    """An arrow head `head` pixels long pointing right (direction 1) or left (-1), its tip
    on the middle row of its picture: at the right edge's last pixel, or the left's."""
    reach_x, reach_y = head_reach(head)
    picture = QPixmap(round((reach_x + 1) * ratio), round(2 * reach_y * ratio))
    picture.setDevicePixelRatio(ratio)
    picture.fill(Qt.GlobalColor.transparent)
    p = QPainter(picture)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    tip = reach_x if direction > 0 else 1
    base = tip - direction * head
    half = head * 0.55
    p.fillPath(_triangle(QPointF(tip, reach_y), QPointF(base, reach_y - half),
                         QPointF(base, reach_y + half)), brush(colour))
    p.end()
    return picture


def _triangle(a: QPointF, b: QPointF, c: QPointF) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([a, b, c]))
    path.closeSubpath()
    return path
