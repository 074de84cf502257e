"""The continuum plot's markers kept up to date row by row (issue 28: redraw what changed).

A mixin of `ContinuumPlot` (ui/continuum/plot.py), split out so the plot file stays about
building and laying out: a refresh that only moved markers shifts those points in their
scatter plots and repaints their rows; one where markers appeared or went (phones' first
votes) refills the scatter plots but keeps the rows' layout; the selection halo moves in
place. Only a refresh that changes the rows themselves (people, names, colours, the
selection, the private vote) re-lays the plot out (`ContinuumPlot._set_rows`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg

from lpdesk.ui.continuum.items import (
    AGREED,
    FEW_ROWS,
    SYMBOLS,
    Markers,
    Row,
    RowLayer,
    brush,
    pen,
)
from lpdesk.ui.style.theme import theme

if TYPE_CHECKING:
    from lpdesk.ui.continuum.pointer import PlotPointer


def _pin_bounds(scatter: pg.ScatterPlotItem) -> None:
    """Markers' x bounds cover the whole scale, 0 to 100, so a marker moving inside it
    leaves the item's bounding rect as it is: the move repaints its row, not the plot (a
    changed bounding rect repaints everything the item covered). A resize forgets the pin
    (pyqtgraph recomputes bounds from the points), and a move beyond them re-pins."""
    if len(scatter.data):
        xs = scatter.data["x"]
        scatter.bounds[0] = (min(0.0, float(np.nanmin(xs))), max(100.0, float(np.nanmax(xs))))


class MarkerLayers:
    """What keeps the markers; `ContinuumPlot` provides these attributes and `size_for`."""

    rows: list[Row]
    selected_key: str | None
    active: str
    editable: bool
    visible_rows: set[int] | None
    point_index: dict[tuple[int, str], tuple[pg.ScatterPlotItem, int]]
    scatters: dict[str, Markers]
    halo: Markers
    arrows: RowLayer
    initials: RowLayer
    pointer: PlotPointer
    _shown_as: tuple | None
    _halo_style: tuple | None

    def _move_only(self, rows: list[Row], selected: str | None, active: str,
                   private: bool) -> bool:
        """The fast path of a move: when the same rows show the same markers and only
        positions changed, shift those points instead of rebuilding every marker, and
        repaint only the rows that changed (one row for a key press, not 200). When
        markers appear or go (phones' first votes) but the rows stay, only the markers'
        scatter plots are refilled: the rows' layout, sizes and names stay."""
        if (selected, active, private) != self._shown_as or len(rows) != len(self.rows):
            return False
        if rows == self.rows:
            return True
        moved: list[tuple[int, str, float]] = []
        appeared: list[int] = []
        for i, (old, new) in enumerate(zip(self.rows, rows, strict=True)):
            if old == new:
                continue
            if (old.key, old.label, old.initials, old.colour) != (new.key, new.label,
                                                                  new.initials, new.colour):
                return False
            for which in ("now", "target"):
                before, after = old.get(which), new.get(which)
                if (before is None) != (after is None):
                    appeared.append(i)
                elif before != after:
                    moved.append((i, which, after))
        if appeared:
            self.rows = list(rows)
            self._fill_markers()
            self.pointer.hide_grabbed()  # its point was refilled: out of the plot again
            changed = sorted({*appeared, *(i for i, _which, _x in moved)})
            self.arrows.move_rows(self.rows, changed)
            self.initials.move_rows(self.rows, changed)
            return True
        touched: dict[pg.ScatterPlotItem, list[int]] = {}
        grown: set[pg.ScatterPlotItem] = set()
        for i, which, x in moved:
            found = self.point_index.get((i, which))
            if found is not None:
                scatter, index = found
                scatter.data["x"][index] = x
                touched.setdefault(scatter, []).append(i)
                bounds = scatter.bounds[0]  # pyqtgraph's cached data bounds (x)
                if bounds is None or not bounds[0] <= x <= bounds[1]:
                    grown.add(scatter)
        for scatter, indices in touched.items():
            if scatter in grown:  # its bounding rect changes: it repaints all it covers
                scatter.prepareGeometryChange()
                scatter.bounds = [None, None]
                _pin_bounds(scatter)
                scatter.update()
            elif len(indices) > FEW_ROWS:
                scatter.update()
            else:
                for i in indices:
                    scatter.update(self.arrows.row_rect(i))
        changed = sorted({i for i, _which, _x in moved})
        self.rows = list(rows)
        self.arrows.move_rows(self.rows, changed)
        self.initials.move_rows(self.rows, changed)
        self.fill_halo()
        return True

    def _fill_markers(self) -> None:
        self.point_index.clear()
        data: dict[str, tuple[list, list, list]] = {k: ([], [], []) for k in self.scatters}
        for i, row in enumerate(self.rows):
            if self.visible_rows is not None and i not in self.visible_rows:
                continue
            fill = brush(row.colour)
            for which in ("now", "target"):
                x = row.get(which)
                if x is None:
                    continue
                kind = "agreed" if row.key == AGREED else which
                xs, ys, bs = data[kind]
                self.point_index[(i, which)] = (self.scatters[kind], len(xs))
                xs.append(x)
                ys.append(i)
                bs.append(fill)
        edge = pen(theme().background, 1.5)
        for kind, (xs, ys, bs) in data.items():
            self.scatters[kind].setData(x=np.array(xs, dtype=float), y=np.array(ys, dtype=float),
                                        brush=bs, pen=edge, symbol=SYMBOLS[kind],
                                        size=self.size_for(kind))
            _pin_bounds(self.scatters[kind])
        self.fill_halo()

    def fill_halo(self) -> None:
        """The ring round the selected row's active marker (none while it is dragged)."""
        keys = [r.key for r in self.rows]
        i = keys.index(self.selected_key) if self.selected_key in keys else None
        x = None if i is None or not self.editable else self.rows[i].get(self.active)
        hidden = self.visible_rows is not None and i not in self.visible_rows
        if x is None or hidden or self.pointer.grabbed is not None:
            if len(self.halo.data):
                self.halo.setData([], [])
            return
        kind = "agreed" if self.rows[i].key == AGREED else self.active
        style = (i, kind, self.size_for(kind), theme().accent)
        if len(self.halo.data) == 1 and style == self._halo_style:
            if self.halo.data["x"][0] != x:  # the marker moved along its row: move the ring
                self.halo.prepareGeometryChange()
                self.halo.data["x"][0] = x
                self.halo.bounds = [None, None]
                self.halo.update()
            return
        self._halo_style = style
        self.halo.setData([x], [i], symbol=SYMBOLS[kind], size=self.size_for(kind) + 10,
                          brush=None, pen=pg.mkPen(theme().accent, width=3.5))
