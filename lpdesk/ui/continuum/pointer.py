"""What the mouse does on the continuum plot: hover names, a click places, a drag moves.

The view box is fixed (no pan or zoom) and hands clicks and drags to `PlotPointer`, which
hit-tests rows itself. During a drag only the grabbed marker (a separate one-point item)
and the arrow layers change; the plot asks for ONE placement on release.

The pointer does not know the plot's class: it works on anything shaped like
`PointedPlot` (the few rows, layers and signals it reads), which ContinuumPlot is.
"""
from __future__ import annotations

from typing import Any, Protocol

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip

from lpdesk.content.stages import ContinuumContent
from lpdesk.model.continuum import clamp_position
from lpdesk.model.continuum_words import format_position
from lpdesk.ui.continuum.items import AGREED, SYMBOLS, Markers, Row, RowLayer
from lpdesk.ui.style.text import plain_tip
from lpdesk.ui.style.theme import theme

HIT_SLOP_PX = 4  # a marker is hit this many pixels beyond its edge (fingers, projectors)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ContinuumPlot", text)


class PointedPlot(Protocol):
    """What the pointer needs of the plot it serves: its rows and what is selected, the
    layers a drag changes, and the two requests it may make (signals)."""

    editable: bool
    content: ContinuumContent
    rows: list[Row]
    visible_rows: set[int] | None
    selected_key: str | None
    active: str
    vb: pg.ViewBox
    view: Any  # the widget a tooltip belongs to
    point_index: dict[tuple[int, str], tuple[pg.ScatterPlotItem, int]]
    grabbed_item: Markers
    halo: Markers
    arrows: RowLayer
    initials: RowLayer
    select_requested: Any  # Signal(str, str): row key, "now"/"target"
    place_requested: Any  # Signal(str, str, float): row key, which, position

    def size_for(self, kind: str) -> float: ...
    def show_row_band(self, row: int) -> None: ...
    def fill_halo(self) -> None: ...


class ContinuumViewBox(pg.ViewBox):
    """A fixed view (no pan or zoom) whose clicks and drags go to the pointer."""

    def __init__(self, pointer: PlotPointer) -> None:
        super().__init__(enableMouse=False, enableMenu=False)
        self._pointer = pointer

    def mouseClickEvent(self, ev) -> None:  # noqa: N802 (pyqtgraph name)
        if ev.button() == Qt.MouseButton.LeftButton and self._pointer.plot.editable:
            ev.accept()
            self._pointer.click(self.mapToView(ev.pos()))
        else:
            ev.ignore()

    def mouseDragEvent(self, ev, axis=None) -> None:  # noqa: N802
        if ev.button() != Qt.MouseButton.LeftButton or not self._pointer.plot.editable:
            ev.ignore()
            return
        ev.accept()
        pointer = self._pointer
        if ev.isStart():
            pointer.grab(self.mapToView(ev.buttonDownPos()))
        pointer.drag_to(self.mapToView(ev.pos()).x())
        if ev.isFinish():
            pointer.drop()

    def wheelEvent(self, ev, axis=None) -> None:  # noqa: N802
        ev.ignore()


def _show_point(plot: PointedPlot, found: tuple[pg.ScatterPlotItem, int], row: int,
                visible: bool) -> None:
    """Hide (or show again) the grabbed marker in its scatter plot, repainting its row
    only (pyqtgraph's setPointsVisible repaints the whole plot)."""
    scatter, index = found
    if index < len(scatter.data):
        scatter.data["visible"][index] = visible
        scatter.update(plot.arrows.row_rect(row))


