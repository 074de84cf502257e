"""Session <-> plain JSON data, with full validation on the way in.

The file layout is documented in docs/file-format.md and resources/session.schema.json.
Reading is strict about types, ranges and references (every id a placement, quiz run or
board points at must exist) and lenient about unknown keys, which are kept for the next
save (lpdesk/storage/unknown.py).
"""
from __future__ import annotations

import re
from typing import Any

from lpdesk.model import limits
from lpdesk.model.agenda import ACTIVITY_KINDS, Agenda, AgendaItem
from lpdesk.model.continuum import LEFT_END, RIGHT_END, Area, Continuum, Placement
from lpdesk.model.matrix import Axis, Board, Card, Matrix
from lpdesk.model.quiz import SUBJECT_KINDS, Quiz, QuizRun
from lpdesk.model.room import NOTE_KINDS, NOTE_SOURCES, NOTE_STATUSES, RoomNote, is_iso_date
from lpdesk.model.session import Group, Participant, Session
from lpdesk.storage.capture import FORMAT, capture, to_dict
from lpdesk.storage.capture import SCHEMA_VERSION as SCHEMA_VERSION  # migrate.py, tests
from lpdesk.storage.errors import SessionFormatError
from lpdesk.storage.reader import Reader
from lpdesk.storage.unknown import collect as collect_unknown

NAME_MAX = limits.NAME
L = limits.BY_FIELD
ROOM_NOTES = limits.Count("room", "comments and actions", limits.COMMENTS + limits.ACTIONS)
# Used with fullmatch (never `$`, which also matches before a final newline: "p-01\n") and
# spelled with ASCII classes (`\d` also matches other scripts' digits), so they mean what
# the schema's patterns mean (resources/session.schema.json; tests/storage/test_storage_schema.py).
ID_RE = re.compile(r"[A-Za-z0-9_.:-]{1,64}", re.ASCII)
COLOUR_RE = re.compile(r"#[0-9A-Fa-f]{6}", re.ASCII)
DATE_RE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})?", re.ASCII)


# ----------------------------------------------------------------------------- writing
def session_to_dict(session: Session) -> dict[str, Any]:
    """The JSON-ready form of a session (the current schema version): capture.py, whose
    two halves let the autosave copy on the GUI thread and build the rest elsewhere."""
    return to_dict(capture(session))


# ----------------------------------------------------------------------------- reading
class _Ids:
    """Checks that ids are well formed and unique within their kind."""

    def __init__(self) -> None:
        self.seen: dict[str, set[str]] = {}

    def take(self, r: Reader, kind: str, key: str = "id") -> str:
        value = r.text(key, required=True, max_len=64)
        if not ID_RE.fullmatch(value):
            raise r.fail(key, f"{value!r:.70} is not a valid id")
        seen = self.seen.setdefault(kind, set())
        if value in seen:
            raise r.fail(key, f"duplicate id {value!r}")
        seen.add(value)
        return value


def _ref(r: Reader, key: str, known: set[str], what: str) -> str | None:
    value = r.optional_text(key, max_len=64)
    if value is not None and value not in known:
        article = "an" if what[:1] in "aeiou" else "a"
        raise r.fail(key, f"refers to {article} {what} that does not exist ({value!r:.70})")
    return value


def _read_placement(r: Reader) -> Placement:
    return Placement(r.number("now", low=LEFT_END, high=RIGHT_END),
                     r.number("target", low=LEFT_END, high=RIGHT_END))


def _colour(r: Reader, default: str) -> str:
    value = r.text("colour", default, max_len=7)
    if not COLOUR_RE.fullmatch(value):
        raise r.fail("colour", f"expected a colour like #1A2B3C, found {value!r}")
    return value


