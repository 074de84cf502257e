"""A realistic sample session, so a newcomer sees the app alive at once (`lpdesk --demo`).

Deterministic: the same demo every time, so screenshots and tests can rely on it.
"""
from __future__ import annotations

import random

from lpdesk.content.defaults import new_session
from lpdesk.model.continuum import Area, Placement
from lpdesk.model.room import RoomNote
from lpdesk.model.session import Session

GROUPS = ("Harbour", "Lighthouse", "Quay")
PEOPLE = (
    ("Amira Haddad", 0), ("Ben Okafor", 0), ("Chloé Martin", 0), ("Dmitri Volkov", 0),
    ("Eva Lindqvist", 1), ("Farid Rahimi", 1), ("Grace O'Neill", 1), ("Hiro Tanaka", 1),
    ("Ines Duarte", 2), ("Jonas Weber", 2), ("Kavya Iyer", 2), ("Liam Byrne", 2),
)


def demo_session() -> Session:
    rnd = random.Random(2026)
    s = new_session()
    s.id = "session-demo"
    s.title = "Learning culture check-in"
    s.client = "Northwind Logistics"
    s.date = "2026-11-23"
    s.facilitator = "Sam Rivera"
    s.notes = ("Client wants a view of how far L&D can step back from running every "
               "programme. Compliance stays formal; focus on onboarding and leadership.")
    # Fixed ids (not random ones) so the demo is the same file every time.
    for item in s.agenda.items:
        item.id = item.kind
    s.continuum.areas[0].id = "area-all"
    for name in GROUPS:
        group = s.new_group(name)
        group.id = f"g-{name.lower()}"
        s.groups.append(group)
    for number, (name, g) in enumerate(PEOPLE, 1):
        participant = s.new_participant(name, s.groups[g].id)
        participant.id = f"p-{number:02d}"
        s.participants.append(participant)

    main = s.continuum.areas[0]
    onboarding = Area("area-onboarding", "Onboarding")
    compliance = Area("area-compliance", "Compliance")
    s.continuum.areas += [onboarding, compliance]
    for p in s.participants:
        now = rnd.uniform(18, 48)
        target = min(100.0, now + rnd.uniform(15, 35))
        main.placements[p.id] = Placement(round(now, 1), round(target, 1))
        o_now = rnd.uniform(10, 35)
        onboarding.placements[p.id] = Placement(round(o_now, 1),
                                                round(o_now + rnd.uniform(10, 40), 1))
    for p in s.participants[:6]:
        compliance.placements[p.id] = Placement(round(rnd.uniform(3, 14), 1),
                                                round(rnd.uniform(8, 22), 1))
    main.consensus = Placement(35.0, 62.0)
    for g in s.groups:
        pts = [main.placements[p.id] for p in s.members(g.id)]
        main.group_placements[g.id] = Placement(
            round(sum(x.now for x in pts) / len(pts), 1),
            round(sum(x.target for x in pts) / len(pts), 1))

    agenda = {item.kind: item.id for item in s.agenda.items}
    s.room.notes += [
        RoomNote("note-1", "comment", "Managers say they have no time to curate communities.",
                 agenda.get("continuum"), "2026-11-23T10:12:00"),
        RoomNote("note-2", "comment", "Onboarding buddies already work well informally.",
                 agenda.get("continuum"), "2026-11-23T10:18:00"),
        RoomNote("note-3", "action", "Pilot a peer community for new starters.",
                 agenda.get("summary"), "2026-11-23T11:20:00", owner="Eva",
                 due="2027-01-15"),
        RoomNote("note-4", "action", "Review which tracked courses are truly compliance.",
                 agenda.get("summary"), "2026-11-23T11:24:00"),
    ]
    add_demo_boards(s, rnd)
    return s


def add_demo_boards(session: Session, rnd: random.Random) -> None:
    """Matrix boards for the demo: one per group, partly sorted (see the matrix activity)."""
    from lpdesk.content.templates import board_from_template, templates

    template = templates()[0]
    for group in session.groups:
        board = board_from_template(template, f"{group.name} board", group.id,
                                    taken={b.id for b in session.matrix.boards})
        board.id = f"board-{group.id}"  # fixed, like the demo's other ids
        for card in board.cards:
            if card.reference is not None and rnd.random() < 0.6:
                if rnd.random() < 0.7:
                    board.positions[card.id] = card.reference
                else:
                    board.positions[card.id] = (card.reference[0],
                                                rnd.choice(board.columns).id)
        session.matrix.boards.append(board)


# (file name, id, title, date, shift of today's positions, shift of targets)
WORKSHOPS = (
    ("sales-2026-05.lpdesk", "session-sales1", "Sales team", "2026-05-12", -6.0, 4.0),
    ("operations-2026-06.lpdesk", "session-ops001", "Operations", "2026-06-03", -14.0, -8.0),
    ("hr-2026-06.lpdesk", "session-hr0001", "HR and People", "2026-06-17", 8.0, 12.0),
    ("sales-2026-11.lpdesk", "session-sales2", "Sales team", "2026-11-10", 7.0, 6.0),
)


def demo_workshops() -> list[tuple[str, Session]]:
    """Sample workshops of one client to compare (`lpdesk demo --workshops FOLDER`): three
    teams, and the sales team again six months later, having moved."""
    result = []
    for name, session_id, title, date, now_shift, target_shift in WORKSHOPS:
        s = demo_session()
        s.id, s.title, s.date = session_id, title, date
        for area in s.continuum.areas:
            for table in (area.placements, area.group_placements):
                for key, p in table.items():
                    table[key] = Placement(
                        None if p.now is None else round(min(100, max(0, p.now + now_shift)), 1),
                        None if p.target is None else
                        round(min(100, max(0, p.target + target_shift)), 1))
        result.append((name, s))
    return result
