"""The continuum drawn with QPainter on one widget: the stage bands and names, one row per
subject (its name, now and target markers, the arrow between them, initials), the room's
agreed position, the selection's halo, and the room's strip underneath on the same x axis.

It replaces a pyqtgraph plot (issue 28): importing pyqtgraph cost ~0.6 s on a page's first
open, its plot items ~80 ms per open, and its redraws after phones' votes ~20 ms. Here a
paint walks only the rows that reach into the part repainted, so a moved marker repaints
its own row (`update_rows`), and a phones' vote that changes no bin of the strip repaints
nothing else. What only a new layout changes (stages, axes, diagonals, names) is drawn
once into a picture (backdrop.py) copied under each repaint; markers are pictures too
(items.py, `sprite`). The canvas keeps no model state of its own: it draws what its plot
(`ContinuumPlot`, plot.py) holds, and the plot's pointer (pointer.py) takes its mouse.

Coordinates: x in positions (0-100 with a margin, `plot.x_range`), y in rows (row i's
middle at i; the axis runs from -0.6 to n - 0.4 with n >= MIN_ROWS rows, top to bottom).
"""
from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QWidget

from lpdesk.ui.base.frames import IdleWork
from lpdesk.ui.continuum.backdrop import MARGIN, paint_backdrop
from lpdesk.ui.continuum.items import (
    AGREED,
    FEW_ROWS,
    Row,
    arrow_head,
    brush,
    head_reach,
    kind_of,
    sized,
    sprite,
    sprite_reach,
    text_colour_on,
)
from lpdesk.ui.continuum.strip import HIGH, LOW
from lpdesk.ui.style.theme import theme

if TYPE_CHECKING:
    from lpdesk.ui.continuum.plot import ContinuumPlot

MIN_ROWS = 8  # the rows' axis is never divided into fewer rows than this
DRAG_START_PX = 5  # a press that moves this far is a drag, not a click
WARM_MS = 4.0  # the longest turn of making pictures ahead of need
WARM_COLOURS = 24  # colours warmed at most (the palette has 12): the desk's and the room's
# pictures of that many stay within the caches of items.py (arrow heads: 128)


