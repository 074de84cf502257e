"""Undoable edits of the session's details, participants and groups."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from lpdesk.model.session import Group, Participant, RemovedGroup, RemovedParticipant, Session

_DETAIL_ID = 1000  # mergeWith ids: typing in one field merges into one command


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("commands", text)


class SetDetailCommand(QUndoCommand):
    """Change one session detail (title, client, date, facilitator, notes). Consecutive
    edits of the same field merge, so undo takes back a typed word, not a letter."""

    FIELDS = ("title", "client", "date", "facilitator", "notes")

    def __init__(self, session: Session, name: str, value: str) -> None:
        super().__init__(tr("Edit %s") % name)
        self.session, self.name, self.new = session, name, value
        self.old = getattr(session, name)

    def id(self) -> int:
        return _DETAIL_ID + self.FIELDS.index(self.name)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt name)
        if not isinstance(other, SetDetailCommand) or other.name != self.name:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.session.set_detail(self.name, self.new)

    def undo(self) -> None:
        self.session.set_detail(self.name, self.old)


class AddParticipantsCommand(QUndoCommand):
    """Add one or many participants (typed one by one, or pasted as a list) in one step,
    with the new groups a pasted list brings (made first, so members can join them)."""

    def __init__(self, session: Session, participants: list[Participant],
                 index: int | None = None, groups: list[Group] | None = None) -> None:
        n = len(participants)
        super().__init__(tr("Add %s") % participants[0].name if n == 1
                         else tr("Add %d participants") % n)
        self.session, self.participants = session, participants
        self.groups = list(groups or [])
        self.index = len(session.participants) if index is None else index

    def redo(self) -> None:
        for g in self.groups:
            self.session.insert_group(len(self.session.groups), g)
        for offset, p in enumerate(self.participants):
            self.session.insert_participant(self.index + offset, p)

    def undo(self) -> None:
        for p in reversed(self.participants):
            self.session.remove_participant(p.id)
        for g in reversed(self.groups):
            self.session.remove_group(g.id)


class UpdateParticipantCommand(QUndoCommand):
    """Rename a participant, move them to a group or change their colour."""

    def __init__(self, session: Session, participant_id: str, **values: object) -> None:
        super().__init__(tr("Change %s") % session.participant(participant_id).name)
        self.session, self.pid, self.new = session, participant_id, values
        self.old: dict[str, object] = {}

    def redo(self) -> None:
        self.old = self.session.update_participant(self.pid, **self.new)

    def undo(self) -> None:
        self.session.update_participant(self.pid, **self.old)


class RemoveParticipantCommand(QUndoCommand):
    """Remove a participant with their placements and quiz answers (all back on undo)."""

    def __init__(self, session: Session, participant_id: str) -> None:
        super().__init__(tr("Remove %s") % session.participant(participant_id).name)
        self.session, self.pid = session, participant_id
        self.removed: RemovedParticipant | None = None

    def redo(self) -> None:
        self.removed = self.session.remove_participant(self.pid)

    def undo(self) -> None:
        assert self.removed is not None
        self.session.restore_participant(self.removed)


class AddGroupCommand(QUndoCommand):
    def __init__(self, session: Session, group: Group) -> None:
        super().__init__(tr("Add group %s") % group.name)
        self.session, self.group = session, group

    def redo(self) -> None:
        self.session.insert_group(len(self.session.groups), self.group)

    def undo(self) -> None:
        self.session.remove_group(self.group.id)


class RenameGroupCommand(QUndoCommand):
    def __init__(self, session: Session, group_id: str, name: str) -> None:
        super().__init__(tr("Rename group"))
        self.session, self.gid, self.new = session, group_id, name
        self.old = session.group(group_id).name

    def redo(self) -> None:
        self.session.rename_group(self.gid, self.new)

    def undo(self) -> None:
        self.session.rename_group(self.gid, self.old)


class RemoveGroupCommand(QUndoCommand):
    """Remove a group: members stay (without a group), boards stay, group data goes."""

    def __init__(self, session: Session, group_id: str) -> None:
        super().__init__(tr("Remove group %s") % session.group(group_id).name)
        self.session, self.gid = session, group_id
        self.removed: RemovedGroup | None = None

    def redo(self) -> None:
        self.removed = self.session.remove_group(self.gid)

    def undo(self) -> None:
        assert self.removed is not None
        self.session.restore_group(self.removed)
