"""Splitting the room into groups: a workshop rule, kept out of the set-up page so it is
tested without Qt. The page asks, then pushes the commands for what this returns."""
from __future__ import annotations

from lpdesk.model.session import Session


def groups_to_add(session: Session, count: int) -> int:
    """How many groups must be added (named by the page, in its language) before `deal`."""
    return max(0, count - len(session.groups))


def deal(session: Session, count: int) -> list[tuple[str, str]]:
    """Deal the participants over the first `count` groups in turn, like cards, in list
    order: the (participant id, group id) pairs that change. A participant already in the
    group the deal gives them is left out, so splitting twice changes nothing."""
    if count < 1:
        raise ValueError("at least one group")
    if len(session.groups) < count:
        raise ValueError(f"{count} groups needed, {len(session.groups)} exist")
    groups = session.groups[:count]
    return [(p.id, groups[i % count].id) for i, p in enumerate(session.participants)
            if p.group_id != groups[i % count].id]
