"""What phones may send beyond placing themselves: comments and suggested actions (and
later the quiz and the matrix). Pure Python like protocol.py: the message kinds register in
`MESSAGE_TYPES`, checked on the server thread; the per-device limits are kept on the GUI
thread by the live controller.

    {"type": "comment", "kind": "comment" | "action", "text": "...", "anonymous": false}

A note's text is plain text, 1-NOTE_MAX characters after control characters are turned to
spaces (line breaks kept); a whole message is at most MAX_MESSAGE_BYTES anyway, so a
megabyte never gets past the server's reader. A device may send NOTE_BURST notes at once,
then one every NOTE_EVERY seconds (a token bucket): a flood is refused with a plain
sentence and nothing reaches the session.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lpdesk.live.protocol import MessageType, ProtocolError, bool_field, register
from lpdesk.model.room import NOTE_KINDS

NOTE_MAX = 500  # characters: a comment typed on a phone, not an essay
NOTE_BURST = 3
NOTE_EVERY = 10.0  # seconds per note once the burst is used
_NOTE_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def note_kind_field(name: str, value: Any) -> str:
    if value not in NOTE_KINDS:
        raise ProtocolError("field", f"{name}: expected comment or action")
    return value


def note_text_field(name: str, value: Any) -> str:
    """Plain text: control and direction characters become spaces, at most 2 blank lines."""
    if not isinstance(value, str):
        raise ProtocolError("field", f"{name}: expected text")
    text = _NOTE_CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(" ".join(line.split())
                                              for line in text.split("\n"))).strip()
    if not text:
        raise ProtocolError("empty", "Type something first.")
    if len(text) > NOTE_MAX:
        raise ProtocolError("long", f"A note has at most {NOTE_MAX} characters.")
    return text


# "anonymous": send it without the participant's name
COMMENT = register(MessageType("comment", {"kind": note_kind_field, "text": note_text_field,
                                           "anonymous": bool_field}, ("kind", "text")))


@dataclass
class NoteRate:
    """Per device: NOTE_BURST notes at once, then one per NOTE_EVERY seconds."""

    burst: int = NOTE_BURST
    every: float = NOTE_EVERY
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def take(self, device_id: str, now: float) -> None:
        """Count one note for the device, or raise ProtocolError if it sent too many."""
        tokens, last = self._buckets.get(device_id, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + max(0.0, now - last) / self.every)
        if tokens < 1.0:
            wait = int((1.0 - tokens) * self.every) + 1
            raise ProtocolError("rate", f"That was a lot at once: wait {wait} seconds, "
                                        "then send again.")
        self._buckets[device_id] = (tokens - 1.0, now)
