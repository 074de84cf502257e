"""What the server thread hands the GUI thread, typed (no tuples read by position).

The inbox between them is bounded (`INBOX_MAX` events): when the GUI thread falls that far
behind, the server answers a phone's message with a "busy" error instead of queueing it
(every refusal is answered, nothing is applied); joins and leaves are always queued, and
are bounded by the socket caps.
"""
from __future__ import annotations

from dataclasses import dataclass

from lpdesk.live.protocol import Message

INBOX_MAX = 4000


@dataclass(frozen=True)
class Joined:
    """A new or returning phone said hello with the room code."""

    device_id: str
    token: str
    address: str


@dataclass(frozen=True)
class Arrived:
    """A checked message; `at` is time.perf_counter() when the server read it."""

    device_id: str
    message: Message
    at: float


@dataclass(frozen=True)
class Left:
    """The phone's connection closed."""

    device_id: str


@dataclass(frozen=True)
class Trouble:
    """Something the facilitator should know (a flood cut off, an address refused): shown
    in the panel, never in a box."""

    text: str


LiveEvent = Joined | Arrived | Left | Trouble
