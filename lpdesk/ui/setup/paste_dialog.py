"""The "Paste list" dialog: the clipboard's text, read as a participant list
(lpdesk/model/roster.py), with a preview of who will be added to which group and what is
left out (duplicates, blank lines), before anything changes."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lpdesk.model.roster import IN_LIST, PastedRoster, read_roster
from lpdesk.model.session import Session
from lpdesk.ui.style.tab_keys import tab_leaves


class PasteNamesDialog(QDialog):
    """Starts with the clipboard's text; OK (Enter outside the text box, Ctrl+Return
    anywhere) adds what the preview shows."""

    def __init__(self, session: Session, parent: QWidget | None = None,
                 text: str | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Paste participant list"))
        self.setObjectName("PasteNamesDialog")
        intro = QLabel(self.tr(
            "One name per line, or a list copied from a spreadsheet (name, then group; a "
            "header row names the columns) or from an e-mail's address line. Nothing is added "
            "until you press OK."))
        intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Names to add"))
        self.text.setPlaceholderText(self.tr(
            "Ann Lee<Tab>Harbour\n\"Okafor, Ben\" <ben@example.org>\namira.haddad@example.org"))
        tab_leaves(self.text)  # Tab leaves the box; a pasted tab stays a tab
        self.text.installEventFilter(self)
        text_label = QLabel(self.tr("&List:"))
        text_label.setBuddy(self.text)
        self.preview = QTableWidget(0, 2)
        self.preview.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Group")])
        for column in (0, 1):
            self.preview.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setAccessibleName(self.tr("Participants to add"))
        preview_label = QLabel(self.tr("&Will be added:"))
        preview_label.setBuddy(self.preview)
        self.report = QLabel()
        self.report.setObjectName("PasteReport")
        self.report.setTextFormat(Qt.TextFormat.PlainText)
        self.report.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&OK"))
        self.ok_button.setDefault(True)
        self.ok_button.setToolTip(self.tr("Add the participants shown (Ctrl+Return)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("&Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self, self.accept,
                      context=Qt.ShortcutContext.WindowShortcut)

        left = QVBoxLayout()
        left.addWidget(text_label)
        left.addWidget(self.text, 1)
        right = QVBoxLayout()
        right.addWidget(preview_label)
        right.addWidget(self.preview, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.report)
        layout.addWidget(self.buttons)
        self.resize(820, 480)

        self.roster = PastedRoster()
        self.text.textChanged.connect(self.refresh)
        self.text.setPlainText(QApplication.clipboard().text() if text is None else text)
        self.refresh()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        # Alt+letter is a mnemonic, never typing: without one it must not put a letter into
        # a name (AltGr characters come with other modifiers and are left alone).
        if obj is self.text and event.type() == QEvent.Type.KeyPress and \
                event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier == \
                Qt.KeyboardModifier.AltModifier and event.text().strip():
            return True
        return super().eventFilter(obj, event)

    # -- reading the list --------------------------------------------------------------
    def refresh(self) -> None:
        s = self.session
        self.roster = read_roster(self.text.toPlainText(), [p.name for p in s.participants],
                                  [g.name for g in s.groups])
        rows = self.roster.rows
        self.preview.setRowCount(len(rows))
        new_groups = set(self.roster.new_groups)
        for index, row in enumerate(rows):
            self.preview.setItem(index, 0, QTableWidgetItem(row.name))
            group = row.group or ""
            if row.group in new_groups:
                group = self.tr("%s (new group)") % row.group
            self.preview.setItem(index, 1, QTableWidgetItem(group))
        self.report.setText(self.describe())
        self.ok_button.setEnabled(bool(rows))

    def describe(self) -> str:
        r = self.roster
        n = len(r.rows)
        parts = [self.tr("Nothing to add yet.") if n == 0 else
                 self.tr("1 participant will be added.") if n == 1 else
                 self.tr("%d participants will be added.") % n]
        if r.new_groups:
            parts.append(self.tr("New groups: %s.") % ", ".join(r.new_groups))
        twice = [d.name for d in r.duplicates if d.reason == IN_LIST]
        already = [d.name for d in r.duplicates if d.reason != IN_LIST]
        if already:
            parts.append(self.tr("Left out, already in the session: %s.") % ", ".join(already))
        if twice:
            parts.append(self.tr("Left out, twice in the list: %s.") % ", ".join(twice))
        if r.blank_lines:
            parts.append(self.tr("1 blank line skipped.") if r.blank_lines == 1 else
                         self.tr("%d blank lines skipped.") % r.blank_lines)
        if r.header:
            parts.append(self.tr("First row read as column names: %s.")
                         % ", ".join(c for c in r.header if c))
        return " ".join(parts)

    def accept(self) -> None:
        if self.roster.rows:  # Ctrl+Return with nothing to add does nothing
            super().accept()
