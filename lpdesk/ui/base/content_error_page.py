"""Shown in place of an activity whose content file (stages, quiz, templates) is broken."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class ContentErrorPage(QWidget):
    def __init__(self, problem: str, parent: QWidget | None = None,
                 audience: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("ContentErrorPage")
        self.problem = problem
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 40, 80, 40)
        title = QLabel(self.tr("This activity cannot be shown"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addStretch(1)
        layout.addWidget(title)
        if audience:  # the room does not need file paths
            text = self.tr("Its content is being fixed.")
        else:
            text = self.tr("One of its content files is broken:\n\n%s\n\nCorrect the file (or "
                           "reinstall lpdesk to get the original back) and restart lpdesk. "
                           "Your session is not affected.") % problem
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(self.tr("Content problem"))
        layout.addWidget(self.message)  # no alignment flag: it breaks word-wrap heights
        layout.addStretch(2)
