"""A session's state copied in an instant, turned into the file's JSON data later.

The autosave takes a snapshot on the GUI thread every few seconds while the facilitator
edits, and the largest session holds ~22,000 placements, 12,000 cards, 2,000 quiz runs and
4,000 room notes. Building the file's dictionaries there cost ~100 ms a snapshot, and the
~100,000 objects it made fed the garbage collector's full passes afterwards (issue 28).

So saving is split in two (`session_to_dict` is `to_dict(capture(session))`, one path for
saves, autosaves and every test of them):

- `capture(session)` (GUI thread, milliseconds): copies what an edit can change, and only
  that: each model object's field values into a tuple, with `operator.attrgetter` mapped
  over the lists in C (no Python bytecode runs per placement, card, run or note), and the
  two mutable tables inside objects (quiz answers, card positions) with `dict(...)`. The
  leaves are immutable (str, int, float, bool, None, tuples of ids), so nothing the
  capture holds changes when the session does: model objects are edited in place
  (`card.text = ...`, `run.answers[q] = a`), which is why the capture never keeps one.
- `to_dict(captured)` (any thread): the JSON-ready dictionaries of the file format,
  exactly what `session_to_dict` always wrote (docs/file-format.md), with the unknown keys
  a newer version wrote put back (storage/unknown.py).
"""
from __future__ import annotations

import json
from itertools import islice
from operator import attrgetter
from typing import Any, NamedTuple

from lpdesk.model.session import Session
from lpdesk.storage.unknown import merge as merge_unknown

FORMAT = "lpdesk-session"
SCHEMA_VERSION = 2  # 2: 'place by groups' per area (migrate.py), actions' owner and due

_DETAILS = attrgetter("id", "title", "client", "date", "facilitator", "notes")
_AREA = attrgetter("id", "name", "by_groups")
_BOARD = attrgetter("id", "name", "template_id", "group_id", "revealed")
_PLACE = attrgetter("now", "target")
_ANSWERS = attrgetter("answers")

Values = tuple[Any, ...]
Table = tuple[list[Any], ...]  # one list per field, in the order the fields are named


def _fields(*names: str) -> tuple[attrgetter, ...]:
    return tuple(attrgetter(name) for name in names)


_GROUP = _fields("id", "name", "colour")
_PARTICIPANT = _fields("id", "name", "group_id", "colour")
_PLACES = _fields("now", "target")
_RUN = _fields("id", "subject_kind", "subject_id", "purpose", "current_question")
_AXIS = _fields("id", "name")
_CARD = _fields("id", "text", "reference", "reference_column", "custom")
_ITEM = _fields("id", "kind", "title", "minutes", "skipped", "notes")
_NOTE = _fields("id", "kind", "text", "activity_id", "created", "status", "source", "author",
                "owner", "due")


def _table(objects: Any, fields: tuple[attrgetter, ...]) -> Table:
    """The objects' field values, a list per field: no object is made per row (a tuple a
    row took ~50% longer and fed the garbage collector ~40,000 objects a snapshot)."""
    return tuple(list(map(get, objects)) for get in fields)


def _rows(table: Table) -> zip:
    return zip(*table, strict=True)


class AreaCapture(NamedTuple):
    fields: Values  # id, name, by_groups
    people: list[str]  # participant ids, in the table's order
    places: Table  # now, target: one per id above
    groups: list[str]
    group_places: Table
    consensus: Values


class BoardCapture(NamedTuple):
    fields: Values  # id, name, template_id, group_id, revealed
    rows: Table
    columns: Table
    cards: Table
    positions: dict[str, tuple[str, str]]


class Captured(NamedTuple):
    """Everything `to_dict` needs, sharing nothing mutable with the session."""

    details: Values
    groups: Table
    participants: Table
    continuum: Values  # hidden, current_area_id
    areas: list[AreaCapture]
    current_run: str | None
    runs: Table
    answers: list[dict[str, str]]
    current_board: str | None
    boards: list[BoardCapture]
    current_item: str | None
    items: Table
    notes: Table
    unknown: dict[tuple[str, ...], dict[str, Any]]


def _area(area) -> AreaCapture:
    people, groups = area.placements, area.group_placements
    return AreaCapture(_AREA(area), list(people), _table(people.values(), _PLACES),
                       list(groups), _table(groups.values(), _PLACES),
                       _PLACE(area.consensus))


def _board(board) -> BoardCapture:
    return BoardCapture(_BOARD(board), _table(board.rows, _AXIS),
                        _table(board.columns, _AXIS), _table(board.cards, _CARD),
                        dict(board.positions))


def capture(session: Session) -> Captured:
    """The session's state now (cheap: run it on the GUI thread, between edits)."""
    c, q, m, a = session.continuum, session.quiz, session.matrix, session.agenda
    return Captured(
        _DETAILS(session),
        _table(session.groups, _GROUP),
        _table(session.participants, _PARTICIPANT),
        (c.hidden, c.current_area_id),
        list(map(_area, c.areas)),
        q.current_run_id,
        _table(q.runs, _RUN),
        list(map(dict, map(_ANSWERS, q.runs))),
        m.current_board_id,
        list(map(_board, m.boards)),
        a.current_id,
        _table(a.items, _ITEM),
        _table(session.room.notes, _NOTE),
        # values are JSON data read from the file; nothing edits them, only whole entries
        # come and go
        dict(session.unknown),
    )


