"""The continuum's stages as bands on the 0-100 axis, from resources/continuum.json."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lpdesk.content import load_json, require, resource_path, text_field


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    start: float
    end: float
    description: str

    def contains(self, position: float) -> bool:
        return self.start <= position <= self.end

    @property
    def middle(self) -> float:
        return (self.start + self.end) / 2


@dataclass(frozen=True)
class ContinuumContent:
    stages: tuple[Stage, ...]
    left_label: str
    right_label: str
    default_area: str
    credit: str

    def stage_at(self, position: float) -> Stage:
        """The stage a position falls in; a boundary belongs to the stage on its right."""
        for stage in reversed(self.stages):
            if position >= stage.start:
                return stage
        return self.stages[0]

    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)


def parse_continuum(path: Path, data: object) -> ContinuumContent:
    require(path, "", isinstance(data, dict), "expected an object at the top")
    assert isinstance(data, dict)
    raw = data.get("stages")
    require(path, "stages", isinstance(raw, list) and len(raw) >= 2, "expected a list of stages")
    stages = []
    for i, s in enumerate(raw):
        item = f"stages[{i}]"
        name = text_field(path, item, s, "name")
        sid = text_field(path, item, s, "id")
        start, end = s.get("start"), s.get("end")
        require(path, item, all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                for v in (start, end)), "'start' and 'end' must be numbers")
        require(path, item, 0 <= start < end <= 100, "needs 0 <= start < end <= 100")
        stages.append(Stage(sid, name, float(start), float(end),
                            s.get("description", "") if isinstance(s.get("description"), str)
                            else ""))
    require(path, "stages", stages[0].start == 0 and stages[-1].end == 100,
            "the bands must cover 0 to 100")
    for a, b in zip(stages, stages[1:], strict=False):
        require(path, f"stage {b.name}", a.end == b.start,
                f"must start where {a.name} ends ({a.end:g})")
    return ContinuumContent(
        tuple(stages), text_field(path, "", data, "left_label"),
        text_field(path, "", data, "right_label"), text_field(path, "", data, "default_area"),
        text_field(path, "", data, "credit"))


@cache
def continuum_content() -> ContinuumContent:
    path = resource_path("continuum.json")
    return parse_continuum(path, load_json(path))
