"""The continuum as the room sees it: stage bands, one row per participant (or group) with
a now marker, a target marker and an arrow between them, the room's agreed position, and
the room's distribution underneath on the same axis.

One row per subject keeps markers apart and lets the left axis name everyone: with 12 people
markers are large with initials inside; with 200 they shrink to dots (names on hover) and
the distribution strip carries the picture. All markers of a kind are ONE ScatterPlotItem;
only a grabbed marker is a separate item, so a drag repaints cheaply. The plot never edits
the model: it asks, by signals, and the page pushes the commands.
"""
from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from lpdesk.content.stages import continuum_content
from lpdesk.model.statistics import Spread
from lpdesk.ui.continuum.items import AGREED, SYMBOLS, Markers, Row, RowLayer
from lpdesk.ui.continuum.markers import MarkerLayers
from lpdesk.ui.continuum.pointer import ContinuumViewBox, PlotPointer
from lpdesk.ui.continuum.strip import RoomStrip
from lpdesk.ui.continuum.summary import room_text_scale
from lpdesk.ui.style.theme import theme

X_MIN, X_MAX = -2.5, 102.5  # the least room beside 0 and 100 (see _fit_x_range)
MIN_ROWS = 8  # the plot is never divided into fewer rows than this
NAMED_ROWS = 45  # up to this many rows keep their names on the axis (the page scrolls)
NAME_SHARE = 0.28  # of the plot's width, at most, for the names before they elide


def _font(base: QFont, points: float, bold: bool = False, zoom: float = 1.0) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points * room_text_scale(zoom))
    font.setBold(bold)
    return font


