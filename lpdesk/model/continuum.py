"""The Learner Power continuum activity: areas of learning and the room's placements.

A position is a float from 0 (the organisation controls learning) to 100 (the learner
controls learning). Each participant, and each group when the facilitator works by
groups, has a *now* and a *target* position per area; each area also has the room's
agreed (consensus) position.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from lpdesk.model.events import Event
from lpdesk.model.ids import by_id, find, index_of, pop_by_id

Which = Literal["now", "target"]
WHICH: tuple[Which, Which] = ("now", "target")
LEFT_END = 0.0
RIGHT_END = 100.0


def clamp_position(value: float) -> float:
    """Keep a position on the axis; the UI clamps drags and keys with this."""
    if math.isnan(value):
        raise ValueError("a position cannot be NaN")
    return min(RIGHT_END, max(LEFT_END, float(value)))


@dataclass
class Placement:
    """Where someone puts the organisation today (`now`) and wants it (`target`)."""

    now: float | None = None
    target: float | None = None

    def get(self, which: Which) -> float | None:
        return self.now if which == "now" else self.target

    def with_value(self, which: Which, value: float | None) -> Placement:
        if which == "now":
            return Placement(value, self.target)
        return Placement(self.now, value)

    @property
    def gap(self) -> float | None:
        """How far the room wants to move: target minus now (positive = towards the learner)."""
        if self.now is None or self.target is None:
            return None
        return self.target - self.now

    def is_empty(self) -> bool:
        return self.now is None and self.target is None


@dataclass
class Area:
    """An area of learning placed separately (e.g. compliance, onboarding)."""

    id: str
    name: str
    placements: dict[str, Placement] = field(default_factory=dict)  # participant id ->
    group_placements: dict[str, Placement] = field(default_factory=dict)  # group id ->
    consensus: Placement = field(default_factory=Placement)
    # One marker pair per group (True) or per participant, chosen per area: compliance may
    # be placed by the tables while the room places "all learning" one by one.
    by_groups: bool = False


@dataclass
class Continuum:
    """All continuum data of a session. `changed` is emitted with the area id (or None)."""

    areas: list[Area] = field(default_factory=list)
    hidden: bool = False  # private vote: markers hidden until the facilitator reveals them
    current_area_id: str | None = None
    changed: Event = field(default_factory=Event, repr=False, compare=False)

    # -- queries -------------------------------------------------------------------
    def area(self, area_id: str) -> Area:
        return by_id(self.areas, area_id)

    def area_index(self, area_id: str) -> int:
        return index_of(self.areas, area_id)

    @property
    def current_area(self) -> Area | None:
        found = find(self.areas, self.current_area_id)
        if found is not None:
            return found
        return self.areas[0] if self.areas else None

    @property
    def by_groups(self) -> bool:
        """Whether the area shown is placed by groups (each area has its own switch)."""
        area = self.current_area
        return area.by_groups if area is not None else False

    @by_groups.setter
    def by_groups(self, by_groups: bool) -> None:
        """The one switch of schema 1: every area at once (older files, tests)."""
        for area in self.areas:
            area.by_groups = by_groups

    def placement(self, area_id: str, subject_id: str, *, group: bool = False) -> Placement:
        area = self.area(area_id)
        table = area.group_placements if group else area.placements
        return table.get(subject_id, Placement())

    # -- edits (called by commands only) --------------------------------------------
    def set_placement(
        self, area_id: str, subject_id: str, placement: Placement, *, group: bool = False
    ) -> None:
        area = self.area(area_id)
        table = area.group_placements if group else area.placements
        for value in (placement.now, placement.target):
            if value is not None and not (LEFT_END <= value <= RIGHT_END):
                raise ValueError(f"position {value} is outside {LEFT_END:g}-{RIGHT_END:g}")
        if placement.is_empty():
            table.pop(subject_id, None)
        else:
            table[subject_id] = Placement(placement.now, placement.target)
        self.changed.emit(area_id)

    def set_placements(self, area_id: str, placements: dict[str, Placement], *,
                       group: bool = False) -> None:
        """Set many subjects' placements in one area and announce it once (a burst of
        votes from phones repaints the views once, not once per vote)."""
        area = self.area(area_id)
        table = area.group_placements if group else area.placements
        for placement in placements.values():
            for value in (placement.now, placement.target):
                if value is not None and not (LEFT_END <= value <= RIGHT_END):
                    raise ValueError(f"position {value} is outside {LEFT_END:g}-{RIGHT_END:g}")
        for subject_id, placement in placements.items():
            if placement.is_empty():
                table.pop(subject_id, None)
            else:
                table[subject_id] = Placement(placement.now, placement.target)
        self.changed.emit(area_id)

    def set_consensus(self, area_id: str, placement: Placement) -> None:
        self.area(area_id).consensus = Placement(placement.now, placement.target)
        self.changed.emit(area_id)

    def insert_area(self, index: int, area: Area) -> None:
        self.areas.insert(index, area)
        self.changed.emit(area.id)

    def remove_area(self, area_id: str) -> tuple[int, Area]:
        index, area = pop_by_id(self.areas, area_id)
        if self.current_area_id == area_id:
            self.current_area_id = None
        self.changed.emit(None)
        return index, area

    def rename_area(self, area_id: str, name: str) -> None:
        self.area(area_id).name = name
        self.changed.emit(area_id)

    def set_current_area(self, area_id: str | None) -> None:
        self.current_area_id = area_id
        self.changed.emit(area_id)

    def set_hidden(self, hidden: bool) -> None:
        self.hidden = hidden
        self.changed.emit(None)

    def set_by_groups(self, by_groups: bool, area_id: str | None = None) -> None:
        """Place `area_id` (the area shown when None) by groups or by participants."""
        area = self.area(area_id) if area_id is not None else self.current_area
        if area is None:
            return
        area.by_groups = by_groups
        self.changed.emit(area.id)

    # -- used when a participant or group leaves the session -------------------------
    def take_subject(self, subject_id: str, *, group: bool = False) -> dict[str, Placement]:
        """Remove a subject's placements from every area; return them for undo."""
        taken: dict[str, Placement] = {}
        for area in self.areas:
            table = area.group_placements if group else area.placements
            if subject_id in table:
                taken[area.id] = table.pop(subject_id)
        if taken:
            self.changed.emit(None)
        return taken

    def restore_subject(
        self, subject_id: str, taken: dict[str, Placement], *, group: bool = False
    ) -> None:
        for area_id, placement in taken.items():
            area = self.area(area_id)
            table = area.group_placements if group else area.placements
            table[subject_id] = placement
        if taken:
            self.changed.emit(None)