class ContinuumCanvas(QWidget):
    def __init__(self, plot: ContinuumPlot) -> None:
        super().__init__(plot)
        self.plot = plot
        self.setObjectName("ContinuumView")
        self.setMouseTracking(True)  # hover names
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paints every pixel
        # laid out by the plot (_fit_sizes):
        self.name_width = 120.0  # the names' column, left of the plot
        self.header = 30.0  # the stage names' band, above the rows
        self.strip_height = 118.0  # the room's strip with its 0-100 axis, under the rows
        self.axis_height = 28.0  # the 0-100 axis, the bottom of the strip
        self.names: list[tuple[int, str]] = []  # (row, name as shown): [] = a crowd, on hover
        self.stage_names: list[str] = []  # as shown (shrunk, elided if need be)
        self.stage_font = QFont()
        self.name_font = QFont()  # the rows' names (smaller for many rows)
        self.lane_font = QFont()  # the strip's "Room now" and "Room target"
        self.tick_font = QFont()
        self.initials_font = QFont()
        self.show_initials = True
        self.marker_px = 24.0
        self.pen_width = 2.5
        self._map = (0.0, 1.0, 0.0, 1.0)  # x = ox + position * sx, y = oy + row * sy
        self._press: QPointF | None = None
        self._picture = QPixmap()  # what only a new layout changes (see _background)
        self._picture_stale = True
        self._dragging = False
        # the markers' and arrow heads' pictures, made ahead of the first votes (relaid)
        self.warm = IdleWork(self, budget_ms=WARM_MS)

    # -- geometry ------------------------------------------------------------------
    def rows_count(self) -> int:
        return max(MIN_ROWS, len(self.plot.rows))

    def rows_rect(self) -> QRectF:
        """Where the rows are drawn (the plot's area above the room's strip)."""
        left, top, right, bottom = MARGIN
        x = left + self.name_width
        y = top + self.header
        return QRectF(x, y, max(1.0, self.width() - right - x),
                      max(1.0, self.height() - bottom - self.strip_height - y))

    def strip_rect(self) -> QRectF:
        """The room's two lanes (without the 0-100 axis under them)."""
        rows = self.rows_rect()
        return QRectF(rows.left(), rows.bottom(), rows.width(),
                      max(1.0, self.strip_height - self.axis_height))

    def relaid(self) -> None:
        """The plot changed the layout (sizes, x range, number of rows): map anew."""
        rect = self.rows_rect()
        low, high = self.plot.x_range
        sx, sy = rect.width() / (high - low), rect.height() / self.rows_count()
        self._map = (rect.left() - low * sx, sx, rect.top() + 0.6 * sy, sy)
        self._picture_stale = True
        self.update()
        # The markers' and arrow heads' pictures of every row's colour at this layout's
        # sizes, made before the first votes need them, in turns of at most WARM_MS: the
        # first slice of a room's votes painted every colour's pictures at once (and
        # PySide made its enums on first touch), a 9 ms paint in a stall of 25 ms; now
        # that paint only copies them.
        self.warm.start(partial(make, *args) for make, args in self._pictures_wanted())

    def _pictures_wanted(self) -> list[tuple]:
        plot = self.plot
        ratio = self.devicePixelRatioF()
        edge = theme().background
        head = self.head_px()
        wanted: list[tuple] = []
        for colour in list(plot.colour_order)[:WARM_COLOURS]:
            for kind in ("now", "target"):
                wanted.append((sprite, (kind, colour, plot.size_for(kind), edge, ratio)))
            for direction in (1.0, -1.0):
                wanted.append((arrow_head, (colour, head, direction, ratio)))
        agreed = next((row.colour for row in plot.rows if row.key == AGREED), None)
        if agreed is not None:
            wanted.append((sprite, ("agreed", agreed, plot.size_for("agreed"), edge, ratio)))
        return wanted  # the first rows' colours first

    def to_px(self, x: float) -> float:
        ox, sx, _oy, _sy = self._map
        return ox + x * sx

    def row_px(self, row: float) -> float:
        _ox, _sx, oy, sy = self._map
        return oy + row * sy

    def to_pixel(self, x: float, row: float) -> QPointF:
        """Where position `x` on row `row` is on the canvas."""
        return QPointF(self.to_px(x), self.row_px(row))

    def to_data(self, point: QPointF) -> QPointF:
        """The position (x) and row (y, fractional) at a point of the canvas."""
        rect = self.rows_rect()
        low, high = self.plot.x_range
        return QPointF(low + (point.x() - rect.left()) * (high - low) / rect.width(),
                       (point.y() - rect.top()) * self.rows_count() / rect.height() - 0.6)

    def units_per_px(self) -> float:
        low, high = self.plot.x_range
        return (high - low) / self.rows_rect().width()

    def row_height(self) -> float:
        return self._map[3]

    def head_px(self) -> float:
        """An arrow head's length at this layout's marker size."""
        return max(5.0, min(14.0, self.marker_px * 0.45))

    def reach_px(self) -> float:
        """How far beyond its row's middle a row's drawing may reach, in pixels: half a row,
        or half the largest marker (the agreed star, 1.25x) with the selection halo."""
        return max(self.row_height() / 2 + 1, (self.marker_px * 1.25 + 10) / 2 + 4)

    def row_rect(self, i: int) -> QRect:
        """What a change of row `i` repaints: the row and all drawn for it, full width."""
        y, reach = self.row_px(i), self.reach_px()
        return QRectF(0.0, y - reach, self.width(), 2 * reach).toAlignedRect()

    def rows_reaching(self, rect: QRect) -> range:
        """The rows whose drawing reaches into `rect` (one row for a moved marker)."""
        n = len(self.plot.rows)
        if n == 0:
            return range(0)
        reach = self.reach_px()
        _ox, _sx, oy, sy = self._map
        first = math.floor((rect.top() - reach - oy) / sy)
        last = math.ceil((rect.bottom() + 1 + reach - oy) / sy) + 1
        return range(max(0, first), max(0, min(n, last)))

    def update_rows(self, rows: list[int]) -> None:
        if len(rows) > FEW_ROWS:  # a slice of votes: one repaint of the rows, not one each
            self.update(self.rows_rect().adjusted(-self.name_width, -6, 0, 6).toAlignedRect())
            return
        for i in rows:
            self.update(self.row_rect(i))

    def update_strip(self) -> None:
        self.update(self.strip_rect().adjusted(-self.name_width, 0, 0, 0).toAlignedRect())

    # -- what is drawn ---------------------------------------------------------------
    def dragged(self) -> tuple[int, str, float] | None:
        """The marker in the facilitator's hand: (row, which, where it is drawn)."""
        grabbed = self.plot.pointer.grabbed
        if grabbed is None:
            return None
        i, which = grabbed
        x = self.plot.pointer.grab_x
        if x is None:
            x = self.plot.rows[i].get(which)
        return None if x is None else (i, which, x)

    def markers(self, kind: str, rows: range | None = None) -> list[tuple[int, float]]:
        """The markers of a kind ("now", "target", "agreed") drawn in their rows, as
        (row, position): not those of the private vote, nor the one being dragged."""
        return self._markers(rows if rows is not None else range(len(self.plot.rows)))[kind]

    def _markers(self, rows: range) -> dict[str, list[tuple[int, float]]]:
        plot = self.plot
        visible, grabbed = plot.visible_rows, plot.pointer.grabbed
        found: dict[str, list[tuple[int, float]]] = {"now": [], "target": [], "agreed": []}
        now, target, agreed = found["now"], found["target"], found["agreed"]
        all_rows = plot.rows
        for i in rows:
            if visible is not None and i not in visible:
                continue
            row = all_rows[i]
            if row.now is not None and grabbed != (i, "now"):
                (agreed if row.key == AGREED else now).append((i, row.now))
            if row.target is not None and grabbed != (i, "target"):
                (agreed if row.key == AGREED else target).append((i, row.target))
        return found

    def halo(self) -> tuple[int, str, float] | None:
        """The ring round the selected row's active marker, as (row, kind, position); none
        while it is dragged, in the room's view, or in the private vote."""
        plot = self.plot
        i = plot.selected_row
        if i is None or not plot.editable or plot.pointer.grabbed is not None:
            return None
        if plot.visible_rows is not None and i not in plot.visible_rows:
            return None
        x = plot.rows[i].get(plot.active)
        return None if x is None else (i, kind_of(plot.rows[i], plot.active), x)

    def band_row(self) -> int | None:
        """The row under a light band: the one being dragged, else the selected one."""
        grabbed = self.plot.pointer.grabbed
        if grabbed is not None:
            return grabbed[0]
        return self.plot.selected_row if self.plot.editable else None

    def _position(self, i: int, row: Row, which: str,
                  dragged: tuple[int, str, float] | None) -> float | None:
        if dragged is not None and dragged[0] == i and dragged[1] == which:
            return dragged[2]
        return row.get(which)

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt name)
        """Each part of the repainted region on its own: a moved marker's row and the
        strip under the rows are two small parts, not the rows between them."""
        parts = list(event.region())
        if len(parts) > 6:  # many rows at once: one pass over what they span
            parts = [event.rect()]
        p = QPainter(self)
        for area in parts:
            p.save()
            p.setClipRect(area)
            self._paint_area(p, area)
            p.restore()
        p.end()

    def _paint_area(self, p: QPainter, area: QRect) -> None:
        """What does not move (stages, axes, diagonals, names) is copied from a picture
        made once per layout; the band, arrows, markers and the strip are drawn on it."""
        p.drawPixmap(area, self._background(), self._background_part(area))
        rows_rect, strip = self.rows_rect(), self.strip_rect()
        if area.top() <= rows_rect.bottom() + self.reach_px():
            exposed = self.rows_reaching(area)
            p.save()
            p.setClipRect(rows_rect.adjusted(-self.name_width, 0, 0, 0),
                          Qt.ClipOperation.IntersectClip)
            self._paint_band(p, rows_rect)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint_arrows(p, exposed)
            self._paint_markers(p, exposed)
            if self.show_initials:
                self._paint_initials(p, exposed)
            p.restore()
        if area.bottom() >= strip.top() - 1:
            p.save()
            p.setClipRect(strip.adjusted(1, 1, 0, 0), Qt.ClipOperation.IntersectClip)
            top, unit = strip.top(), strip.height() / (HIGH - LOW)
            self.plot.strip.paint(p, self.to_px, lambda v: top + (HIGH - v) * unit)
            p.restore()

    def _background_part(self, area: QRect) -> QRect:
        ratio = self._picture.devicePixelRatio()
        return QRect(round(area.x() * ratio), round(area.y() * ratio),
                     round(area.width() * ratio), round(area.height() * ratio))

    def _background(self) -> QPixmap:
        """The picture of what only a new layout changes, made on first need."""
        if self._picture_stale:
            ratio = self.devicePixelRatioF()
            picture = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(QColor(theme().background))
            p = QPainter(picture)
            paint_backdrop(self, p)
            p.end()
            self._picture, self._picture_stale = picture, False
        return self._picture

    def _paint_band(self, p: QPainter, rows: QRectF) -> None:
        """The light band under the selected (or dragged) row."""
        band = self.band_row()
        if band is None:
            return
        t = theme()
        colour = QColor(t.accent)
        colour.setAlpha(22)
        top, bottom = self.row_px(band - 0.5), self.row_px(band + 0.5)
        p.setPen(QPen(QColor(t.accent), 1.5))
        p.setBrush(colour)
        p.drawRect(QRectF(rows.left() + 0.75, top, rows.width() - 1.5, bottom - top))
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_arrows(self, p: QPainter, exposed: range) -> None:
        """From now to target, one colour at a time: the shafts in one call, the heads
        copied from a picture made once per colour, size and direction."""
        plot = self.plot
        radius = self.marker_px / 2
        head = self.head_px()
        ratio = self.devicePixelRatioF()
        ox, sx, oy, sy = self._map
        shafts: dict[str, list[QLineF]] = {}
        heads: dict[str, list[tuple[float, float, float]]] = {}
        dragged = self.dragged()
        visible = plot.visible_rows
        all_rows = plot.rows
        shortest = 2 * radius + head * 0.6  # markers touch: an arrow would only clutter them
        for i in exposed:
            if visible is not None and i not in visible:
                continue
            row = all_rows[i]
            now, target = row.now, row.target
            if dragged is not None and dragged[0] == i:
                now, target = (dragged[2], target) if dragged[1] == "now" else (now, dragged[2])
            if now is None or target is None:
                continue
            x0, x1 = ox + now * sx, ox + target * sx
            if abs(x1 - x0) <= shortest:
                continue
            direction = 1.0 if x1 > x0 else -1.0
            y = round(oy + i * sy)
            tip = round(x1 - direction * (radius + 1))
            shafts.setdefault(row.colour, []).append(
                QLineF(x0 + direction * radius, y, tip - direction * head * 0.8, y))
            heads.setdefault(row.colour, []).append((tip, y, direction))
        order = self.plot.colour_order  # fixed, whichever rows a paint covers: where arrows
        # overlap, a row repainted alone stacks them as a whole paint does
        for colour in sorted(shafts, key=lambda c: order.get(c, len(order))):
            line = QPen(QColor(colour), self.pen_width)
            line.setCapStyle(Qt.PenCapStyle.FlatCap)
            p.setPen(line)
            p.drawLines(shafts[colour])
            for direction in (1.0, -1.0):
                picture = arrow_head(colour, head, direction, ratio)
                reach_x, reach_y = head_reach(head)
                for tip, y, d in heads[colour]:
                    if d == direction:
                        p.drawPixmap(QPointF(tip - reach_x if d > 0 else tip - 1,
                                             y - reach_y), picture)

    def centre(self, x: float, row: int, kind: str) -> QPointF:
        """Where a marker's middle is drawn: its picture sits on whole pixels."""
        half = sprite_reach(self.plot.size_for(kind))
        ox, sx, oy, sy = self._map
        return QPointF(round(ox + x * sx - half) + half, round(oy + row * sy - half) + half)

    def _marker(self, p: QPainter, kind: str, centre: QPointF, size: float) -> None:
        p.translate(centre)
        p.drawPath(sized(kind, size))
        p.translate(-centre)

    def _paint_markers(self, p: QPainter, exposed: range) -> None:
        """Each marker is a picture made once per kind, colour and size, copied to its
        place (on whole pixels): 400 markers cost 400 copies, not 400 shapes drawn."""
        plot = self.plot
        ratio = self.devicePixelRatioF()
        edge = theme().background
        ox, sx, oy, sy = self._map
        rows = plot.rows
        for kind in ("now", "target", "agreed"):
            size = plot.size_for(kind)
            half = sprite_reach(size)
            for i, x in self.markers(kind, exposed):
                p.drawPixmap(QPointF(round(ox + x * sx - half), round(oy + i * sy - half)),
                             sprite(kind, rows[i].colour, size, edge, ratio))
        halo = self.halo()
        if halo is not None and halo[0] in exposed:
            i, kind, x = halo
            p.setPen(QPen(QColor(theme().accent), 3.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            self._marker(p, kind, self.centre(x, i, kind), plot.size_for(kind) + 10)
        dragged = self.dragged()
        if dragged is not None and dragged[0] in exposed:
            i, which, x = dragged
            row = plot.rows[i]
            kind = kind_of(row, which)
            p.setPen(QPen(QColor(theme().accent), 3))
            p.setBrush(brush(row.colour))
            self._marker(p, kind, self.centre(x, i, kind), plot.size_for(kind))

    def _paint_initials(self, p: QPainter, exposed: range) -> None:
        plot = self.plot
        p.setFont(self.initials_font)
        box = self.marker_px
        dragged = self.dragged()
        visible = plot.visible_rows
        for i in exposed:
            if visible is not None and i not in visible:
                continue
            row = plot.rows[i]
            if not row.initials:
                continue
            p.setPen(text_colour_on(row.colour))
            for which in ("now", "target"):
                x = self._position(i, row, which, dragged)
                if x is not None:
                    centre = self.centre(x, i, kind_of(row, which))
                    p.drawText(QRectF(centre.x() - box / 2, centre.y() - box / 2, box, box),
                               Qt.AlignmentFlag.AlignCenter, row.initials)

    def lane_px(self, v: float) -> float:
        """Where a lane's unit (now at 1, target at 0) is, in the strip."""
        strip = self.strip_rect()
        return strip.top() + (HIGH - v) / (HIGH - LOW) * strip.height()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.plot._fit_sizes()

    # -- the mouse (the pointer decides; see pointer.py) --------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt name)
        if event.button() != Qt.MouseButton.LeftButton or not self.plot.editable:
            event.ignore()
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._press, self._dragging = event.position(), False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._press is None:
            self.plot.pointer.hover(pos)
            return
        pointer = self.plot.pointer
        if not self._dragging:
            if (pos - self._press).manhattanLength() < DRAG_START_PX:
                return
            self._dragging = True
            pointer.grab(self.to_data(self._press))
        pointer.drag_to(self.to_data(pos).x())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        pointer = self.plot.pointer
        if self._dragging:
            pointer.drag_to(self.to_data(event.position()).x())
            pointer.drop()
        else:
            pointer.click(self.to_data(event.position()))
        self._press, self._dragging = None, False

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if self._press is not None and not QApplication.mouseButtons():
            self._press, self._dragging = None, False
