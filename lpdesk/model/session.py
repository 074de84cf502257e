"""The session document: one workshop with its details, people and each activity's data."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lpdesk.model.agenda import Agenda
from lpdesk.model.continuum import Continuum, Placement
from lpdesk.model.events import Event
from lpdesk.model.ids import by_id, index_of, new_id, pop_by_id
from lpdesk.model.matrix import Matrix
from lpdesk.model.quiz import Quiz, QuizRun
from lpdesk.model.room import RoomNotes

# Distinct, colour-blind-aware colours (Okabe-Ito and friends), readable on light and dark.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
    "#8C564B", "#7F3C8D", "#11A579", "#E73F74", "#3969AC", "#A5AA99",
)
DETAIL_FIELDS = ("title", "client", "date", "facilitator", "notes")


def least_used(used: list[str]) -> str:
    """The palette colour fewest participants wear (ties: the palette's order), so colours
    repeat only when they must, and as evenly as they can."""
    return min(PALETTE, key=lambda c: (used.count(c), PALETTE.index(c)))


@lru_cache(maxsize=4096)  # every re-render of 1,000 markers asks again
def initials(name: str) -> str:
    """Up to two initials for a marker: 'Ada Lovelace' -> 'AL', 'ada' -> 'A', '' -> '?'."""
    words = [w for w in name.replace("-", " ").split() if w]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


@dataclass
class Participant:
    id: str
    name: str
    group_id: str | None = None
    colour: str = PALETTE[0]

    @property
    def initials(self) -> str:
        return initials(self.name)


@dataclass
class Group:
    id: str
    name: str
    colour: str = PALETTE[0]


@dataclass
class RemovedParticipant:
    """Everything a participant's removal took away, so undo can put it all back."""

    index: int
    participant: Participant
    placements: dict[str, Placement]
    quiz_runs: list[tuple[int, QuizRun]]


@dataclass
class RemovedGroup:
    index: int
    group: Group
    member_ids: list[str]
    placements: dict[str, Placement]
    quiz_runs: list[tuple[int, QuizRun]]
    board_ids: list[str]


@dataclass
class Session:
    """A workshop. Edits go through the methods below (called by undo commands), which
    announce themselves on `changed` with the name of what changed ('details',
    'participants' or 'groups'). Activity data announce on their own `changed` events."""

    title: str = ""
    client: str = ""
    date: str = ""  # ISO yyyy-mm-dd or empty
    facilitator: str = ""
    notes: str = ""
    participants: list[Participant] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    continuum: Continuum = field(default_factory=Continuum)
    quiz: Quiz = field(default_factory=Quiz)
    matrix: Matrix = field(default_factory=Matrix)
    agenda: Agenda = field(default_factory=Agenda)
    room: RoomNotes = field(default_factory=RoomNotes)
    id: str = ""  # the same workshop in two files (a copy) has one id; "" in older files
    changed: Event = field(default_factory=Event, repr=False, compare=False)
    # keys of the file this version does not know, kept for the next save (storage/unknown)
    unknown: dict[tuple[str, ...], dict[str, Any]] = field(default_factory=dict, repr=False,
                                                           compare=False)

    # -- queries -------------------------------------------------------------------
    def participant(self, participant_id: str) -> Participant:
        return by_id(self.participants, participant_id)

    def group(self, group_id: str) -> Group:
        return by_id(self.groups, group_id)

    def members(self, group_id: str | None) -> list[Participant]:
        return [p for p in self.participants if p.group_id == group_id]

    def all_ids(self) -> set[str]:
        return {p.id for p in self.participants} | {g.id for g in self.groups}

    def new_participant(self, name: str, group_id: str | None = None) -> Participant:
        """A participant not yet in the session, with a fresh id and the least-used colour."""
        return self.new_participants([name], group_id)[0]

    def new_participants(self, names: list[str], group_id: str | None = None
                         ) -> list[Participant]:
        """Participants not yet in the session (e.g. a pasted list): distinct fresh ids, and
        the least-used colours in turn. The session itself is not changed."""
        taken = self.all_ids()
        used = [p.colour for p in self.participants]
        made = []
        for name in names:
            participant = Participant(new_id("p", taken), name, group_id, least_used(used))
            taken.add(participant.id)
            used.append(participant.colour)
            made.append(participant)
        return made

    def new_group(self, name: str) -> Group:
        used = {g.colour for g in self.groups}
        colour = next((c for c in PALETTE if c not in used),
                      PALETTE[len(self.groups) % len(PALETTE)])
        return Group(new_id("g", self.all_ids()), name, colour)

    # -- edits (called by commands only) --------------------------------------------
    def set_detail(self, name: str, value: str) -> str:
        if name not in DETAIL_FIELDS:
            raise AttributeError(name)
        old = getattr(self, name)
        setattr(self, name, value)
        self.changed.emit("details")
        return old

    def insert_participant(self, index: int, participant: Participant) -> None:
        if participant.id in self.all_ids():
            raise ValueError(f"duplicate id {participant.id}")
        self.participants.insert(index, participant)
        self.changed.emit("participants")

    def update_participant(self, participant_id: str, **values: Any) -> dict[str, Any]:
        """Set name, group_id or colour; return the old values for undo."""
        p = self.participant(participant_id)
        old: dict[str, Any] = {}
        for name, value in values.items():
            if name not in ("name", "group_id", "colour"):
                raise AttributeError(name)
            if name == "group_id" and value is not None:
                self.group(value)  # must exist
            old[name] = getattr(p, name)
            setattr(p, name, value)
        self.changed.emit("participants")
        return old

    def remove_participant(self, participant_id: str) -> RemovedParticipant:
        index, participant = pop_by_id(self.participants, participant_id)
        removed = RemovedParticipant(
            index,
            participant,
            self.continuum.take_subject(participant_id),
            self.quiz.take_subject(participant_id),
        )
        self.changed.emit("participants")
        return removed

    def restore_participant(self, removed: RemovedParticipant) -> None:
        self.participants.insert(removed.index, removed.participant)
        self.continuum.restore_subject(removed.participant.id, removed.placements)
        self.quiz.restore_subject(removed.quiz_runs)
        self.changed.emit("participants")

    def insert_group(self, index: int, group: Group) -> None:
        if group.id in self.all_ids():
            raise ValueError(f"duplicate id {group.id}")
        self.groups.insert(index, group)
        self.changed.emit("groups")

    def rename_group(self, group_id: str, name: str) -> str:
        g = self.group(group_id)
        old, g.name = g.name, name
        self.changed.emit("groups")
        return old

    def remove_group(self, group_id: str) -> RemovedGroup:
        index = index_of(self.groups, group_id)
        members = [p.id for p in self.participants if p.group_id == group_id]
        for p in self.participants:
            if p.group_id == group_id:
                p.group_id = None
        group = self.groups.pop(index)
        removed = RemovedGroup(
            index,
            group,
            members,
            self.continuum.take_subject(group_id, group=True),
            self.quiz.take_subject(group_id),
            self.matrix.take_group(group_id),
        )
        self.changed.emit("groups")
        self.changed.emit("participants")
        return removed

    def restore_group(self, removed: RemovedGroup) -> None:
        self.groups.insert(removed.index, removed.group)
        gid = removed.group.id
        for p in self.participants:
            if p.id in removed.member_ids:
                p.group_id = gid
        self.continuum.restore_subject(gid, removed.placements, group=True)
        self.quiz.restore_subject(removed.quiz_runs)
        self.matrix.restore_group(gid, removed.board_ids)
        self.changed.emit("groups")
        self.changed.emit("participants")
