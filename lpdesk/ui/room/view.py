"""The room's screen: the current activity as the audience sees it (pages made with
audience=True on the same document, so they follow every command through model events),
its title and the timer, or the blank or break slide instead.

Used by presentation mode (full screen on the facilitator's screen) and by the audience
window (on the projector). It never holds facilitator notes: it creates no notes widget and
the set-up page (which shows the session's private notes) is replaced by a welcome slide.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from lpdesk.document import SessionDocument
from lpdesk.ui.base.contracts import make_interactive
from lpdesk.ui.base.pages import PAGES
from lpdesk.ui.room.slides import BlankSlide, BreakSlide, WelcomeSlide
from lpdesk.ui.room.state import RoomDisplay
from lpdesk.ui.room.timer import TimerDisplay
from lpdesk.ui.style.theme import BASE_POINT_SIZE, theme, theme_state
from lpdesk.ui.style.zoom import set_room_factor, zoom

AUDIENCE_OVERRIDES = {"setup": WelcomeSlide}  # kinds whose page is not for the room


def room_scale(height: int) -> float:
    """How much bigger than on a laptop: 1.15 at 720 lines, 1.6 at 1080, at most 2."""
    return round(min(2.0, max(1.0, 1.15 + (height - 720) / 360 * 0.45)) * 20) / 20


class RoomView(QWidget):
    """Follows `window` (a MainWindow: doc, page_changed, document_changed,
    current_item_id). With `global_scale` the theme's font_scale follows this view's size
    (presentation mode: the facilitator's window is hidden behind it anyway); otherwise only
    this view's own fonts grow. With `interactive` (presentation mode) the pages take the
    facilitator's clicks and keys (`set_interactive`): the same view, usable."""

    page_shown = Signal(object)  # the activity's page now on the room's screen

    def __init__(self, window, display: RoomDisplay, parent: QWidget | None = None,
                 global_scale: bool = False, interactive: bool = False) -> None:
        super().__init__(parent)
        self.window_ = window
        self.display = display
        self.global_scale = global_scale
        self.interactive = interactive
        self.scale = 1.0
        self.doc: SessionDocument | None = None
        self.item_id: str | None = None
        self.pages: dict[str, QWidget] = {}
        self._slide: tuple | None = None  # (factory, the slide it made) of display.slide
        self.setObjectName("RoomView")
        self.setAccessibleName(self.tr("The room's screen"))
        self.setAutoFillBackground(True)

        self.screens = QStackedWidget()
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.screens)
        self.activity = QWidget()
        self.activity.setObjectName("RoomActivity")
        column = QVBoxLayout(self.activity)
        column.setContentsMargins(16, 8, 16, 12)
        header = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("RoomTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # the agenda title
        self.title.setAccessibleName(self.tr("Activity"))
        self.timer = TimerDisplay(display.timer, self.activity)
        self.timer.setAccessibleName(self.tr("Activity timer"))
        header.addWidget(self.title, 1)
        header.addWidget(self.timer, 0, Qt.AlignmentFlag.AlignVCenter)
        column.addLayout(header)
        self.body = QStackedWidget()
        # The room's screen is as big as the projector, never bigger: a page that would like
        # more room must fit what it gets (a stack otherwise takes its largest page's minimum)
        self.body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        column.addWidget(self.body, 1)
        self.blank = BlankSlide()
        self.break_slide = BreakSlide(display)
        for w in (self.activity, self.blank, self.break_slide):
            self.screens.addWidget(w)

        window.page_changed.connect(self.show_item)
        window.document_changed.connect(self.set_document)
        display.changed.connect(self.refresh)
        display.tick.connect(self.timer.repaint_now)
        theme_state().theme_changed.connect(self._restyle)
        theme_state().zoom_changed.connect(self._apply_scale)
        self.set_document(window.doc)
        self._restyle()

    # -- following the facilitator -------------------------------------------------------
    def set_document(self, doc: SessionDocument) -> None:
        if self.doc is not None:
            self.doc.session.agenda.changed.disconnect(self._agenda_changed)
        for page in self.pages.values():
            self.body.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.doc, self.item_id = doc, None
        doc.session.agenda.changed.connect(self._agenda_changed)
        self.show_item(self.window_.current_item_id())

    def closeEvent(self, event) -> None:  # noqa: N802
        self.detach()
        super().closeEvent(event)

    def detach(self) -> None:
        """Stop following the model (before the view goes away)."""
        if self.doc is not None:
            self.doc.session.agenda.changed.disconnect(self._agenda_changed)

    def _agenda_changed(self, _item_id) -> None:
        self._update_title()

    def page(self, item_id: str) -> QWidget:
        """The audience version of an activity's page, made when first shown."""
        assert self.doc is not None
        if item_id not in self.pages:
            kind = self.doc.session.agenda.item(item_id).kind
            override = AUDIENCE_OVERRIDES.get(kind)
            page = (override(self.doc, self.body) if override
                    else PAGES[kind].create(self.doc, self.body, audience=True))
            if self.interactive:
                make_interactive(page)  # ui/base/contracts.py: the page's optional part
            self.pages[item_id] = page
            self.body.addWidget(page)
        return self.pages[item_id]

    def show_item(self, item_id: str | None) -> None:
        if item_id is None or item_id == self.item_id or self.doc is None:
            return
        try:
            self.doc.session.agenda.item(item_id)
        except KeyError:
            return
        self.item_id = item_id
        self.body.setCurrentWidget(self.page(item_id))
        self._update_title()
        self.refresh()
        self.page_shown.emit(self.current_page())

    def current_page(self) -> QWidget | None:
        return self.pages.get(self.item_id) if self.item_id else None

    def _update_title(self) -> None:
        if self.doc is None or self.item_id is None:
            return
        try:
            self.title.setText(self.doc.session.agenda.item(self.item_id).title)
        except KeyError:
            self.title.clear()

    def showing_activity(self) -> bool:
        """The activity is on screen (not the blank or the break slide)."""
        return self.screens.currentWidget() is self.activity

    # -- blank, break, timer ----------------------------------------------------------------
    def refresh(self) -> None:
        d = self.display
        slide = self._extra_slide()
        self.screens.setCurrentWidget(self.blank if d.blank else
                                      self.break_slide if d.on_break else
                                      slide if slide is not None else self.activity)
        self.timer.setVisible(d.timer.shown_to_room)
        self.timer.repaint_now()

    def _extra_slide(self) -> QWidget | None:
        """The slide another feature asked for (RoomDisplay.show_slide), made for this view."""
        factory = self.display.slide
        made = self._slide
        if made is not None and made[0] is not factory:
            self.screens.removeWidget(made[1])
            made[1].deleteLater()
            made = self._slide = None
        if factory is None:
            return None
        if made is None:
            made = self._slide = (factory, factory(self.screens))
            self.screens.addWidget(made[1])
        return made[1]

    # -- size and theme -----------------------------------------------------------------------
    def _restyle(self, *_args) -> None:
        # Colours through the palette, not a style sheet: a style sheet on this view would
        # stop its scaled-up font from reaching the pages inside.
        t = theme()
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(t.background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(t.text))
        self.setPalette(palette)
        self._apply_scale()

    def _apply_scale(self, *_args) -> None:
        size = BASE_POINT_SIZE * self.scale * zoom()  # View > Zoom grows the room's too
        font = QFont(self.font())
        font.setPointSizeF(size)
        self.setFont(font)
        title = QFont(font)
        title.setPointSizeF(size * 1.6)
        title.setBold(True)
        self.title.setFont(title)
        h = int(title.pointSizeF() * 96 / 72 * 2.3)
        self.timer.setFixedSize(int(h * 2.6), h)

    def set_scale(self, factor: float) -> None:
        if factor == self.scale:
            return
        self.scale = factor
        if self.global_scale:
            set_room_factor(factor)
        self._apply_scale()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.set_scale(room_scale(self.height()))
