"""The room's continuum summary in figures and plain words, for the continuum page.

The wording is `lpdesk.model.continuum_words` (shared with the recap and the export, so they
say exactly what the room saw); figures come from `lpdesk.model.statistics`.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from lpdesk.content.stages import ContinuumContent
from lpdesk.model import continuum_words as words
from lpdesk.model.continuum import Placement
from lpdesk.model.statistics import AreaSummary, Spread
from lpdesk.ui.style.theme import set_sheet, theme, theme_state


def room_text_scale(zoom: float = 1.0) -> float:
    """How much to grow the room's text: the presentation scale of the theme, or the
    page's own zoom on a big screen, whichever is larger (they do not multiply); times
    the facilitator's View > Zoom, which always counts."""
    chosen = theme_state().zoom or 1.0
    return max(theme().font_scale / chosen, zoom) * chosen


def _tr(text: str) -> str:
    return QCoreApplication.translate("ContinuumSummary", text)


def words_tr(text: str) -> str:
    """The translation of the shared continuum wording (lpdesk.model.continuum_words)."""
    return QCoreApplication.translate("ContinuumWords", text)


def room_sentence(now: list[float], target: list[float], content: ContinuumContent,
                  by_groups: bool = False) -> str:
    return words.room_sentence(now, target, content, by_groups, words_tr)


def gap_sentence(gap: Spread) -> str:
    return words.gap_sentence(gap, words_tr)


def agreed_sentence(agreed: Placement, content: ContinuumContent) -> str:
    return words.agreed_sentence(agreed, content, words_tr)


def _fmt(value: float | None, signed: bool = False) -> str:
    return words.format_gap(value) if signed else words.format_position(value)


