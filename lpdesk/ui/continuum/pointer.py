"""What the mouse does on the continuum plot: hover names, a click places, a drag moves.

The canvas (canvas.py) hands presses, moves and releases here, in the plot's units
(position, row). Hit testing is ours: a row is found by rounding, a marker within its
radius (in pixels) plus a slop. During a drag only the grabbed marker's row repaints; the
plot asks for ONE placement on release.

The pointer does not know the plot's class: it works on anything shaped like
`PointedPlot` (the few rows, the canvas and signals it reads), which ContinuumPlot is.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip

from lpdesk.content.stages import ContinuumContent
from lpdesk.model.continuum import clamp_position
from lpdesk.model.continuum_words import format_position
from lpdesk.ui.continuum.items import Row, kind_of
from lpdesk.ui.style.text import plain_tip, tips_allowed

if TYPE_CHECKING:
    from lpdesk.ui.continuum.canvas import ContinuumCanvas

HIT_SLOP_PX = 4  # a marker is hit this many pixels beyond its edge (fingers, projectors)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ContinuumPlot", text)


class PointedPlot(Protocol):
    """What the pointer needs of the plot it serves: its rows and what is selected, the
    canvas it draws on, and the two requests it may make (signals)."""

    editable: bool
    content: ContinuumContent
    rows: list[Row]
    visible_rows: set[int] | None
    selected_key: str | None
    active: str
    x_range: tuple[float, float]
    view: ContinuumCanvas
    select_requested: Any  # Signal(str, str): row key, "now"/"target"
    place_requested: Any  # Signal(str, str, float): row key, which, position

    def size_for(self, kind: str) -> float: ...


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
        px = plot.view.units_per_px() or 1.0
        row = plot.rows[i]
        best: tuple[float, str] | None = None
        for which in (plot.active, "target" if plot.active == "now" else "now"):
            x = row.get(which)
            if x is None:
                continue
            dist = abs(point.x() - x) / px
            kind = kind_of(row, which)
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
        """Row `i`'s `which` marker follows the mouse (drawn with an accent edge, the
        row under a band; the selection's halo goes meanwhile)."""
        self.grabbed = hit
        self.grab_x = None
        QToolTip.hideText()  # a stage's name must not cover the rows while dragging
        self._repaint(hit[0])

    def _repaint(self, row: int) -> None:
        """Repaint a grabbed row and the selected one (where the band and halo were)."""
        selected = getattr(self.plot, "selected_row", None)
        self.plot.view.update_rows(sorted({row} | ({selected} if selected is not None
                                                   else set())))

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
        if x is not None:  # (pressed, not moved yet: it is drawn where it was)
            self.drag_to(x)

    def drag_to(self, x: float) -> None:
        if self.grabbed is None:
            return
        i, which = self.grabbed
        self.grab_x = clamp_position(x)
        self.plot.view.update_rows([i])

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
        """Let go of the grabbed marker: it is drawn where its row says again."""
        if self.grabbed is None:
            return
        row = self.grabbed[0]
        self.grabbed, self.grab_x = None, None
        self._repaint(row)

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
        x_range = plot.x_range
        if x_range[0] <= point.x() <= x_range[1]:
            stage = plot.content.stage_at(clamp_position(point.x()))
            return f"{stage.name}: {stage.description}"
        return ""

    def hover(self, pos: QPointF) -> None:
        """The tooltip for the mouse at `pos`, a point of the canvas."""
        if self.grabbed is not None:  # dragging: the moving marker says enough
            return
        view = self.plot.view
        if not view.rows_rect().contains(pos):
            return
        text = self.hover_text(view.to_data(pos))
        if text and tips_allowed(view):
            QToolTip.showText(QCursor.pos(), plain_tip(text), self.plot.view)

