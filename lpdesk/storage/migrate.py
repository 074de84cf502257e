"""Schema versions: files of older versions are upgraded step by step on load.

MIGRATIONS[n] turns version-n data into version n+1. Version 1 is the first released
schema; each step has a test with a real file of the old version in tests/data/. A step
only moves what is well formed and leaves anything else where the reader will name it.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lpdesk.storage.codec import SCHEMA_VERSION
from lpdesk.storage.errors import SessionFormatError

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _by_groups_per_area(data: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: 'Place by groups' was one switch for every area; now each area has its own.
    An older file keeps its meaning: every area takes the old switch's value (an area that
    already says otherwise keeps its own word). Actions' owner and due date are new and
    optional, so they need no step."""
    continuum = data.get("continuum")
    if not isinstance(continuum, dict) or not isinstance(continuum.get("by_groups"), bool):
        return data  # nothing to move, or something the reader will refuse by name
    by_groups = continuum.pop("by_groups")
    areas = continuum.get("areas")
    if isinstance(areas, list):
        for area in areas:
            if isinstance(area, dict):
                area.setdefault("by_groups", by_groups)
    return data


MIGRATIONS: dict[int, Migration] = {1: _by_groups_per_area}


def migrate(data: dict[str, Any], version: int, *, current: int = SCHEMA_VERSION,
            migrations: dict[int, Migration] | None = None) -> dict[str, Any]:
    """Bring `data` from `version` up to `current`, or refuse a newer file."""
    steps = MIGRATIONS if migrations is None else migrations
    if version > current:
        shown = version if version < 10**9 else "unknown"
        raise SessionFormatError(
            f"it was saved by a newer lpdesk (file schema version {shown}, this lpdesk "
            f"reads up to {current}); update lpdesk to open it")
    while version < current:
        if version not in steps:
            raise SessionFormatError(f"schema version {version} cannot be upgraded")
        data = steps[version](data)
        version += 1
        data["schema_version"] = version
    return data
