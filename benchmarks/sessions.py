"""Generated sessions for benchmarks: far larger than a real workshop, always the same.

`large_session(seed=1)`: 1,000 participants in 6 groups, placements (now and target) in 3
areas with group positions and an agreed position, 6 group boards of 150 shared cards (one
template, so the consensus view compares them), a quiz run per participant when the quiz
content is part of the build, and a few room notes. Ids are deterministic too, so two calls
with the same seed give equal sessions.
"""
from __future__ import annotations

import random

from lpdesk.content.defaults import new_session
from lpdesk.model.continuum import Area, Placement
from lpdesk.model.matrix import Axis, Board, Card
from lpdesk.model.quiz import QuizRun
from lpdesk.model.room import RoomNote
from lpdesk.model.session import PALETTE, Group, Participant, Session

FIRST = ("Amira", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Ines", "Jonas",
         "Kavya", "Liam", "Mei", "Nuno", "Olga", "Pedro", "Quinn", "Rosa", "Søren", "Tariq",
         "Ursula", "Vikram", "Wen", "Ximena", "Yusuf", "Zoë")
LAST = ("Haddad", "Okafor", "Martin", "Volkov", "Lindqvist", "Rahimi", "O'Neill", "Tanaka",
        "Duarte", "Weber", "Iyer", "Byrne", "Kowalski", "Nguyen", "Schäfer", "García", "Ødegaard",
        "Mensah", "Rossi", "Dubois")
GROUPS = ("North", "South", "East", "West", "Harbour", "Hill")
ROWS = ("Approach", "Content", "Design", "Management", "Measurement", "Systems", "Autonomy",
        "Mindset", "Support", "Sharing")
COLUMNS = ("Traditional", "Social bolted on", "Encourage and engage")
WORDS = ("formal", "course", "community", "tracked", "peer", "coaching", "workflow", "curated",
         "catalogue", "mandatory", "self-directed", "network", "mentoring", "completion",
         "performance", "guide", "expert", "co-created", "open", "assigned")


def _position(rnd: random.Random, centre: float, spread: float) -> float:
    return round(min(100.0, max(0.0, rnd.gauss(centre, spread))), 1)


def large_session(seed: int = 1, participants: int = 1000, groups: int = 6,
                  cards: int = 150) -> Session:
    rnd = random.Random(seed)
    s = new_session()
    s.title = "Learning culture across the company (generated)"
    s.client = "Generated Holdings plc"
    s.date = "2026-12-01"
    s.facilitator = "Benchmark Facilitator"
    s.notes = "A generated session for benchmarks: 1,000 people, six groups, six boards."
    s.groups = [Group(f"g-{i + 1:02d}", GROUPS[i % len(GROUPS)] + ("" if i < len(GROUPS)
                                                                   else f" {i + 1}"),
                      PALETTE[i % len(PALETTE)]) for i in range(groups)]
    s.participants = [
        Participant(f"p-{i + 1:04d}", f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
                    s.groups[i % groups].id, PALETTE[i % len(PALETTE)])
        for i in range(participants)]
    s.continuum.areas[0].id = "area-all"
    s.continuum.areas += [Area("area-onboarding", "Onboarding"),
                          Area("area-compliance", "Compliance")]
    centres = {"area-all": (35, 60), "area-onboarding": (25, 55), "area-compliance": (10, 18)}
    for area in s.continuum.areas:
        now_c, target_c = centres[area.id]
        for p in s.participants:
            area.placements[p.id] = Placement(_position(rnd, now_c, 12),
                                              _position(rnd, target_c, 14))
        for g in s.groups:
            members = [area.placements[p.id] for p in s.members(g.id)]
            area.group_placements[g.id] = Placement(
                round(sum(m.now for m in members) / len(members), 1),
                round(sum(m.target for m in members) / len(members), 1))
    s.continuum.areas[0].consensus = Placement(36.0, 58.0)
    s.matrix.boards = _boards(rnd, s, cards)
    s.quiz.runs = _quiz_runs(rnd, s)
    s.room.notes = [
        RoomNote(f"note-{i + 1}", kind, text, None, f"2026-12-01T1{i}:00:00")
        for i, (kind, text) in enumerate([
            ("comment", "Teams in the field learn from each other already; L&D rarely sees it."),
            ("comment", "Compliance must stay tracked, everything else could open up."),
            ("action", "Map the informal networks that already exist (owner: L&D lead)."),
            ("action", "Run a three-month pilot of a curated community for new starters."),
        ])]
    return s


