"""The default workshop plan and per-activity facilitator notes, from resources/agenda.json."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from lpdesk.content import load_json, require, resource_path, text_field
from lpdesk.model.agenda import ACTIVITY_KINDS, AgendaItem
from lpdesk.model.ids import new_id


def parse_agenda(path: Path, data: object) -> tuple[AgendaItem, ...]:
    require(path, "", isinstance(data, dict) and isinstance(data.get("items"), list),
            "expected an object with a list of 'items'")
    assert isinstance(data, dict)
    items = []
    for i, raw in enumerate(data["items"]):
        item = f"items[{i}]"
        kind = text_field(path, item, raw, "kind")
        require(path, item, kind in ACTIVITY_KINDS, f"unknown activity kind {kind!r}")
        minutes = raw.get("minutes", 10)
        require(path, item, isinstance(minutes, int) and 0 <= minutes <= 1440,
                "'minutes' must be a whole number 0-1440")
        items.append(AgendaItem(kind, kind, text_field(path, item, raw, "title"), minutes,
                                False, raw.get("notes", "") if isinstance(raw.get("notes"), str)
                                else ""))
    return tuple(items)


@cache
def _default_items() -> tuple[AgendaItem, ...]:
    path = resource_path("agenda.json")
    return parse_agenda(path, load_json(path))


def default_agenda_items() -> list[AgendaItem]:
    """Fresh copies with new ids, for a new session."""
    taken: set[str] = set()
    items = []
    for template in _default_items():
        item_id = new_id(template.kind, taken)
        taken.add(item_id)
        items.append(AgendaItem(item_id, template.kind, template.title, template.minutes,
                                False, template.notes))
    return items


def bundled_notes(kind: str) -> str:
    """The guidance shipped for an activity kind, to restore after the facilitator's edits."""
    for template in _default_items():
        if template.kind == kind:
            return template.notes
    return ""
