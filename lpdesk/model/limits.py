"""The largest session lpdesk supports: how many of each thing, and how long each text.

A real workshop stays far below these (a large one: 60 people, 6 groups, 3 areas, 6
boards of 40 cards); they are set where the app still answers at once on a modest laptop
(benchmarks/large_session.py measures a session at every maximum) and where a file
crafted to be huge is refused with a message naming the field instead of freezing the
app. The same numbers are in docs/file-format.md ("Limits") and in
resources/session.schema.json; tests/storage/test_storage_limits.py checks that all three agree.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lpdesk.model.session import Session

# -- how many ---------------------------------------------------------------------------
PARTICIPANTS = 1_000
GROUPS = 100
AREAS = 20
BOARDS = 60
CARDS_PER_BOARD = 200
ROWS_PER_BOARD = 20
COLUMNS_PER_BOARD = 10
QUIZ_RUNS = 2_000  # a now and a target run for each of 1,000 participants
ANSWERS_PER_RUN = 100
COMMENTS = 2_000
ACTIONS = 2_000
AGENDA_ITEMS = 100

# -- how long (characters) --------------------------------------------------------------
ID = 64
NAME = 500  # a title, a name, an area, a board, a row or column, an agenda item
CARD_TEXT = 2_000
TEXT = 100_000  # notes, a comment or an action
ANSWER = 200  # a quiz question or answer id


@dataclass(frozen=True)
class Count:
    """One limit on how many: where it applies (as in messages), what is counted, the most."""

    field: str
    noun: str
    most: int


COUNTS = (
    Count("participants", "participants", PARTICIPANTS),
    Count("groups", "groups", GROUPS),
    Count("continuum.areas", "areas", AREAS),
    Count("continuum.areas[].placements", "placements", PARTICIPANTS),
    Count("continuum.areas[].group_placements", "group placements", GROUPS),
    Count("quiz.runs", "quiz runs", QUIZ_RUNS),
    Count("quiz.runs[].answers", "answers", ANSWERS_PER_RUN),
    Count("matrix.boards", "boards", BOARDS),
    Count("matrix.boards[].cards", "cards", CARDS_PER_BOARD),
    Count("matrix.boards[].rows", "rows", ROWS_PER_BOARD),
    Count("matrix.boards[].columns", "columns", COLUMNS_PER_BOARD),
    Count("agenda.items", "agenda items", AGENDA_ITEMS),
    Count("room (comments)", "comments", COMMENTS),
    Count("room (actions)", "actions", ACTIONS),
)
BY_FIELD = {c.field: c for c in COUNTS}


def too_many(count: int, limit: Count) -> str:
    """'20,000 rows; lpdesk supports at most 20'."""
    return f"{count:,} {limit.noun}; lpdesk supports at most {limit.most:,}"


def too_long(length: int, most: int) -> str:
    """'text is too long (612 characters; lpdesk supports at most 500)'."""
    return f"text is too long ({length:,} characters; lpdesk supports at most {most:,})"


def _lists(session: Session) -> Iterator[tuple[str, str, list[int]]]:
    """(field in messages with {} for the index, key in COUNTS, how many in each) for every
    counted list of a session; one count for a list of the session itself."""
    yield "participants", "participants", [len(session.participants)]
    yield "groups", "groups", [len(session.groups)]
    areas = session.continuum.areas
    yield "continuum.areas", "continuum.areas", [len(areas)]
    yield ("continuum.areas[{}].placements", "continuum.areas[].placements",
           [len(a.placements) for a in areas])
    yield ("continuum.areas[{}].group_placements", "continuum.areas[].group_placements",
           [len(a.group_placements) for a in areas])
    runs = session.quiz.runs
    yield "quiz.runs", "quiz.runs", [len(runs)]
    yield "quiz.runs[{}].answers", "quiz.runs[].answers", [len(r.answers) for r in runs]
    boards = session.matrix.boards
    yield "matrix.boards", "matrix.boards", [len(boards)]
    yield "matrix.boards[{}].cards", "matrix.boards[].cards", [len(b.cards) for b in boards]
    yield "matrix.boards[{}].rows", "matrix.boards[].rows", [len(b.rows) for b in boards]
    yield ("matrix.boards[{}].columns", "matrix.boards[].columns",
           [len(b.columns) for b in boards])
    yield "agenda.items", "agenda.items", [len(session.agenda.items)]
    kinds = [n.kind for n in session.room.notes]
    yield "room", "room (comments)", [kinds.count("comment")]
    yield "room", "room (actions)", [kinds.count("action")]


def _texts(session: Session) -> Iterator[tuple[str, str, int]]:
    """(field, text, most characters) for every text of a session."""
    for key in ("title", "client", "facilitator"):
        yield key, getattr(session, key), NAME
    yield "notes", session.notes, TEXT
    for name, items in (("groups", session.groups), ("participants", session.participants),
                        ("continuum.areas", session.continuum.areas)):
        for i, item in enumerate(items):
            yield f"{name}[{i}].name", item.name, NAME
    for i, board in enumerate(session.matrix.boards):
        yield f"matrix.boards[{i}].name", board.name, NAME
        for what, axes in (("rows", board.rows), ("columns", board.columns)):
            for j, axis in enumerate(axes):
                yield f"matrix.boards[{i}].{what}[{j}].name", axis.name, NAME
        for j, card in enumerate(board.cards):
            yield f"matrix.boards[{i}].cards[{j}].text", card.text, CARD_TEXT
    for i, item in enumerate(session.agenda.items):
        yield f"agenda.items[{i}].title", item.title, NAME
        yield f"agenda.items[{i}].notes", item.notes, TEXT
    for i, note in enumerate(session.room.notes):
        yield f"room[{i}].text", note.text, TEXT
        yield f"room[{i}].author", note.author, NAME


def count_problem(session: Session) -> tuple[str, str] | None:
    """(field, problem) for the first list of `session` longer than lpdesk supports, or
    None. Cheap (lengths only, no text looked at; about 1 ms at the largest session): run
    after every edit."""
    for field, key, counts in _lists(session):
        limit = BY_FIELD[key]
        most = max(counts, default=0)
        if most > limit.most:
            return field.format(counts.index(most)), too_many(most, limit)
    return None


def first_problem(session: Session) -> tuple[str, str] | None:
    """(field, problem) for the first thing in `session` over a limit, or None: a session
    that passes is one lpdesk can open again after saving it."""
    over = count_problem(session)
    if over is not None:
        return over
    for field, text, most in _texts(session):
        if len(text) > most:
            return field, too_long(len(text), most)
    return None
