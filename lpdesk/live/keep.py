"""The room a session keeps between runs of lpdesk: its room code and the phones'
identities, so a restarted lpdesk with the same session file lets the same phones straight
back in, with no code or name asked again.

What is kept is the identity model's state (live/identity.py), so its rules hold across a
restart: the phones' keys (token -> device), the dead keys of phones taken out, who holds
which name (a name a phone held stays taken for every other phone, and that phone,
presenting its key, is that person again), the names reserved for phones taken out, the
names freed from a phone (final: it cannot claim them again), which phones added a name
(the session's caps), and which phones have answered ('Not me' stays refused to them).

What each phone sent is NOT kept, only that it sent something: a phone must never be
handed data it did not send, and a kept copy could be handed to the wrong phone. After a
restart a phone simply sees nothing of its earlier hidden placements or quiz runs until it
places or answers again (the session itself still has them).

Where: a small private file in the app's data folder, named after the session file's path
(`file_for`), never the session file itself. A phone's key is a secret that lets whoever
holds it act as that participant: a session file is emailed, copied to a client's share and
exported, so the keys must not travel with it (and nothing here reaches an export). Losing
the file costs nothing but a re-join; a foreign or damaged one is ignored, and any entry
that breaks a rule (a name held twice, held while reserved or freed from that phone) is
dropped rather than trusted.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from lpdesk.live.protocol import ROOM_CODE_ALPHABET, TOKEN_RE
from lpdesk.live.room import Device, LiveRoom
from lpdesk.storage.codec import ID_RE

VERSION = 2  # 2: the identity model (holders, reserved, freed, added, answered)
MAX_BYTES = 2_000_000  # 200 phones need ~40 KB; anything far bigger is not ours
MAX_AGE_S = 90 * 24 * 3600  # a room nobody reopened for three months is forgotten
ADDED_KINDS = ("new", "anonymous")


def file_for(folder: Path, session_path: Path) -> Path:
    """The kept room of one session file (its resolved path, hashed: no names on disk)."""
    key = hashlib.sha256(str(Path(session_path).resolve()).encode("utf-8")).hexdigest()[:32]
    return Path(folder) / f"{key}.json"


def room_to_dict(room: LiveRoom, session_path: Path) -> dict[str, Any]:
    """A JSON snapshot of the room's identities; never what a phone sent."""
    ident = room.identity
    return {"version": VERSION, "session": str(Path(session_path).resolve()),
            "code": room.code, "tokens": dict(room.tokens), "removed": sorted(room.removed),
            "devices": {d.id: ident.of(d.id) for d in room.devices.values() if not d.removed},
            "out": {d.id: (d.participant_id if d.participant_id in ident.reserved else None)
                    for d in room.devices.values() if d.removed},
            "barred": {p: sorted(ds) for p, ds in ident.barred.items() if ds},
            "added": dict(ident.added),
            "answered": sorted(ident.has_answered())}


def _id(value: Any) -> bool:
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None


def _person(value: Any, participants: set[str]) -> str | None:
    return value if _id(value) and value in participants else None


def restore(room: LiveRoom, data: Any, session_path: Path, participants: set[str]) -> bool:
    """Put a kept room's code and phones into `room` (devices not connected); False, and
    `room` untouched, when `data` is not a kept room of this session file. Names of
    participants no longer in the session are not given back."""
    if not isinstance(data, dict) or data.get("version") != VERSION \
            or data.get("session") != str(Path(session_path).resolve()):
        return False
    code = data.get("code")
    if not (isinstance(code, str) and 4 <= len(code) <= 6
            and all(c in ROOM_CODE_ALPHABET for c in code)):
        return False
    tokens, removed, devices, out, barred, added, answered = (
        data.get(k) for k in ("tokens", "removed", "devices", "out", "barred", "added",
                              "answered"))
    if not all(isinstance(v, dict) for v in (tokens, devices, out, barred, added)) \
            or not isinstance(removed, list) or not isinstance(answered, list):
        return False
    # Phones taken out: listed with the name reserved for them; their keys stay dead.
    gone = {d: _person(p, participants) for d, p in out.items() if _id(d)}
    reserved = {p for p in gone.values() if p is not None}
    good_tokens = {t: d for t, d in tokens.items() if isinstance(t, str)
                   and TOKEN_RE.fullmatch(t) and _id(d) and d not in gone}
    dead = {t for t in removed if isinstance(t, str) and TOKEN_RE.fullmatch(t)}
    dead |= {t for t, d in tokens.items() if isinstance(t, str) and TOKEN_RE.fullmatch(t)
             and _id(d) and d in gone}
    shut = {p: {d for d in ds if _id(d)} for p, ds in barred.items()
            if _id(p) and isinstance(ds, list)}
    known = set(good_tokens.values())
    wants = {d: _person(p, participants) for d, p in devices.items() if d in known}
    count: dict[str, int] = {}
    for p in wants.values():
        if p is not None:
            count[p] = count.get(p, 0) + 1
    current = {d: p for d, p in wants.items() if p is not None and count[p] == 1
               and p not in reserved and d not in shut.get(p, ())}
    ident = room.identity
    room.code, room.tokens, room.removed = code, good_tokens, dead
    room.devices = {d: Device(d, participant_id=current.get(d), connected=False)
                    for d in wants}
    room.devices.update({d: Device(d, participant_id=p, connected=False, removed=True)
                         for d, p in gone.items()})
    ident.current = current
    ident.holder = {p: d for d, p in current.items()}
    ident.reserved = reserved
    ident.barred = shut
    ident.added = {d: k for d, k in added.items() if d in room.devices and k in ADDED_KINDS}
    ident.answered = {d for d in answered if isinstance(d, str) and d in current}
    ident.sent, ident.runs = {}, {}  # what phones sent is never kept (see the docstring)
    return True


def read(path: Path) -> Any:
    """The file's JSON, or None when it is missing, too big or not JSON."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write(path: Path, room: LiveRoom, session_path: Path) -> None:
    """Atomically, readable by this user only (the keys are secrets). Raises OSError."""
    write_data(path, room_to_dict(room, session_path))


def write_data(path: Path, data: dict[str, Any]) -> None:
    """`write` of a snapshot (`room_to_dict`), for a worker thread: the atomic write's
    fsync takes 15-45 ms, a whole frame, so it stays off the GUI thread."""
    from lpdesk.storage.files import write_text_atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, json.dumps(data), mode=0o600)


def forget_old(folder: Path, now: float | None = None) -> None:
    """Remove kept rooms not written for `MAX_AGE_S` (best effort)."""
    now = time.time() if now is None else now
    try:
        entries = list(Path(folder).glob("*.json"))
    except OSError:
        return
    for entry in entries:
        try:
            if now - entry.stat().st_mtime > MAX_AGE_S:
                os.remove(entry)
        except OSError:
            pass