class ContinuumPlot(MarkerLayers, QWidget):
    """Renders rows given by the page; asks for placements through signals."""

    place_requested = Signal(str, str, float)  # row key, "now"/"target", position
    select_requested = Signal(str, str)  # row key, "now"/"target"

    def __init__(self, parent: QWidget | None = None, editable: bool = True) -> None:
        super().__init__(parent)
        self.editable = editable
        self.content = continuum_content()
        self.rows: list[Row] = []
        self.selected_key: str | None = None
        self.active = "now"
        self.visible_rows: set[int] | None = None  # private vote: rows whose markers show
        self.marker_px = 24.0
        self.zoom = 1.0  # the page grows text with its size, so a big screen stays legible
        self.point_index: dict[tuple[int, str], tuple[pg.ScatterPlotItem, int]] = {}
        self._shown_as: tuple | None = None  # (selected, active, private) last shown
        self._halo_style: tuple | None = None  # (row, kind, size, colour) of the halo drawn
        self._styled: tuple | None = None  # (theme, zoom, scale, font) apply_theme last used
        self.x_range = (X_MIN, X_MAX)  # widened so a marker (and its halo) at 0 or 100 is whole
        self._build()
        self.apply_theme()

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.legend = QLabel()
        self.legend.setObjectName("ContinuumLegend")
        self.legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.legend.setWordWrap(True)  # a narrow window wraps it instead of growing
        layout.addWidget(self.legend)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setObjectName("ContinuumView")
        self.view.setAccessibleName(self.tr("Learner Power continuum"))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.editable
                                 else Qt.FocusPolicy.NoFocus)
        self.view.ci.setContentsMargins(4, 4, 18, 4)
        self.view.ci.setSpacing(0)
        layout.addWidget(self.view, 1)
        ends = QHBoxLayout()
        self.left_end = QLabel("\u25C0 " + self.content.left_label)
        self.right_end = QLabel(self.content.right_label + " \u25B6")
        self.right_end.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.left_end.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for label in (self.left_end, self.right_end):
            label.setWordWrap(True)  # two lines on a narrow plot rather than overlapping
            ends.addWidget(label, 1)
        ends.setContentsMargins(0, 0, 18, 0)
        self.ends_layout = ends
        layout.addLayout(ends)

        self.pointer = PlotPointer(self)
        self.vb = ContinuumViewBox(self.pointer)
        self.main = self.view.addPlot(row=0, col=0, viewBox=self.vb)
        self.dist = self.view.addPlot(row=1, col=0)
        for plot in (self.main, self.dist):
            plot.hideButtons()
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(False, False)
            plot.vb.setMouseEnabled(False, False)
            for name in ("left", "bottom", "top", "right"):  # stage names and percentages:
                plot.getAxis(name).enableAutoSIPrefix(False)  # no label re-made per range
            plot.vb.setXRange(X_MIN, X_MAX, padding=0)
        self.dist.setXLink(self.main)
        self.vb.invertY(True)
        self.main.showAxis("top")
        self.main.hideAxis("bottom")
        self.main.getAxis("top").setTicks([[(s.middle, s.name) for s in self.content.stages]])
        self.dist.getAxis("bottom").setTicks(
            [[(v, f"{v:g}") for v in sorted({0.0, 100.0} | {s.start for s in
                                                            self.content.stages})]])
        self.dist.vb.setYRange(-0.55, 1.55, padding=0)
        self.dist.getAxis("left").setTicks([[(1.0, self.tr("Room now")),
                                             (0.0, self.tr("Room target"))]])

        self.bands: list[QGraphicsRectItem] = []
        for plot in (self.main, self.dist):
            for stage in self.content.stages:
                band = QGraphicsRectItem(QRectF(stage.start, -1e4, stage.end - stage.start,
                                                2e4))
                band.setZValue(-100)
                plot.addItem(band, ignoreBounds=True)
                self.bands.append(band)
        self.boundaries = [pg.InfiniteLine(s.start, angle=90, movable=False)
                           for s in self.content.stages[1:]
                           for _plot in (self.main, self.dist)]
        for i, line in enumerate(self.boundaries):
            (self.main if i % 2 == 0 else self.dist).addItem(line, ignoreBounds=True)
            line.setZValue(-90)
        # Qt's own line items: painted in C++, no Python paint per repaint
        self.org_line = QGraphicsLineItem()
        self.learner_line = QGraphicsLineItem()
        for line in (self.org_line, self.learner_line):
            line.setZValue(-80)
            self.main.addItem(line, ignoreBounds=True)
        self.row_band = QGraphicsRectItem()
        self.row_band.setZValue(-70)
        self.main.addItem(self.row_band, ignoreBounds=True)
        self.agreed_rule = pg.InfiniteLine(0.5, angle=0, movable=False)
        self.agreed_rule.setZValue(-60)
        self.main.addItem(self.agreed_rule, ignoreBounds=True)

        self.arrows = RowLayer("arrows")
        self.arrows.setZValue(10)
        self.scatters = {kind: Markers(pxMode=True, symbol=SYMBOLS[kind])
                         for kind in ("now", "target", "agreed")}
        for z, scatter in enumerate(self.scatters.values()):
            scatter.setZValue(20 + z)
        self.halo = Markers(pxMode=True)
        self.halo.setZValue(30)
        self.grabbed_item = Markers(pxMode=True)
        self.grabbed_item.setZValue(40)
        self.initials = RowLayer("initials")
        self.initials.setZValue(50)
        for item in (self.arrows, *self.scatters.values(), self.halo, self.grabbed_item,
                     self.initials):
            self.main.addItem(item, ignoreBounds=True)
        # The row layers keep their last picture as a pixmap on the screen: a repaint
        # around them (the halo, the room's strip, a tooltip) copies it, and a moved marker
        # repaints its own row into it (RowLayer.move_rows), not 200 rows. (Not the
        # markers' scatter plots: their pixmap markers, drawn into a cache whose origin
        # moved with their bounds, can land a pixel off the arrows and initials.)
        for item in (self.arrows, self.initials):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

        self.strip = RoomStrip(self.dist)
        self.vb.sigResized.connect(self._fit_sizes)
        self.view.scene().sigMouseMoved.connect(self.pointer.hover)

    # -- theme ---------------------------------------------------------------------
    def apply_theme(self) -> None:
        """Colours and fonts from the current theme (also after a theme or scale change)."""
        t = theme()
        styled = (t, self.zoom, room_text_scale(self.zoom), self.font().key())
        if styled == self._styled:  # e.g. the page applying the theme the plot was built in
            return
        self._styled = styled
        self._shown_as = None  # markers take the new colours on the next set_rows
        self.view.setBackground(t.background)
        base = self.font()
        z = self.zoom
        self.tick_font = _font(base, 12, zoom=z)
        self.name_font = _font(base, 13, zoom=z)
        self.stage_font = _font(base, 17, bold=True, zoom=z)
        for plot in (self.main, self.dist):
            for name in ("left", "bottom", "top"):
                axis = plot.getAxis(name)
                axis.setPen(pg.mkPen(t.grid))
                axis.setTextPen(pg.mkPen(t.text))
                axis.setTickFont(self.name_font if name == "left" else self.tick_font)
        top = self.main.getAxis("top")
        top.setTickFont(self.stage_font)
        top.setStyle(tickLength=0, tickTextOffset=6)
        top.setHeight(QFontMetrics(self.stage_font).height() + 14)
        self.dist.getAxis("bottom").setHeight(QFontMetrics(self.tick_font).height() + 14)
        self.dist.getAxis("bottom").setStyle(hideOverlappingLabels=40)  # keep "100" whole
        self.main.getAxis("left").setStyle(tickLength=0)
        self.dist.getAxis("left").setStyle(tickLength=0)
        self._fit_distribution_height()
        fills = t.stage_fills
        for i, band in enumerate(self.bands):
            band.setBrush(QColor(fills[i % len(self.content.stages) % len(fills)]))
            band.setPen(QPen(Qt.PenStyle.NoPen))
        for line in self.boundaries:
            line.setPen(pg.mkPen(t.grid, width=1, style=Qt.PenStyle.DashLine))
        faint = QColor(t.muted_text)
        faint.setAlpha(95)
        self.org_line.setPen(pg.mkPen(faint, width=2.5, style=Qt.PenStyle.DashLine))
        self.learner_line.setPen(pg.mkPen(faint, width=2.5, style=Qt.PenStyle.DotLine))
        band = QColor(t.accent)
        band.setAlpha(22)
        self.row_band.setBrush(band)
        edge = QPen(QColor(t.accent), 1.5)
        edge.setCosmetic(True)
        self.row_band.setPen(edge)
        self.agreed_rule.setPen(pg.mkPen(t.grid, width=1))
        self.strip.apply_theme(_font(base, 11, bold=True, zoom=z))
        self.initials.font = _font(base, 10, bold=True)
        for label in (self.left_end, self.right_end):
            label.setFont(_font(base, 13, bold=True, zoom=z))
            label.setStyleSheet(f"color: {t.text};")
        self.legend.setFont(_font(base, 12, zoom=z))
        self._fill_legend()
        self._fit_sizes()

    def _fill_legend(self) -> None:
        t = theme()
        items = [
            (t.text, "\u25CF", self.tr("now")),
            (t.text, "\u25A0", self.tr("target")),
            (t.consensus, "\u2605", self.tr("agreed")),
            (t.muted_text, "\u2572", self.tr("organisation's control")),
            (t.muted_text, "\u2571", self.tr("learner's control")),
        ]
        self.legend.setText("&nbsp;&nbsp; ".join(
            f"<span style='color:{c}'>{sym}</span>&nbsp;{html.escape(text).replace(' ', '&nbsp;')}"
            for c, sym, text in items))
        self.legend.setStyleSheet(f"color: {t.text};")

    def set_editable(self, on: bool) -> None:
        """Presentation mode places markers on the room's own plot."""
        self.editable = on
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus if on else Qt.FocusPolicy.NoFocus)
        self._shown_as = None  # the next set_rows redraws the selection

    def set_zoom(self, zoom: float) -> None:
        if abs(zoom - self.zoom) > 0.01:
            self.zoom = zoom
            self.apply_theme()

    # -- data ------------------------------------------------------------------------
    def set_rows(self, rows: list[Row], *, selected: str | None = None, active: str = "now",
                 private: bool = False) -> None:
        """Show these rows (top to bottom). With `private`, the private vote: every row
        keeps its name but no marker shows, not even the selected row's (a mirrored
        screen shows the facilitator's window to the room); a click still places."""
        if self._move_only(rows, selected, active, private):
            return  # markers shifted where they are; a drag under way stays in hand
        held = self.pointer.held()
        self.pointer.end_grab()
        try:
            self._set_rows(rows, selected, active, private)
        finally:
            if held is not None:  # a facilitator's drag survives votes arriving meanwhile
                self.pointer.regrab(*held)

    def _set_rows(self, rows: list[Row], selected: str | None, active: str,
                  private: bool) -> None:
        self._shown_as = (selected, active, private)
        self.rows = list(rows)
        self.selected_key, self.active = selected, active
        keys = [r.key for r in self.rows]
        sel = keys.index(selected) if selected in keys else None
        self.visible_rows = set() if private else None
        n = max(MIN_ROWS, len(self.rows))  # a few rows stay row-sized, at the top
        self.vb.setRange(xRange=self.x_range, yRange=(-0.6, n - 0.4), padding=0)
        self.org_line.setLine(QLineF(0.0, -0.5, 100.0, n - 0.5))
        self.learner_line.setLine(QLineF(0.0, n - 0.5, 100.0, -0.5))
        has_agreed = bool(self.rows) and self.rows[0].key == AGREED
        self.agreed_rule.setVisible(has_agreed and len(self.rows) > 1)
        if sel is None:
            self.row_band.setVisible(False)
        else:
            self.show_row_band(sel)
            self.row_band.setVisible(self.editable)
        self.arrows.set_rows(self.rows, self.visible_rows)
        self.initials.set_rows(self.rows, self.visible_rows)
        self._fill_markers()
        self._fit_sizes()

    def size_for(self, kind: str) -> float:
        return self.marker_px * (1.25 if kind == "agreed" else 1.0)

    def _fit_sizes(self, *_args) -> None:
        """Marker size, initials and names follow the height of a row on screen."""
        n = max(MIN_ROWS, len(self.rows))
        row_px = max(1.0, self.vb.height() / (n + 0.2))
        scale = room_text_scale(self.zoom)
        self.marker_px = float(min(34.0 * scale, max(6.0, row_px * 0.74)))
        show_initials = self.marker_px >= 17
        self.initials.setVisible(show_initials)
        self.initials.font.setPixelSize(max(8, int(self.marker_px * 0.42)))
        self.arrows.marker_px = self.initials.marker_px = self.marker_px
        self.arrows.unit_y = self.initials.unit_y = (n + 0.2) / max(1.0, self.vb.height())
        self.arrows.pen_width = 2.5 if self.marker_px >= 12 else 1.2
        for kind, scatter in self.scatters.items():
            # (setSize re-renders every marker's pixmap: only when the size changes)
            if len(scatter.data) and scatter.data["size"][0] != self.size_for(kind):
                scatter.setSize(self.size_for(kind))
        self.fill_halo()
        self._fit_x_range()
        self._fit_distribution_height()
        self._fit_stage_names()
        left = self.main.getAxis("left")
        names = QFont(self.name_font)  # shrink names to the row height, down to 9 pt
        while QFontMetrics(names).height() > row_px * 1.05 and names.pointSizeF() > 9:
            names.setPointSizeF(names.pointSizeF() - 0.5)
        if QFontMetrics(names).height() <= row_px * 1.05:
            left.setTickFont(names)
            metrics = QFontMetrics(names)
            # A long name (a phone may send 60 characters) elides: the chart keeps its share
            width = int(min(260 * scale, NAME_SHARE * max(200, self.view.width()),
                            max([metrics.horizontalAdvance(r.label)
                                 for r in self.rows] + [60])))
            left.setTicks([[(i, metrics.elidedText(r.label, Qt.TextElideMode.ElideRight,
                                                    width + 4)) for i, r in enumerate(self.rows)]])
        else:
            width = int(120 * scale)
            left.setTicks([[]])
        room = QFontMetrics(self.name_font).horizontalAdvance(self.tr("Room target"))
        width = max(width, room) + 14
        left.setWidth(width)
        self.dist.getAxis("left").setWidth(width)
        self.ends_layout.setContentsMargins(width, 0, 18, 0)
        self.arrows.update()
        self.initials.update()

    def _fit_x_range(self) -> None:
        """Room beside 0 and 100 for half the largest marker with its halo: markers are sized
        in pixels, so the margin in positions depends on the plot's width."""
        half = (self.size_for("agreed") + 10) / 2 + 2
        width = self.vb.width()
        pad = X_MAX - 100.0
        if width > 4 * half:
            pad = max(pad, half * 100.0 / (width - 2 * half))
        wanted = (-pad, 100.0 + pad)
        if any(abs(a - b) > 1e-6 for a, b in zip(wanted, self.x_range, strict=True)):
            self.x_range = wanted
            self.vb.setXRange(*wanted, padding=0)
            band = self.row_band.rect()
            if self.row_band.isVisible() and band.height() > 0:
                self.show_row_band(round(band.center().y()))

    def _fit_distribution_height(self) -> None:
        """The room's strip takes at most a quarter of the plot: the rows come first; but
        never so little that "Room now" and "Room target" run into each other."""
        wanted = 118 * room_text_scale(self.zoom)
        available = self.view.height() * 0.27 if self.view.height() > 100 else wanted
        height = int(round(max(self.least_distribution_height(), min(wanted, available))))
        if height != self.dist.height():
            self.dist.setFixedHeight(height)

    def least_distribution_height(self) -> int:
        """Room for the strip's two labels, one unit apart on a 2.1-unit axis, plus the
        0-100 axis under it."""
        line = QFontMetrics(self.name_font).height()
        axis = self.dist.getAxis("bottom").height()
        return int(max(70.0, 2.1 * line * 1.1 + axis))

    def least_height(self) -> int:
        """The height under which names vanish (rows shorter than a 9 pt line) or the
        room's strip squeezes: the page scrolls rather than go below it."""
        rows = max(MIN_ROWS, len(self.rows)) + 0.2
        names = QFont(self.name_font)
        names.setPointSizeF(min(names.pointSizeF(), 9.0))
        row = QFontMetrics(names).height() / 1.05 + 1
        if len(self.rows) > NAMED_ROWS:  # a crowd: dots, names on hover (as before)
            rows, row = MIN_ROWS, row * 1.5
        top = self.main.getAxis("top").height()
        ends = max(self.left_end.heightForWidth(max(80, self.width() // 2 - 40)),
                   self.left_end.sizeHint().height())
        legend = self.legend.heightForWidth(max(80, self.width()))
        return int(rows * row + top + self.least_distribution_height() + ends
                   + max(legend, 0) + 24)

    def _fit_stage_names(self) -> None:
        """Shrink the stage names, if need be, so each fits inside its band."""
        px_per_unit = max(1.0, self.vb.width()) / (self.x_range[1] - self.x_range[0])
        font = QFont(self.stage_font)
        smallest = 6.0  # a narrow facilitator window; the room's screen is much wider
        while font.pointSizeF() > smallest:
            metrics = QFontMetrics(font)
            if all(metrics.horizontalAdvance(s.name) <= (s.end - s.start) * px_per_unit * 0.94
                   for s in self.content.stages):
                break
            font.setPointSizeF(font.pointSizeF() - 0.5)
        top = self.main.getAxis("top")
        if top.style.get("tickFont") is None or top.style["tickFont"] != font:
            top.setTickFont(font)
            top.setHeight(QFontMetrics(font).height() + 14)
        # Still too long for a narrow band: an ellipsis, never a name that vanishes (the
        # axis silently drops a label that would touch its neighbour)
        metrics = QFontMetrics(font)
        names = [(s.middle, metrics.elidedText(s.name, Qt.TextElideMode.ElideRight,
                                               int((s.end - s.start) * px_per_unit * 0.99)))
                 for s in self.content.stages]
        if names != getattr(self, "_stage_ticks", None):
            self._stage_ticks = names
            top.setTicks([names])

    def set_distribution(self, now: list[float] | None, target: list[float] | None,
                         spreads: dict[str, Spread] | None = None) -> None:
        """The room's now and target positions under the rows; None hides them."""
        self.strip.show(now, target, spreads)

    # -- the mouse (see pointer.py) ---------------------------------------------------
    def marker_at(self, point: QPointF) -> tuple[int, str] | None:
        return self.pointer.marker_at(point)

    def hover_text(self, point: QPointF) -> str:
        return self.pointer.hover_text(point)

    def show_row_band(self, row: int) -> None:
        low, high = self.x_range
        self.row_band.setRect(QRectF(low, row - 0.5, high - low, 1.0))
        self.row_band.setVisible(True)
