"""Placing markers on the continuum page, by mouse, keys or the controls: one undo step
per placement (a held key merges into one), the agreed position, the private vote and
working by groups.

A mixin of `ContinuumPage` (ui/continuum/page.py), like `PresentingContinuum`, split out so
the page file stays about building and showing; it uses only the page attributes declared
below. The arrow keys move by STEP, with Shift by BIG_STEP.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from lpdesk.commands.continuum import (
    SetByGroupsCommand,
    SetConsensusCommand,
    SetHiddenCommand,
    SetPlacementCommand,
)
from lpdesk.model.consensus import median_consensus
from lpdesk.model.continuum import clamp_position
from lpdesk.ui.continuum.items import AGREED

if TYPE_CHECKING:
    from lpdesk.document import SessionDocument
    from lpdesk.model.continuum import Continuum
    from lpdesk.model.session import Session
    from lpdesk.ui.continuum.plot import ContinuumPlot

STEP, BIG_STEP = 1.0, 10.0


class Placing:
    """What places markers; `ContinuumPage` provides these attributes and `_step_subject`,
    `set_active` and `tr`."""

    doc: SessionDocument
    session: Session
    continuum: Continuum
    plot: ContinuumPlot
    interactive: bool
    selected_key: str | None
    active: str

    def _name(self, key: str) -> str:
        subjects = self.session.groups if self.continuum.by_groups else self.session.participants
        for subject in subjects:  # by id only: no initials worked out for 1,000 people
            if subject.id == key:
                return subject.name
        return self.tr("the agreed position")

    def value_of(self, key: str, which: str) -> float | None:
        area = self.continuum.current_area
        if area is None:
            return None
        if key == AGREED:
            return area.consensus.get(which)
        return self.continuum.placement(area.id, key, group=self.continuum.by_groups).get(
            which)

    def place(self, key: str, which: str, value: float | None, repeat: bool = False) -> None:
        """Place, move or clear (None) one marker of the current area: one undo step."""
        area = self.continuum.current_area
        if area is None or not self.interactive:
            return
        if value is not None:
            value = round(clamp_position(value), 1)
        if self.value_of(key, which) == value:
            return
        if key == AGREED:
            self.doc.push(SetConsensusCommand.for_marker(self.continuum, area.id, which, value,
                                                         repeat=repeat))
        else:
            self.doc.push(SetPlacementCommand(
                self.continuum, area.id, key, which, value, group=self.continuum.by_groups,
                name=self._name(key), repeat=repeat))

    def move_active(self, delta: float, repeat: bool = False) -> None:
        """Move the chosen marker by `delta`; an unplaced marker starts at the other
        marker's position (or the middle)."""
        if self.selected_key is None:
            return
        current = self.value_of(self.selected_key, self.active)
        if current is None:
            other = "target" if self.active == "now" else "now"
            start = self.value_of(self.selected_key, other)
            self.place(self.selected_key, self.active, 50.0 if start is None else start)
            return
        self.place(self.selected_key, self.active, current + delta, repeat=repeat)

    def clear_active(self) -> None:
        if self.selected_key is not None:
            self.place(self.selected_key, self.active, None)

    def use_medians(self) -> None:
        area = self.continuum.current_area
        if area is None:
            return
        wanted = median_consensus(area, by_groups=self.continuum.by_groups)  # model's rule
        if wanted is not None:
            self.doc.push(SetConsensusCommand(self.continuum, area.id, wanted))

    def toggle_hidden(self) -> None:
        self.doc.push(SetHiddenCommand(self.continuum, not self.continuum.hidden))

    def set_by_groups(self, by_groups: bool) -> None:
        if by_groups != self.continuum.by_groups:
            self.doc.push(SetByGroupsCommand(self.continuum, by_groups))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if obj is self.plot.view and event.type() == QEvent.Type.KeyPress \
                and self.interactive:
            return self._key(event)
        return super().eventFilter(obj, event)

    def _key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        step = BIG_STEP if mods & Qt.KeyboardModifier.ShiftModifier else STEP
        repeat = event.isAutoRepeat()
        K = Qt.Key  # noqa: N806 (reads like the Qt enum)
        if key in (K.Key_Left, K.Key_Right):
            self.move_active(step if key == K.Key_Right else -step, repeat)
        elif key in (K.Key_Home, K.Key_End) and self.selected_key is not None:
            self.place(self.selected_key, self.active, 0.0 if key == K.Key_Home else 100.0)
        elif key in (K.Key_Up, K.Key_Down):
            self._step_subject(-1 if key == K.Key_Up else 1)
        elif key in (K.Key_N, K.Key_T) and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self.set_active("now" if key == K.Key_N else "target")
        elif key in (K.Key_Delete, K.Key_Backspace):
            self.clear_active()
        else:
            return False
        return True