class PlotPointer:
    """Hit testing, click-to-place, drag-to-move and hover text for one plot."""

    def __init__(self, plot: PointedPlot) -> None:
        self.plot = plot
        self.grabbed: tuple[int, str] | None = None  # (row index, which) being dragged
        self.grab_x: float | None = None

    def marker_at(self, point: QPointF) -> tuple[int, str] | None:
        """The visible marker under a point in data coordinates (row index, which)."""
        plot = self.plot
        i = int(round(point.y()))
        if not 0 <= i < len(plot.rows):
            return None
        if plot.visible_rows is not None and i not in plot.visible_rows:
            return None
        px = plot.vb.viewPixelSize()[0] or 1.0
        row = plot.rows[i]
        best: tuple[float, str] | None = None
        for which in (plot.active, "target" if plot.active == "now" else "now"):
            x = row.get(which)
            if x is None:
                continue
            dist = abs(point.x() - x) / px
            kind = "agreed" if row.key == AGREED else which
            if dist <= plot.size_for(kind) / 2 + HIT_SLOP_PX and (best is None or
                                                                  dist < best[0]):
                best = (dist, which)
        return (i, best[1]) if best else None

    def row_for(self, point: QPointF) -> int | None:
        """The row under a point; off the rows, the selected row."""
        rows = self.plot.rows
        i = int(round(point.y()))
        if 0 <= i < len(rows):
            return i
        keys = [r.key for r in rows]
        return keys.index(self.plot.selected_key) if self.plot.selected_key in keys else None

    def click(self, point: QPointF) -> None:
        """On a marker: choose it. Elsewhere on a row: place that row's active marker."""
        plot = self.plot
        hit = self.marker_at(point)
        if hit is not None:
            plot.select_requested.emit(plot.rows[hit[0]].key, hit[1])
            return
        i = self.row_for(point)
        if i is not None:
            key = plot.rows[i].key
            if key != plot.selected_key:
                plot.select_requested.emit(key, plot.active)
            plot.place_requested.emit(key, plot.active, clamp_position(point.x()))

    def grab(self, point: QPointF) -> None:
        """Start a drag: the marker under the press, or (pressing on a row's empty axis) that
        row's active marker, becomes a separate item that follows the mouse."""
        plot = self.plot
        if plot.visible_rows is not None:
            return  # the private vote: a dragged marker would show where; clicks place
        hit = self.marker_at(point)
        if hit is None:
            i = self.row_for(point)
            if i is None:
                return
            hit = (i, plot.active)
        self._take(hit)

    def _take(self, hit: tuple[int, str]) -> None:
        """Row `i`'s `which` marker leaves its scatter plot for the item that follows the
        mouse."""
        plot = self.plot
        self.grabbed = hit
        QToolTip.hideText()  # a stage's name must not cover the rows while dragging
        i, which = hit
        row = plot.rows[i]
        found = plot.point_index.get(hit)
        if found is not None:
            _show_point(plot, found, i, False)
        kind = "agreed" if row.key == AGREED else which
        plot.grabbed_item.setData([0.0], [i], symbol=SYMBOLS[kind], size=plot.size_for(kind),
                                  brush=pg.mkBrush(row.colour),
                                  pen=pg.mkPen(theme().accent, width=3))
        plot.halo.setData([], [])
        plot.show_row_band(i)

    def hide_grabbed(self) -> None:
        """After the markers were refilled mid-drag, the grabbed one leaves its plot again."""
        if self.grabbed is not None:
            found = self.plot.point_index.get(self.grabbed)
            if found is not None:
                _show_point(self.plot, found, self.grabbed[0], False)

    def held(self) -> tuple[str, str, float | None] | None:
        """The drag under way as (row key, which marker, where it is now), or None."""
        if self.grabbed is None:
            return None
        i, which = self.grabbed
        rows = self.plot.rows
        return (rows[i].key, which, self.grab_x) if i < len(rows) else None

    def regrab(self, key: str, which: str, x: float | None) -> None:
        """Carry a drag across a re-render (phones' votes arriving mid-drag rebuild the
        markers): the same row's marker, found by key, stays in the facilitator's hand."""
        plot = self.plot
        keys = [r.key for r in plot.rows]
        if key not in keys or plot.visible_rows is not None:
            return  # the row went, or the private vote began: the drag ends
        i = keys.index(key)
        self._take((i, which))
        if x is not None:
            self.drag_to(x)
        elif plot.rows[i].get(which) is not None:  # pressed, not moved yet: where it was
            plot.grabbed_item.setData([plot.rows[i].get(which)], [i])

    def drag_to(self, x: float) -> None:
        if self.grabbed is None:
            return
        i, which = self.grabbed
        self.grab_x = clamp_position(x)
        plot = self.plot
        plot.grabbed_item.setData([self.grab_x], [i])
        plot.arrows.set_override((i, which, self.grab_x))
        plot.initials.set_override((i, which, self.grab_x))

    def drop(self) -> None:
        """End of a drag: ask for one placement (the page pushes one command)."""
        plot = self.plot
        if self.grabbed is None or self.grab_x is None:
            self.end_grab()
            return
        (i, which), x = self.grabbed, self.grab_x
        key = plot.rows[i].key
        self.end_grab()
        if key != plot.selected_key or which != plot.active:
            plot.select_requested.emit(key, which)
        plot.place_requested.emit(key, which, x)

    def end_grab(self) -> None:
        """Put the grabbed marker back into its scatter plot."""
        if self.grabbed is None:
            return
        plot = self.plot
        found = plot.point_index.get(self.grabbed)
        row = self.grabbed[0]
        self.grabbed, self.grab_x = None, None
        if found is not None:
            _show_point(plot, found, row, True)
        plot.grabbed_item.setData([], [])
        plot.arrows.set_override(None)
        plot.initials.set_override(None)
        plot.fill_halo()

    def hover_text(self, point: QPointF) -> str:
        """What the tooltip says at a point in data coordinates: a marker's owner and
        position, or the stage under the mouse."""
        plot = self.plot
        hit = self.marker_at(point)
        if hit is not None:
            row = plot.rows[hit[0]]
            x = row.get(hit[1])
            assert x is not None
            stage = plot.content.stage_at(x).name
            which = _tr("now") if hit[1] == "now" else _tr("target")
            return f"{row.label}: {which} {format_position(x)} ({stage})"
        x_range = plot.vb.viewRange()[0]
        if x_range[0] <= point.x() <= x_range[1]:
            stage = plot.content.stage_at(clamp_position(point.x()))
            return f"{stage.name}: {stage.description}"
        return ""

    def hover(self, scene_pos: QPointF) -> None:
        if self.grabbed is not None:  # dragging: the moving marker says enough
            return
        vb = self.plot.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return
        text = self.hover_text(vb.mapSceneToView(scene_pos))
        if text:
            QToolTip.showText(QCursor.pos(), plain_tip(text), self.plot.view)