def _boards(rnd: random.Random, s: Session, count: int) -> list[Board]:
    rows = [Axis(f"row-{i + 1:02d}", name) for i, name in enumerate(ROWS)]
    columns = [Axis(f"col-{i + 1}", name) for i, name in enumerate(COLUMNS)]
    template = []
    for i in range(count):
        words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 14)))
        reference = (rows[i % len(rows)].id, rnd.choice(columns).id)
        template.append(Card(f"card-{i + 1:03d}", f"{words.capitalize()} ({i + 1})", reference))
    boards = []
    for n, group in enumerate(s.groups):
        board = Board(f"board-{n + 1}", f"{group.name} board", "generated", group.id,
                      list(rows), list(columns),
                      [Card(c.id, c.text, c.reference) for c in template])
        for card in board.cards:
            if rnd.random() < 0.85 and card.reference is not None:
                if rnd.random() < 0.7:
                    board.positions[card.id] = card.reference
                else:
                    board.positions[card.id] = (rnd.choice(rows).id, rnd.choice(columns).id)
        boards.append(board)
    return boards


def _quiz_runs(rnd: random.Random, s: Session) -> list[QuizRun]:
    try:
        from lpdesk.content.quiz import quiz_content
    except ImportError:  # the quiz is not part of this build
        return []
    questions = quiz_content().questions
    runs = []
    for i, p in enumerate(s.participants):
        answers = {q.id: rnd.choice(q.answers).id for q in questions if rnd.random() < 0.95}
        runs.append(QuizRun(f"run-{i + 1:04d}", "participant", p.id, "now", answers,
                            len(questions)))
    return runs


def maximum_session(seed: int = 2) -> Session:
    """A session at every limit of lpdesk/model/limits.py at once: 1,000 participants in 100
    groups, 20 areas each with every participant and group placed, 60 boards (one per group)
    of 20 rows, 10 columns and 200 cards, a now and a target quiz run per participant, 2,000
    comments and 2,000 actions. The largest session lpdesk promises to handle."""
    from lpdesk.model import limits

    rnd = random.Random(seed)
    s = large_session(seed, participants=limits.PARTICIPANTS, groups=limits.GROUPS, cards=0)
    s.continuum.areas = s.continuum.areas[:1]
    for n in range(1, limits.AREAS):
        s.continuum.areas.append(Area(f"area-{n + 1:02d}", f"Area {n + 1}"))
    for n, area in enumerate(s.continuum.areas):
        now_c = 15 + (n * 7) % 50
        for p in s.participants:
            area.placements[p.id] = Placement(_position(rnd, now_c, 12),
                                              _position(rnd, now_c + 20, 14))
        for g in s.groups:
            area.group_placements[g.id] = Placement(_position(rnd, now_c, 5),
                                                    _position(rnd, now_c + 20, 5))
        area.consensus = Placement(float(now_c), float(now_c + 20))
    rows = [Axis(f"row-{i + 1:02d}", f"{ROWS[i % len(ROWS)]} {i + 1}")
            for i in range(limits.ROWS_PER_BOARD)]
    columns = [Axis(f"col-{i + 1:02d}", f"{COLUMNS[i % len(COLUMNS)]} {i + 1}")
               for i in range(limits.COLUMNS_PER_BOARD)]
    template = []
    for i in range(limits.CARDS_PER_BOARD):
        words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 14)))
        template.append(Card(f"card-{i + 1:03d}", f"{words.capitalize()} ({i + 1})",
                             (rows[i % len(rows)].id, rnd.choice(columns).id)))
    s.matrix.boards = []
    for n, group in enumerate(s.groups[:limits.BOARDS]):
        board = Board(f"board-{n + 1:02d}", f"{group.name} board", "generated", group.id,
                      list(rows), list(columns),
                      [Card(c.id, c.text, c.reference) for c in template])
        for card in board.cards:
            if rnd.random() < 0.85:
                board.positions[card.id] = (rnd.choice(rows).id, rnd.choice(columns).id)
        s.matrix.boards.append(board)
    runs = _quiz_runs(rnd, s)
    s.quiz.runs = runs + [QuizRun(f"run-t-{i + 1:04d}", "participant", r.subject_id,
                                  "target", dict(r.answers), r.current_question)
                          for i, r in enumerate(runs)]
    s.room.notes = [
        RoomNote(f"note-{kind[0]}-{i + 1:04d}", kind,
                 f"{kind.capitalize()} {i + 1}: " + " ".join(rnd.choice(WORDS)
                                                            for _ in range(12)),
                 None, f"2026-12-01T{9 + i % 8:02d}:{i % 60:02d}:00")
        for kind, count in (("comment", limits.COMMENTS), ("action", limits.ACTIONS))
        for i in range(count)]
    return s
