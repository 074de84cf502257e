"""Edits that come from participants' phones.

Phone input is applied with `SessionDocument.apply` (not on the facilitator's undo stack:
a participant's vote is theirs to change from the phone, and the facilitator's Ctrl+Z takes
back the facilitator's own last step). Votes that arrive together are one command, so a
burst of 200 placements changes the model, and repaints the views, once.
New names and anonymous joiners use the set-up activity's own commands
(`commands.session.AddParticipantsCommand`, `UpdateParticipantCommand`).
"""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from lpdesk.model.continuum import Continuum, Placement, Which


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("commands", text)


class PlaceFromPhonesCommand(QUndoCommand):
    """Set markers sent from phones in one area: `votes` maps a participant id (or a group
    id with `group`) to the markers it sent ({"now": 42.0} or both); the last one wins."""

    def __init__(self, continuum: Continuum, area_id: str,
                 votes: dict[str, dict[Which, float | None]], *, group: bool = False) -> None:
        super().__init__(tr("Votes from phones (%d)") % len(votes))
        self.continuum, self.area_id, self.group = continuum, area_id, group
        self.votes = votes
        self.old: dict[str, Placement] = {}

    def redo(self) -> None:
        new: dict[str, Placement] = {}
        self.old = {}
        for subject_id, markers in self.votes.items():
            current = self.continuum.placement(self.area_id, subject_id, group=self.group)
            self.old[subject_id] = current
            for which, value in markers.items():
                current = current.with_value(which, value)
            new[subject_id] = current
        self.continuum.set_placements(self.area_id, new, group=self.group)

    def undo(self) -> None:
        self.continuum.set_placements(self.area_id, self.old, group=self.group)
