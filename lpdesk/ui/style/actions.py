"""One way to make a menu or toolbar action, so every action in lpdesk has the same keys,
tips and lifetime rules (the window, the room's controls, Help and the board had four
slightly different copies).

The action's C++ owner is the `owner` widget given, which outlives every use of it; the
action is also added to `add_to` (usually the owner) so its keys work without a menu bar,
as in presentation mode.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcut = str | Qt.Key | QKeySequence | QKeySequence.StandardKey
_NOT_GIVEN = object()


def key_list(shortcut: Shortcut | Sequence[Shortcut] | None,
             usual: str | Sequence[str] | None = None) -> list[QKeySequence]:
    """The key sequences for a shortcut: a standard key gives the platform's keys, plus
    `usual` where the platform has none like it (Quit has no key on Linux without a
    desktop theme); a list gives each of its keys."""
    if shortcut is None:
        return []
    if isinstance(shortcut, QKeySequence.StandardKey):
        keys = list(QKeySequence.keyBindings(shortcut))
        for key in ([usual] if isinstance(usual, str) else usual or ()):
            if all(k != QKeySequence(key) for k in keys):
                keys.append(QKeySequence(key))
        return keys
    if isinstance(shortcut, (list, tuple)):
        return [k for s in shortcut for k in key_list(s)]
    return [QKeySequence(shortcut)]


def make_action(owner: QWidget, text: str, slot: Callable[..., object],
                shortcut: Shortcut | Sequence[Shortcut] | None = None, tip: str = "", *,
                usual: str | Sequence[str] | None = None, keys_in_tip: bool = True,
                checkable: bool = False, on_toggle: bool = False,
                add_to: QWidget | None | object = _NOT_GIVEN) -> QAction:
    """An action owned by `owner`. `slot` is called with no argument when the action is
    triggered (by the user), or with the new state on every toggle when `on_toggle`. The
    tip goes on the status bar and, with the keys in brackets when `keys_in_tip`, in the
    tool tip."""
    action = QAction(text, owner)
    action.setCheckable(checkable)
    keys = key_list(shortcut, usual)
    if keys:
        action.setShortcuts(keys)
    if tip:
        native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({native})" if keys_in_tip and native else tip)
        action.setStatusTip(tip)
    if on_toggle:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda *_: slot())
    target = owner if add_to is _NOT_GIVEN else add_to
    if isinstance(target, QWidget):
        target.addAction(action)
    return action
