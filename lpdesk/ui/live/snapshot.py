"""Here -> phones: what each phone sees, built from the model on the GUI thread and handed to
the server thread as JSON text (`LiveServer.publish`), which sends each phone only what
changed for it (docs/architecture.md, "The frame budget").

The build is coalesced (FLUSH_MS) and incremental: after a slice of votes only the senders'
own sections are built again (`_dirty`), after anything the facilitator did every phone's
(`_all_dirty`); the sections every phone sees alike go only when they differ from what the
phones have, and the room (which every vote changes) at most every ROOM_EVERY_S after votes
alone. The list of names reaches phones still choosing at most every PEOPLE_EVERY_S.
"""
from __future__ import annotations

import time
from functools import partial

from lpdesk.live.protocol import encode, me_section, people_section, room_section, session_index

PEOPLE_EVERY_S = 1.0  # the list of names (taken or not) reaches choosing phones this often
ROOM_EVERY_S = 0.25  # what every phone sees alike, when only phones' votes changed it ("34
# placed", the revealed distribution): at most this often, not every FLUSH_MS to every phone


class PhonesSnapshot:
    """LiveController's half that builds what phones see (a mixin: it reads the controller's
    room, document, activities, timers and dirty marks)."""

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
        self._all_dirty = False
        dirty, self._dirty = self._dirty, set()
        identity = self.room.identity
        held_back = False
        for d in self.room.devices.values():
            if not d.connected or not (everyone or d.id in dirty or d.participant_id is None):
                continue
            own = partial(identity.visible, d.id)
            mine = personal[d.id] = {
                "me": encode(me_section(session, d.participant_id, index, own)),
                **self.activities.personal_sections(d)}
            if d.participant_id is None:
                if not (people_due or d.id in dirty):
                    held_back = True
                    continue
                if people is None:
                    people = encode(people_section(session, options, self.room.taken()))
                mine["people"] = people
        if people is not None and people_due:
            self._people_sent_at = time.monotonic()
        if held_back and not self._people_timer.isActive():
            self._people_timer.start()
        if shared or personal:  # the server wakes only the phones with something new
            server.publish(shared, personal)
        self.longest_flush_ms = max(self.longest_flush_ms, (time.perf_counter() - start) * 1000)

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


