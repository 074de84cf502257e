"""The room a session keeps between runs of lpdesk: its room code and the phones' identities
(device key -> device -> participant), so a restarted lpdesk with the same session file
lets the same phones straight back in, with no code or name asked again.

Where: a small private file in the app's data folder, named after the session file's path
(`file_for`), never the session file itself. A phone's key is a secret that lets whoever
holds it act as that participant: a session file is emailed, copied to a client's share and
exported, so the keys must not travel with it (and nothing here reaches an export). Losing
the file costs nothing but a re-join; a foreign or damaged one is ignored.
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

VERSION = 1
MAX_BYTES = 2_000_000  # 200 phones need ~40 KB; anything far bigger is not ours
MAX_AGE_S = 90 * 24 * 3600  # a room nobody reopened for three months is forgotten


def file_for(folder: Path, session_path: Path) -> Path:
    """The kept room of one session file (its resolved path, hashed: no names on disk)."""
    key = hashlib.sha256(str(Path(session_path).resolve()).encode("utf-8")).hexdigest()[:32]
    return Path(folder) / f"{key}.json"


def room_to_dict(room: LiveRoom, session_path: Path) -> dict[str, Any]:
    return {"version": VERSION, "session": str(Path(session_path).resolve()),
            "code": room.code, "tokens": dict(room.tokens), "removed": sorted(room.removed),
            "devices": {d.id: d.participant_id for d in room.devices.values()}}


def _id(value: Any) -> bool:
    return isinstance(value, str) and ID_RE.fullmatch(value) is not None


def restore(room: LiveRoom, data: Any, session_path: Path, participants: set[str]) -> bool:
    """Put a kept room's code and phones into `room` (devices not connected); False, and
    `room` untouched, when `data` is not a kept room of this session file."""
    if not isinstance(data, dict) or data.get("version") != VERSION \
            or data.get("session") != str(Path(session_path).resolve()):
        return False
    code, tokens, removed, devices = (data.get("code"), data.get("tokens"),
                                      data.get("removed"), data.get("devices"))
    if not (isinstance(code, str) and 4 <= len(code) <= 6
            and all(c in ROOM_CODE_ALPHABET for c in code)):
        return False
    if not isinstance(tokens, dict) or not isinstance(removed, list) \
            or not isinstance(devices, dict):
        return False
    good_tokens = {t: d for t, d in tokens.items()
                   if isinstance(t, str) and TOKEN_RE.fullmatch(t) and _id(d)}
    room.code = code
    room.tokens = good_tokens
    room.removed = {t for t in removed if isinstance(t, str) and TOKEN_RE.fullmatch(t)}
    known = set(good_tokens.values())
    for device_id, participant_id in devices.items():
        if not _id(device_id) or device_id not in known:
            continue
        who = participant_id if _id(participant_id) and participant_id in participants else None
        room.devices[device_id] = Device(device_id, participant_id=who, connected=False)
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
