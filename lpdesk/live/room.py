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

from lpdesk.live.protocol import ProtocolError, RoomOptions, new_room_code


@dataclass
class Device:
    id: str
    address: str = ""
    joined: float = 0.0
    last_seen: float = 0.0
    participant_id: str | None = None
    last_sent: str = ""  # in the facilitator's words, e.g. "now 42"
    connected: bool = True


@dataclass
class LiveRoom:
    code: str = field(default_factory=new_room_code)
    options: RoomOptions = field(default_factory=RoomOptions)
    devices: dict[str, Device] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # token -> device id (kept for restarts)
    removed: set[str] = field(default_factory=set)  # tokens of removed devices

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
        """The facilitator takes a phone out: its name is free again and its token dead."""
        device = self.devices.pop(device_id, None)
        for token, did in list(self.tokens.items()):
            if did == device_id:
                del self.tokens[token]
                self.removed.add(token)
        return device

    # -- who is who ---------------------------------------------------------------------
    def claimed(self) -> dict[str, str]:
        """participant id -> the device that claimed it."""
        return {d.participant_id: d.id for d in self.devices.values()
                if d.participant_id is not None}

    def claim(self, device_id: str, participant_id: str) -> None:
        holder = self.claimed().get(participant_id)
        if holder is not None and holder != device_id:
            raise ProtocolError("taken", "Another phone has chosen that name. Ask the "
                                         "facilitator if it is yours.")
        self.devices[device_id].participant_id = participant_id

    def release(self, device_id: str) -> None:
        device = self.devices.get(device_id)
        if device is not None:
            device.participant_id = None

    def free(self, participant_id: str) -> None:
        """The facilitator frees a name: the phone holding it picks again."""
        for device in self.devices.values():
            if device.participant_id == participant_id:
                device.participant_id = None

    def forget_missing(self, participant_ids: set[str]) -> list[str]:
        """Unbind phones whose participant left the session; return those devices."""
        gone = [d.id for d in self.devices.values()
                if d.participant_id is not None and d.participant_id not in participant_ids]
        for device_id in gone:
            self.devices[device_id].participant_id = None
        return gone
