"""The summary activity, the workshop's last page: the recap of the results (where the room
stands on each area, the move it wants, the matrix boards' agreement with the model; see
recap.py), then the agreed actions and the room's comments, as captured during the workshop
(Ctrl+K / Ctrl+Shift+A from any activity). The facilitator corrects, adds and removes the
notes here (undoable); the room sees the recap and a clean, numbered list. The exported
summary says the same."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from lpdesk.commands.room import (
    AddRoomNoteCommand,
    EditRoomNoteCommand,
    RemoveRoomNoteCommand,
    SetActionFollowUpCommand,
    new_room_note,
)
from lpdesk.document import SessionDocument
from lpdesk.model.room import RoomNote, action_line, follow_up_words
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.text import plain_tip
from lpdesk.ui.style.theme import set_sheet, theme, theme_state
from lpdesk.ui.summary.pending import PendingNotes
from lpdesk.ui.summary.presenting import PresentingSummary
from lpdesk.ui.summary.recap import RecapPanel

KINDS = ("action", "comment")
LIST_ENTRIES = 3  # notes each list shows at least on the facilitator's page (it scrolls)
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1  # 'during <activity>, 10:12', drawn muted below


class NoteDelegate(QStyledItemDelegate):
    """The note's text, wrapped, with where and when it was said in small muted type.
    Sizes are remembered per text, width and font: a list of 2,000 notes is laid out again
    on every resize, and measuring wrapped text is what costs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sizes: dict[tuple[str, bool, int, str], QSize] = {}

    def _detail_font(self, option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setPointSizeF(option.font.pointSizeF() * 0.8)
        return font

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        width = max(120, (option.widget.viewport().width() if option.widget
                          else option.rect.width()) - 24)
        key = (index.data() or "", bool(index.data(DETAIL_ROLE)), width, option.font.key())
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > 20_000:
                self._sizes.clear()
            size = self._sizes[key] = self._measure(option, index, width)
        return size

    def _measure(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> QSize:
        fm = QFontMetrics(option.font)
        text = fm.boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap,
                               index.data() or "")
        detail = index.data(DETAIL_ROLE)
        extra = QFontMetrics(self._detail_font(option)).height() if detail else 0
        return QSize(width, text.height() + extra + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        t = theme()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = opt.rect.adjusted(10, 6, -10, -6)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(QColor(t.on_accent if selected else t.text))
        used = painter.boundingRect(rect, Qt.TextFlag.TextWordWrap, text)
        painter.drawText(rect, Qt.TextFlag.TextWordWrap, text)
        detail = index.data(DETAIL_ROLE)
        if detail:
            painter.setFont(self._detail_font(opt))
            painter.setPen(QColor(t.on_accent if selected else t.muted_text))
            painter.drawText(rect.adjusted(0, used.height(), 0, 0), Qt.TextFlag.TextSingleLine,
                             detail)
        painter.restore()


class SummaryPage(PresentingSummary, QWidget):
    placing_changed = Signal()  # the note from a phone under review (presentation mode)

    def __init__(self, doc: SessionDocument, parent: QWidget | None = None,
                 audience: bool = False) -> None:
        super().__init__(parent)
        self.doc = doc
        self.session = doc.session
        self.audience = audience
        self._refreshing = False
        self.lists: dict[str, QListWidget] = {}
        self.entries: dict[str, QLineEdit] = {}
        self.column_titles: list[QLabel] = []
        self.setObjectName("SummaryPage")
        self._build()
        listen(self, self.session.room.changed, lambda *_: self.refresh())
        listen(self, self.session.agenda.changed, lambda *_: self.refresh())
        listen(self, self.session.changed, lambda *_: self.refresh_heading())
        for event in (self.session.changed, self.session.continuum.changed,
                      self.session.matrix.changed):
            listen(self, event, lambda *_: self._results_changed())
        theme_state().theme_changed.connect(self._restyle)
        self._restyle(recap=False)  # the recap styled itself when it was built
        self.refresh()

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("SummaryHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # title and client
        self.heading.setWordWrap(True)
        root.addWidget(self.heading)
        self.recap = RecapPanel(self.session, self.audience, self)
        self._recap_stale = False
        root.addWidget(self.recap)
        self.pending: PendingNotes | None = None
        if not self.audience:  # notes sent from phones wait here for the facilitator
            self.pending = PendingNotes(self.doc, self)
            root.addWidget(self.pending)
        row = QHBoxLayout()
        root.addLayout(row, 1)
        titles = {"action": self.tr("Agreed actions"), "comment": self.tr("Comments")}
        for kind in KINDS:
            box = QWidget()
            box.setObjectName(f"Summary_{kind}")
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 8, 0, 0)
            label = QLabel(titles[kind])
            label.setObjectName("SummaryColumnTitle")
            self.column_titles.append(label)
            column.addWidget(label)
            view = QListWidget()
            view.setObjectName(f"SummaryList_{kind}")
            view.setAccessibleName(titles[kind])
            view.setWordWrap(True)
            view.setItemDelegate(NoteDelegate(view))
            view.setResizeMode(QListWidget.ResizeMode.Adjust)
            view.setUniformItemSizes(False)
            view.setLayoutMode(QListWidget.LayoutMode.Batched)  # thousands of notes: the
            view.setBatchSize(200)  # first screenful is shown at once, the rest follows
            self.lists[kind] = view
            column.addWidget(view, 1)
            if self.audience:
                view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            else:
                view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                     | QAbstractItemView.EditTrigger.EditKeyPressed)
                view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
                view.setToolTip(self.tr("F2 or double-click to correct, Delete to remove"))
                view.itemChanged.connect(self._item_edited)
                view.installEventFilter(self)
                entry = QLineEdit()
                entry.setAccessibleName(self.tr("New %s") % kind)
                entry.setPlaceholderText(self.tr("Type an action and press Enter")
                                         if kind == "action"
                                         else self.tr("Type a comment and press Enter"))
                entry.returnPressed.connect(lambda k=kind: self._add_typed(k))
                self.entries[kind] = entry
                remove = QPushButton(self.tr("Remove selected"))
                remove.setAccessibleName(self.tr("Remove selected %s") % titles[kind].lower())
                remove.clicked.connect(lambda _=False, k=kind: self.remove_selected(k))
                line = QHBoxLayout()
                line.addWidget(entry, 1)
                if kind == "action":  # who takes it on, by when
                    self.follow_up_button = QPushButton(self.tr("Owner and &due..."))
                    self.follow_up_button.setToolTip(self.tr(
                        "Who takes the selected action on, and by when"))
                    self.follow_up_button.clicked.connect(lambda: self.edit_follow_up())
                    line.addWidget(self.follow_up_button)
                line.addWidget(remove)
                column.addLayout(line)
            row.addWidget(box, 3 if kind == "action" else 2)

    def _restyle(self, *_args, recap: bool = True) -> None:
        t = theme()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * (1.25 if self.audience else 1.0))
        lines = QFontMetrics(font).lineSpacing()
        for view in self.lists.values():
            view.setFont(font)
            if not self.audience:  # "Sent from phones" must not crush the lists to a row
                view.setMinimumHeight(LIST_ENTRIES * (2 * lines + 10) + 2 * view.frameWidth())
        heading = QFont(self.font())
        heading.setPointSizeF(self.font().pointSizeF() * 1.5)
        heading.setBold(True)
        self.heading.setFont(heading)
        set_sheet(self.heading, f"color: {t.text};")
        title = QFont(self.font())
        title.setPointSizeF(self.font().pointSizeF() * (1.4 if self.audience else 1.15))
        title.setBold(True)
        for label in self.column_titles:
            label.setFont(title)
            set_sheet(label, f"color: {t.text};")
        if recap:
            self.recap.restyle()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # e.g. scaled up on the room's screen
            self._restyle()

    # -- model -> view ---------------------------------------------------------------------
    def _results_changed(self) -> None:
        """Recount the recap now if on screen, else when next shown: cards moving on the
        matrix page cost the hidden recap nothing."""
        if self.isVisible():
            self.recap.refresh()
        else:
            self._recap_stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self._recap_stale:
            self._recap_stale = False
            self.recap.refresh()
        super().showEvent(event)

    def refresh_heading(self) -> None:
        s = self.session
        bits = [b for b in (s.title, s.client, s.date) if b]
        self.heading.setText("  \u00b7  ".join(bits) or self.tr("Summary"))

    def describe(self, note: RoomNote) -> str:
        """'during <activity>, 10:12': where and when it was said."""
        bits = []
        if note.source == "phone" and not self.audience:  # who sent it stays off the screen
            bits.append(self.tr("from %s") % note.author if note.author
                        else self.tr("from a phone, anonymous"))
        if note.activity_id:
            try:
                bits.append(self.tr("during %s") % self.session.agenda.item(
                    note.activity_id).title)
            except KeyError:
                pass
        try:
            when = datetime.fromisoformat(note.created)
            bits.append(f"{when.hour:02d}:{when.minute:02d}")  # strftime costs 10x more
        except ValueError:
            pass
        return ", ".join(bits)

    def refresh(self) -> None:
        self.refresh_heading()
        self._refreshing = True
        for kind, view in self.lists.items():
            notes = self.session.room.accepted(kind)  # type: ignore[arg-type]
            selected = {i.data(Qt.ItemDataRole.UserRole) for i in view.selectedItems()}
            view.clear()
            for number, note in enumerate(notes, 1):
                # the room reads each action with its owner and due date in one line (the
                # exports' wording); the facilitator edits the text alone, the rest below
                text = f"{number}. {action_line(note, self.tr)}" \
                    if self.audience and kind == "action" else note.text
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, note.id)
                follow = follow_up_words(note.owner, note.due, self.tr) \
                    if kind == "action" else ""
                detail = " \u00b7 ".join(b for b in (follow, self.describe(note)) if b)
                item.setToolTip(plain_tip(detail))
                if not self.audience:
                    item.setData(DETAIL_ROLE, detail)
                if not self.audience:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                view.addItem(item)
                item.setSelected(note.id in selected)
            if not notes:
                empty = QListWidgetItem(self.tr("None yet") if self.audience else
                                        self.tr("None yet: Ctrl+K captures a comment, "
                                                "Ctrl+Shift+A an action, from any activity"))
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                view.addItem(empty)
        if self.pending is not None:
            self.pending.refresh()
        self._refreshing = False
        if self.interactive:
            self.sync_room_actions()

    def note_ids(self, kind: str) -> list[str]:
        view = self.lists[kind]
        return [view.item(r).data(Qt.ItemDataRole.UserRole) for r in range(view.count())
                if view.item(r).data(Qt.ItemDataRole.UserRole)]

    # -- view -> commands -------------------------------------------------------------------
    def add_note(self, kind: str, text: str) -> None:
        if text.strip():
            room = self.session.room
            self.doc.push(AddRoomNoteCommand(room, new_room_note(
                room, kind, text, self.session.agenda.current_id)))

    def _add_typed(self, kind: str) -> None:
        entry = self.entries[kind]
        self.add_note(kind, entry.text())
        entry.clear()

    def _item_edited(self, item: QListWidgetItem) -> None:
        note_id = item.data(Qt.ItemDataRole.UserRole)
        if self._refreshing or not note_id:
            return
        text = item.text().strip()
        if not text:
            self.refresh()  # an empty note is refused: remove it with Delete instead
        elif text != self.session.room.note(note_id).text:
            self.doc.push(EditRoomNoteCommand(self.session.room, note_id, text))

    def ask_follow_up(self, note: RoomNote) -> tuple[str, str] | None:
        """The owner and due date dialog (tests replace this)."""
        from lpdesk.ui.summary.follow_up import FollowUpDialog  # dialogs load on use

        names = [p.name for p in self.session.participants] + \
            [g.name for g in self.session.groups]
        dialog = FollowUpDialog(note, names, self)
        try:
            return dialog.values() if dialog.exec() == FollowUpDialog.DialogCode.Accepted \
                else None
        finally:
            dialog.deleteLater()

    def edit_follow_up(self, note_id: str | None = None) -> None:
        """Owner and due date of the selected action (the first if several), one undo step."""
        if note_id is None:
            view = self.lists["action"]
            items = view.selectedItems() or ([view.currentItem()] if view.currentItem()
                                             else [])
            ids = [i.data(Qt.ItemDataRole.UserRole) for i in items]
            note_id = next((i for i in ids if i), None)
        if not note_id:
            return
        note = self.session.room.note(note_id)
        answer = self.ask_follow_up(note)
        if answer is not None and answer != (note.owner, note.due):
            self.doc.push(SetActionFollowUpCommand(self.session.room, note_id, *answer))

    def remove_selected(self, kind: str) -> None:
        ids = [i.data(Qt.ItemDataRole.UserRole) for i in self.lists[kind].selectedItems()]
        ids = [i for i in ids if i]
        if not ids:
            return
        stack = self.doc.undo_stack
        stack.beginMacro(self.tr("Remove %n note(s)", "", len(ids)))
        for note_id in ids:
            self.doc.push(RemoveRoomNoteCommand(self.session.room, note_id))
        stack.endMacro()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete:
            for kind, view in self.lists.items():
                if obj is view and view.state() != QAbstractItemView.State.EditingState:
                    self.remove_selected(kind)
                    return True
        return super().eventFilter(obj, event)
