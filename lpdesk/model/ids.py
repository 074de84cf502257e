"""Short, readable, unique identifiers for things in a session file."""
from __future__ import annotations

import os
from collections.abc import Container


def new_id(prefix: str, taken: Container[str] = ()) -> str:
    """Return `prefix-xxxxxx` not in `taken` (ids are only unique within one session)."""
    while True:
        # os.urandom is what secrets.token_hex uses; `secrets` itself would pull hmac and
        # hashlib into every start-up (~3 ms) for this one call
        candidate = f"{prefix}-{os.urandom(3).hex()}"
        if candidate not in taken:
            return candidate
