"""What the room said: comments and agreed actions captured during the workshop."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from lpdesk.model.events import Event
from lpdesk.model.ids import by_id, pop_by_id

NoteKind = Literal["comment", "action"]
NOTE_KINDS: tuple[NoteKind, ...] = ("comment", "action")
# A note the facilitator captured is accepted at once; one sent from a participant's phone
# waits (pending) until the facilitator accepts it. Only accepted notes reach the room's
# screen and the exports; rejected ones are kept (the facilitator may change their mind).
NoteStatus = Literal["pending", "accepted", "rejected"]
NOTE_STATUSES: tuple[NoteStatus, ...] = ("pending", "accepted", "rejected")
NoteSource = Literal["facilitator", "phone"]
NOTE_SOURCES: tuple[NoteSource, ...] = ("facilitator", "phone")


def is_iso_date(text: str) -> bool:
    """'2026-12-18': the session date's form (ASCII digits), which the file's schema can
    say too; the date field on screen only offers real days."""
    return re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text, re.ASCII) is not None


@dataclass
class RoomNote:
    id: str
    kind: NoteKind
    text: str
    activity_id: str | None = None  # the agenda item it was captured in
    created: str = ""  # ISO 8601 local time, for the summary's order
    status: NoteStatus = "accepted"
    source: NoteSource = "facilitator"
    author: str = ""  # the participant's name as it was when they sent it; "" = anonymous
    # An agreed action's follow-up (comments leave them empty): who takes it on, and by
    # when ('2026-12-18', or "" for no date). Owner is free text: a name, a team, "HR".
    owner: str = ""
    due: str = ""

    @property
    def accepted(self) -> bool:
        return self.status == "accepted"


def _same(text: str) -> str:
    return text


def follow_up_words(owner: str, due: str, tr: Callable[[str], str] = _same) -> str:
    """Who and by when, one wording for the screen, the room, phones and every export:
    'Ann Lee, by 2026-12-18', 'Ann Lee', 'by 2026-12-18' or ''."""
    owner, due = owner.strip(), due.strip()
    if owner and due:
        return tr("{owner}, by {due}").format(owner=owner, due=due)
    if due:
        return tr("by {due}").format(due=due)
    return owner


def action_line(note: RoomNote, tr: Callable[[str], str] = _same) -> str:
    """An action with its follow-up: 'Pilot a community — Ann Lee, by 2026-12-18'."""
    follow = follow_up_words(note.owner, note.due, tr)
    return f"{note.text} \u2014 {follow}" if follow else note.text


@dataclass
class RoomNotes:
    """`changed` is emitted with the note id (or None)."""

    notes: list[RoomNote] = field(default_factory=list)
    changed: Event = field(default_factory=Event, repr=False, compare=False)

    def note(self, note_id: str) -> RoomNote:
        return by_id(self.notes, note_id)

    def insert(self, index: int, note: RoomNote) -> None:
        self.notes.insert(index, note)
        self.changed.emit(note.id)

    def remove(self, note_id: str) -> tuple[int, RoomNote]:
        index, note = pop_by_id(self.notes, note_id)
        self.changed.emit(None)
        return index, note

    def set_text(self, note_id: str, text: str) -> None:
        self.note(note_id).text = text
        self.changed.emit(note_id)

    def set_follow_up(self, note_id: str, owner: str, due: str) -> None:
        """Who takes an action on and by when (`due` is 'YYYY-MM-DD' or "")."""
        if due and not is_iso_date(due):
            raise ValueError(f"a due date is YYYY-MM-DD, not {due!r}")
        note = self.note(note_id)
        note.owner, note.due = owner, due
        self.changed.emit(note_id)

    def set_status(self, note_id: str, status: NoteStatus) -> None:
        if status not in NOTE_STATUSES:
            raise ValueError(f"unknown note status {status!r}")
        self.note(note_id).status = status
        self.changed.emit(note_id)

    def of_kind(self, kind: NoteKind) -> list[RoomNote]:
        """Every note of that kind, whatever its status (the facilitator's view)."""
        return [n for n in self.notes if n.kind == kind]

    def accepted(self, kind: NoteKind) -> list[RoomNote]:
        """What the room's screen and the exports show."""
        return [n for n in self.notes if n.kind == kind and n.status == "accepted"]

    def waiting(self) -> list[RoomNote]:
        """Sent from phones, not yet accepted: pending first, then rejected."""
        order = {"pending": 0, "rejected": 1}
        return sorted((n for n in self.notes if n.status != "accepted"),
                      key=lambda n: order[n.status])
