"""The room's distribution under the continuum: for now and for target, a histogram, the
middle half (IQR) as a shaded box and the median as a line with its value, on the same
x axis as the markers so medians line up with the stages above. The canvas paints it
(`paint`) into the strip under the rows."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from lpdesk.model.continuum_words import format_position
from lpdesk.model.statistics import Spread, histogram
from lpdesk.ui.style.theme import theme

BINS = 20  # bins of 5 points: the stage boundaries at 25/50/75 fall on bin edges
LANES = {"now": 1.0, "target": 0.0}  # y of each lane (now on top), on an axis -0.55..1.55
LOW, HIGH = -0.55, 1.55


class RoomStrip:
    """What each lane shows (bin counts and spread), and how it is painted."""

    def __init__(self) -> None:
        self.value_font = QFont()
        # per lane: (counts, (median, q1, q3)), or None for an empty lane (private vote)
        self.lanes: dict[str, tuple[tuple[int, ...], tuple[float, float, float]] | None] = {
            k: None for k in LANES}
        self.median_label: dict[str, str] = {k: "" for k in LANES}  # the value by the line

    def show(self, now: list[float] | None, target: list[float] | None,
             spreads: dict[str, Spread] | None = None) -> bool:
        """Take both lanes; None or an empty list leaves a lane empty. Says whether what
        the strip shows changed (a vote that moves no bin and no quartile changes nothing,
        which is most votes in a room of 200)."""
        changed = False
        for k, values in (("now", now), ("target", target)):
            lane = None
            if values:
                spread = (spreads or {}).get(k) or Spread.of(values)
                assert spread.median is not None and spread.q1 is not None \
                    and spread.q3 is not None
                lane = (tuple(histogram(values, BINS)), (spread.median, spread.q1, spread.q3))
            if lane != self.lanes[k]:
                self.lanes[k] = lane
                self.median_label[k] = format_position(lane[1][0]) if lane else ""
                changed = True
        return changed

    def paint(self, painter: QPainter, to_x: Callable[[float], float],
              to_y: Callable[[float], float]) -> None:
        """Both lanes, `to_x`/`to_y` mapping positions and lane units to pixels."""
        t = theme()
        width = 100.0 / BINS
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for k, lane_y in LANES.items():
            lane = self.lanes[k]
            if lane is None:
                continue
            counts, (median, q1, q3) = lane
            colour = QColor(t.now if k == "now" else t.target)
            light = QColor(colour)
            light.setAlpha(55)
            painter.setPen(QPen(colour, 1))
            painter.setBrush(light)
            painter.drawRect(_box(to_x, to_y, q1, max(0.4, q3 - q1), lane_y - 0.46, 0.92))
            top = max(counts) or 1
            painter.setPen(QPen(QColor(t.background), 1))
            painter.setBrush(colour)
            for b, count in enumerate(counts):
                if count:
                    painter.drawRect(_box(to_x, to_y, b * width, width * 0.92, lane_y - 0.42,
                                          count / top * 0.8))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            line = QPen(QColor(t.text), 3)
            line.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(line)
            x = to_x(median)
            painter.drawLine(QLineF(x, to_y(lane_y - 0.46), x, to_y(lane_y + 0.46)))
            painter.setFont(self.value_font)
            painter.setPen(QColor(t.text))
            high = QFontMetricsF(self.value_font).height()
            painter.drawText(QRectF(to_x(median + 0.8), to_y(lane_y + 0.22) - high / 2,
                                    400.0, high),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.median_label[k])
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)


def _box(to_x: Callable[[float], float], to_y: Callable[[float], float], x0: float,
         width: float, y0: float, height: float) -> QRectF:
    """A rectangle given in positions and lane units (y up), in pixels."""
    left, right = to_x(x0), to_x(x0 + width)
    top, bottom = to_y(y0 + height), to_y(y0)
    return QRectF(left, top, right - left, bottom - top)
