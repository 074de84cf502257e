"""Owner and due date of an agreed action: a small dialog (who takes it on, by when). The
owner is free text (a name, a team, 'HR'), offered the session's names as you type; the
date is optional and picked from a calendar, so it is always a real day."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from lpdesk.model import limits
from lpdesk.model.room import RoomNote


class FollowUpDialog(QDialog):
    def __init__(self, note: RoomNote, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Owner and due date"))
        form = QFormLayout(self)
        action = QLabel(note.text)
        action.setTextFormat(Qt.TextFormat.PlainText)  # a phone's words stay text
        action.setWordWrap(True)
        form.addRow(action)
        self.owner = QLineEdit(note.owner)
        self.owner.setMaxLength(limits.NAME)
        self.owner.setPlaceholderText(self.tr("Who takes it on (a name, a team)"))
        completer = QCompleter(names, self.owner)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner.setCompleter(completer)
        form.addRow(self.tr("&Owner:"), self.owner)
        self.has_due = QCheckBox(self.tr("&Due by"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        given = QDate.fromString(note.due, "yyyy-MM-dd") if note.due else QDate()
        self.due.setDate(given if given.isValid() else QDate.currentDate().addDays(14))
        self.has_due.setChecked(given.isValid())
        self.due.setEnabled(given.isValid())
        self.has_due.toggled.connect(self.due.setEnabled)
        line = QHBoxLayout()
        line.addWidget(self.has_due)
        line.addWidget(self.due, 1)
        form.addRow(line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        """(owner, due as 'YYYY-MM-DD' or '')."""
        due = self.due.date().toString("yyyy-MM-dd") if self.has_due.isChecked() else ""
        return self.owner.text().strip(), due
