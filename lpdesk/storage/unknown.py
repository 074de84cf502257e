"""Keys of a session file this version does not know, kept for the next save.

A file written by a newer lpdesk (or edited by hand) may hold keys this version does not
read. Dropping them on save would lose someone's data without a word, so they are kept:
`collect` gathers them when the file is read, by where they were (the top, the continuum,
quiz, matrix and agenda objects, and every object with an id: groups, participants, areas,
quiz runs, boards and their rows, columns and cards, agenda items, room notes), and `merge`
puts them back into the dictionary a save writes. They travel with their object: removing a
participant removes its unknown keys. They never override a key this version writes, and a
key or value that could not be written again (a lone surrogate: valid JSON, not UTF-8), or one
nested deeper than MAX_DEPTH, is dropped rather than making a save fail. Placements and
quiz answers are tables of ids and are not walked.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

Where = tuple[str, ...]
Unknown = dict[Where, dict[str, Any]]

# the keys this version reads, by kind (storage/codec.py); anything else is kept
KNOWN: dict[str, frozenset[str]] = {
    "session": frozenset({"format", "schema_version", "id", "title", "client", "date",
                          "facilitator", "notes", "groups", "participants", "continuum",
                          "quiz", "matrix", "agenda", "room"}),
    "groups": frozenset({"id", "name", "colour"}),
    "participants": frozenset({"id", "name", "group", "colour"}),
    "continuum": frozenset({"by_groups", "hidden", "current_area", "areas"}),
    "areas": frozenset({"id", "name", "by_groups", "placements", "group_placements",
                        "consensus"}),
    "quiz": frozenset({"current_run", "runs"}),
    "runs": frozenset({"id", "subject_kind", "subject", "purpose", "answers",
                       "current_question"}),
    "matrix": frozenset({"current_board", "boards"}),
    "boards": frozenset({"id", "name", "template", "group", "revealed", "rows", "columns",
                         "cards"}),
    "rows": frozenset({"id", "name"}),
    "columns": frozenset({"id", "name"}),
    "cards": frozenset({"id", "text", "reference", "reference_column", "custom", "cell"}),
    "agenda": frozenset({"current", "items"}),
    "items": frozenset({"id", "kind", "title", "minutes", "skipped", "notes"}),
    "room": frozenset({"id", "kind", "text", "activity", "created", "status", "source",
                       "author", "owner", "due"}),
}
# (parent kind, key of the list, kind of its objects) for the lists of objects with ids
_LISTS = {"session": (("groups", "groups"), ("participants", "participants"),
                      ("room", "room")),
          "continuum": (("areas", "areas"),), "quiz": (("runs", "runs"),),
          "matrix": (("boards", "boards"),),
          "boards": (("rows", "rows"), ("columns", "columns"), ("cards", "cards")),
          "agenda": (("items", "items"),)}
_OBJECTS = {"session": ("continuum", "quiz", "matrix", "agenda")}


def _objects(data: dict[str, Any], kind: str, where: Where
             ) -> Iterator[tuple[dict[str, Any], str, Where]]:
    """Every object of a session's JSON with the kind and place it has, parents first."""
    yield data, kind, where
    for key in _OBJECTS.get(kind, ()):
        child = data.get(key)
        if isinstance(child, dict):
            yield from _objects(child, key, (*where, key))
    for key, child_kind in _LISTS.get(kind, ()):
        items = data.get(key)
        if not isinstance(items, list):
            continue
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                yield from _objects(item, child_kind, (*where, key, item["id"]))


MAX_DEPTH = 64  # deeper unknown values are dropped: a save runs deep in the GUI's stack


def _depth_ok(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > MAX_DEPTH:
                return False
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return True


def _writable(value: Any) -> bool:
    if not _depth_ok(value):
        return False
    try:
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (ValueError, TypeError, RecursionError):  # UnicodeEncodeError is a ValueError
        return False
    return True


def collect(data: dict[str, Any]) -> Unknown:
    """The unknown keys of a session's (validated, current-version) JSON, by place."""
    found: Unknown = {}
    for obj, kind, where in _objects(data, "session", ()):
        known = KNOWN[kind]
        extra = {k: v for k, v in obj.items() if k not in known and _writable({k: v})}
        if extra:
            found[where] = extra
    return found


def merge(data: dict[str, Any], unknown: Unknown) -> dict[str, Any]:
    """`data` (what a save writes) with the kept keys put back where their object still
    is; a key this version writes wins."""
    if not unknown:
        return data
    for obj, _kind, where in _objects(data, "session", ()):
        extra = unknown.get(where)
        if extra:
            for key, value in extra.items():
                obj.setdefault(key, value)
    return data
