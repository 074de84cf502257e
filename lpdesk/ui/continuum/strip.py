"""The room's distribution under the continuum: for now and for target, a histogram, the
middle half (IQR) as a shaded box and the median as a line with its value, on the same
x axis as the markers so medians line up with the stages above."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont

from lpdesk.model.continuum_words import format_position
from lpdesk.model.statistics import Spread, histogram
from lpdesk.ui.style.theme import theme

BINS = 20  # bins of 5 points: the stage boundaries at 25/50/75 fall on bin edges
LANES = {"now": 1.0, "target": 0.0}  # y of each lane (now on top)


class RoomStrip:
    """The histogram, IQR box and median of now and of target on one PlotItem."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.hist = {k: pg.BarGraphItem(x0=[], width=[], y0=[], height=[]) for k in LANES}
        self.iqr = {k: pg.BarGraphItem(x0=[], width=[], y0=[], height=[]) for k in LANES}
        self.median = {k: pg.PlotCurveItem() for k in LANES}
        self.median_text = {k: pg.TextItem(anchor=(0, 0.5)) for k in LANES}
        for k in LANES:
            for z, item in enumerate((self.iqr[k], self.hist[k], self.median[k],
                                      self.median_text[k])):
                item.setZValue(z)
                plot.addItem(item, ignoreBounds=True)
        # What each lane shows now (bin counts and spread): a vote that changes neither
        # (most of them, with a room of 200) redraws nothing here
        self._shown: dict[str, tuple | None] = {k: None for k in LANES}

    def apply_theme(self, value_font: QFont) -> None:
        t = theme()
        self._shown = {k: None for k in LANES}
        for k in LANES:
            colour = QColor(t.now if k == "now" else t.target)
            self.hist[k].setOpts(brush=colour, pen=pg.mkPen(t.background, width=1))
            light = QColor(colour)
            light.setAlpha(55)
            self.iqr[k].setOpts(brush=light, pen=pg.mkPen(colour, width=1))
            self.median[k].setPen(pg.mkPen(t.text, width=3))
            self.median_text[k].setColor(t.text)
            self.median_text[k].setFont(value_font)

    def show(self, now: list[float] | None, target: list[float] | None,
             spreads: dict[str, Spread] | None = None) -> None:
        """Draw both lanes; None or an empty list leaves a lane empty (private vote)."""
        width = 100.0 / BINS
        for k, values in (("now", now), ("target", target)):
            lane = LANES[k]
            counts = histogram(values, BINS) if values else []
            spread = ((spreads or {}).get(k) or Spread.of(values)) if values else None
            shown = (tuple(counts), spread and (spread.median, spread.q1, spread.q3))
            if shown == self._shown[k]:
                continue
            self._shown[k] = shown
            if not values:
                self.hist[k].setOpts(x0=[], width=[], y0=[], height=[])
                self.iqr[k].setOpts(x0=[], width=[], y0=[], height=[])
                self.median[k].setData([], [])
                self.median_text[k].setText("")
                continue
            counts = np.array(counts, dtype=float)
            heights = counts / counts.max() * 0.8
            keep = counts > 0
            self.hist[k].setOpts(x0=(np.arange(BINS) * width)[keep],
                                 width=np.full(keep.sum(), width * 0.92),
                                 y0=np.full(keep.sum(), lane - 0.42), height=heights[keep])
            assert spread is not None and spread.q1 is not None and spread.q3 is not None
            self.iqr[k].setOpts(x0=[spread.q1], width=[max(0.4, spread.q3 - spread.q1)],
                                y0=[lane - 0.46], height=[0.92])
            self.median[k].setData([spread.median] * 2, [lane - 0.46, lane + 0.46])
            self.median_text[k].setText(format_position(spread.median))
            self.median_text[k].setPos(spread.median + 0.8, lane + 0.22)
