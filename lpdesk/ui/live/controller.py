"""The GUI-thread side of the phones' server: it owns the server, the live room (devices,
options) and turns every checked phone message into a command on the open document.

Server thread -> here: events go into a locked queue and one queued signal wakes the GUI
thread, which works through what is waiting in slices with a frame budget (`_drain`): it
reads messages for at most SLICE_MS, turns the placements among them into one command (and
the quiz answers, and each board's card moves: ui/live/activities.py), acks them, and
leaves the rest in the queue for the next slice. Views that follow the model
through FrameRefresh redraw once after the slice (ui/base/frames.py: their timers are due
before the next slice's). The next slice runs FRAME_MS after this one started at the
earliest, and after an idle gap from this one's end of twice what it cost (phones get at
most PHONES_SHARE of the GUI thread), but no longer than a frame or the slice itself,
whichever is longer: a slow slice is not followed by a queue twice as slow, and phones
never get more than about half of the GUI thread (the window paints, takes input, and the
server thread reads the next messages) (docs/architecture.md, "The frame budget").
Here -> phones: whenever the model, the options or the devices change, a coalescing timer
(`FLUSH_MS`) builds the phones' sections from the model, in pieces of a few ms a frame apart
(ui/live/snapshot.py), and hands them to the server (`LiveServer.publish`), which sends each
phone only what changed for it.

Undo: phone input goes through `SessionDocument.apply`, not the undo stack (see
commands/live.py). The facilitator's own edits, including moving or clearing a participant's
marker, stay ordinary undoable steps, and their undo never overwrites a newer phone vote.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from lpdesk import settings
from lpdesk.commands.live import PlaceFromPhonesCommand
from lpdesk.commands.session import AddParticipantsCommand, UpdateParticipantCommand
from lpdesk.content.stages import continuum_content
from lpdesk.document import SessionDocument
from lpdesk.live.events import Joined, Left, LiveEvent, Trouble
from lpdesk.live.identity import Person
from lpdesk.live.protocol import (
    KnownIds,
    Message,
    ProtocolError,
    RoomOptions,
    check_ids,
    encode,
    welcome,
)
from lpdesk.live.room import LiveRoom
from lpdesk.live.server import DEFAULT_MAX_DEVICES, NEW_DEVICES_PER_ADDRESS, LiveServer
from lpdesk.model.continuum_words import format_position
from lpdesk.ui.base.frames import breath_left_ms, phones_applying, piece_ended, refreshes_waiting
from lpdesk.ui.live.gui_thread import Inbox, server_thread_starting, server_thread_stopped
from lpdesk.ui.live.snapshot import FLUSH_MORE_MS, PEOPLE_EVERY_S, ROOM_EVERY_S, PhonesSnapshot

SLICE_MS = 4.0  # reading phones' messages per slice; applying them and the repaint come after
FRAME_MS = 16.0  # slices are at least this far apart while a burst lasts: one per frame
PHONES_SHARE = 1 / 3  # and the window gets twice what the slice cost before the next one,
# at most a frame or the slice, whichever is longer: a slice of 6 ms is followed by 12 ms for
# the window, 12 ms by 16, 40 ms by 40 (it was 80: the votes behind it waited 120 ms)
FLUSH_MS = 60  # phones hear about changes at most this often (coalesced)
DEFAULT_PORT = settings.LIVE_PORT.default
PORT_KEY = settings.LIVE_PORT.key


class LiveController(PhonesSnapshot, QObject):
    started = Signal(str)  # the join address
    stopped = Signal()
    devices_changed = Signal()
    options_changed = Signal()
    # (device id, seq, perf_counter when the server read it, perf_counter once in the model)
    applied = Signal(list)
    # something the facilitator should know about the phones (a refused claim, a flood):
    # the panel shows it; never a box on the room's screen
    trouble = Signal(str)

    def __init__(self, doc: SessionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.room = LiveRoom()
        self.server: LiveServer | None = None
        self.activity = "continuum"
        self.max_devices = DEFAULT_MAX_DEVICES
        # new phones one address may add at once (a room's phones each have their own; the
        # tests' simulated phones share 127.0.0.1)
        self.new_devices_per_address = NEW_DEVICES_PER_ADDRESS
        self.longest_drain_ms = 0.0  # GUI time of the longest batch (benchmark, tests)
        self.longest_flush_ms = 0.0
        # of a slice (benchmarks: the batch with the views' work separated): the longest time
        # inside SessionDocument.apply (the model and the views that still redraw at once),
        # the longest outside it (reading, checking, acks), the longest from a slice's end
        # until the views that redraw once after it have (FrameRefresh)
        self.longest_apply_ms = self.longest_own_ms = self.longest_after_ms = 0.0
        self.longest_drain_cpu_ms = 0.0  # the GUI thread's CPU in the longest slice (the rest
        # of a slice's wall time: waiting for the interpreter lock or a busy machine's cores)
        self._inbox = Inbox(self)
        self._inbox.arrived.connect(self._drain)
        self._next_slice = QTimer(self, singleShot=True)  # the burst's next frame
        self._next_slice.timeout.connect(self._drain)
        self._next_at = -1.0  # perf_counter before which no slice runs (the window's turn)
        # s of the GUI thread's CPU applying and acking, per message read (measured): CPU, not
        # wall time, so waiting for the interpreter lock (handing the acks to the server
        # thread wakes it) is not taken for a cost per message, which would make the next
        # slice read fewer and fewer
        self._after_per_message = 0.0
        # measured only (benchmarks): when the redraws and paint after a slice are done
        self._slice_at = self._slice_end = 0.0  # the latest slice that read something
        self._settled = QTimer(self, singleShot=True, interval=0)  # after the views' redraw
        self._settled.timeout.connect(self._slice_settled)
        self._flush_timer = QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush_piece)
        self._flush_more = QTimer(self, singleShot=True, interval=FLUSH_MORE_MS)  # the rest
        self._flush_more.timeout.connect(self._flush_piece)
        self._flush_breath = QTimer(self, singleShot=True)  # a piece waiting for a breath
        self._flush_breath.timeout.connect(self._flush_piece)
        self._people_timer = QTimer(self, singleShot=True, interval=int(PEOPLE_EVERY_S * 1000))
        self._people_timer.timeout.connect(self.schedule_flush)
        self._handlers: dict[str, Callable[[Any, Message], str]] = {}
        self.register_handler("claim", self._claim)
        self.register_handler("release", self._release)
        self.last_trouble = ""
        self._people_sent_at = 0.0  # when choosing phones last got the list of names
        self._shared_sent: dict[str, str] = {}  # the sections every phone has (this server)
        self._room_sent_at = 0.0
        self._room_timer = QTimer(self, singleShot=True, interval=int(ROOM_EVERY_S * 1000))
        self._room_timer.timeout.connect(self.schedule_flush)
        # Which phones' own sections to rebuild on the next flush: after a batch of votes
        # only the senders' (and their group mates'), after anything else every phone's.
        self._applying = False
        self._all_dirty = True
        # (ordered: who waits longest is built first; a dict used as an ordered set)
        self._dirty: dict[str, None] = {}
        self._everyone_left: dict[str, None] = {}  # of every phone's, what a piece left
        self._follow(doc)
        from lpdesk.ui.live.activities import install  # quiz, matrix, comments from phones
        self.activities = install(self)
        from lpdesk.ui.live.room_keeper import RoomKeeper  # the room code and phones kept
        self.keeper = RoomKeeper(self)

    def register_handler(self, kind: str, handler: Callable[[Any, Message], str]) -> None:
        """`handler(device, message)` applies a checked message of `kind` on the GUI thread
        and returns what the device list says it did; it raises ProtocolError to refuse."""
        if kind in self._handlers:
            raise ValueError(f"a handler for {kind!r} exists")
        self._handlers[kind] = handler

    def report(self, text: str) -> None:
        """Tell the facilitator in the panel (the latest problem with phones)."""
        self.last_trouble = text
        self.trouble.emit(text)

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
        wanted = port if port is not None else settings.get(settings.LIVE_PORT)
        content = continuum_content()
        server_thread_starting()
        try:
            server = self._listen(address, wanted, content)
        except BaseException:
            server_thread_stopped()
            raise
        self.server = server
        self._all_dirty = True
        self._shared_sent = {}  # a new server has sent nothing yet
        settings.put(settings.LIVE_PORT, server.port)
        self.schedule_flush()
        self.flush()
        self.started.emit(server.url)
        return server.url

    def _listen(self, address: str, wanted: int, content: Any) -> LiveServer:
        """A started server on `wanted`, or on another port if that one is taken."""
        for attempt in (wanted, 0):
            server = LiveServer(
                address, attempt, self.room.code, self._inbox.put,
                tokens=self.room.tokens, removed=self.room.removed,
                welcome=lambda token, device_id: encode(welcome(token, device_id, content)),
                max_devices=self.max_devices,
                new_devices_per_address=self.new_devices_per_address)
            try:
                server.start()
            except OSError as exc:
                if attempt == 0 or exc.errno not in (98, 48, 10048, 13, 10013):
                    raise  # the address itself is unusable (not "port in use")
                continue
            return server
        raise OSError("no port")  # not reached: port 0 either works or raises

    def stop(self) -> None:
        """Disconnect every phone and free the port (the room and its devices stay, so a
        restart within the same session keeps every phone's identity)."""
        server, self.server = self.server, None
        self._flush_timer.stop()
        self._flush_more.stop()
        self._flush_breath.stop()
        if server is not None:
            server.stop()
            server_thread_stopped()
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
        """One slice of what phones sent (see the module's docstring)."""
        start = time.perf_counter()
        breath = breath_left_ms()  # a snapshot piece or a view's refresh just ran
        if start < self._next_at or breath:  # the window's turn first
            if not self._next_slice.isActive():
                self._next_slice.start(max(1, breath, round((self._next_at - start) * 1000)))
            return
        self._next_slice.stop()
        events = self._inbox.take_all()
        if not events or self.server is None:
            return
        self._slice_at = start
        cpu = time.thread_time()
        applying_before = self.doc.apply_seconds
        session = self.doc.session
        votes: dict[tuple[str, bool], dict[str, dict[str, float | None]]] = {}
        waiting: list[tuple[str, int | None, float]] = []  # placements to ack once applied
        replies: list[tuple[str, str]] = []
        done: list[tuple[str, int | None, float]] = []
        budget_end = start + SLICE_MS / 1000
        with phones_applying():  # views redraw once, after the slice (ui/base/frames.py)
            read = self._read(events, budget_end, votes, waiting, replies, done)
            read_cpu = time.thread_time()
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
            if self._devices_changed:  # the device list and bars: once, after the slice
                self.devices_changed.emit()
        self._dirty.update(dict.fromkeys(d for d, _s, _t in waiting))
        applied_at = time.perf_counter()
        for device_id, seq, _t in done + waiting:
            replies.append((device_id, ack_text(seq)))
        self.server.send_many(replies)
        self._slice_end = end = time.perf_counter()
        if read:  # what applying and acking cost per message read, for the next slice's reading
            after = (time.thread_time() - read_cpu) / read
            self._after_per_message = (self._after_per_message + after) / 2
        took_ms = (end - start) * 1000
        apply_ms = (self.doc.apply_seconds - applying_before) * 1000
        self.longest_drain_ms = max(self.longest_drain_ms, took_ms)
        self.longest_drain_cpu_ms = max(self.longest_drain_cpu_ms,
                                        (time.thread_time() - cpu) * 1000)
        self.longest_apply_ms = max(self.longest_apply_ms, apply_ms)
        self.longest_own_ms = max(self.longest_own_ms, took_ms - apply_ms)
        rest = min(took_ms * (1 / PHONES_SHARE - 1), max(FRAME_MS, took_ms)) / 1000
        self._next_at = max(start + FRAME_MS / 1000, end + rest)
        if len(self._inbox) and not self._next_slice.isActive():  # the rest: a later slice
            self._next_slice.start(max(1, round((self._next_at - end) * 1000)))
        self._settled.start(0)  # after the views' timers started in the slice (measured only)
        if done or waiting:
            self.applied.emit([(d, s, t, applied_at) for d, s, t in done + waiting])
        piece_ended()

    def _slice_settled(self) -> None:
        """The views have redrawn after the slice (and the window painted, as a rule): how
        long that took is a benchmark's figure. It does not delay the next slice: counting
        the window's paint as the phones' work halved a slow view's throughput."""
        now = time.perf_counter()
        if refreshes_waiting() and now - self._slice_end < 0.25:  # they wait for a breath
            self._settled.start(1)
            return
        self.longest_after_ms = max(self.longest_after_ms, (now - self._slice_end) * 1000)

    def _read(self, events: list[LiveEvent], budget_end: float,
              votes: dict[tuple[str, bool], dict[str, dict[str, float | None]]],
              waiting: list[tuple[str, int | None, float]], replies: list[tuple[str, str]],
              done: list[tuple[str, int | None, float]]) -> int:
        """Read the slice's messages until its budget ends: placements gather in `votes`
        (applied together after), every other message is applied now or joins its batch.
        The budget covers what comes after reading too: the messages read so far, at what
        applying and acking each cost in the last slices (`_after_per_message`), so a slice
        of 400 cheap placements does not run twice its budget. Returns how many were read."""
        session = self.doc.session
        known: KnownIds | None = None  # gathered once per batch, again after a new name
        names = -1  # how many participants `known` has
        now = time.time()
        after = self._after_per_message
        self._devices_changed = False
        for index, event in enumerate(events):
            if index and time.perf_counter() + index * after > budget_end:
                self._inbox.put_back(events[index:])  # the next frame's slice
                return index
            if isinstance(event, Joined):
                self.room.joined(event.device_id, event.token, event.address, now)
                self._dirty[event.device_id] = None
                self._devices_changed = True
                self.schedule_flush()  # its own section (a returning phone: who it is)
                continue
            if isinstance(event, Left):
                self.room.left(event.device_id)
                self._devices_changed = True
                continue
            if isinstance(event, Trouble):
                self.report(event.text)
                continue
            device_id, message = event.device_id, event.message
            device = self.room.devices.get(device_id)
            if device is None or device.removed:  # taken out while it was on the way
                continue
            device.last_seen = now
            self._devices_changed = True
            try:
                if known is None or names != len(session.participants):
                    known, names = KnownIds.of(session), len(session.participants)
                check_ids(message, session, known)
                if message.type == "place":
                    subject, group = self._placement_subject(device, message)
                    key = (message.get("area"), group)
                    votes.setdefault(key, {}).setdefault(subject, {})[
                        message.get("which")] = message.get("value")
                    self.room.identity.record(device_id, ("place", message.get("area"), subject,
                                                          message.get("which")),
                                              message.get("value"))
                    value = message.get("value")
                    device.last_sent = (f"{message.get('which')} "
                                        f"{'cleared' if value is None else format_position(value)}")
                    waiting.append((device_id, message.seq, event.at))
                    continue
                handler = self._handlers.get(message.type)
                if handler is None:
                    raise ProtocolError("type", "lpdesk does not know that kind of message.")
                device.last_sent = handler(device, message)
                self._dirty[device_id] = None
                self.schedule_flush()
                done.append((device_id, message.seq, event.at))
            except ProtocolError as exc:
                replies.append((device_id, _error(exc, message.seq)))
            except Exception:  # noqa: BLE001 - a phone's message never opens a box
                logging.getLogger("lpdesk.live").exception("a phone's %s failed",
                                                           message.type)
                self.report(self.tr("A phone's message could not be applied (%s).")
                            % message.type)
                replies.append((device_id, _error(ProtocolError(
                    "failed", "That did not work: try again."), message.seq)))
        return len(events)

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
        """The rules are the identity model's (live/identity.py); here its plan becomes
        commands. A claim the session cannot take (a limit) is refused to the phone."""
        session, options = self.doc.session, self.room.options
        identity = self.room.identity
        plan = identity.plan_claim(
            device.id, (Person(p.id, p.name) for p in session.participants),
            participant_id=message.get("participant"), name=message.get("name"),
            anonymous=bool(message.get("anonymous")), allow_new=options.new_names,
            allow_anonymous=options.anonymous,
            anonymous_label=lambda n: self.tr("Anonymous %d") % n)
        group = message.get("group")
        if plan.new_name is not None:
            participant = session.new_participant(plan.new_name, group)
            if not self.doc.apply(AddParticipantsCommand(session, [participant]), quiet=True):
                self.report(self.tr("A phone's new name was refused: the session is full."))
                raise ProtocolError("cap", "The session is full: ask the facilitator.")
            self.room.bind(device.id, participant.id, plan)
            self.options_changed.emit()  # the panel counts new names and anonymous joins
            return self.tr("joined as %s") % plan.new_name
        pid = plan.participant_id
        self.room.bind(device.id, pid, plan)
        participant = session.participant(pid)
        if group is not None and participant.group_id is None:
            self.doc.apply(UpdateParticipantCommand(session, pid, group_id=group), quiet=True)
        return self.tr("chose %s") % participant.name

    def _release(self, device, message: Message) -> str:
        self.room.release(device.id)
        return self.tr("chose again")

def ack_text(seq: int | None) -> str:
    """encode({"type": "ack", "seq": seq}) without the JSON encoder: a slice of 400
    placements spent a millisecond of its budget encoding acks (seq is a checked counter)."""
    return '{"type":"ack","seq":%s}' % ("null" if seq is None else int(seq))


def _error(exc: ProtocolError, seq: int | None) -> str:
    payload: dict[str, Any] = {"type": "error", "code": exc.code, "message": exc.text}
    if seq is not None:
        payload["seq"] = seq
    return encode(payload)
