"""The GUI-thread side of the phones' server: it owns the server, the live room (devices,
options) and turns every checked phone message into a command on the open document.

Server thread -> here: events go into a locked queue and one queued signal wakes the GUI
thread, which takes everything waiting at once (`_drain`): placements that arrived together
become one command, so the model changes and the views repaint once per batch.
Here -> phones: whenever the model, the options or the devices change, a coalescing timer
(`FLUSH_MS`) builds the phones' sections from the model once and hands them to the server
(`LiveServer.publish`), which sends each phone only what changed for it.

Undo: phone input goes through `SessionDocument.apply`, not the undo stack (see
commands/live.py). The facilitator's own edits, including moving or clearing a participant's
marker, stay ordinary undoable steps, and their undo never overwrites a newer phone vote.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from lpdesk.commands.live import PlaceFromPhonesCommand
from lpdesk.commands.session import AddParticipantsCommand, UpdateParticipantCommand
from lpdesk.content.stages import continuum_content
from lpdesk.document import SessionDocument
from lpdesk.live.protocol import (
    KnownIds,
    Message,
    ProtocolError,
    RoomOptions,
    check_ids,
    encode,
    me_section,
    people_section,
    room_section,
    session_index,
    welcome,
)
from lpdesk.live.room import LiveRoom
from lpdesk.live.server import DEFAULT_MAX_DEVICES, LiveServer
from lpdesk.model.continuum_words import format_position

FLUSH_MS = 60  # phones hear about changes at most this often (coalesced)
DEFAULT_PORT = 8470
PORT_KEY = "live/port"


class _Inbox(QObject):
    """Events from the server thread; `arrived` is emitted once per batch, not per event."""

    arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._queue: deque[tuple] = deque()
        self._signalled = False

    def put(self, event: tuple) -> None:  # server thread
        with self._lock:
            self._queue.append(event)
            if self._signalled:
                return
            self._signalled = True
        self.arrived.emit()

    def take_all(self) -> list[tuple]:
        with self._lock:
            events = list(self._queue)
            self._queue.clear()
            self._signalled = False
        return events


class LiveController(QObject):
    started = Signal(str)  # the join address
    stopped = Signal()
    devices_changed = Signal()
    options_changed = Signal()
    # (device id, seq, perf_counter when the server read it, perf_counter once in the model)
    applied = Signal(list)

    def __init__(self, doc: SessionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.room = LiveRoom()
        self.server: LiveServer | None = None
        self.activity = "continuum"
        self.max_devices = DEFAULT_MAX_DEVICES
        self.longest_drain_ms = 0.0  # GUI time of the longest batch (benchmark, tests)
        self.longest_flush_ms = 0.0
        self._inbox = _Inbox(self)
        self._inbox.arrived.connect(self._drain)
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)
        self.handlers: dict[str, Callable[[Any, Message], str]] = {
            "claim": self._claim, "release": self._release}
        # Which phones' own sections to rebuild on the next flush: after a batch of votes
        # only the senders' (and their group mates'), after anything else every phone's.
        self._applying = False
        self._all_dirty = True
        self._dirty: set[str] = set()
        self._follow(doc)
        from lpdesk.ui.live.activities import install  # quiz, matrix, comments from phones
        self.activities = install(self)

    # -- following the document -----------------------------------------------------------
    def _follow(self, doc: SessionDocument) -> None:
        doc.session.continuum.changed.connect(self._model_changed)
        doc.session.changed.connect(self._session_changed)

    def _unfollow(self) -> None:
        self.doc.session.continuum.changed.disconnect(self._model_changed)
        self.doc.session.changed.disconnect(self._session_changed)

    def _model_changed(self, *_args) -> None:
        if not self._applying:  # the facilitator (or an undo): any phone's part may change
            self._all_dirty = True
        self.schedule_flush()

    def _session_changed(self, what: str) -> None:
        self._all_dirty = True
        if what == "participants":
            if self.room.forget_missing({p.id for p in self.doc.session.participants}):
                self.devices_changed.emit()
        self.schedule_flush()

    def set_activity(self, kind: str) -> None:
        """What the facilitator shows; phones follow (they place only on the continuum)."""
        if kind != self.activity:
            self.activity = kind
            self._all_dirty = True  # each phone's own part follows (e.g. its group's board)
            self.schedule_flush()

    def set_options(self, **values: bool) -> None:
        """locked, anonymous, new_names."""
        options = self.room.options
        self.room.options = RoomOptions(**{**options.__dict__, **values})
        self._all_dirty = True
        self.options_changed.emit()
        self.schedule_flush()

    # -- life cycle -----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    @property
    def url(self) -> str:
        return self.server.url if self.server is not None else ""

    def join_url(self) -> str:
        """What the QR code holds: the address, and the room code after '#' (a fragment
        never reaches any server log; people who type the address type the code)."""
        return f"{self.url}#{self.room.code}" if self.server else ""

    def start(self, address: str, port: int | None = None) -> str:
        """Listen on `address` (only there). The port is the remembered one unless it is
        taken, then another is chosen and remembered. Raise OSError when impossible."""
        if self.running:
            self.stop()
        settings = QSettings()
        wanted = int(port if port is not None else settings.value(PORT_KEY, DEFAULT_PORT))
        content = continuum_content()
        for attempt in (wanted, 0):
            server = LiveServer(
                address, attempt, self.room.code, self._inbox.put,
                tokens=self.room.tokens, removed=self.room.removed,
                welcome=lambda token, device_id: encode(welcome(token, device_id, content)),
                max_devices=self.max_devices)
            try:
                server.start()
            except OSError as exc:
                if attempt == 0 or exc.errno not in (98, 48, 10048, 13, 10013):
                    raise  # the address itself is unusable (not "port in use")
                continue
            break
        self.server = server
        self._all_dirty = True
        settings.setValue(PORT_KEY, server.port)
        self.schedule_flush()
        self.flush()
        self.started.emit(server.url)
        return server.url

    def stop(self) -> None:
        """Disconnect every phone and free the port (the room and its devices stay, so a
        restart within the same session keeps every phone's identity)."""
        server, self.server = self.server, None
        self._flush_timer.stop()
        if server is not None:
            server.stop()
            self._inbox.take_all()
            for device in self.room.devices.values():
                device.connected = False
            self.devices_changed.emit()
            self.stopped.emit()

    def close(self) -> None:
        """The document goes (New, Open, Close, Quit): stop and stop following it."""
        self.stop()
        try:
            self._unfollow()
        except (RuntimeError, TypeError):
            pass

    # -- what the facilitator does to devices -------------------------------------------------
    def remove_device(self, device_id: str) -> None:
        """The phone can send nothing more; its name is free for another phone."""
        self.room.remove(device_id)
        self._all_dirty = True
        if self.server is not None:
            self.server.revoke(device_id)
        self.devices_changed.emit()
        self.schedule_flush()

    def free_name(self, participant_id: str) -> None:
        self.room.free(participant_id)
        self._all_dirty = True
        self.devices_changed.emit()
        self.schedule_flush()

    # -- server events (GUI thread) -------------------------------------------------------------
    def _drain(self) -> None:
        start = time.perf_counter()
        events = self._inbox.take_all()
        if not events or self.server is None:
            return
        session = self.doc.session
        votes: dict[tuple[str, bool], dict[str, dict[str, float | None]]] = {}
        waiting: list[tuple[str, int | None, float]] = []  # placements to ack once applied
        replies: list[tuple[str, str]] = []
        done: list[tuple[str, int | None, float]] = []
        devices_changed = False
        known: KnownIds | None = None  # gathered once per batch (a claim may add a name)
        now = time.time()
        for event in events:
            kind, device_id = event[0], event[1]
            if kind == "joined":
                self.room.joined(device_id, event[2], event[3], now)
                self._dirty.add(device_id)
                devices_changed = True
                self.schedule_flush()  # its own section (a returning phone: who it is)
                continue
            if kind == "left":
                self.room.left(device_id)
                devices_changed = True
                continue
            message: Message = event[2]
            device = self.room.devices.get(device_id)
            if device is None:  # removed while its message was on the way
                continue
            device.last_seen = now
            devices_changed = True
            try:
                if known is None:
                    known = KnownIds.of(session)
                check_ids(message, session, known)
                if message.type == "place":
                    subject, group = self._placement_subject(device, message)
                    key = (message.get("area"), group)
                    votes.setdefault(key, {}).setdefault(subject, {})[
                        message.get("which")] = message.get("value")
                    value = message.get("value")
                    device.last_sent = (f"{message.get('which')} "
                                        f"{'cleared' if value is None else format_position(value)}")
                    waiting.append((device_id, message.seq, event[3]))
                    continue
                handler = self.handlers.get(message.type)
                if handler is None:
                    raise ProtocolError("type", "lpdesk does not know that kind of message.")
                device.last_sent = handler(device, message)
                known = None  # a claim may have added a participant
                self._dirty.add(device_id)
                self.schedule_flush()
                done.append((device_id, message.seq, event[3]))
            except ProtocolError as exc:
                replies.append((device_id, _error(exc, message.seq)))
        self._applying = True
        try:
            for (area_id, group), table in votes.items():
                self.doc.apply(PlaceFromPhonesCommand(session.continuum, area_id, table,
                                                      group=group))
                if group:  # everyone in the group sees the group's markers
                    self._all_dirty = True
        finally:
            self._applying = False
        self.activities.end_batch()  # card moves from phones: one command per board
        self._dirty.update(d for d, _s, _t in waiting)
        applied_at = time.perf_counter()
        for device_id, seq, _t in done + waiting:
            replies.append((device_id, encode({"type": "ack", "seq": seq})))
        self.server.send_many(replies)
        if devices_changed:
            self.devices_changed.emit()
        self.longest_drain_ms = max(self.longest_drain_ms,
                                    (time.perf_counter() - start) * 1000)
        if done or waiting:
            self.applied.emit([(d, s, t, applied_at) for d, s, t in done + waiting])

    def _placement_subject(self, device, message: Message) -> tuple[str, bool]:
        c = self.doc.session.continuum
        if self.room.options.locked:
            raise ProtocolError("locked", "The facilitator has paused input.")
        if self.activity != "continuum":
            raise ProtocolError("activity", "The continuum is not open now.")
        if device.participant_id is None:
            raise ProtocolError("who", "Choose your name first.")
        area = c.current_area
        if area is None or message.get("area") != area.id:
            raise ProtocolError("area", "The facilitator has moved to another area.")
        if c.by_groups:
            group = self.doc.session.participant(device.participant_id).group_id
            if group is None:
                raise ProtocolError("group", "The room works by groups: ask the facilitator "
                                             "to put you in one.")
            return group, True
        return device.participant_id, False

    def _claim(self, device, message: Message) -> str:
        session, options = self.doc.session, self.room.options
        pid, name, group = message.get("participant"), message.get("name"), message.get("group")
        if pid is None and message.get("anonymous"):
            if not options.anonymous:
                raise ProtocolError("anonymous", "Pick your name from the list.")
            number = sum(1 for d in self.room.devices.values() if d.participant_id) + 1
            taken = {p.name for p in session.participants}
            while self.tr("Anonymous %d") % number in taken:
                number += 1
            name = self.tr("Anonymous %d") % number
        if pid is None and name is not None:
            same = [p for p in session.participants if p.name.casefold() == name.casefold()]
            if same:
                pid = same[0].id
            elif not (options.new_names or message.get("anonymous")):
                raise ProtocolError("new_names", "Pick your name from the list.")
            else:
                participant = session.new_participant(name, group)
                self.doc.apply(AddParticipantsCommand(session, [participant]))
                self.room.claim(device.id, participant.id)
                return self.tr("joined as %s") % name
        if pid is None:
            raise ProtocolError("who", "Choose your name first.")
        self.room.claim(device.id, pid)
        participant = session.participant(pid)
        if group is not None and participant.group_id is None:
            self.doc.apply(UpdateParticipantCommand(session, pid, group_id=group))
        return self.tr("chose %s") % participant.name

    def _release(self, device, message: Message) -> str:
        self.room.release(device.id)
        return self.tr("chose again")

    # -- GUI -> phones ------------------------------------------------------------------------
    def schedule_flush(self) -> None:
        if self.server is not None and not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> None:
        """Build what phones see from the model (once for all) and hand it to the server."""
        server = self.server
        if server is None:
            return
        start = time.perf_counter()
        session, options = self.doc.session, self.room.options
        shared = {"room": encode(room_section(session, options, self.activity)),
                  **self.activities.shared_sections()}
        index = session_index(session)
        # the list of names goes only to phones still choosing (it changes with every claim,
        # and 200 phones x 200 names on every claim would flood the room's Wi-Fi)
        people: str | None = None
        personal: dict[str, dict[str, str]] = {}
        everyone, self._all_dirty = self._all_dirty, False
        dirty, self._dirty = self._dirty, set()
        for d in self.room.devices.values():
            if not d.connected or not (everyone or d.id in dirty or d.participant_id is None):
                continue
            mine = personal[d.id] = {"me": encode(me_section(session, d.participant_id, index)),
                                     **self.activities.personal_sections(d)}
            if d.participant_id is None:
                if people is None:
                    people = encode(people_section(session, options, self.room.claimed()))
                mine["people"] = people
        server.publish(shared, personal)
        self.longest_flush_ms = max(self.longest_flush_ms, (time.perf_counter() - start) * 1000)


def _error(exc: ProtocolError, seq: int | None) -> str:
    payload: dict[str, Any] = {"type": "error", "code": exc.code, "message": exc.text}
    if seq is not None:
        payload["seq"] = seq
    return encode(payload)