def session_from_dict(data: Any) -> Session:
    """Build a Session from decoded JSON of the current schema version, or raise
    SessionFormatError naming the field. (Version checks and migration: storage.migrate.)"""
    root = Reader(data)
    ids = _Ids()
    s = Session(
        title=root.text("title", max_len=NAME_MAX),
        client=root.text("client", max_len=NAME_MAX),
        date=root.text("date", max_len=10),
        facilitator=root.text("facilitator", max_len=NAME_MAX),
        notes=root.text("notes"),
    )
    s.id = root.text("id", max_len=64)
    if s.id and not ID_RE.fullmatch(s.id):
        raise root.fail("id", f"expected an id like session-1a2b3c, found {s.id!r}")
    if not DATE_RE.fullmatch(s.date):
        raise root.fail("date", f"expected a date like 2026-11-23, found {s.date!r}")

    for r in root.items("groups", limit=L["groups"]):
        s.groups.append(Group(ids.take(r, "subject"), r.text("name", max_len=NAME_MAX),
                              _colour(r, "#0072B2")))
    group_ids = {g.id for g in s.groups}
    for r in root.items("participants", limit=L["participants"]):
        s.participants.append(Participant(
            ids.take(r, "subject"), r.text("name", max_len=NAME_MAX),
            _ref(r, "group", group_ids, "group"), _colour(r, "#0072B2")))
    participant_ids = {p.id for p in s.participants}

    s.continuum = _read_continuum(Reader(root.data.get("continuum", {}), "continuum"),
                                  ids, participant_ids, group_ids)
    s.quiz = _read_quiz(Reader(root.data.get("quiz", {}), "quiz"), ids,
                        participant_ids, group_ids)
    s.matrix = _read_matrix(Reader(root.data.get("matrix", {}), "matrix"), ids, group_ids)
    s.agenda = _read_agenda(Reader(root.data.get("agenda", {}), "agenda"), ids)
    item_ids = {i.id for i in s.agenda.items}
    for r in root.items("room", limit=ROOM_NOTES):
        s.room.notes.append(RoomNote(
            ids.take(r, "note"), r.choice("kind", NOTE_KINDS), r.text("text"),
            # an activity since taken out of the plan (lpdesk 0.1.0 wrote those): the note
            # stays, no longer saying where it was captured
            _ref_or_none(r, "activity", item_ids), r.text("created", max_len=40),
            # files from before phones sent notes have neither: captured, so accepted
            r.choice("status", NOTE_STATUSES, "accepted"),
            r.choice("source", NOTE_SOURCES, "facilitator"),
            r.text("author", max_len=500), r.text("owner", max_len=NAME_MAX),
            r.text("due", max_len=10)))
        due = s.room.notes[-1].due
        if due and not is_iso_date(due):
            raise r.fail("due", f"expected a date like 2026-11-23, found {due!r}")
    for kind, key in (("comment", "room (comments)"), ("action", "room (actions)")):
        count = sum(n.kind == kind for n in s.room.notes)
        if count > L[key].most:
            raise root.fail("room", limits.too_many(count, L[key]))
    s.unknown = collect_unknown(root.data)
    return s


def _ref_or_none(r: Reader, key: str, known: set[str]) -> str | None:
    """A well-formed id that may name something no longer there (then None)."""
    value = r.optional_text(key, max_len=64)
    if value is not None and not ID_RE.fullmatch(value):
        raise r.fail(key, f"{value!r:.70} is not a valid id")
    return value if value in known else None


def _read_continuum(r: Reader, ids: _Ids, people: set[str], groups: set[str]) -> Continuum:
    c = Continuum(hidden=r.boolean("hidden"))
    r.boolean("by_groups")  # schema 1's one switch: checked; migrate.py gave it to the areas
    for ar in r.items("areas", limit=L["continuum.areas"]):
        area = Area(ids.take(ar, "area"), ar.text("name", max_len=NAME_MAX),
                    by_groups=ar.boolean("by_groups"))
        for pid, pr in ar.table("placements", limit=L["continuum.areas[].placements"]):
            if pid not in people:
                raise pr.fail("", "is a placement for a participant that does not exist")
            area.placements[pid] = _read_placement(pr)
        for gid, pr in ar.table("group_placements",
                                limit=L["continuum.areas[].group_placements"]):
            if gid not in groups:
                raise pr.fail("", "is a placement for a group that does not exist")
            area.group_placements[gid] = _read_placement(pr)
        if ar.data.get("consensus") is not None:
            area.consensus = _read_placement(Reader(ar.data["consensus"],
                                                    ar.field("consensus")))
        c.areas.append(area)
    c.current_area_id = _ref(r, "current_area", {a.id for a in c.areas}, "area")
    return c


