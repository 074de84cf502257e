"""Schema versions: files of older versions are upgraded step by step on load.

MIGRATIONS[n] turns version-n data into version n+1. Version 1 is the first released
schema, so the chain is empty today; the next schema change adds its step here (and a test
with a real file of the old version in tests/data/).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lpdesk.storage.codec import SCHEMA_VERSION
from lpdesk.storage.errors import SessionFormatError

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}


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
