"""What a phone may send, how every message is checked, and what a phone receives.

Pure Python (no Qt, no sockets) so the rules are tested on their own and the server thread
can check a message before anything reaches the GUI thread.

Phone -> lpdesk: one JSON object per WebSocket text frame, at most MAX_MESSAGE_BYTES:
    {"type": "<kind>", "token": "<the device's token>", "seq": <the phone's counter>, ...}
The first message of a connection is `hello` (room code, and the token the phone
remembers, if any); every later one carries the token, which must be the connection's.
Each kind is a `MessageType` with its fields in `MESSAGE_TYPES`: later activities (quiz
answers, card moves, comments) register new kinds without changing the envelope.
A message is checked twice, by the same rules as the session file reader:
 - `parse_message` on the server thread: size, JSON, known type, field types, positions
   0-100 (finite), id syntax, name length;
 - `check_ids` on the GUI thread against the session: the area and participant or group
   ids must exist.
A bad message is answered with an `error` (code and a plain sentence) and never applied.

lpdesk -> phone: `welcome` once (the token and the stages), then `state` frames holding only
the *sections* that changed for that phone since it last heard (`room`, `people`, `me`;
later activities add sections), then `ack`/`error` for its own messages, and `bye` when the
facilitator stops or removes the device. Sections are built on the GUI thread from the model
and never hold facilitator notes, the file's path, or anyone's hidden placement.
"""
from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lpdesk.live.text import BrokenTextError, clean
from lpdesk.model.continuum import LEFT_END, RIGHT_END, WHICH
from lpdesk.storage.codec import ID_RE  # the session file's id rule, one definition

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 4096
NAME_MAX = 60  # a name typed on a phone (the file allows 500; a phone needs far fewer)
ROOM_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L look-alikes
ROOM_CODE_LENGTH = 5
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,64}", re.ASCII)
MAX_DEPTH = 8  # nesting of arrays and objects in a message: no kind needs more than 2


class ProtocolError(ValueError):
    """A message lpdesk refuses: `code` for the phone's logic, `text` for its person."""

    def __init__(self, code: str, text: str) -> None:
        super().__init__(text)
        self.code, self.text = code, text


# -- room codes and tokens ---------------------------------------------------------------
def new_room_code(length: int = ROOM_CODE_LENGTH) -> str:
    """A short code people can read off the screen and type: 4-6 characters, no look-alikes."""
    if not 4 <= length <= 6:
        raise ValueError("a room code has 4 to 6 characters")
    alphabet = ROOM_CODE_ALPHABET
    # rejection sampling keeps every character equally likely (256 is not a multiple of 31)
    limit = 256 - 256 % len(alphabet)
    out: list[str] = []
    while len(out) < length:
        for byte in os.urandom(length * 2):
            if byte < limit and len(out) < length:
                out.append(alphabet[byte % len(alphabet)])
    return "".join(out)


def normalise_room_code(text: str) -> str:
    """What a person typed, as a code: case, spaces and dashes do not matter."""
    return re.sub(r"[\s-]", "", text).upper()


def new_token() -> str:
    """A device's secret: 192 random bits, URL-safe."""
    import base64
    return base64.urlsafe_b64encode(os.urandom(24)).decode("ascii").rstrip("=")


# -- field checks (the file reader's rules) ------------------------------------------------
def _fail(name: str, text: str) -> ProtocolError:
    return ProtocolError("field", f"{name}: {text}")


def id_field(name: str, value: Any) -> str:
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise _fail(name, "expected an id")
    return value


def optional_id_field(name: str, value: Any) -> str | None:
    return None if value is None else id_field(name, value)


def position_field(name: str, value: Any) -> float | None:
    """A position 0-100, or null to take a marker away (as in the file: finite numbers only)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(name, "expected a number")
    if isinstance(value, int) and not LEFT_END <= value <= RIGHT_END:
        raise _fail(name, f"outside {LEFT_END:g}-{RIGHT_END:g}")
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise _fail(name, "is not a finite number")
    if not LEFT_END <= value <= RIGHT_END:
        raise _fail(name, f"outside {LEFT_END:g}-{RIGHT_END:g}")
    return round(value, 1)


def which_field(name: str, value: Any) -> str:
    if value not in WHICH:
        raise _fail(name, "expected now or target")
    return value


def clean_text(value: str, *, newlines: bool = False) -> str:
    """live/text.py's `clean` for a field: a lone surrogate is refused with an error."""
    try:
        return clean(value, newlines=newlines)
    except BrokenTextError:
        raise ProtocolError("text", "That text holds a character lpdesk cannot keep.") from None


