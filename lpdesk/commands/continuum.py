"""Undoable edits of the Learner Power continuum: placements, the agreed position, areas,
the private vote and working by groups.

Every placement and move is one command. A mouse drag is pushed once, on release. A key
press is one command too, except that the auto-repeated presses of a HELD arrow key merge
into the command of the press that started them (`repeat=True`): holding a key is one move,
like a drag, while separate presses stay separate steps in the undo history.
"""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from lpdesk.model.continuum import Area, Continuum, Placement, Which

_PLACEMENT_ID = 3001  # mergeWith ids (QUndoStack only asks commands with equal ids)
_CONSENSUS_ID = 3002


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("commands", text)


def _which_word(which: Which) -> str:
    return tr("now") if which == "now" else tr("target")


class SetPlacementCommand(QUndoCommand):
    """Place, move or clear (value None) one marker (`now` or `target`) of a participant,
    or of a group when `group` is true, in one area."""

    def __init__(self, continuum: Continuum, area_id: str, subject_id: str, which: Which,
                 value: float | None, *, group: bool = False, name: str = "",
                 repeat: bool = False) -> None:
        super().__init__()
        self.continuum, self.area_id, self.subject_id = continuum, area_id, subject_id
        self.which, self.group, self.repeat = which, group, repeat
        self.old = continuum.placement(area_id, subject_id, group=group)
        self.new = self.old.with_value(which, value)
        who = name or subject_id
        if value is None:
            self.setText(tr("Clear %s of %s") % (_which_word(which), who))
        elif self.old.get(which) is None:
            self.setText(tr("Place %s of %s") % (_which_word(which), who))
        else:
            self.setText(tr("Move %s of %s") % (_which_word(which), who))

    def marker(self) -> tuple[str, str, bool, Which]:
        return self.area_id, self.subject_id, self.group, self.which

    def id(self) -> int:
        return _PLACEMENT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt name)
        """Absorb the auto-repeated moves of a held key on the same marker."""
        if not (isinstance(other, SetPlacementCommand) and other.repeat
                and other.marker() == self.marker()):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)  # moved and back again: nothing to undo
        return True

    def redo(self) -> None:
        self._change(self.old, self.new)

    def undo(self) -> None:
        self._change(self.new, self.old)

    def _change(self, before: Placement, after: Placement) -> None:
        """Set this command's one marker, and only if it is still where this command left
        it: a participant may have moved it from their phone since (phone input is not on
        the facilitator's undo stack), and the facilitator's undo must not take their vote
        back. Such a step has nothing left to undo and leaves the history (obsolete)."""
        current = self.continuum.placement(self.area_id, self.subject_id, group=self.group)
        if current.get(self.which) != before.get(self.which):
            self.setObsolete(True)
            return
        self.continuum.set_placement(self.area_id, self.subject_id,
                                     current.with_value(self.which, after.get(self.which)),
                                     group=self.group)


class SetConsensusCommand(QUndoCommand):
    """Set the room's agreed (consensus) now and target of an area. Held-key repeats
    (`repeat=True`) merge as for placements."""

    def __init__(self, continuum: Continuum, area_id: str, placement: Placement, *,
                 repeat: bool = False) -> None:
        super().__init__(tr("Set the agreed position"))
        self.continuum, self.area_id, self.repeat = continuum, area_id, repeat
        self.old = Placement(continuum.area(area_id).consensus.now,
                             continuum.area(area_id).consensus.target)
        self.new = Placement(placement.now, placement.target)

    @classmethod
    def for_marker(cls, continuum: Continuum, area_id: str, which: Which,
                   value: float | None, *, repeat: bool = False) -> SetConsensusCommand:
        """Move only the agreed `now` or `target`, keeping the other."""
        current = continuum.area(area_id).consensus
        return cls(continuum, area_id, current.with_value(which, value), repeat=repeat)

    def id(self) -> int:
        return _CONSENSUS_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt name)
        if not (isinstance(other, SetConsensusCommand) and other.repeat
                and other.area_id == self.area_id):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self.continuum.set_consensus(self.area_id, self.new)

    def undo(self) -> None:
        self.continuum.set_consensus(self.area_id, self.old)


class AddAreaCommand(QUndoCommand):
    """Add an area of learning and show it; undo removes it and shows the previous one."""

    def __init__(self, continuum: Continuum, area: Area, index: int | None = None) -> None:
        super().__init__(tr("Add area %s") % area.name)
        self.continuum, self.area = continuum, area
        self.index = len(continuum.areas) if index is None else index
        self.previous_current = continuum.current_area_id

    def redo(self) -> None:
        self.continuum.insert_area(self.index, self.area)
        self.continuum.set_current_area(self.area.id)

    def undo(self) -> None:
        self.continuum.remove_area(self.area.id)
        self.continuum.set_current_area(self.previous_current)


class RenameAreaCommand(QUndoCommand):
    def __init__(self, continuum: Continuum, area_id: str, name: str) -> None:
        super().__init__(tr("Rename area"))
        self.continuum, self.area_id, self.new = continuum, area_id, name
        self.old = continuum.area(area_id).name

    def redo(self) -> None:
        self.continuum.rename_area(self.area_id, self.new)

    def undo(self) -> None:
        self.continuum.rename_area(self.area_id, self.old)


class RemoveAreaCommand(QUndoCommand):
    """Remove an area with all its placements; undo puts it back where it was, with its
    placements, and shows it again if it was the one shown."""

    def __init__(self, continuum: Continuum, area_id: str) -> None:
        super().__init__(tr("Remove area %s") % continuum.area(area_id).name)
        self.continuum, self.area_id = continuum, area_id
        self.was_current = continuum.current_area_id
        self.index: int | None = None
        self.area: Area | None = None

    def redo(self) -> None:
        self.index, self.area = self.continuum.remove_area(self.area_id)

    def undo(self) -> None:
        assert self.area is not None and self.index is not None
        self.continuum.insert_area(self.index, self.area)
        self.continuum.set_current_area(self.was_current)


class SetHiddenCommand(QUndoCommand):
    """Private vote: hide everyone's markers while people place (True), or reveal them."""

    def __init__(self, continuum: Continuum, hidden: bool) -> None:
        super().__init__(tr("Hide the markers") if hidden else tr("Reveal the markers"))
        self.continuum, self.new, self.old = continuum, hidden, continuum.hidden

    def redo(self) -> None:
        self.continuum.set_hidden(self.new)

    def undo(self) -> None:
        self.continuum.set_hidden(self.old)


class SetByGroupsCommand(QUndoCommand):
    """Place one area (the one shown unless named) with one marker pair per group (True)
    or per participant (False); the other areas keep their own choice."""

    def __init__(self, continuum: Continuum, by_groups: bool,
                 area_id: str | None = None) -> None:
        area = continuum.area(area_id) if area_id is not None else continuum.current_area
        if area is None:
            raise ValueError("no area to place by groups")
        super().__init__((tr("Place %s by groups") if by_groups
                          else tr("Place %s by participants")) % area.name)
        self.continuum, self.area_id = continuum, area.id
        self.new, self.old = by_groups, area.by_groups

    def redo(self) -> None:
        self.continuum.set_by_groups(self.new, self.area_id)

    def undo(self) -> None:
        self.continuum.set_by_groups(self.old, self.area_id)
