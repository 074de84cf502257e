"""Text is text: what a session file or a participant typed shows exactly as typed.

Qt guesses whether a string is rich text (HTML) wherever it is allowed to (labels and
message boxes left on `AutoText`, every tool tip). An area called `<img src="/some/file">`
would then make Qt read that file and show it, on the projector too. Labels and message
boxes are set to `Qt.TextFormat.PlainText`; tool tips have no such switch, so `plain_tip`
turns text Qt would read as HTML into HTML that shows it literally.
"""
from __future__ import annotations

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_tip(text: str) -> str:
    """`text` made safe for `setToolTip` / `QToolTip.showText`: shown exactly as written
    (line breaks kept). Text Qt would not take for HTML is returned unchanged."""
    if not text or not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


NO_TIPS = "lpdesk_no_tips"  # a window property: no tool tip over this window (the room's)


def tips_allowed(widget: QWidget) -> bool:
    """Whether a tool tip may be shown by hand (`QToolTip.showText`) over `widget`: not
    over the room's screen in presentation mode (ui/room/presentation.py, NoToolTips)."""
    return not widget.window().property(NO_TIPS)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never reads its text as HTML."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_message(parent: QWidget | None, icon, title: str, text: str,
                  buttons=None, default=None):
    """QMessageBox.warning/question/critical with its text shown as plain text; returns the
    standard button pressed. (The static QMessageBox functions guess the text format.)"""
    from PySide6.QtWidgets import QMessageBox  # not at start-up: dialogs load on use

    box = QMessageBox(icon, title, text,
                      QMessageBox.StandardButton.Ok if buttons is None else buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default is not None:
        box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())