def name_field(name: str, value: Any) -> str:
    """A person's name: plain NFC text, 1-NAME_MAX characters, no control, format or
    invisible characters (live/text.py); blank after cleaning is refused."""
    if not isinstance(value, str):
        raise _fail(name, "expected text")
    text = clean_text(value)
    if not text:
        raise ProtocolError("name", "Type your name.")
    if len(text) > NAME_MAX:
        raise ProtocolError("name", f"A name has at most {NAME_MAX} characters.")
    return text


def bool_field(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise _fail(name, "expected true or false")
    return value


def room_code_field(name: str, value: Any) -> str:
    if not isinstance(value, str) or len(value) > 20:
        raise ProtocolError("room", "That room code is not right.")
    return normalise_room_code(value)


def token_field(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not TOKEN_RE.fullmatch(value):
        raise ProtocolError("token", "This phone's key is not valid.")
    return value


# -- message types ----------------------------------------------------------------------
Check = Callable[[str, Any], Any]


@dataclass(frozen=True)
class MessageType:
    """One kind of phone message: its fields (name -> check) and which ones are required.
    `needs_token`: everything but `hello` is checked against the connection's token."""

    name: str
    fields: Mapping[str, Check]
    required: tuple[str, ...] = ()
    needs_token: bool = True


@dataclass(frozen=True)
class Message:
    type: str
    seq: int | None
    token: str | None
    fields: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)


MESSAGE_TYPES: dict[str, MessageType] = {}


def register(kind: MessageType) -> MessageType:
    """Add a message kind (later activities call this for theirs)."""
    if kind.name in MESSAGE_TYPES or kind.name in ("type", "token", "seq"):
        raise ValueError(f"message type {kind.name!r} exists")
    MESSAGE_TYPES[kind.name] = kind
    return kind


HELLO = register(MessageType("hello", {"room": room_code_field, "token": token_field},
                             ("room",), needs_token=False))
# claim one of the session's names, a new name (if allowed), or an unnamed participant
CLAIM = register(MessageType("claim", {"participant": optional_id_field, "name": name_field,
                                       "group": optional_id_field,
                                       "anonymous": bool_field}))
RELEASE = register(MessageType("release", {}))  # "this is not me": pick again
PLACE = register(MessageType("place", {"area": id_field, "which": which_field,
                                       "value": position_field},
                             ("area", "which", "value")))


def parse_message(raw: str | bytes) -> Message:
    """Check a phone's message on its own (no session needed); raise ProtocolError."""
    size = len(raw.encode("utf-8")) if isinstance(raw, str) else len(raw)
    if size > MAX_MESSAGE_BYTES:
        raise ProtocolError("size", "That message is too long.")
    if _too_deep(raw):
        raise ProtocolError("format", "That message could not be read.")
    try:  # one decoder for every message (json.loads with an option makes one per call)
        data = _DECODER.decode(raw) if isinstance(raw, str) else json.loads(
            raw, parse_constant=_no_constant)
    except (ValueError, RecursionError, UnicodeDecodeError):
        raise ProtocolError("format", "That message could not be read.") from None
    if not isinstance(data, dict):
        raise ProtocolError("format", "That message could not be read.")
    kind = MESSAGE_TYPES.get(data.get("type")) if isinstance(data.get("type"), str) else None
    if kind is None:
        raise ProtocolError("type", "lpdesk does not know that kind of message.")
    seq = data.get("seq")
    if seq is not None and (isinstance(seq, bool) or not isinstance(seq, int)
                            or not 0 <= seq < 2 ** 31):
        raise _fail("seq", "expected a counter")
    token = token_field("token", data.get("token"))
    if kind.needs_token and token is None:
        raise ProtocolError("token", "This phone has not joined yet.")
    fields: dict[str, Any] = {}
    for key in kind.required:
        if key not in data:
            raise _fail(key, "missing")
    for key, check in kind.fields.items():
        if key in data:
            fields[key] = check(key, data[key])
    return Message(kind.name, seq, token, fields)


def _too_deep(raw: str | bytes) -> bool:
    """More than MAX_DEPTH brackets open at once (strings skipped): refused before the
    JSON parser recurses (a RecursionError must never reach the server). A message with
    no more opening brackets than that in all (every honest one) is not walked character
    by character: on the server thread, which shares the interpreter with the window,
    that walk was a fifth of reading a phone's message."""
    text = raw if isinstance(raw, str) else raw.decode("utf-8", "replace")
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # depth never exceeds the count
        return False
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif ch in "]}":
            depth -= 1
    return False


def seq_of(raw: Any) -> int | None:
    """The seq of a refused message if it can be read, so the phone knows which one."""
    try:
        if len(raw) > MAX_MESSAGE_BYTES or _too_deep(raw):
            return None
        value = json.loads(raw).get("seq")
    except (ValueError, AttributeError, TypeError, RecursionError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)  # NaN, Infinity: refused


@dataclass(frozen=True)
class KnownIds:
    """The session's ids, gathered once for a batch of messages."""

    areas: frozenset[str]
    participants: frozenset[str]
    groups: frozenset[str]

    @classmethod
    def of(cls, session: Any) -> KnownIds:
        return cls(frozenset(a.id for a in session.continuum.areas),
                   frozenset(p.id for p in session.participants),
                   frozenset(g.id for g in session.groups))


def check_ids(message: Message, session: Any, known: KnownIds | None = None) -> None:
    """The ids a message names must exist in the session (GUI thread: reads the model)."""
    known = known or KnownIds.of(session)
    area = message.get("area")
    if area is not None and area not in known.areas:
        raise ProtocolError("area", "That area is not open any more.")
    pid = message.get("participant")
    if pid is not None and pid not in known.participants:
        raise ProtocolError("participant", "That name is not on the list.")
    gid = message.get("group")
    if gid is not None and gid not in known.groups:
        raise ProtocolError("group", "That group does not exist.")


# -- lpdesk -> phone ------------------------------------------------------------------------
def encode(payload: Mapping[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def welcome(token: str, device_id: str, content: Any) -> dict[str, Any]:
    """Once per connection: the device's token and what never changes during a session."""
    return {"type": "welcome", "v": PROTOCOL_VERSION, "token": token, "device": device_id,
            "stages": [{"name": s.name, "start": s.start, "end": s.end,
                        "description": s.description} for s in content.stages],
            "left": content.left_label, "right": content.right_label}


@dataclass(frozen=True)
class RoomOptions:
    """What the facilitator allows (mirrored on every phone)."""

    locked: bool = False
    anonymous: bool = False
    new_names: bool = False


def session_index(session: Any) -> tuple[dict, dict]:
    return ({p.id: p for p in session.participants}, {g.id: g for g in session.groups})


def room_section(session: Any, options: RoomOptions, activity: str) -> dict[str, Any]:
    """What every phone sees alike: the activity and area on screen, the options, how many
    have placed, and, only once the markers are revealed, the room's distribution (no names)."""
    c = session.continuum
    area = c.current_area
    subjects = session.groups if c.by_groups else session.participants
    table = (area.group_placements if c.by_groups else area.placements) if area else {}
    placed = [table[s.id] for s in subjects if s.id in table and not table[s.id].is_empty()]
    section: dict[str, Any] = {
        "activity": activity,
        "title": session.title,
        "area": {"id": area.id, "name": area.name} if area else None,
        "locked": options.locked, "hidden": c.hidden, "by_groups": c.by_groups,
        "placed": len(placed), "total": len(subjects),
        "distribution": None,
    }
    if area is not None and not c.hidden:
        section["distribution"] = {
            "now": sorted(round(p.now, 1) for p in placed if p.now is not None),
            "target": sorted(round(p.target, 1) for p in placed if p.target is not None)}
    return section


def people_section(session: Any, options: RoomOptions, claimed: Iterable[str]) -> dict[str, Any]:
    """Who can be picked: names, groups and which names another phone has claimed."""
    taken = set(claimed)
    return {
        "participants": [{"id": p.id, "name": p.name, "group": p.group_id,
                          "taken": p.id in taken} for p in session.participants],
        "groups": [{"id": g.id, "name": g.name, "colour": g.colour} for g in session.groups],
        "anonymous": options.anonymous, "new_names": options.new_names,
    }


def me_section(session: Any, participant_id: str | None,
               index: tuple[dict, dict] | None = None,
               own: Callable[[tuple, Any], Any] | None = None) -> dict[str, Any]:
    """One phone's own part: who it is and its own markers (its group's, by groups).
    `index` ({participant id: participant}, {group id: group}) saves a look-up per phone
    when building all phones' sections at once (see `session_index`). `own(key, value)`
    gives back the value only if this device sent it (identity.py: a phone never receives
    a placement it did not send, whoever placed it); a group's markers are its members'."""
    c = session.continuum
    area = c.current_area
    me: dict[str, Any] = {"participant": None, "group": None, "placement": None}
    people, groups = index or session_index(session)
    p = people.get(participant_id) if participant_id is not None else None
    if p is None:
        return me
    me["participant"] = {"id": p.id, "name": p.name}
    group_id = p.group_id
    g = groups.get(group_id) if group_id is not None else None
    if g is not None:
        me["group"] = {"id": g.id, "name": g.name, "colour": g.colour}
    if area is not None:
        if c.by_groups:
            mine = area.group_placements.get(group_id) if group_id else None
        else:
            mine = area.placements.get(participant_id)
        if mine is not None and own is not None and not c.by_groups:
            key = ("place", area.id, participant_id)
            mine = type(mine)(own(key + ("now",), mine.now), own(key + ("target",), mine.target))
        if mine is not None and (mine.now is not None or mine.target is not None):
            me["placement"] = {"now": mine.now, "target": mine.target}
    return me
