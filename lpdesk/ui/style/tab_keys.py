"""Text boxes that let Tab go: Tab / Shift+Tab and Ctrl+Tab / Ctrl+Shift+Tab move the focus
on instead of being typed or swallowed, so a keyboard user never gets stuck in a box."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget


def next_tab_stop(widget: QWidget, forward: bool = True) -> QWidget | None:
    """The widget Tab (or Shift+Tab) goes to from `widget`, in its window."""
    step = QWidget.nextInFocusChain if forward else QWidget.previousInFocusChain
    candidate = step(widget)
    while candidate is not None and candidate is not widget:
        if candidate.window() is widget.window() and candidate.isVisible() and \
                candidate.isEnabled() and candidate.focusPolicy() & Qt.FocusPolicy.TabFocus \
                and candidate.focusProxy() is None:
            return candidate
        candidate = step(candidate)
    return None


class _CtrlTabLeaves(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            forward = event.key() == Qt.Key.Key_Tab and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            target = next_tab_stop(obj, forward)
            if target is not None:
                target.setFocus(Qt.FocusReason.TabFocusReason if forward
                                else Qt.FocusReason.BacktabFocusReason)
            return True
        return False


def tab_leaves(edit: QPlainTextEdit | QTextEdit) -> None:
    """Tab and Ctrl+Tab leave `edit` (a pasted tab character is still kept)."""
    edit.setTabChangesFocus(True)
    edit.installEventFilter(_CtrlTabLeaves(edit))
