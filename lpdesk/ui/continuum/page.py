"""The Learner Power continuum activity: where is the organisation today, where should it
be? Areas of learning as tabs, the plot, the controls to place markers (mouse or keyboard),
the private vote, working by groups, the agreed position, and the room's summary.

With `audience=True` only the area's name, the plot and the summary show, and nothing can
be edited, unless presentation mode makes the page `interactive`: then the facilitator
places markers on the room's screen itself, by mouse and keys, with no controls shown.
Which area is shown is navigation, like the agenda's current item: it is kept in the
session (so an audience window follows) but is not an undoable edit.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QSizePolicy,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lpdesk.commands.continuum import (
    AddAreaCommand,
    RemoveAreaCommand,
    RenameAreaCommand,
)
from lpdesk.document import SessionDocument
from lpdesk.model.continuum import Area, Placement
from lpdesk.model.ids import new_id
from lpdesk.model.statistics import summarise
from lpdesk.ui.base.frames import FrameRefresh
from lpdesk.ui.continuum.controls import PlacingControls
from lpdesk.ui.continuum.items import AGREED, Row
from lpdesk.ui.continuum.placing import Placing
from lpdesk.ui.continuum.plot import ContinuumPlot
from lpdesk.ui.continuum.presenting import PresentingContinuum
from lpdesk.ui.continuum.spoken import plot_description, plot_name
from lpdesk.ui.continuum.summary import SummaryPanel, room_text_scale
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.screens import scroll_area_around
from lpdesk.ui.style.text import plain_tip
from lpdesk.ui.style.theme import theme, theme_state

PLOT_LEAST_WIDTH = 470  # px: below this beside the panels, the panels go under the chart
QWIDGETSIZE_MAX = (1 << 24) - 1
PLACED = "\u2713"  # the private vote's confirmation: this person has placed, not where


def placed_mark(row: Row) -> Row:
    """During the private vote a row says that it is placed, never where."""
    if row.now is None and row.target is None:
        return row
    return replace(row, label=f"{row.label} {PLACED}")


class ContinuumPage(PresentingContinuum, Placing, QWidget):
    placing_changed = Signal()  # whose marker the keys move may have changed
    def __init__(self, doc: SessionDocument, parent: QWidget | None = None,
                 audience: bool = False) -> None:
        super().__init__(parent)
        self.doc = doc
        self.session = doc.session
        self.continuum = doc.session.continuum
        self.audience = audience
        self.interactive = not audience  # takes the facilitator's clicks and keys
        self.selected_key: str | None = None  # participant or group id, or AGREED
        self.active = "now"
        self._syncing = False
        self.zoom = 1.0  # grows with the page size (see resizeEvent)
        self._said: dict = {}  # rows already put in words for a screen reader (spoken.py)
        self.setObjectName("ContinuumPage")
        self._build()
        # Phones' votes: one refresh after their slice, however many changes it made
        # (docs/architecture.md, "The frame budget"); the facilitator's edits: at once
        self._refresh = FrameRefresh(self, self.refresh)
        listen(self, self.continuum.changed, self._refresh.request)
        listen(self, self.session.changed, self._refresh.request)
        theme_state().theme_changed.connect(self._theme_changed)
        self._theme_changed()

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        root = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        root.setContentsMargins(8, 6, 8, 6)
        self.compact = False  # the side panels under the chart (see _reflow)
        left = QVBoxLayout()
        root.addLayout(left, 1)
        top = QHBoxLayout()
        self.area_title = QLabel()
        self.area_title.setObjectName("AreaTitle")
        self.area_title.setTextFormat(Qt.TextFormat.PlainText)
        self.tabs = QTabBar()
        self.tabs.setObjectName("AreaTabs")
        self.tabs.setAccessibleName(self.tr("Areas of learning"))
        self.tabs.setToolTip(self.tr("Areas of learning, placed separately. Double-click "
                                     "to rename."))
        self.tabs.setExpanding(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.tabs.tabBarDoubleClicked.connect(lambda i: self.ask_rename_area())
        if self.audience:
            top.addWidget(self.area_title, 1)
        else:
            top.addWidget(self.tabs, 1)
            self.areas_button = QToolButton()
            self.areas_button.setText(self.tr("&Areas"))
            self.areas_button.setAccessibleName(self.tr("Areas menu"))
            self.areas_button.setToolTip(self.tr("Add, rename or remove areas of learning"))
            self.areas_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(self.areas_button)
            # The page owns the actions it keeps and uses in refresh (_sync_controls): one
            # owner that outlives every use (docs/architecture.md, "Who owns a Qt object").
            self.add_area_action = self._area_action(self.tr("&Add area..."),
                                                     self.ask_add_area)
            self.rename_area_action = self._area_action(self.tr("&Rename area..."),
                                                        self.ask_rename_area)
            self.remove_area_action = self._area_action(self.tr("Re&move area"),
                                                        self.remove_area)
            menu.addActions([self.add_area_action, self.rename_area_action,
                             self.remove_area_action])
            self.add_area_action.setStatusTip(self.tr("Add an area of learning (e.g. "
                                                      "compliance) placed separately"))
            self.remove_area_action.setStatusTip(self.tr("Remove the area shown with its "
                                                         "placements (Undo brings it back)"))
            self.areas_button.setMenu(menu)
            top.addWidget(self.areas_button)
        left.addLayout(top)
        self.plot = ContinuumPlot(self, editable=not self.audience)
        self.plot.place_requested.connect(self.place)
        self.plot.select_requested.connect(self._select_from_plot)
        self.plot.view.installEventFilter(self)
        left.addWidget(self.plot, 1)

        self.side = QWidget()
        self.side.setObjectName("ContinuumSide")
        side = QBoxLayout(QBoxLayout.Direction.TopToBottom, self.side)
        side.setContentsMargins(0, 0, 0, 0)
        self.side_layout = side
        root.addWidget(self.side)
        if not self.audience:
            self.controls = PlacingControls()
            self.controls.subject_chosen.connect(self._combo_chosen)
            self.controls.active_chosen.connect(self.set_active)
            self.controls.clear_requested.connect(self.clear_active)
            self.controls.hide_toggled.connect(self.toggle_hidden)
            self.controls.by_groups_chosen.connect(self.set_by_groups)
            self.controls.consensus_edited.connect(lambda w, v: self.place(AGREED, w, v))
            self.controls.medians_requested.connect(self.use_medians)
            self._make_key_actions()
            self.controls.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            side.addWidget(self.controls)
        self.summary = SummaryPanel(self.plot.content)
        # The controls keep their size; the summary takes what is left and fits its text.
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        side.addWidget(self.summary, 1)
        self.summary.may_grow = not self.audience

    def _area_action(self, text: str, slot) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _make_key_actions(self) -> None:
        """N and T work anywhere on the page (the plot handles its other keys)."""
        for key, which_value in ((Qt.Key.Key_N, "now"), (Qt.Key.Key_T, "target")):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, v=which_value: self.set_active(v))
            self.addAction(action)

    # -- model -> view ---------------------------------------------------------------
    def _theme_changed(self, *_args) -> None:
        t = theme()
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor(t.background))
        palette.setColor(palette.ColorRole.WindowText, QColor(t.text))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self._apply_chrome_fonts()
        self.plot.apply_theme()
        self.summary.apply_theme()
        self.refresh()

    def _apply_chrome_fonts(self) -> None:
        """Controls grow a little with a big screen (the room may see them too); the
        room's own text (plot, summary, area title) grows fully."""
        t = theme()
        chosen = theme_state().zoom  # View > Zoom grows the controls too, past the cap
        chrome = min(1.3, room_text_scale(self.zoom) / chosen) * chosen
        font = QFont(self.font())
        font.setPointSizeF(11.5 * chrome)
        for widget in self.findChildren(QWidget):
            if not isinstance(widget, QLabel) and widget is not self.plot and \
                    widget is not self.summary:
                widget.setFont(font)
        if not self.audience:
            small = QFont(font)
            small.setPointSizeF(10.5 * chrome)
            self.controls.keys_help.setFont(small)
            self.controls.keys_help.setStyleSheet(f"color: {t.muted_text};")
        big = QFont(font)
        big.setPointSizeF(15 * chrome)
        self._tab_font = big
        self._fit_tabs()
        title = QFont(font)
        title.setPointSizeF(22 * room_text_scale(self.zoom))
        title.setBold(True)
        self.area_title.setFont(title)

    def _fit_tabs(self) -> None:
        """The area tabs' names whole ("All learning", not "All lear..."): their font
        gives way, down to the controls' size, before a name is elided."""
        if self.audience or not hasattr(self, "_tab_font"):
            return
        margins = self.layout().contentsMargins()
        room = (self.width() - self.side.width() - self.areas_button.sizeHint().width()
                - margins.left() - margins.right() - 3 * self.layout().spacing() - 8)
        font = QFont(self._tab_font)
        floor = min(font.pointSizeF(), 10.0)
        while True:
            metrics = QFontMetrics(font)
            # a tab is its text plus the style's padding (about one line height)
            need = sum(metrics.horizontalAdvance(self.tabs.tabText(i)) + metrics.height()
                       + 8 for i in range(self.tabs.count()))
            if need <= room or font.pointSizeF() <= floor:
                break
            font.setPointSizeF(max(floor, font.pointSizeF() - 0.5))
        if self.tabs.font() != font:
            self.tabs.setFont(font)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Grow the room's text with the page: a 1080p projector is no less far away."""
        super().resizeEvent(event)
        zoom = round(max(1.0, min(1.8, self.height() / 720, self.width() / 1280)) * 20) / 20
        if self.audience:
            zoom = round(zoom * 1.1, 2)
        if zoom != self.zoom:
            self.zoom = zoom
            self._apply_chrome_fonts()
        self.plot.set_zoom(zoom)
        self.summary.set_zoom(zoom)
        self._reflow()
        self._fit_tabs()

    def _side_least_width(self) -> int:
        return max(300, self.controls.minimumSizeHint().width() if not self.audience else 0)

    def _viewport(self) -> QSize:
        """The room the main window's page scroller gives (this page may be taller)."""
        area = scroll_area_around(self)
        return area.viewport().size() if area is not None else self.size()

    def _reflow(self) -> None:
        """Side by side when the chart keeps a fair share beside the panels; otherwise
        (a 1024x600 screen, a big zoom) the panels go under the chart, side by side, and
        the page scrolls up and down, never sideways: nothing is cut or overlaps."""
        least = self._side_least_width()
        if self.audience:
            self.side.setFixedWidth(int(max(least, min(400 * room_text_scale(self.zoom),
                                                       self.width() * 0.3))))
            return
        room = self._viewport()
        beside_height = (self.controls.sizeHint().height()
                         + self.summary.least_height(least) + 12)
        wide = room.width() - 16 >= least + PLOT_LEAST_WIDTH
        tall = room.height() - 12 >= max(beside_height, self.plot.least_height())
        # hysteresis: a scroll bar coming or going must not flip the layout back and forth
        if self.compact:
            wide = room.width() - 16 >= least + PLOT_LEAST_WIDTH + 24
        compact = not (wide and tall)
        if compact != self.compact:
            self.compact = compact
            self.layout().setDirection(QBoxLayout.Direction.TopToBottom if compact
                                       else QBoxLayout.Direction.LeftToRight)
            self.side_layout.setAlignment(self.controls, Qt.AlignmentFlag.AlignTop if compact
                                          else Qt.AlignmentFlag(0))
            self.summary.set_grows(compact)
            self.controls.setSizePolicy(QSizePolicy.Policy.Preferred,
                                        QSizePolicy.Policy.Minimum if compact
                                        else QSizePolicy.Policy.Fixed)
        side = self.side_layout
        if compact:
            self.side.setMinimumWidth(0)
            self.side.setMaximumWidth(QWIDGETSIZE_MAX)
            controls = max(least, min(room.width() // 2, 420))
            # the controls and the summary side by side under the chart if both fit
            pair = controls + self.summary.minimumSizeHint().width() + 40 <= room.width()
            self.controls.setFixedWidth(controls if pair else max(least, room.width() - 40))
            side.setDirection(QBoxLayout.Direction.LeftToRight if pair
                              else QBoxLayout.Direction.TopToBottom)
            side.setSpacing(12)
            high = self.controls.minimumSizeHint().height()
            self.controls.setMinimumHeight(high)
            # the layout gives the panels less than they need once they wrap: say it
            width = room.width() - 24 - (controls + 12 if pair else 0)
            text = self.summary.needed_height(width)
            self.side.setMinimumHeight(max(high, text) if pair else high + 12 + text)
            # the wrapped legend and ends make the chart want more than its minimum:
            # the page asks for what its column needs at this width, and scrolls
            tall = self.layout().totalHeightForWidth(room.width())
            if tall != self.minimumHeight():
                self.setMinimumHeight(tall)
        else:
            self.controls.setMinimumHeight(0)
            self.side.setMinimumHeight(0)
            self.setMinimumHeight(0)
            side.setDirection(QBoxLayout.Direction.TopToBottom)
            side.setSpacing(-1)
            self.controls.setMinimumWidth(0)
            self.controls.setMaximumWidth(QWIDGETSIZE_MAX)
            self.side.setFixedWidth(int(max(least, min(400 * room_text_scale(self.zoom),
                                                       self.width() * 0.3))))
        self.plot.setMinimumHeight(self.plot.least_height())

    def subjects(self) -> list[tuple[str, str, str, str]]:
        """(key, name, initials, colour) of each participant, or of each group."""
        if self.continuum.by_groups:
            from lpdesk.model.session import initials
            return [(g.id, g.name, initials(g.name), g.colour) for g in self.session.groups]
        return [(p.id, p.name, p.initials, p.colour) for p in self.session.participants]

    def rows(self, subjects: list[tuple[str, str, str, str]] | None = None) -> list[Row]:
        """What the plot shows, top to bottom: the agreed position, then each subject."""
        area = self.continuum.current_area
        rows: list[Row] = []
        if area is None:
            return rows
        cons = area.consensus
        if self.interactive or not cons.is_empty():
            rows.append(Row(AGREED, self.tr("\u2605 Agreed"), "", theme().consensus,
                            cons.now, cons.target))
        table = area.group_placements if self.continuum.by_groups else area.placements
        for key, name, initials, colour in (self.subjects() if subjects is None
                                            else subjects):
            p = table.get(key, Placement())
            rows.append(Row(key, name, initials, colour, p.now, p.target))
        return rows

    def refresh(self) -> None:
        """Show the model as it is now (every change comes through here)."""
        self._syncing = True
        try:
            self._sync_tabs()
            self._fit_tabs()
            subjects = self.subjects()
            keys = [AGREED] + [s[0] for s in subjects]
            if self.selected_key not in keys:
                self.selected_key = subjects[0][0] if subjects else AGREED
            if not self.audience:
                self._sync_controls(subjects)
            rows = self.rows(subjects)
            hidden = self.continuum.hidden
            shown = [placed_mark(r) for r in rows] if hidden else rows
            self.plot.set_rows(shown, selected=self.selected_key if self.interactive else None,
                               active=self.active, private=hidden)
            self._show_summary(rows, hidden)
            self._sync_room_actions()
            self.placing_changed.emit()
            self._speak(rows, hidden)
        finally:
            self._syncing = False

    def _speak(self, rows: list[Row], hidden: bool) -> None:
        """The markers, for a screen reader: see lpdesk/ui/continuum/spoken.py."""
        selected = None if self.audience else next(
            (r for r in rows if r.key == self.selected_key), None)
        view = self.plot.view
        name = plot_name(selected, self.active, hidden)
        if view.accessibleName() != name:
            view.setAccessibleName(name)
        described = plot_description(rows, hidden,
                                     "" if hidden else self.summary.sentence.text(),
                                     self._said)
        if view.accessibleDescription() != described:
            view.setAccessibleDescription(described)

    def _sync_tabs(self) -> None:
        areas = self.continuum.areas
        current = self.continuum.current_area
        while self.tabs.count() > len(areas):
            self.tabs.removeTab(self.tabs.count() - 1)
        for i, area in enumerate(areas):
            if i >= self.tabs.count():
                self.tabs.addTab("")
            text = area.name.replace("&", "&&")  # "&" is not a shortcut
            if self.tabs.tabText(i) != text:  # (setting a tab's text relays the bar out)
                self.tabs.setTabText(i, text)
                self.tabs.setTabToolTip(i, plain_tip(area.name))
            self.tabs.setTabData(i, area.id)
        if current is not None and self.tabs.currentIndex() != areas.index(current):
            self.tabs.setCurrentIndex(areas.index(current))
        title = current.name if current else ""
        if self.area_title.text() != title:
            self.area_title.setText(title)

    def _sync_controls(self, subjects: list[tuple[str, str, str, str]]) -> None:
        area = self.continuum.current_area
        self.rename_area_action.setEnabled(area is not None)
        self.remove_area_action.setEnabled(len(self.continuum.areas) > 1)
        self.controls.sync(subjects, self.selected_key, self.active,
                           area.consensus if area else None, self.continuum.hidden,
                           self.continuum.by_groups, bool(self.session.groups))

    def _show_summary(self, rows: list[Row], hidden: bool) -> None:
        with self.summary.changing():  # its parts appear or go at once (one layout)
            self._summarise(rows, hidden)

    def _summarise(self, rows: list[Row], hidden: bool) -> None:
        people = [r for r in rows if r.key != AGREED]
        if hidden:
            placed = sum(1 for r in people if r.now is not None or r.target is not None)
            self.summary.show_private(placed, len(people), self.continuum.by_groups)
            self.plot.set_distribution(None, None)
            return
        now = [r.now for r in people if r.now is not None]
        target = [r.target for r in people if r.target is not None]
        summary = summarise(Placement(r.now, r.target) for r in people)
        self.summary.show_count(sum(1 for r in people if r.now is not None
                                    or r.target is not None), len(people))
        area = self.continuum.current_area
        self.summary.show_summary(now, target, summary, self.continuum.by_groups,
                                  area.consensus if area else None)
        self.plot.set_distribution(now, target, {"now": summary.now,
                                                 "target": summary.target})
        if not people and not self.audience:
            self.summary.show_hint(
                self.tr("No groups yet: add them on the set-up page.") if
                self.continuum.by_groups else
                self.tr("No participants yet: add them on the set-up page. The agreed "
                        "position can be placed meanwhile."))

    # -- choosing ------------------------------------------------------------------------
    def select(self, key: str) -> None:
        """Choose whose markers the keyboard and clicks place."""
        if key != self.selected_key:
            self.selected_key = key
            self.refresh()

    def set_active(self, which: str) -> None:
        """Choose the now or the target marker."""
        if which != self.active:
            self.active = which
            self.refresh()

    def _select_from_plot(self, key: str, which: str) -> None:
        self.selected_key, self.active = key, which
        self.refresh()

    def _combo_chosen(self, key: str) -> None:
        self.select(key)
        self.plot.view.setFocus()

    def _step_subject(self, delta: int) -> None:
        keys = [r.key for r in self.rows()]
        if not keys:
            return
        i = keys.index(self.selected_key) if self.selected_key in keys else 0
        self.select(keys[max(0, min(len(keys) - 1, i + delta))])

    # -- areas ---------------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        if self._syncing or index < 0:
            return
        area_id = self.tabs.tabData(index)
        if area_id != (self.continuum.current_area.id if self.continuum.current_area
                       else None):
            self.continuum.set_current_area(area_id)  # navigation, not an edit

    def ask_area_name(self, title: str, text: str = "") -> str | None:
        """Ask for an area's name (tests replace this)."""
        name, ok = QInputDialog.getText(self, title, self.tr("Area of learning:"), text=text)
        return name.strip() if ok and name.strip() else None

    def ask_add_area(self) -> None:
        name = self.ask_area_name(self.tr("Add area"),
                                  self.tr("Area %d") % (len(self.continuum.areas) + 1))
        if name:
            self.add_area(name)

    def add_area(self, name: str) -> None:
        area = Area(new_id("area", {a.id for a in self.continuum.areas}), name)
        self.doc.push(AddAreaCommand(self.continuum, area))

    def ask_rename_area(self) -> None:
        area = self.continuum.current_area
        if area is None or self.audience:
            return
        name = self.ask_area_name(self.tr("Rename area"), area.name)
        if name and name != area.name:
            self.doc.push(RenameAreaCommand(self.continuum, area.id, name))

    def remove_area(self) -> None:
        area = self.continuum.current_area
        if area is not None and len(self.continuum.areas) > 1:
            self.doc.push(RemoveAreaCommand(self.continuum, area.id))
