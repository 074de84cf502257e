"""The continuum as the room sees it: stage bands, one row per participant (or group) with
a now marker, a target marker and an arrow between them, the room's agreed position, and
the room's distribution underneath on the same axis.

One row per subject keeps markers apart and lets the left axis name everyone: with 12 people
markers are large with initials inside; with 200 they shrink to dots (names on hover) and
the distribution strip carries the picture. This widget holds what is shown (the rows, the
selection, the private vote) and lays it out; its canvas (canvas.py) paints it with
QPainter and its pointer (pointer.py) takes the mouse. The plot never edits the model: it
asks, by signals, and the page pushes the commands.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lpdesk.content.stages import continuum_content
from lpdesk.model.statistics import Spread
from lpdesk.ui.continuum.canvas import MARGIN, MIN_ROWS, ContinuumCanvas
from lpdesk.ui.continuum.items import AGREED, Row
from lpdesk.ui.continuum.pointer import PlotPointer
from lpdesk.ui.continuum.strip import RoomStrip
from lpdesk.ui.continuum.summary import room_text_scale
from lpdesk.ui.style.theme import theme

X_MIN, X_MAX = -2.5, 102.5  # the least room beside 0 and 100 (see _fit_x_range)
NAMED_ROWS = 45  # up to this many rows keep their names on the axis (the page scrolls)
NAME_SHARE = 0.28  # of the plot's width, at most, for the names before they elide


_METRICS: dict[str, QFontMetrics] = {}


def metrics_of(font: QFont) -> QFontMetrics:
    """The metrics of a font, made once per font (making them resolves the font: a
    layout asks for the same few fonts many times)."""
    key = font.key()
    found = _METRICS.get(key)
    if found is None:
        if len(_METRICS) > 64:  # sizes come and go with the window: keep the recent ones
            _METRICS.clear()
        found = _METRICS[key] = QFontMetrics(font)
    return found


def _font(base: QFont, points: float, bold: bool = False, zoom: float = 1.0) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points * room_text_scale(zoom))
    font.setBold(bold)
    return font


class ContinuumPlot(QWidget):
    """Renders rows given by the page; asks for placements through signals."""

    place_requested = Signal(str, str, float)  # row key, "now"/"target", position
    select_requested = Signal(str, str)  # row key, "now"/"target"

    def __init__(self, parent: QWidget | None = None, editable: bool = True) -> None:
        super().__init__(parent)
        self.editable = editable
        self.content = continuum_content()
        self.rows: list[Row] = []
        self.selected_key: str | None = None
        self.selected_row: int | None = None
        self.active = "now"
        self.visible_rows: set[int] | None = None  # private vote: rows whose markers show
        self.colour_order: dict[str, int] = {}  # colour -> its arrows' drawing order
        self.marker_px = 24.0
        self.zoom = 1.0  # the page grows text with its size, so a big screen stays legible
        self._shown_as: tuple | None = None  # (selected, active, private) last shown
        self._styled: tuple | None = None  # (theme, zoom, scale, font) apply_theme last used
        self.x_range = (X_MIN, X_MAX)  # widened so a marker (and its halo) at 0 or 100 is whole
        self._name_widths: tuple[str, dict[str, int]] = ("", {})  # font key -> label widths
        self._stages_fitted: tuple | None = None  # (stage font, px per unit) last fitted
        self.strip = RoomStrip()
        self.pointer = PlotPointer(self)
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
        self.view = ContinuumCanvas(self)
        self.view.setAccessibleName(self.tr("Learner Power continuum"))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus if self.editable
                                 else Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.view, 1)
        ends = QHBoxLayout()
        self.left_end = QLabel("\u25C0 " + self.content.left_label)
        self.right_end = QLabel(self.content.right_label + " \u25B6")
        self.right_end.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.left_end.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for label in (self.left_end, self.right_end):
            label.setWordWrap(True)  # two lines on a narrow plot rather than overlapping
            ends.addWidget(label, 1)
        ends.setContentsMargins(0, 0, MARGIN[2], 0)
        self.ends_layout = ends
        layout.addLayout(ends)

    # -- theme ---------------------------------------------------------------------
    def apply_theme(self) -> None:
        """Colours and fonts from the current theme (also after a theme or scale change)."""
        t = theme()
        styled = (t, self.zoom, room_text_scale(self.zoom), self.font().key())
        if styled == self._styled:  # e.g. the page applying the theme the plot was built in
            return
        self._styled = styled
        base = self.font()
        z = self.zoom
        self.tick_font = _font(base, 12, zoom=z)
        self.name_font = _font(base, 13, zoom=z)
        self.stage_font = _font(base, 17, bold=True, zoom=z)
        self.view.tick_font = self.tick_font
        self.view.lane_font = self.name_font
        self.view.axis_height = metrics_of(self.tick_font).height() + 14
        self.strip.value_font = _font(base, 11, bold=True, zoom=z)
        self.view.initials_font = _font(base, 10, bold=True)
        for label in (self.left_end, self.right_end):
            label.setFont(_font(base, 13, bold=True, zoom=z))
            label.setStyleSheet(f"color: {t.text};")
        self.legend.setFont(_font(base, 12, zoom=z))
        self._fill_legend()
        self._fit_sizes()
        self.view.update()

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
        self.selected_row = keys.index(selected) if selected in keys else None
        self.visible_rows = set() if private else None
        self.colour_order = {}
        for row in self.rows:
            self.colour_order.setdefault(row.colour, len(self.colour_order))
        self._fit_sizes()
        self.view.update()

    def _move_only(self, rows: list[Row], selected: str | None, active: str,
                   private: bool) -> bool:
        """The same rows, selection and private vote as shown, only markers moved (or
        appeared or went, phones' first votes): repaint the rows that changed, nothing
        else. Says whether that was all."""
        if (selected, active, private) != self._shown_as or len(rows) != len(self.rows):
            return False
        changed = []
        for i, (old, new) in enumerate(zip(self.rows, rows, strict=True)):
            if old == new:
                continue
            if (old.key, old.label, old.initials, old.colour) != (new.key, new.label,
                                                                  new.initials, new.colour):
                return False
            changed.append(i)
        self.rows = list(rows)
        self.view.update_rows(changed)
        return True

    def has_agreed_rule(self) -> bool:
        """A rule parts the agreed position from the people under it."""
        return len(self.rows) > 1 and self.rows[0].key == AGREED

    def size_for(self, kind: str) -> float:
        return self.marker_px * (1.25 if kind == "agreed" else 1.0)

    # -- layout ----------------------------------------------------------------------
    def _fit_sizes(self) -> None:
        """Marker size, initials and names follow the height of a row on screen; the
        x range, the stage names and the strip follow the canvas's size (the canvas calls
        this when it is resized)."""
        view = self.view
        scale = room_text_scale(self.zoom)
        self._fit_distribution_height()
        for _pass in range(2):  # the names' width and the stages' height depend on each other
            n = max(MIN_ROWS, len(self.rows))
            row_px = max(1.0, view.rows_rect().height() / (n + 0.2))
            self.marker_px = float(min(34.0 * scale, max(6.0, row_px * 0.74)))
            names = QFont(self.name_font)  # shrink names to the row height, down to 9 pt
            while metrics_of(names).height() > row_px * 1.05 and names.pointSizeF() > 9:
                names.setPointSizeF(names.pointSizeF() - 0.5)
            if metrics_of(names).height() <= row_px * 1.05:
                width, shown = self._fit_names(names, scale)
            else:
                width, shown = int(120 * scale), []
            room = metrics_of(self.name_font).horizontalAdvance(self.tr("Room target"))
            view.name_width = float(max(width, room) + 14)
            view.names, view.name_font = shown, names if shown else QFont(self.name_font)
            self._fit_x_range()
            self._fit_stage_names()
        view.show_initials = self.marker_px >= 17
        view.initials_font.setPixelSize(max(8, int(self.marker_px * 0.42)))
        view.marker_px = self.marker_px
        view.pen_width = 2.5 if self.marker_px >= 12 else 1.2
        self.ends_layout.setContentsMargins(int(MARGIN[0] + view.name_width), 0, MARGIN[2], 0)
        view.relaid()

    def _fit_names(self, font: QFont, scale: float) -> tuple[int, list[tuple[int, str]]]:
        """The names' column width and each row's name as shown in it. A long name (a
        phone may send 60 characters) elides: the chart keeps its share. Each name's
        width is measured once per font."""
        metrics = metrics_of(font)
        key = font.key()
        if self._name_widths[0] != key:
            self._name_widths = (key, {})
        widths = self._name_widths[1]
        for r in self.rows:
            if r.label not in widths:
                widths[r.label] = metrics.horizontalAdvance(r.label)
        width = int(min(260 * scale, NAME_SHARE * max(200, self.view.width()),
                        max([widths[r.label] for r in self.rows] + [60])))
        return width, [(i, r.label if widths[r.label] <= width + 4 else
                        metrics.elidedText(r.label, Qt.TextElideMode.ElideRight, width + 4))
                       for i, r in enumerate(self.rows)]

    def _fit_x_range(self) -> None:
        """Room beside 0 and 100 for half the largest marker with its halo: markers are sized
        in pixels, so the margin in positions depends on the plot's width."""
        half = (self.size_for("agreed") + 10) / 2 + 2
        width = self.view.rows_rect().width()
        pad = X_MAX - 100.0
        if width > 4 * half:
            pad = max(pad, half * 100.0 / (width - 2 * half))
        self.x_range = (-pad, 100.0 + pad)

    def _fit_distribution_height(self) -> None:
        """The room's strip takes at most a quarter of the plot: the rows come first; but
        never so little that "Room now" and "Room target" run into each other."""
        wanted = 118 * room_text_scale(self.zoom)
        height = self.view.height()
        available = height * 0.27 if height > 100 else wanted
        self.view.strip_height = float(round(max(self.least_distribution_height(),
                                                 min(wanted, available))))

    def least_distribution_height(self) -> int:
        """Room for the strip's two labels, one unit apart on a 2.1-unit axis, plus the
        0-100 axis under it."""
        line = metrics_of(self.name_font).height()
        return int(max(70.0, 2.1 * line * 1.1 + self.view.axis_height))

    def least_height(self) -> int:
        """The height under which names vanish (rows shorter than a 9 pt line) or the
        room's strip squeezes: the page scrolls rather than go below it."""
        rows = max(MIN_ROWS, len(self.rows)) + 0.2
        names = QFont(self.name_font)
        names.setPointSizeF(min(names.pointSizeF(), 9.0))
        row = metrics_of(names).height() / 1.05 + 1
        if len(self.rows) > NAMED_ROWS:  # a crowd: dots, names on hover (as before)
            rows, row = MIN_ROWS, row * 1.5
        top = self.view.header
        ends = max(self.left_end.heightForWidth(max(80, self.width() // 2 - 40)),
                   self.left_end.sizeHint().height())
        legend = self.legend.heightForWidth(max(80, self.width()))
        return int(rows * row + top + self.least_distribution_height() + ends
                   + max(legend, 0) + 24 + MARGIN[1] + MARGIN[3])

    def _fit_stage_names(self) -> None:
        """Shrink the stage names, if need be, so each fits inside its band; still too long
        for a narrow band, an ellipsis, never a name that vanishes."""
        px_per_unit = 1.0 / self.view.units_per_px()
        fitted = (self.stage_font.key(), round(px_per_unit, 4))
        if fitted == self._stages_fitted:  # (the second pass of _fit_sizes, most resizes)
            return
        self._stages_fitted = fitted
        font = QFont(self.stage_font)
        smallest = 6.0  # a narrow facilitator window; the room's screen is much wider
        while font.pointSizeF() > smallest:
            metrics = metrics_of(font)
            if all(metrics.horizontalAdvance(s.name) <= (s.end - s.start) * px_per_unit * 0.94
                   for s in self.content.stages):
                break
            font.setPointSizeF(font.pointSizeF() - 0.5)
        metrics = metrics_of(font)
        self.view.stage_font = font
        self.view.header = float(metrics.height() + 14)
        self.view.stage_names = [
            metrics.elidedText(s.name, Qt.TextElideMode.ElideRight,
                               int((s.end - s.start) * px_per_unit * 0.99))
            for s in self.content.stages]

    def set_distribution(self, now: list[float] | None, target: list[float] | None,
                         spreads: dict[str, Spread] | None = None) -> None:
        """The room's now and target positions under the rows; None hides them."""
        if self.strip.show(now, target, spreads):
            self.view.update_strip()

    # -- the mouse (see pointer.py) ---------------------------------------------------
    def marker_at(self, point: QPointF) -> tuple[int, str] | None:
        return self.pointer.marker_at(point)

    def hover_text(self, point: QPointF) -> str:
        return self.pointer.hover_text(point)
