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
from shiboken6 import isValid

from lpdesk.ui.base.watching import rewatch

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
    `handler` returns whether the key means something on the screen shown now.

    It watches only where keys arrive: the focus widget (it follows focus), the page's
    window (keys go there when nothing has focus) and the page itself. As an
    application-wide event filter it was a call into Python for every event of the app
    while the quiz showed (each paint, timer and move; with phones on, each also takes the
    interpreter lock): 3,029 calls in the 200-phone quiz burst, now 32."""

    def __init__(self, page: QWidget, handler: Callable[[int], bool],
                 wants: Callable[[int], bool]) -> None:
        super().__init__(page)
        self.page, self.handler, self.wants = page, handler, wants
        self.installed = False
        self._watched: list[QWidget] = []

    def install(self) -> None:
        if not self.installed:
            self.installed = True
            app = QApplication.instance()
            app.focusChanged.connect(self._focus_changed)
            self._watch(app.focusWidget())

    def remove(self) -> None:
        if self.installed:
            self.installed = False
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
            self._unwatch()

    def watched(self) -> list[QWidget]:
        """The widgets whose events it sees now (tests)."""
        return [w for w in self._watched if isValid(w)]

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._watch(new)

    def _watch(self, focus: QWidget | None) -> None:
        window = self.page.window()
        wanted = [self.page, window]  # the page can be its own window, or the focus
        if focus is not None and focus.window() is window:
            wanted.append(focus)
        self._watched = rewatch(self, self._watched, wanted)

    def _unwatch(self) -> None:
        self._watched = rewatch(self, self._watched, [])

    def _ours(self, obj: QObject, event: QKeyEvent) -> bool:
        if not isinstance(obj, QWidget) or obj.window() is not self.page.window():
            return False
        if event.modifiers() not in _PLAIN or types_text(obj):
            return False
        focus = QApplication.focusWidget()  # a key a text field let through to its parents
        if focus is not None and focus is not obj and types_text(focus):
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
