"""Undoable capture of what the room said: comments and agreed actions."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from lpdesk.model.room import RoomNote, RoomNotes

_TEXT_ID = 3000  # mergeWith id: typing in one note merges into one command


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("commands", text)


class AddRoomNoteCommand(QUndoCommand):
    def __init__(self, room: RoomNotes, note: RoomNote, index: int | None = None) -> None:
        super().__init__(tr("Add action") if note.kind == "action" else tr("Add comment"))
        self.room, self.note = room, note
        self.index = len(room.notes) if index is None else index

    def redo(self) -> None:
        self.room.insert(self.index, self.note)

    def undo(self) -> None:
        self.room.remove(self.note.id)


class RemoveRoomNoteCommand(QUndoCommand):
    def __init__(self, room: RoomNotes, note_id: str) -> None:
        note = room.note(note_id)
        super().__init__(tr("Remove action") if note.kind == "action"
                         else tr("Remove comment"))
        self.room, self.note_id = room, note_id
        self.index, self.note = 0, note

    def redo(self) -> None:
        self.index, self.note = self.room.remove(self.note_id)

    def undo(self) -> None:
        self.room.insert(self.index, self.note)


class EditRoomNoteCommand(QUndoCommand):
    """Correct a captured comment or action; consecutive edits of one note merge."""

    def __init__(self, room: RoomNotes, note_id: str, text: str) -> None:
        super().__init__(tr("Edit note"))
        self.room, self.note_id, self.new = room, note_id, text
        self.old = room.note(note_id).text

    def id(self) -> int:
        return _TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt name)
        if not isinstance(other, EditRoomNoteCommand) or other.note_id != self.note_id:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self.room.set_text(self.note_id, self.new)

    def undo(self) -> None:
        self.room.set_text(self.note_id, self.old)


class SetNoteStatusCommand(QUndoCommand):
    """The facilitator accepts or rejects notes sent from phones (one step for several)."""

    def __init__(self, room: RoomNotes, note_ids: list[str], status: str) -> None:
        super().__init__(tr("Accept note") if status == "accepted" else
                         tr("Reject note") if status == "rejected" else tr("Set note aside"))
        self.room, self.status = room, status
        self.old = {note_id: room.note(note_id).status for note_id in note_ids}

    def redo(self) -> None:
        for note_id in self.old:
            self.room.set_status(note_id, self.status)  # type: ignore[arg-type]

    def undo(self) -> None:
        for note_id, status in self.old.items():
            self.room.set_status(note_id, status)


class SetActionFollowUpCommand(QUndoCommand):
    """Give an agreed action its owner and due date (one undo step for both)."""

    def __init__(self, room: RoomNotes, note_id: str, owner: str, due: str) -> None:
        note = room.note(note_id)
        super().__init__(tr("Set owner and due date"))
        self.room, self.note_id = room, note_id
        self.new, self.old = (owner.strip(), due.strip()), (note.owner, note.due)

    def redo(self) -> None:
        self.room.set_follow_up(self.note_id, *self.new)

    def undo(self) -> None:
        self.room.set_follow_up(self.note_id, *self.old)


def new_room_note(room: RoomNotes, kind: str, text: str, activity_id: str | None,
                  created: str | None = None, *, from_phone: bool = False,
                  author: str = "") -> RoomNote:
    """A note ready to add: a fresh id and the local time it was said (for the summary).
    A note from a participant's phone waits for the facilitator (pending)."""
    from datetime import datetime

    from lpdesk.model.ids import new_id
    from lpdesk.model.room import NOTE_KINDS
    if kind not in NOTE_KINDS:
        raise ValueError(f"unknown note kind {kind!r}")
    note_id = new_id("note", {n.id for n in room.notes})
    when = created if created is not None else datetime.now().isoformat(timespec="seconds")
    if from_phone:
        return RoomNote(note_id, kind, text.strip(), activity_id, when,  # type: ignore[arg-type]
                        "pending", "phone", author)
    return RoomNote(note_id, kind, text.strip(), activity_id, when)  # type: ignore[arg-type]
