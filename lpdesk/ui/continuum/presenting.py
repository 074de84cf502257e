"""The continuum page in presentation mode: the room's own page takes the facilitator's
clicks and keys (no controls shown), and offers its actions to the facilitator bar.
A mixin of ContinuumPage, kept apart so the page stays about placing."""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeyEvent


class PresentingContinuum:
    """Needs the page's `plot`, `continuum`, `active`, `selected_key`, `refresh`,
    `set_active`, `toggle_hidden`, `_step_subject`, `_name` and `_key`."""

    def set_interactive(self, on: bool) -> None:
        """The room's screen in presentation mode: clicks, drags and keys place markers."""
        if on == self.interactive:
            return
        self.interactive = on
        self.plot.set_editable(on)
        self.refresh()

    def room_actions(self) -> list[QAction]:
        """For presentation mode's facilitator bar: which marker, and the private vote."""
        if not hasattr(self, "_room_actions"):
            now = QAction(self.tr("Now (N)"), self)
            target = QAction(self.tr("Target (T)"), self)
            for action, which in ((now, "now"), (target, "target")):
                action.setCheckable(True)
                action.setToolTip(self.tr("Place the 'now' marker") if which == "now"
                                  else self.tr("Place the 'target' marker"))
                action.triggered.connect(lambda _=False, v=which: self.set_active(v))
            hide = QAction(self.tr("Private vote"), self)
            hide.setCheckable(True)
            hide.setToolTip(self.tr("Hide every marker while people place, then reveal "
                                    "them all at once"))
            hide.triggered.connect(lambda _=False: self.toggle_hidden())
            people = QAction(self.tr("Next (\u2193)"), self)
            people.setToolTip(self.tr("Place the next person's markers (\u2191 goes back)"))
            people.triggered.connect(lambda _=False: self._step_subject(1))
            area = QAction(self.tr("Area \u25b6"), self)
            area.setToolTip(self.tr("The next area of learning (e.g. compliance)"))
            area.triggered.connect(lambda _=False: self.step_area(1))
            self._room_actions = {"now": now, "target": target, "hide": hide,
                                  "next": people, "area": area}
            self._sync_room_actions()
        return list(self._room_actions.values())

    def _sync_room_actions(self) -> None:
        actions = getattr(self, "_room_actions", None)
        if actions:
            actions["now"].setChecked(self.active == "now")
            actions["target"].setChecked(self.active == "target")
            actions["hide"].setChecked(self.continuum.hidden)
            actions["area"].setEnabled(len(self.continuum.areas) > 1)

    def placing_text(self) -> str:
        """Whose marker the keys move, for the facilitator bar."""
        if self.selected_key is None:
            return ""
        which = self.tr("now") if self.active == "now" else self.tr("target")
        return self.tr("Placing: %s, %s") % (self._name(self.selected_key), which)
    def room_key(self, event: QKeyEvent) -> bool:
        """A key pressed anywhere on the room's screen in presentation mode."""
        return self.interactive and self._key(event)

    def step_area(self, step: int) -> None:
        """Show the next (or previous) area, round the list: navigation, not an edit."""
        areas, current = self.continuum.areas, self.continuum.current_area
        if len(areas) > 1 and current is not None:
            self.continuum.set_current_area(areas[(areas.index(current) + step)
                                                  % len(areas)].id)