def _read_quiz(r: Reader, ids: _Ids, people: set[str], groups: set[str]) -> Quiz:
    q = Quiz()
    for rr in r.items("runs", limit=L["quiz.runs"]):
        kind = rr.choice("subject_kind", SUBJECT_KINDS)
        known = people if kind == "participant" else groups if kind == "group" else set()
        subject = _ref(rr, "subject", known, kind)
        if kind != "room" and subject is None:
            raise rr.fail("subject", f"is missing for a {kind}'s quiz")
        q.runs.append(QuizRun(
            ids.take(rr, "quiz run"), kind, subject, rr.choice("purpose", ("now", "target")),
            rr.string_table("answers", limit=L["quiz.runs[].answers"]),
            rr.integer("current_question", low=0, high=1000)))
    q.current_run_id = _ref(r, "current_run", {x.id for x in q.runs}, "quiz run")
    return q


def _read_axes(r: Reader, key: str) -> list[Axis]:
    axes, seen = [], set()
    for ar in r.items(key, limit=L[f"matrix.boards[].{key}"]):
        axis_id = ar.text("id", required=True, max_len=64)
        if not axis_id or axis_id in seen:
            raise ar.fail("id", f"missing or duplicate id {axis_id!r:.70}")
        seen.add(axis_id)
        axes.append(Axis(axis_id, ar.text("name", max_len=NAME_MAX)))
    return axes


def _on_board(cell: tuple[str, str], axes: tuple[set[str], set[str]]) -> bool:
    """Board.has_cell with the board's row and column ids gathered once, not per card."""
    return cell[0] in axes[0] and cell[1] in axes[1]


def _read_matrix(r: Reader, ids: _Ids, groups: set[str]) -> Matrix:
    m = Matrix()
    for br in r.items("boards", limit=L["matrix.boards"]):
        board = Board(ids.take(br, "board"), br.text("name", max_len=NAME_MAX),
                      br.optional_text("template", max_len=64),
                      _ref(br, "group", groups, "group"),
                      _read_axes(br, "rows"), _read_axes(br, "columns"),
                      revealed=br.boolean("revealed"))
        card_ids: set[str] = set()
        axes = {x.id for x in board.rows}, {x.id for x in board.columns}
        for cr in br.items("cards", limit=L["matrix.boards[].cards"]):
            card_id = cr.text("id", required=True, max_len=64)
            if not card_id or card_id in card_ids:
                raise cr.fail("id", f"missing or duplicate card id {card_id!r:.70}")
            card_ids.add(card_id)
            reference = cr.pair("reference")
            if reference is not None and not _on_board(reference, axes):
                raise cr.fail("reference", f"names a cell not on this board {list(reference)}")
            reference_column = _ref(cr, "reference_column", axes[1], "column")
            cell = cr.pair("cell")
            if cell is not None:
                if not _on_board(cell, axes):
                    raise cr.fail("cell", f"names a cell not on this board {list(cell)}")
                board.positions[card_id] = cell
            board.cards.append(Card(card_id, cr.text("text", max_len=limits.CARD_TEXT), reference,
                                    cr.boolean("custom"), reference_column))
        m.boards.append(board)
    m.current_board_id = _ref(r, "current_board", {b.id for b in m.boards}, "board")
    return m


def _read_agenda(r: Reader, ids: _Ids) -> Agenda:
    a = Agenda()
    for ir in r.items("items", limit=L["agenda.items"]):
        a.items.append(AgendaItem(
            ids.take(ir, "agenda item"), ir.choice("kind", ACTIVITY_KINDS),
            ir.text("title", max_len=NAME_MAX), ir.integer("minutes", 10, low=0, high=1440),
            ir.boolean("skipped"), ir.text("notes")))
    a.current_id = _ref(r, "current", {i.id for i in a.items}, "agenda item")
    return a


def check_header(data: Any) -> int:
    """Check the format marker; return the schema version (not yet compared)."""
    if not isinstance(data, dict):
        raise SessionFormatError("this is not an lpdesk session (the file holds no object)")
    if data.get("format") != FORMAT:
        raise SessionFormatError("this is not an lpdesk session (no lpdesk format marker)")
    version = data.get("schema_version")
    if isinstance(version, float) and version.is_integer():
        version = int(version)  # 1.0 is 1, as the schema reads it
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise SessionFormatError("the schema version is missing or not a positive whole number",
                                 "schema_version")
    return version
