"""The live room as the facilitator runs it: the room code, the options (lock, anonymous,
new names) and the phones that joined, each with who it is, when it was last seen and what
it last sent. Pure Python, kept on the GUI thread by the live controller; the server only
knows tokens and connections.

Not session data: it is never saved (a device is a phone in this room today), but it
outlives a stop and restart of the server within the same session, so phones reconnect to
the same participant.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lpdesk.live.identity import ClaimPlan, Identities
from lpdesk.live.protocol import RoomOptions, new_room_code


@dataclass
class Device:
    id: str
    address: str = ""
    joined: float = 0.0
    last_seen: float = 0.0
    participant_id: str | None = None
    last_sent: str = ""  # in the facilitator's words, e.g. "now 42"
    connected: bool = True
    removed: bool = False  # taken out by the facilitator: listed, never served again


@dataclass
class LiveRoom:
    code: str = field(default_factory=new_room_code)
    options: RoomOptions = field(default_factory=RoomOptions)
    devices: dict[str, Device] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # token -> device id (kept for restarts)
    removed: set[str] = field(default_factory=set)  # tokens of removed devices
    identity: Identities = field(default_factory=Identities)  # who is who (identity.py)

    # -- devices ------------------------------------------------------------------------
    def joined(self, device_id: str, token: str, address: str, now: float) -> Device:
        device = self.devices.get(device_id)
        if device is None:
            device = self.devices[device_id] = Device(device_id, address, now, now)
        self.tokens[token] = device_id
        device.connected, device.last_seen, device.address = True, now, address
        return device

    def seen(self, device_id: str, now: float) -> Device | None:
        device = self.devices.get(device_id)
        if device is not None:
            device.last_seen = now
        return device

    def left(self, device_id: str) -> None:
        device = self.devices.get(device_id)
        if device is not None:
            device.connected = False

    def remove(self, device_id: str) -> Device | None:
        """The facilitator takes a phone out: its token is dead and its name stays reserved
        (no phone can claim it) until the facilitator frees it (identity.py); it stays in
        the list, marked, so the facilitator can free that name."""
        device = self.devices.get(device_id)
        pid = self.identity.remove(device_id)
        if device is not None:  # still listed, with its reserved name, until freed
            device.removed, device.connected, device.participant_id = True, False, pid
        for token, did in list(self.tokens.items()):
            if did == device_id:
                del self.tokens[token]
                self.removed.add(token)
        return device

    # -- who is who (the rules are in identity.py) ----------------------------------------
    def claimed(self) -> dict[str, str]:
        """participant id -> the device holding it for the session."""
        return self.identity.claimed()

    def taken(self) -> set[str]:
        """Names no other phone may pick: held, or reserved for a removed phone."""
        return set(self.identity.holder) | self.identity.reserved

    def bind(self, device_id: str, participant_id: str, plan: ClaimPlan) -> None:
        self.identity.bind(device_id, participant_id, plan)
        self.devices[device_id].participant_id = participant_id

    def release(self, device_id: str) -> None:
        self.identity.release(device_id)  # raises ProtocolError after the phone has sent input
        device = self.devices.get(device_id)
        if device is not None:
            device.participant_id = None

    def free(self, participant_id: str) -> None:
        """The facilitator frees a name: the phone holding it picks again (not this one)."""
        self.identity.free(participant_id)
        self._sync()

    def forget_missing(self, participant_ids: set[str]) -> list[str]:
        """Unbind phones whose participant left the session; return those devices."""
        gone = self.identity.forget_missing(participant_ids)
        self._sync()
        return gone

    def _sync(self) -> None:
        reserved = self.identity.reserved
        for device in self.devices.values():
            if device.removed:  # shows its reserved name until the facilitator frees it
                if device.participant_id not in reserved:
                    device.participant_id = None
            else:
                device.participant_id = self.identity.of(device.id)
