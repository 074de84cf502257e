"""Quick capture of what the room says (Ctrl+K a comment, Ctrl+Shift+A an agreed action)
from any activity, without leaving it: type, Enter, done."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class CaptureDialog(QDialog):
    def __init__(self, kind: str, activity_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CaptureDialog")
        self.setWindowTitle(self.tr("Capture from the room"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        if activity_title:
            during = QLabel(self.tr("During: %s") % activity_title)
            during.setObjectName("CaptureActivity")
            during.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(during)
        kinds = QHBoxLayout()
        self.comment_button = QRadioButton(self.tr("&Comment"))
        self.action_button = QRadioButton(self.tr("Agreed &action"))
        self.comment_button.setToolTip(self.tr("Something a participant said (Ctrl+K)"))
        self.action_button.setToolTip(self.tr("Something the room agreed to do, with an "
                                              "owner if you have one (Ctrl+Shift+A)"))
        group = QButtonGroup(self)
        for b in (self.comment_button, self.action_button):
            group.addButton(b)
            kinds.addWidget(b)
        kinds.addStretch(1)
        (self.action_button if kind == "action" else self.comment_button).setChecked(True)
        layout.addLayout(kinds)
        self.text = QLineEdit()
        self.text.setAccessibleName(self.tr("What was said or agreed"))
        self.text.setPlaceholderText(self.tr("Type and press Enter"))
        layout.addWidget(self.text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._enable)
        self._enable()
        self.text.setFocus()

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.text.text().strip()))

    def kind(self) -> str:
        return "action" if self.action_button.isChecked() else "comment"

    def note_text(self) -> str:
        return self.text.text().strip()
