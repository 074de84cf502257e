"""The workshop plan: the activities in order, with planned minutes and facilitator notes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lpdesk.model.events import Event
from lpdesk.model.ids import by_id, find, index_of

ActivityKind = Literal["setup", "continuum", "quiz", "matrix", "summary"]
ACTIVITY_KINDS: tuple[ActivityKind, ...] = ("setup", "continuum", "quiz", "matrix", "summary")


@dataclass
class AgendaItem:
    id: str
    kind: ActivityKind
    title: str
    minutes: int = 10
    skipped: bool = False
    notes: str = ""  # facilitator's notes and prompts: never shown to the audience


@dataclass
class Agenda:
    """`changed` is emitted with the item id (or None)."""

    items: list[AgendaItem] = field(default_factory=list)
    current_id: str | None = None
    changed: Event = field(default_factory=Event, repr=False, compare=False)

    def item(self, item_id: str) -> AgendaItem:
        return by_id(self.items, item_id)

    def index(self, item_id: str) -> int:
        return index_of(self.items, item_id)

    @property
    def current(self) -> AgendaItem | None:
        found = find(self.items, self.current_id)
        if found is not None:
            return found
        return self.items[0] if self.items else None

    def set_current(self, item_id: str | None) -> None:
        self.current_id = item_id
        self.changed.emit(item_id)

    def move(self, item_id: str, new_index: int) -> int:
        old = self.index(item_id)
        item = self.items.pop(old)
        self.items.insert(new_index, item)
        self.changed.emit(None)
        return old

    def insert(self, index: int, item: AgendaItem) -> None:
        """Add an activity to the plan at `index` (its id must be new in the session)."""
        if any(i.id == item.id for i in self.items):
            raise ValueError(f"agenda item {item.id!r} exists already")
        self.items.insert(index, item)
        self.changed.emit(item.id)

    def remove(self, item_id: str) -> tuple[int, AgendaItem]:
        """Take an activity out of the plan; return where it was and the item, for undo.
        Only the plan changes: what the room did in it (placements, runs, boards) stays in
        the session, and adding the activity back shows it again."""
        index = self.index(item_id)
        item = self.items.pop(index)
        if self.current_id == item_id:
            self.current_id = None
        self.changed.emit(None)
        return index, item

    def update(self, item_id: str, **values: object) -> dict[str, object]:
        """Set fields (title, minutes, skipped, notes); return the old values for undo."""
        item = self.item(item_id)
        old = {}
        for name, value in values.items():
            if name not in ("title", "minutes", "skipped", "notes"):
                raise AttributeError(name)
            old[name] = getattr(item, name)
            setattr(item, name, value)
        self.changed.emit(item_id)
        return old
