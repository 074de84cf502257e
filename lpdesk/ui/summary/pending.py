"""Notes sent from participants' phones, waiting for the facilitator: each shows its kind,
who sent it (or "anonymous") and its text, as plain text. Accept puts it in the room's
lists (the room's screen, the exports); Reject keeps it out of everything but this list,
where it stays greyed so the facilitator can still accept it. Both are undoable steps.
Only on the facilitator's page: the room's screen never shows this panel."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lpdesk.commands.room import SetNoteStatusCommand
from lpdesk.document import SessionDocument
from lpdesk.model.room import RoomNote
from lpdesk.ui.style.text import plain_tip
from lpdesk.ui.style.theme import theme


class PendingNotes(QWidget):
    def __init__(self, doc: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("PendingNotes")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.title)
        self.list = QListWidget()
        self.list.setObjectName("PendingList")
        self.list.setAccessibleName(self.tr("Sent from phones"))
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        column.addWidget(self.list)
        line = QHBoxLayout()
        self.accept = QPushButton(self.tr("&Accept"))
        self.accept.setToolTip(self.tr("Show the selected notes to the room and put them in "
                                       "the summary (Ctrl+Return)"))
        self.accept.setShortcut(QKeySequence("Ctrl+Return"))
        self.accept.clicked.connect(lambda: self.set_status("accepted"))
        self.reject = QPushButton(self.tr("&Reject"))
        self.reject.setToolTip(self.tr("Keep the selected notes out of the room's screen and "
                                       "every export"))
        self.reject.clicked.connect(lambda: self.set_status("rejected"))
        line.addWidget(self.accept)
        line.addWidget(self.reject)
        line.addStretch(1)
        column.addLayout(line)

    def describe(self, note: RoomNote) -> str:
        kind = self.tr("Action") if note.kind == "action" else self.tr("Comment")
        author = note.author or self.tr("anonymous")
        mark = self.tr(" (rejected)") if note.status == "rejected" else ""
        return self.tr("%1 from %2%3: %4").replace("%1", kind).replace(
            "%2", author).replace("%3", mark).replace("%4", note.text)

    def refresh(self) -> None:
        notes = self.doc.session.room.waiting()
        selected = {i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()}
        self.list.clear()
        muted = QColor(theme().muted_text)
        for note in notes:
            item = QListWidgetItem(self.describe(note))  # a list item is plain text
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            item.setToolTip(plain_tip(note.text))
            if note.status == "rejected":
                item.setForeground(muted)
            self.list.addItem(item)
            item.setSelected(note.id in selected)
        rows = sum(self.list.sizeHintForRow(r) for r in range(min(4, self.list.count())))
        self.list.setFixedHeight(max(rows, 24) + 2 * self.list.frameWidth() + 4)  # 1-4 rows
        pending = sum(n.status == "pending" for n in notes)
        self.title.setText(self.tr("Sent from phones: %n waiting for you", "", pending))
        self.setVisible(bool(notes))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        room = self.doc.session.room
        statuses = {room.note(i).status for i in ids}
        self.accept.setEnabled(bool(statuses - {"accepted"}))
        self.reject.setEnabled("pending" in statuses)

    def selected_ids(self) -> list[str]:
        return [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]

    def set_status(self, status: str, note_ids: list[str] | None = None) -> None:
        ids = self.selected_ids() if note_ids is None else note_ids
        room = self.doc.session.room
        ids = [i for i in ids if room.note(i).status != status]
        if ids:
            self.doc.push(SetNoteStatusCommand(room, ids, status))