class SummaryPanel(QWidget):
    """Sentence, gap sentence and a small table of median, middle half (IQR) and stage."""

    def __init__(self, content: ContinuumContent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.setObjectName("ContinuumSummary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.sentence = QLabel()
        self.sentence.setObjectName("RoomSentence")
        self.sentence.setWordWrap(True)
        self.gap = QLabel()
        self.gap.setWordWrap(True)
        layout.addWidget(self.sentence)
        layout.addWidget(self.gap)
        self.count = QLabel()  # "14 of 20 placed": who is still to place (phones, a vote)
        self.count.setObjectName("PlacedCount")
        layout.addWidget(self.count)
        self.agreed = QLabel()
        self.agreed.setObjectName("AgreedSentence")
        self.agreed.setWordWrap(True)
        layout.addWidget(self.agreed)
        self.table = QWidget()
        grid = QGridLayout(self.table)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setHorizontalSpacing(18)
        heads = [_tr("Median"), _tr("Middle half")]
        self.heads = [QLabel(h) for h in heads]
        self.heads[1].setToolTip(_tr("Interquartile range (IQR): the middle half of the room "
                                     "sits between these two positions"))
        for col, head in enumerate(self.heads, start=1):
            grid.addWidget(head, 0, col)
        self.cells: dict[str, list[QLabel]] = {}
        for r, (key, text) in enumerate((("now", _tr("Now")), ("target", _tr("Target")),
                                         ("gap", _tr("Move")))):
            cells = [QLabel(text)] + [QLabel() for _ in heads]
            for c, cell in enumerate(cells):
                grid.addWidget(cell, r + 1, c)
            self.cells[key] = cells
        grid.setColumnStretch(len(heads) + 1, 1)
        layout.addWidget(self.table)
        layout.addStretch(1)
        self.zoom = 1.0
        self._fit = 1.0  # < 1 when the panel is too short for the text at full size
        self.grows = False  # takes the height its text needs (the page scrolls)
        self.may_grow = True  # the facilitator's page may scroll; the room's screen not
        self._fitting = False
        self._shown_later: dict[QWidget, bool] | None = None  # see changing
        self._fit_later = False
        self._styled: tuple | None = None  # what apply_theme last set (fonts, colours)
        self.apply_theme()

    def set_zoom(self, zoom: float) -> None:
        if abs(zoom - self.zoom) > 0.01:
            self.zoom = zoom
            self.fit()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt name)
        """The panel takes the height it is given and fits its text to it (see fit)."""
        return False

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Shrink the text (to 65 % at most) until it all fits the panel's height:
        smaller text beats text cut off."""
        if self._shown_later is not None:  # parts are changing: fit what they become
            self._fit_later = True
            return
        if self._fitting:
            return
        self._fitting = True
        try:
            fit = 1.0
            while True:
                self._fit = fit
                styled = self._styled
                self.apply_theme()
                if self._styled != styled:  # new fonts: measure them, not the cache
                    self._forget_sizes()
                needed = self.layout().totalHeightForWidth(max(1, self.width()))
                wide = self.table.isHidden() or \
                    self.table.sizeHint().width() <= self.width() - 12
                if self.grows or fit <= 0.65 or (needed <= self.height() and wide):
                    break
                fit -= 0.05
            # Still too tall (or free to grow): ask for the height, the page scrolls;
            # a headline cut in half or a table crushed to lines helps nobody
            least = needed if (self.grows or needed > self.height()) and self.may_grow else 0
            if least != self.minimumHeight():
                self.setMinimumHeight(least)
        finally:
            self._fitting = False

    def set_grows(self, grows: bool) -> None:
        """Under the chart (a small screen): full-size text, as tall as it needs."""
        if grows != self.grows:
            self.grows = grows
            self.fit()

    def needed_height(self, width: int) -> int:
        """The height its text needs at full size, `width` wide (it grows, see fit)."""
        return self.layout().totalHeightForWidth(max(1, width))

    def least_height(self, width: int = 300) -> int:
        """The height its text needs at the smallest size it shrinks to, `width` wide."""
        fit = self._fit
        self._fit = 0.65
        self.apply_theme()
        self._forget_sizes()
        needed = self.layout().totalHeightForWidth(max(1, width))
        self._fit = fit
        self.apply_theme()
        self._forget_sizes()
        return needed

    def _forget_sizes(self) -> None:
        """Measured right after a font change, the table's grid and the outer layout's
        cached size of the table still answer for the old fonts until the posted
        LayoutRequest (re-setting every style sheet used to re-polish and hide that;
        set_sheet now skips an unchanged sheet): forget them, inner layouts first."""
        for widget in reversed(self.findChildren(QWidget)):
            if widget.layout() is not None:
                widget.layout().invalidate()
                widget.updateGeometry()
        self.layout().invalidate()

    def apply_theme(self) -> None:
        t = theme()
        scale = room_text_scale(self.zoom) * self._fit
        styled = (t.text, t.muted_text, t.now, t.target, t.consensus, round(scale, 4),
                  self.font().key())
        if styled == self._styled:  # a refresh from phones' votes: fonts and style sheets
            return  # unchanged (setting them again was most of a refresh's time)
        self._styled = styled
        base = QFont(self.font())
        big = QFont(base)
        big.setPointSizeF(18 * scale)
        big.setBold(True)
        self.sentence.setFont(big)
        normal = QFont(base)
        normal.setPointSizeF(14 * scale)
        self.gap.setFont(normal)
        small = QFont(base)
        small.setPointSizeF(14 * scale)
        for label in self.heads:
            label.setFont(small)
            set_sheet(label, f"color: {t.muted_text};")
        for key, cells in self.cells.items():
            colour = {"now": t.now, "target": t.target}.get(key, t.text)
            for c, cell in enumerate(cells):
                font = QFont(small)
                font.setBold(c == 0)
                cell.setFont(font)
                set_sheet(cell, f"color: {colour if c == 0 else t.text};")
        set_sheet(self, f"#ContinuumSummary QLabel {{ background: transparent; }}"
                        f" #RoomSentence {{ color: {t.text}; }}")
        set_sheet(self.gap, f"color: {t.text};")
        self.count.setFont(normal)
        set_sheet(self.count, f"color: {t.muted_text};")
        agreed = QFont(normal)
        agreed.setBold(True)
        self.agreed.setFont(agreed)
        set_sheet(self.agreed, f"color: {t.consensus};")

    @contextmanager
    def changing(self) -> Iterator[None]:
        """Parts shown or hidden meanwhile change at once as it ends, and the text is fitted
        after. Showing a part of a visible panel lays out every layout up to the window
        there and then (Qt activates them so that the part appears laid out): the room's
        first votes showed the count, the gap and the table one by one, three layouts of
        the whole room's screen (~6 ms each at 1280x720) in one refresh. Now the panel is
        hidden, they change, and it is shown again: one layout, before the next paint.
        Only on the room's screen (`may_grow` False): the facilitator's page, in its
        scroller, was left 2 px taller than it settles until the next resize."""
        if self._shown_later is not None or self.may_grow:  # nested: the outer one changes
            yield  # them; the facilitator's page: one by one, as they come
            return
        self._shown_later, self._fit_later = {}, False
        try:
            yield
        finally:
            later, self._shown_later = self._shown_later, None
            changes = [(part, shown) for part, shown in later.items()
                       if part.isHidden() == shown]
            at_once = len(changes) > 1 and self.isVisible()
            if at_once:
                self.hide()
            for part, shown in changes:
                part.setVisible(shown)
            if at_once:
                self.show()
            if self._fit_later:
                self.fit()

    def _set_shown(self, part: QWidget, shown: bool) -> None:
        if self._shown_later is not None:
            self._shown_later[part] = shown
        elif part.isHidden() == shown:
            part.setVisible(shown)

    def _will_show(self, part: QWidget) -> bool:
        """Whether `part` shows (or will, once the change under way ends)."""
        if self._shown_later is not None and part in self._shown_later:
            return self._shown_later[part]
        return not part.isHidden()

    def show_summary(self, now: list[float], target: list[float], summary: AreaSummary,
                     by_groups: bool, agreed: Placement | None = None) -> None:
        before = (self.sentence.text(), self.agreed.text(), self.gap.text())
        self.sentence.setText(room_sentence(now, target, self.content, by_groups))
        self.agreed.setText(agreed_sentence(agreed, self.content) if agreed else "")
        self._set_shown(self.agreed, bool(self.agreed.text()))
        self.gap.setText(gap_sentence(summary.gap))
        self._set_shown(self.gap, bool(self.gap.text()))
        self._set_shown(self.table, summary.now.count > 0 or summary.target.count > 0)
        for key, spread in (("now", summary.now), ("target", summary.target),
                            ("gap", summary.gap)):
            signed = key == "gap"
            cells = self.cells[key]
            cells[1].setText(_fmt(spread.median, signed))
            cells[1].setToolTip("" if key == "gap" or spread.median is None
                                else self.content.stage_at(spread.median).name)
            cells[2].setText("\u2013" if spread.q1 is None else
                             f"{_fmt(spread.q1, signed)} \u2013 {_fmt(spread.q3, signed)}")
            if spread.iqr is not None:
                cells[2].setToolTip(_tr("Interquartile range: %s points wide")
                                    % _fmt(spread.iqr))
        if before != (self.sentence.text(), self.agreed.text(), self.gap.text()):
            self.fit()  # new words may need more lines

    def show_count(self, placed: int, total: int) -> None:
        """How many of the room (people, or groups) have placed in this area."""
        text = _tr("%d of %d placed") % (placed, total) if total else ""
        appears = self._will_show(self.count) != bool(text)
        self.count.setText(text)
        self._set_shown(self.count, bool(text))
        if appears:  # one short line: only its coming or going changes the fit (a burst of
            self.fit()  # votes from phones changes the digits on every batch)

    def show_hint(self, text: str) -> None:
        """A line under the sentence saying what to do next (e.g. add participants)."""
        self.gap.setText(text)
        self._set_shown(self.gap, True)
        self.fit()

    def show_private(self, placed: int, total: int, by_groups: bool) -> None:
        """Private vote: say how many have placed, show no figure that could anchor."""
        self.sentence.setText(_tr("Private vote: the markers are hidden."))
        self._set_shown(self.count, False)  # the sentence below says it
        text = (_tr("%d of %d groups have placed. Reveal to show the room.") if by_groups
                else _tr("%d of %d people have placed. Reveal to show the room."))
        self.gap.setText(text % (placed, total))
        self._set_shown(self.gap, True)
        self._set_shown(self.agreed, False)
        self._set_shown(self.table, False)
        self.fit()