def _placement(values: Values) -> dict[str, Any]:
    return {"now": values[0], "target": values[1]}


def _area_dict(area: AreaCapture) -> dict[str, Any]:
    area_id, name, by_groups = area.fields
    return {
        "id": area_id,
        "name": name,
        "placements": {k: {"now": now, "target": target}
                       for k, now, target in _rows((area.people, *area.places))},
        "group_placements": {k: {"now": now, "target": target}
                             for k, now, target in _rows((area.groups, *area.group_places))},
        "consensus": _placement(area.consensus),
        "by_groups": by_groups,
    }


def _board_dict(board: BoardCapture) -> dict[str, Any]:
    board_id, name, template, group, revealed = board.fields
    positions = board.positions
    return {
        "id": board_id,
        "name": name,
        "template": template,
        "group": group,
        "revealed": revealed,
        "rows": [{"id": i, "name": n} for i, n in _rows(board.rows)],
        "columns": [{"id": i, "name": n} for i, n in _rows(board.columns)],
        "cards": [
            {
                "id": card_id,
                "text": text,
                "reference": list(reference) if reference else None,
                "reference_column": reference_column,
                "custom": custom,
                "cell": list(positions[card_id]) if card_id in positions else None,
            }
            for card_id, text, reference, reference_column, custom in _rows(board.cards)
        ],
    }


def to_dict(captured: Captured) -> dict[str, Any]:
    """The JSON-ready form of a captured session (the current schema version). Safe on
    any thread: it reads the capture only."""
    session_id, title, client, date, facilitator, notes = captured.details
    hidden, current_area = captured.continuum
    item_ids = set(captured.items[0])  # the agenda items' ids (a list per field)
    return merge_unknown({
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "id": session_id,
        "title": title,
        "client": client,
        "date": date,
        "facilitator": facilitator,
        "notes": notes,
        "groups": [{"id": i, "name": n, "colour": c} for i, n, c in _rows(captured.groups)],
        "participants": [{"id": i, "name": n, "group": g, "colour": c}
                         for i, n, g, c in _rows(captured.participants)],
        "continuum": {
            "hidden": hidden,
            "current_area": current_area,
            "areas": [_area_dict(area) for area in captured.areas],
        },
        "quiz": {
            "current_run": captured.current_run,
            "runs": [
                {"id": run_id, "subject_kind": kind, "subject": subject, "purpose": purpose,
                 "answers": dict(answers), "current_question": current}
                for (run_id, kind, subject, purpose, current), answers
                in zip(_rows(captured.runs), captured.answers, strict=True)
            ],
        },
        "matrix": {
            "current_board": captured.current_board,
            "boards": [_board_dict(board) for board in captured.boards],
        },
        "agenda": {
            "current": captured.current_item,
            "items": [
                {"id": i, "kind": k, "title": t, "minutes": mins, "skipped": s, "notes": n}
                for i, k, t, mins, s, n in _rows(captured.items)
            ],
        },
        "room": [
            # captured in an activity since taken out of the plan: no longer said where
            {"id": i, "kind": k, "text": t, "activity": a if a in item_ids else None,
             "created": c, "status": st,
             "source": so, "author": au, "owner": o, "due": d}
            for i, k, t, a, c, st, so, au, o, d in _rows(captured.notes)
        ],
    }, captured.unknown)


PIECE = 128  # items of a list or table encoded by one json.dumps call
_SPLIT_DEPTH = 4  # containers this shallow are split whatever their size (areas, boards)


def compact_json(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)`, the
    same text, made in pieces. One call encodes the largest session (5 MB) in C without
    letting go of the GIL: ~200 ms in which the GUI thread cannot run, while the autosave
    worker writes. In pieces of at most PIECE items, each a few milliseconds, the
    interpreter hands the GIL over between them (sys.getswitchinterval)."""
    out: list[str] = []
    _encode(value, out, 0)
    return "".join(out)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _encode(value: Any, out: list[str], depth: int) -> None:
    if isinstance(value, dict) and (depth < _SPLIT_DEPTH or len(value) > PIECE):
        if depth < _SPLIT_DEPTH and not all(isinstance(key, str) for key in value):
            out.append(_dumps(value))  # json's own key rules (numbers, None): not ours
            return
        out.append("{")
        if depth < _SPLIT_DEPTH:
            for i, (key, item) in enumerate(value.items()):
                out.append(("," if i else "") + _dumps(key) + ":")
                _encode(item, out, depth + 1)
        else:
            items = iter(value.items())
            first = True
            while piece := dict(islice(items, PIECE)):
                out.append(("" if first else ",") + _dumps(piece)[1:-1])
                first = False
        out.append("}")
    elif isinstance(value, list) and (depth < _SPLIT_DEPTH or len(value) > PIECE):
        out.append("[")
        if depth < _SPLIT_DEPTH and len(value) <= PIECE:
            for i, item in enumerate(value):
                if i:
                    out.append(",")
                _encode(item, out, depth + 1)
        else:
            for start in range(0, len(value), PIECE):
                out.append(("," if start else "") + _dumps(value[start:start + PIECE])[1:-1])
        out.append("]")
    else:
        out.append(_dumps(value))
