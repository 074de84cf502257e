"""How big the quiz's text is: it grows with the room the page is given (a 1920x1080
projector gets bigger text than a laptop window) and the theme's presentation scale, and
shrinks just enough for a long question to fit. A mixin of QuizPage, kept apart so the page
stays about asking and scoring. A fit tries sizes on the view shown only; the other view
is styled once, for the size chosen."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent

from lpdesk.ui.quiz.widgets import pixel_font
from lpdesk.ui.style.screens import scroll_area_around
from lpdesk.ui.style.theme import theme


class FittingQuiz:
    """Needs the page's views (`views`, `question_view`, `result_view`, `empty_view`,
    `empty_title`, `empty_text`) and its state (`unit`, `_fit`, `_fitted_for`,
    `_restyle_due`, `_style_sheet`, `_looks`, `_relayout_later`)."""

    def _fit_screen(self, shown: object) -> None:
        """Shrink the text just enough for the screen to fit (long, edited texts on a small
        projector) instead of clipping it; start from full size for each new screen or
        size. Only when what it depends on changed (the room the page is given, the text
        scale, the screen shown), and with one restyle at most: a fit changes the page's
        minimum size, and a scroll area that then resizes the page must not start another
        fit (the quiz page once restyled itself in an endless loop that froze the window)."""
        available = self._available()
        key = (available.width(), available.height(), theme().font_scale, shown)
        force, self._restyle_due = self._restyle_due, False
        if key == self._fitted_for and not force:
            return
        self._fitted_for = key
        tried = self._best_fit(available)
        if not self._update_unit(force) and tried:
            self._apply_unit(self.unit)  # the last try may have been another size

    def _best_fit(self, available: QSize) -> bool:
        """Set `_fit` to the largest text scale (0.55-1, to within 1%) at which the screen
        shown fits the room given; True if it tried fonts on the way (fonts only: a
        style sheet for each try would cost ~70 ms)."""
        self._fit = 1.0
        view = self.views.currentWidget()
        if self.views.width() < 200 or view is self.empty_view:
            return False
        layout = view.layout()
        # the views' share of the room given (not of the page, which a scroll area may
        # have grown to the page's own minimum)
        width = self.views.width() - max(0, self.width() - available.width())
        height = self.views.height() - max(0, self.height() - available.height())

        def fits(scale: float) -> bool:
            self._fit = scale
            self._apply_unit(self._unit_for(available))
            return layout.totalHeightForWidth(width) <= height

        if fits(1.0):
            return True
        low, high = 0.55, 1.0
        for _ in range(6):
            middle = (low + high) / 2
            low, high = (middle, high) if fits(middle) else (low, middle)
        self._fit = low
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Fit again (if the room given changed: `_fit_screen`) once the layout has settled,
        # never inside it: a resize may come from a size-hint query, where a restyle
        # (new fonts, a new minimum size) starts the next resize. Resizes coalesce.
        self._relayout_later.start()

    def _available(self) -> QSize:
        """The room the page is given: its own size, or in a scroll area (the main window's
        page stack) that area's, scroll bars included. A page the scroll area grew to its
        own minimum must not take its text size from that: bigger text, bigger minimum,
        bigger page... (and scroll bars coming and going must not change it either)."""
        area = scroll_area_around(self)
        return area.contentsRect().size() if area is not None else self.size()

    def _unit_for(self, available: QSize) -> float:
        fit = min(available.width() / 1000, available.height() / 640)
        return theme().font_scale * max(0.75, min(2.2, fit)) * self._fit

    def _update_unit(self, force: bool = False) -> bool:
        """Scale text with the room given (a 1920x1080 projector gets bigger text than a
        laptop window) and with the theme's presentation font scale; restyle only when
        the unit really changed. True if it restyled."""
        unit = self._unit_for(self._available())
        if force or abs(unit - self.unit) > 0.01 * self.unit:
            self.unit = unit
            self.restyle()
            return True
        return False

    def restyle(self) -> None:
        t, u = theme(), self.unit
        sheet = (f"#QuizPage {{ background: {t.background}; }}"
                 f"#QuizPage QLabel {{ color: {t.text}; }}"
                 f"#QuizPage QPushButton {{ padding: {round(6 * u)}px {round(14 * u)}px; }}")
        if sheet != self._style_sheet:  # the same sheet again would repolish every child
            self._style_sheet = sheet
            self.setStyleSheet(sheet)
        self._apply_unit(u)
        for view in (self.question_view, self.result_view):  # the hidden one too: the
            self._set_look(view, u)  # stack's minimum size counts it

    def _apply_unit(self, u: float) -> None:
        """The fonts (and the size of the view shown) for unit `u`: a fit tries several,
        and only the view on screen is measured (`restyle` styles the other)."""
        base = self.font()
        self.empty_title.setFont(pixel_font(base, 32 * u, bold=True))
        self.empty_text.setFont(pixel_font(base, 19 * u))
        shown = self.views.currentWidget()
        if shown in (self.question_view, self.result_view):
            self._set_look(shown, u)

    def _set_look(self, view, u: float) -> None:
        """Style `view` for unit `u` and the theme, unless it already is."""
        if self._looks.get(view) != (u, theme()):
            self._looks[view] = (u, theme())
            view.set_unit(u)
