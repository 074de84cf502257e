"""Short, readable, unique identifiers for things in a session file."""
from __future__ import annotations

import os
from collections.abc import Container, Iterable, Sequence
from typing import Protocol, TypeVar


def new_id(prefix: str, taken: Container[str] = ()) -> str:
    """Return `prefix-xxxxxx` not in `taken` (ids are only unique within one session)."""
    while True:
        # os.urandom is what secrets.token_hex uses; `secrets` itself would pull hmac and
        # hashlib into every start-up (~3 ms) for this one call
        candidate = f"{prefix}-{os.urandom(3).hex()}"
        if candidate not in taken:
            return candidate


class HasId(Protocol):
    """Anything kept in a session's lists: participants, groups, areas, boards, cards,
    runs, agenda items, notes."""

    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=HasId)


def by_id(items: Iterable[T], item_id: str) -> T:
    """The item with this id; KeyError (naming the id) when there is none."""
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)


def find(items: Sequence[T], item_id: str | None) -> T | None:
    """The item with this id, or None (for a 'current' id that may be stale or unset)."""
    if item_id is not None:
        for item in items:
            if item.id == item_id:
                return item
    return None


def index_of(items: Sequence[HasId], item_id: str) -> int:
    """The item's position; ValueError when there is none (as list.index)."""
    for index, item in enumerate(items):
        if item.id == item_id:
            return index
    raise ValueError(f"{item_id!r} is not in the list")


def pop_by_id(items: list[T], item_id: str) -> tuple[int, T]:
    """Remove the item with this id and return (where it was, it): what undo re-inserts."""
    index = index_of(items, item_id)
    return index, items.pop(index)
