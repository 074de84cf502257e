"""Here -> phones: what each phone sees, built from the model on the GUI thread and handed to
the server thread as JSON text (`LiveServer.publish`), which sends each phone only what
changed for it (docs/architecture.md, "The frame budget").

The build is coalesced (FLUSH_MS) and incremental: after a slice of votes only the senders'
own sections are built again (`_dirty`), after anything the facilitator did every phone's
(`_all_dirty`), and in pieces of at most FLUSH_SLICE_MS a frame apart (first what waits
longest): like the phones' slices, the snapshot never holds the window for more than
a piece, however many phones changed (`_everyone_left`: what a piece left of every phone's);
the sections every phone sees alike go only when they differ from what the
phones have, and the room (which every vote changes) at most every ROOM_EVERY_S after votes
alone. The list of names reaches phones still choosing at most every PEOPLE_EVERY_S.
"""
from __future__ import annotations

import time
from functools import partial

from lpdesk.live.protocol import encode, me_section, people_section, room_section, session_index
from lpdesk.ui.base.frames import breath_left_ms, piece_ended

PEOPLE_EVERY_S = 1.0  # the list of names (taken or not) reaches choosing phones this often
FLUSH_SLICE_MS = 4.0  # phones' own sections built per turn of the event loop, at most; the
FLUSH_MORE_MS = 16  # phones left get theirs a frame later (200 answers: 18 ms in one go)
ROOM_EVERY_S = 0.25  # what every phone sees alike, when only phones' votes changed it ("34
# placed", the revealed distribution): at most this often, not every FLUSH_MS to every phone


class PhonesSnapshot:
    """LiveController's half that builds what phones see (a mixin: it reads the controller's
    room, document, activities, timers and dirty marks)."""

    def schedule_flush(self) -> None:
        if self.server is not None and not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self, budget_ms: float | None = None) -> None:
        """Build what phones see from the model (once for all) and hand it to the server.
        With `budget_ms` (the coalescing timer's flush), phones' own sections are built
        until that much time has passed: the phones left wait a frame (FLUSH_MORE_MS) for
        the next piece (what waits longest first); without it, all of them now."""
        server = self.server
        if server is None:
            return
        start = time.perf_counter()
        budget_end = start + budget_ms / 1000 if budget_ms is not None else None
        session, options = self.doc.session, self.room.options
        everyone = self._all_dirty
        shared = self._shared_changes(everyone, {
            "room": encode(room_section(session, options, self.activity)),
            **self.activities.shared_sections()})
        index = session_index(session)
        # the list of names goes only to phones still choosing (it changes with every claim,
        # and 200 phones x 200 names on every claim would flood the room's Wi-Fi)
        # Throttled: a claim changes the list for everyone, so phones still choosing get it
        # at most every PEOPLE_EVERY_S (the claiming phone itself at once).
        people: str | None = None
        people_due = time.monotonic() - self._people_sent_at >= PEOPLE_EVERY_S
        personal: dict[str, dict[str, str]] = {}
        devices = self.room.devices
        self._all_dirty = False
        if everyone:  # every phone's own part (what an earlier piece left is in here too)
            self._everyone_left = dict.fromkeys(devices)
        # who is built: every phone after the facilitator's edit (a list that only shrinks
        # until the next edit), then the senders in the order they sent (neither waits
        # for ever however much phones send), then phones still choosing (the list of names)
        order = [*self._everyone_left, *self._dirty,
                 *(i for i, d in devices.items() if d.participant_id is None)]
        identity = self.room.identity
        held_back = False
        built = 0
        for device_id in order:
            if budget_end is not None and built and time.perf_counter() > budget_end:
                break  # the rest: the next piece, a frame later
            sent = self._dirty.pop(device_id, False) is None  # it sent something
            listed = self._everyone_left.pop(device_id, False) is None
            d = devices.get(device_id)
            if d is None or not d.connected or device_id in personal:
                continue
            if not (sent or listed or d.participant_id is None):
                continue
            built += 1
            own = partial(identity.visible, d.id)
            mine = personal[d.id] = {
                "me": encode(me_section(session, d.participant_id, index, own)),
                **self.activities.personal_sections(d)}
            if d.participant_id is None:
                if not (people_due or sent):
                    held_back = True
                    continue
                if people is None:
                    people = encode(people_section(session, options, self.room.taken()))
                mine["people"] = people
        if people is not None and people_due:
            self._people_sent_at = time.monotonic()
        if held_back and not self._people_timer.isActive():
            self._people_timer.start()
        if (self._dirty or self._everyone_left) and not self._flush_more.isActive():
            self._flush_more.start()
        if shared or personal:  # the server wakes only the phones with something new
            server.publish(shared, personal)
        self.longest_flush_ms = max(self.longest_flush_ms, (time.perf_counter() - start) * 1000)

    def _flush_piece(self) -> None:
        """The timers' flush: one piece of at most FLUSH_SLICE_MS, after the window's turn
        if another piece of phones' work has just run (ui/base/frames.py)."""
        breath = breath_left_ms()
        if breath:
            self._flush_breath.start(breath)
            return
        try:
            self.flush(FLUSH_SLICE_MS)
        finally:
            piece_ended()

    def _shared_changes(self, everyone: bool, sections: dict[str, str]) -> dict[str, str]:
        """The sections every phone sees alike that differ from what they have. The room
        changes with every vote ("34 placed"): after votes alone it goes at most every
        ROOM_EVERY_S (a timer sends the last of a burst); after anything the facilitator did
        (`everyone`) at once."""
        now = time.monotonic()
        changed = {k: v for k, v in sections.items() if self._shared_sent.get(k) != v}
        if "room" in changed and not everyone and now - self._room_sent_at < ROOM_EVERY_S:
            del changed["room"]
            if not self._room_timer.isActive():
                self._room_timer.start(max(1, round(
                    (self._room_sent_at + ROOM_EVERY_S - now) * 1000)))
        if "room" in changed:
            self._room_sent_at = now
        self._shared_sent.update(changed)
        return changed


