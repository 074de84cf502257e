"""The agenda panel: the workshop's activities in order with their planned minutes, and
the facilitator's changes to the plan (add, remove, reorder, skip, rename, minutes), each
undoable.

It wraps the main window's own agenda list (which does navigation) and adds what the plan
needs: minutes beside each title, buttons and menu actions, and the planned total.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lpdesk.commands.agenda import (
    AddAgendaItemCommand,
    MoveAgendaItemCommand,
    RemoveAgendaItemCommand,
    new_agenda_item,
    rename,
    set_minutes,
    set_skipped,
)
from lpdesk.model.agenda import AgendaItem
from lpdesk.ui.style.binding import listen_instead
from lpdesk.ui.style.theme import theme

PANEL_WIDTH = 240  # leaves the activity page most of a 1280-pixel screen


class AgendaDelegate(QStyledItemDelegate):
    """Draws 'Title ........ 20 min'; skipped activities struck out and dimmed."""

    def __init__(self, window) -> None:
        super().__init__(window.agenda_list)
        self.main = window
        # a row's height by everything it depends on: the list asks ~10 times per row
        # while a page opens (each layout pass), and wrapping a title costs ~0.1 ms
        self._heights: dict[tuple, int] = {}

    def item(self, index: QModelIndex) -> AgendaItem | None:
        try:
            return self.main.doc.session.agenda.item(index.data(Qt.ItemDataRole.UserRole))
        except (KeyError, AttributeError):
            return None

    def minutes_text(self, item: AgendaItem) -> str:
        return self.main.tr("%d min") % item.minutes

    def _title_width(self, option: QStyleOptionViewItem, item: AgendaItem, width: int) -> int:
        return width - 16 - option.fontMetrics.horizontalAdvance(self.minutes_text(item)) - 12

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        view = self.main.agenda_list.viewport()  # titles wrap: never a sideways scroll
        width = max(60, view.width() - 2)
        item = self.item(index)
        fm = option.fontMetrics
        if item is None:
            return QSize(width, fm.height() * 2)
        key = (item.title, self.minutes_text(item), width, option.font.key())
        height = self._heights.get(key)
        if height is None:
            height = self._measure(option, item, width)
            if len(self._heights) > 500:  # many widths after resizes: start again
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    def _measure(self, option: QStyleOptionViewItem, item: AgendaItem, width: int) -> int:
        fm = option.fontMetrics
        text = fm.boundingRect(QRect(0, 0, max(20, self._title_width(option, item, width)),
                                     10000), Qt.TextFlag.TextWordWrap, item.title)
        return max(fm.height() * 2, text.height() + fm.height() // 2 + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,  # noqa: D102
              index: QModelIndex) -> None:
        item = self.item(index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if item is None:
            super().paint(painter, option, index)
            return
        title = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        t = theme()
        text_colour = QColor(t.on_accent if selected else t.text)
        muted = QColor(t.on_accent if selected else t.muted_text)
        rect = opt.rect.adjusted(8, 0, -8, 0)
        minutes = self.minutes_text(item)
        minutes_w = rect.width() - self._title_width(opt, item, opt.rect.width())
        painter.save()
        font = opt.font
        font.setStrikeOut(item.skipped)
        painter.setFont(font)
        painter.setPen(muted if item.skipped else text_colour)
        title_rect = QRect(rect.left(), rect.top(), rect.width() - minutes_w, rect.height())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
                         | Qt.TextFlag.TextWordWrap, title)
        font.setStrikeOut(False)
        painter.setFont(font)
        painter.setPen(muted)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                         minutes)
        painter.restore()


class AgendaActions:
    """The plan's editing actions, acting on the activity being shown."""

    def __init__(self, window) -> None:
        self.main = window
        tr = window.tr

        def make(text: str, slot, shortcut: str, tip: str) -> QAction:
            action = QAction(text, window)
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})")
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            window.addAction(action)
            return action

        self.earlier = make(tr("Move &earlier"), lambda: self.move(-1), "Ctrl+Shift+Up",
                            tr("Run this activity earlier in the workshop"))
        self.later = make(tr("Move &later"), lambda: self.move(1), "Ctrl+Shift+Down",
                          tr("Run this activity later in the workshop"))
        self.skip = make(tr("&Skip this activity"), self.toggle_skip, "Ctrl+Shift+X",
                         tr("Skip or bring back this activity (Next and Previous pass "
                            "skipped ones)"))
        self.skip.setCheckable(True)
        self.rename = make(tr("&Rename activity..."), self.ask_rename, "Ctrl+Shift+R",
                           tr("Give this activity the title the room will see"))
        self.minutes = make(tr("Planned &minutes..."), self.ask_minutes, "Ctrl+Shift+M",
                            tr("How long you plan for this activity"))
        self.add = make(tr("&Add activity..."), self.ask_add, "Ctrl+Shift+I",
                        tr("Add an activity to the plan, after this one"))
        self.remove = make(tr("Remove &this activity"), self.remove_current,
                           "Ctrl+Shift+Del",
                           tr("Take this activity out of the plan (Undo brings it back, "
                              "with what the room did in it)"))
        self.all = [self.earlier, self.later, self.skip, self.rename, self.minutes,
                    self.add, self.remove]
        window.page_changed.connect(lambda *_: self.update())

    def current(self) -> AgendaItem | None:
        item_id = self.main.current_item_id()
        if item_id is None or self.main.doc is None:
            return None
        try:
            return self.main.doc.session.agenda.item(item_id)
        except KeyError:
            return None

    def update(self) -> None:
        item = self.current()
        agenda = self.main.doc.session.agenda if self.main.doc else None
        for action in self.all:
            action.setEnabled(item is not None)
        if item is not None and agenda is not None:
            index = agenda.index(item.id)
            self.earlier.setEnabled(index > 0)
            self.later.setEnabled(index < len(agenda.items) - 1)
            self.skip.setChecked(item.skipped)
            self.remove.setEnabled(len(agenda.items) > 1)  # a plan keeps one activity
        if agenda is not None:
            self.add.setEnabled(True)  # also into a plan shown with nothing selected

    def move(self, delta: int) -> None:
        item = self.current()
        if item is None:
            return
        agenda = self.main.doc.session.agenda
        new = agenda.index(item.id) + delta
        if 0 <= new < len(agenda.items):
            self.main.doc.push(MoveAgendaItemCommand(agenda, item.id, new))
            self.main.show_activity(item.id)

    def toggle_skip(self) -> None:
        item = self.current()
        if item is not None:
            self.main.doc.push(set_skipped(self.main.doc.session.agenda, item.id,
                                             not item.skipped))
        self.update()

    def ask_add(self) -> None:
        """Ask which activity, then add it after the one shown (bundled title, minutes and
        guidance), in one undo step."""
        from lpdesk.content.agenda import default_agenda_items

        doc = self.main.doc
        if doc is None:
            return
        bundled = {}
        for template in default_agenda_items():
            bundled.setdefault(template.kind, template)
        choices = [bundled[kind] for kind in bundled if kind in self._page_kinds()]
        chosen = self.ask_kind([t.title for t in choices])
        if chosen is None:
            return
        template = choices[chosen]
        agenda = doc.session.agenda
        current = self.current()
        index = agenda.index(current.id) + 1 if current is not None else len(agenda.items)
        item = new_agenda_item(agenda, template.kind, template.title, template.minutes,
                               template.notes, set(doc.session.all_ids()))
        doc.push(AddAgendaItemCommand(agenda, item, index))
        if item.id in [i.id for i in agenda.items]:  # not refused by a limit
            self.main.show_activity(item.id)

    def remove_current(self) -> None:
        """Take the activity shown out of the plan, in one undo step, saying how to get it
        back (no question: Undo is the safety)."""
        item = self.current()
        doc = self.main.doc
        if item is None or doc is None or len(doc.session.agenda.items) < 2:
            return
        doc.push(RemoveAgendaItemCommand(doc.session.agenda, item.id))
        self.main.statusBar().showMessage(
            self.main.tr("Removed “%s” from the plan (Ctrl+Z brings it back).")
            % item.title, 6000)

    def _page_kinds(self) -> set[str]:
        from lpdesk.ui.window.pages import PAGES
        return set(PAGES)

    # separate methods so tests can answer them
    def ask_kind(self, titles: list[str]) -> int | None:
        """Which activity to add: the index in `titles`, or None."""
        from PySide6.QtWidgets import QInputDialog

        title, ok = QInputDialog.getItem(self.main, self.main.tr("Add activity"),
                                         self.main.tr("Activity:"), titles, 0, False)
        return titles.index(title) if ok and title in titles else None

    def ask_title(self, current: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog  # not at start-up: dialogs on use

        text, ok = QInputDialog.getText(self.main, self.main.tr("Rename activity"),
                                        self.main.tr("Title:"), text=current)
        return text if ok else None

    def ask_minutes_value(self, current: int) -> int | None:
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getInt(self.main, self.main.tr("Planned minutes"),
                                        self.main.tr("Minutes:"), current, 0, 1440)
        return value if ok else None

    def ask_rename(self) -> None:
        item = self.current()
        if item is None:
            return
        title = self.ask_title(item.title)
        if title is not None and title.strip() and title.strip() != item.title:
            self.main.doc.push(rename(self.main.doc.session.agenda, item.id,
                                        title.strip()))

    def ask_minutes(self) -> None:
        item = self.current()
        if item is None:
            return
        minutes = self.ask_minutes_value(item.minutes)
        if minutes is not None and minutes != item.minutes:
            self.main.doc.push(set_minutes(self.main.doc.session.agenda, item.id,
                                             minutes))


MAX_LIST_HEIGHT = 420  # px: about eight activities; more scroll
MIN_LIST_HEIGHT = 90  # px: three activities, on a screen too small for the whole plan


class AgendaPanel(QWidget):
    """The main window's agenda list with minutes, plan buttons and the planned total."""

    def __init__(self, window, actions: AgendaActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = window
        self.setObjectName("AgendaPanel")
        self.setAccessibleName(self.tr("Agenda"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.list = window.agenda_list
        self.list.setViewport(_viewport())
        self.list.setItemDelegate(AgendaDelegate(window))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(self.list.ResizeMode.Adjust)
        self.list.setToolTip(self.tr("The workshop plan: PageDown/PageUp move through it"))
        layout.addWidget(self.list, 1)
        model = self.list.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset,
                       model.layoutChanged):
            signal.connect(self.fit_rows)
        self.list.viewport().installEventFilter(self)  # titles re-wrap with the width: refit
        self.fit_rows()  # the main window filled the list before this panel existed
        # Two rows, so the whole plan still shows at 1280x720: the order and Skip, then
        # the title, the minutes and adding (+) or removing (−) an activity.
        rows = ([(actions.earlier, "\u25b2 " + self.tr("Earlier")),
                 (actions.later, "\u25bc " + self.tr("Later")), (actions.skip, self.tr("Skip"))],
                [(actions.rename, self.tr("Rename")), (actions.minutes, self.tr("Minutes")),
                 (actions.add, "+"), (actions.remove, "\u2212")])
        for row in rows:
            line = QHBoxLayout()
            line.setSpacing(4)
            for action, short in row:
                action.setIconText(short)  # the button's text; menus keep the full text
                button = QToolButton()
                button.setDefaultAction(action)
                button.setAccessibleName(action.text().replace("&", "").rstrip("."))
                wide = len(short) > 1
                button.setSizePolicy(QSizePolicy.Policy.Expanding if wide
                                     else QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
                line.addWidget(button, 2 if wide else 0)
            layout.addLayout(line)
        self.total = QLabel()
        self.total.setObjectName("AgendaTotal")
        self.total.setWordWrap(True)
        layout.addWidget(self.total)
        self._agenda = None
        window.document_changed.connect(self.set_document)
        self.set_document(window.doc)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(PANEL_WIDTH, super().sizeHint().height())

    def fit_rows(self, *_args) -> None:
        """Ask for room to show the whole plan without scrolling (a workshop has a handful
        of activities); the notes dock below gives way. Capped so a long plan still scrolls."""
        rows = sum(max(0, self.list.sizeHintForRow(r)) for r in range(self.list.count()))
        frame = 2 * self.list.frameWidth() + 2
        fits = rows + frame <= MAX_LIST_HEIGHT
        # No scroll bar when the plan fits: it would narrow the list and re-wrap the titles.
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fits
                                             else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        height = rows + frame if fits else MAX_LIST_HEIGHT
        height = min(height, max(MIN_LIST_HEIGHT, self._spare_height()))
        if self.list.minimumHeight() != height:
            self.list.setMinimumHeight(height)

    def _spare_height(self) -> int:
        """What the screen leaves for the list once the rest of the window has its minimum:
        on a 1024x600 screen the whole plan would make the window taller than the screen."""
        from lpdesk.ui.style.screens import FRAME_GUESS, available

        window = self.window()
        others = window.minimumSizeHint().height() - self.list.minimumHeight()
        return available(window).height() - FRAME_GUESS.top() - FRAME_GUESS.bottom() - others

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if obj is self.list.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_rows()
        return super().eventFilter(obj, event)

    def set_document(self, doc) -> None:
        listen_instead(self, self._agenda.changed if self._agenda is not None else None,
                       doc.session.agenda.changed, self._agenda_changed)
        self._agenda = doc.session.agenda
        self.refresh_total()

    def _agenda_changed(self, _item_id) -> None:
        self.refresh_total()
        self.list.viewport().update()

    def refresh_total(self) -> None:
        items = self._agenda.items if self._agenda else []
        planned = sum(i.minutes for i in items if not i.skipped)
        skipped = sum(i.minutes for i in items if i.skipped)
        text = self.tr("Planned: %d min (%s)") % (planned, _hours(planned))
        if skipped:
            text += "\n" + self.tr("Skipped: %d min") % skipped
        self.total.setText(text)


def _viewport() -> QWidget:
    """A list viewport like the one Qt makes, but made in Python. Why: the delegate reads
    the viewport's width for every row, and handing a C++-made widget to Python the first
    time makes PySide initialise every QWidget class for its type look-up (~8 ms of
    start-up)."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    return viewport


def _hours(minutes: int) -> str:
    return f"{minutes // 60}h{minutes % 60:02d}"
