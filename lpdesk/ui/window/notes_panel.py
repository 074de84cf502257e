"""Facilitator notes and prompts for the activity being shown: what to ask, what to watch
for. Editable (undoable, saved in the session), in the facilitator's window only: the room
views never create this panel."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lpdesk.commands.agenda import SetNotesCommand, UpdateAgendaItemCommand
from lpdesk.content.agenda import bundled_notes
from lpdesk.ui.style.binding import listen_instead
from lpdesk.ui.window.agenda_panel import PANEL_WIDTH


class NotesPanel(QWidget):
    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.main = window
        self.item_id: str | None = None
        self._agenda = None
        self._refreshing = False
        self.setObjectName("NotesPanel")
        self.setAccessibleName(self.tr("Facilitator notes"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.heading = QLabel()
        self.heading.setObjectName("NotesHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # it shows the agenda title
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("NotesEditor")
        self.editor.setAccessibleName(self.tr("Facilitator notes for this activity"))
        self.editor.setPlaceholderText(self.tr("What to ask, what to watch for, how long. "
                                               "Only you see these notes."))
        self.editor.setToolTip(self.tr("Your notes for this activity: never shown to the "
                                       "room, saved with the session"))
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._typed)
        layout.addWidget(self.editor, 1)
        self.restore_button = QPushButton(self.tr("Restore g&uidance"))
        self.restore_button.setToolTip(self.tr("Put back the guidance lpdesk ships for this "
                                               "kind of activity (undoable)"))
        self.restore_button.clicked.connect(self.restore_bundled)
        layout.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignRight)
        window.page_changed.connect(self.show_item)
        window.document_changed.connect(self.set_document)
        self.set_document(window.doc)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(PANEL_WIDTH, super().sizeHint().height())

    def set_document(self, doc) -> None:
        listen_instead(self, self._agenda.changed if self._agenda is not None else None,
                       doc.session.agenda.changed, self._agenda_changed)
        self._agenda = doc.session.agenda
        self.item_id = None
        self.show_item(self.main.current_item_id())

    def _agenda_changed(self, item_id) -> None:
        if item_id is None or item_id == self.item_id:
            self.refresh()

    def show_item(self, item_id: str | None) -> None:
        self.item_id = item_id
        self.refresh()

    def item(self):
        if self.item_id is None or self._agenda is None:
            return None
        try:
            return self._agenda.item(self.item_id)
        except KeyError:
            return None

    def refresh(self) -> None:
        item = self.item()
        self.editor.setEnabled(item is not None)
        self.restore_button.setEnabled(item is not None and
                                       bundled_notes(item.kind) not in ("", item.notes))
        self.heading.setText(self.tr("For \u201c%s\u201d (only you see these)") % item.title
                             if item else "")
        text = item.notes if item else ""
        if self.editor.toPlainText() != text:
            self._refreshing = True
            cursor = self.editor.textCursor().position()
            self.editor.setPlainText(text)
            c = self.editor.textCursor()
            c.setPosition(min(cursor, len(text)))
            self.editor.setTextCursor(c)
            self._refreshing = False

    def _typed(self) -> None:
        item = self.item()
        if self._refreshing or item is None:
            return
        text = self.editor.toPlainText()
        if text != item.notes:
            self.main.doc.push(SetNotesCommand(self._agenda, item.id, text))

    def restore_bundled(self) -> None:
        item = self.item()
        if item is None:
            return
        text = bundled_notes(item.kind)
        if text and text != item.notes:
            self.main.doc.push(UpdateAgendaItemCommand(
                self._agenda, item.id, self.tr("Restore guidance for %s") % item.title,
                notes=text))  # a step of its own: not merged with typing
