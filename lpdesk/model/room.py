"""What the room said: comments and agreed actions captured during the workshop."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lpdesk.model.events import Event

NoteKind = Literal["comment", "action"]
NOTE_KINDS: tuple[NoteKind, ...] = ("comment", "action")


@dataclass
class RoomNote:
    id: str
    kind: NoteKind
    text: str
    activity_id: str | None = None  # the agenda item it was captured in
    created: str = ""  # ISO 8601 local time, for the summary's order


@dataclass
class RoomNotes:
    """`changed` is emitted with the note id (or None)."""

    notes: list[RoomNote] = field(default_factory=list)
    changed: Event = field(default_factory=Event, repr=False, compare=False)

    def note(self, note_id: str) -> RoomNote:
        for note in self.notes:
            if note.id == note_id:
                return note
        raise KeyError(note_id)

    def insert(self, index: int, note: RoomNote) -> None:
        self.notes.insert(index, note)
        self.changed.emit(note.id)

    def remove(self, note_id: str) -> tuple[int, RoomNote]:
        index = [n.id for n in self.notes].index(note_id)
        note = self.notes.pop(index)
        self.changed.emit(None)
        return index, note

    def set_text(self, note_id: str, text: str) -> None:
        self.note(note_id).text = text
        self.changed.emit(note_id)

    def of_kind(self, kind: NoteKind) -> list[RoomNote]:
        return [n for n in self.notes if n.kind == kind]
