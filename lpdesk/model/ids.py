"""Short, readable, unique identifiers for things in a session file."""
from __future__ import annotations

import secrets
from collections.abc import Container


def new_id(prefix: str, taken: Container[str] = ()) -> str:
    """Return `prefix-xxxxxx` not in `taken` (ids are only unique within one session)."""
    while True:
        candidate = f"{prefix}-{secrets.token_hex(3)}"
        if candidate not in taken:
            return candidate
