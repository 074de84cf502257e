"""Text boxes that let Tab go: Tab / Shift+Tab and Ctrl+Tab / Ctrl+Shift+Tab move the focus
on instead of being typed or swallowed, so a keyboard user never gets stuck in a box.

Ctrl+Tab is turned into the plain Tab (or Shift+Tab) key that the box, set to let Tab change
the focus, already passes on: Qt finds the next widget itself. Walking the focus chain from
Python instead (`nextInFocusChain`) made PySide tie the wrappers of the whole window to each
other, and one deleted widget then marked live menus as deleted (issue 23)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit


class _CtrlTabLeaves(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            plain = QKeyEvent(QEvent.Type.KeyPress,
                              Qt.Key.Key_Tab if forward else Qt.Key.Key_Backtab,
                              Qt.KeyboardModifier.NoModifier if forward
                              else Qt.KeyboardModifier.ShiftModifier)
            QApplication.sendEvent(obj, plain)
            return True
        return False


def tab_leaves(edit: QPlainTextEdit | QTextEdit) -> None:
    """Tab and Ctrl+Tab leave `edit` (a pasted tab character is still kept)."""
    edit.setTabChangesFocus(True)
    edit.installEventFilter(_CtrlTabLeaves(edit))
