"""The quiz's answer keys, claimed ahead of window-wide shortcuts.

While a question is on screen, 1-4 / A-D answer and the arrows move, wherever the keyboard
focus is in that window. Plain QShortcuts are not enough: the workshop's "B" (blank the
screen) is a window-wide action too, and two shortcuts on one key cancel each other out
("ambiguous"), so neither would work. This filter claims the key in Qt's ShortcutOverride
step, so the quiz wins while a question shows and "B" blanks everywhere else. Typing in a
text field (facilitator notes, a rename) is never taken.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def types_text(widget: QWidget) -> bool:
    """True for widgets where letters and arrows are typing, not commands."""
    if isinstance(widget, (QLineEdit, QAbstractSpinBox)):
        return True
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    return isinstance(widget, QComboBox) and widget.isEditable()


class QuizKeys(QObject):
    """Routes the quiz keys of `page`'s window to `handler(key) -> bool` while installed.
    `handler` returns whether the key means something on the screen shown now."""

    def __init__(self, page: QWidget, handler: Callable[[int], bool],
                 wants: Callable[[int], bool]) -> None:
        super().__init__(page)
        self.page, self.handler, self.wants = page, handler, wants
        self.installed = False

    def install(self) -> None:
        if not self.installed:
            QApplication.instance().installEventFilter(self)
            self.installed = True

    def remove(self) -> None:
        if self.installed:
            QApplication.instance().removeEventFilter(self)
            self.installed = False

    def _ours(self, obj: QObject, event: QKeyEvent) -> bool:
        if not isinstance(obj, QWidget) or obj.window() is not self.page.window():
            return False
        if event.modifiers() not in _PLAIN or types_text(obj):
            return False
        if QApplication.activePopupWidget() is not None or not self.page.isVisible():
            return False
        return self.wants(event.key())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self._ours(obj, event):
            event.accept()  # "this widget takes the key": no window shortcut fires
            return True
        if kind == QEvent.Type.KeyPress and self._ours(obj, event):
            return self.handler(event.key())
        return False
