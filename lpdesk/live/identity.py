"""Who a phone is, for the whole session: the identity model of the live room (pure
Python, no Qt; the live controller keeps it on the GUI thread and pushes the commands a
claim needs). The rules:

- A name is held by one device for the session. Once a phone has claimed a participant,
  no other phone may claim them, connected or not, until the facilitator frees the name.
- A device holds one identity. "Not me" (release) gives the name back only while the phone
  has sent nothing as that person (a mis-tap); after a vote, a comment or an answer the
  phone stays that person (the facilitator may free the name), so one phone cannot vote as
  many people by claim, vote, release, next name.
- A phone never receives a placement or quiz answer it did not send from that device,
  whoever placed it: the laptop, the phone that held the name before "Free the name" or
  "Take phone out". `sent` keeps what each device sent; the phone's own section shows a
  marker only where this device has placed it (`visible`; the facilitator moving that
  marker afterwards is shown: it is the phone's own vote), and a quiz run is shown only
  to the device that started it (`owns_run`).
- Freeing a name or taking a phone out is final: that device cannot claim the name again.
  A removed phone's name stays reserved (nobody can claim it) until the facilitator frees
  it; its token is dead, and a fresh join from it is a new device with no name.
- New names typed on phones and anonymous joins have their own small caps per session
  (NEW_NAMES_CAP, ANONYMOUS_CAP), one per device, shown in the panel.

`plan_claim` decides without changing anything and returns a `ClaimPlan` for the GUI to
carry out (an existing participant, or a new one to add); only once the session really has
the participant does the GUI call `bind`. A claim refused by the rules or by a session limit
is refused to the phone: no ack, nothing bound, nothing stored.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lpdesk.live.protocol import ProtocolError
from lpdesk.live.text import name_key

NEW_NAMES_CAP = 40  # new names phones may add in one session
ANONYMOUS_CAP = 40  # anonymous participants phones may add in one session


@dataclass(frozen=True)
class ClaimPlan:
    """What the GUI does for a claim: bind `participant_id`, or add a participant named
    `new_name` (`anonymous`: counted as an anonymous join) and bind it."""

    participant_id: str | None = None
    new_name: str | None = None
    anonymous: bool = False


@dataclass(frozen=True)
class Person:
    """What the identity model needs to know of a participant."""

    id: str
    name: str


@dataclass
class Identities:
    new_names_cap: int = NEW_NAMES_CAP
    anonymous_cap: int = ANONYMOUS_CAP
    holder: dict[str, str] = field(default_factory=dict)  # participant -> device, session-long
    current: dict[str, str] = field(default_factory=dict)  # device -> participant it is now
    barred: dict[str, set[str]] = field(default_factory=dict)  # participant -> devices out
    reserved: set[str] = field(default_factory=set)  # names of removed phones
    added: dict[str, str] = field(default_factory=dict)  # device -> "new" | "anonymous"
    sent: dict[str, dict[tuple, object]] = field(default_factory=dict)  # device -> key -> value
    runs: dict[str, str] = field(default_factory=dict)  # quiz run id -> device that started it
    # Devices that sent input in an earlier run of lpdesk (live/keep.py keeps that they did,
    # never what): 'Not me' stays refused to them after a restart, as it was before.
    answered: set[str] = field(default_factory=set)

    # -- counts shown in the panel ---------------------------------------------------------
    @property
    def new_names(self) -> int:
        return sum(1 for kind in self.added.values() if kind == "new")

    @property
    def anonymous(self) -> int:
        return sum(1 for kind in self.added.values() if kind == "anonymous")

    def of(self, device_id: str) -> str | None:
        return self.current.get(device_id)

    def claimed(self) -> dict[str, str]:
        """participant -> the device being them now (names held but not in use included:
        a name held for the session is taken for everyone else)."""
        return dict(self.holder)

    # -- claims ----------------------------------------------------------------------------
    def plan_claim(self, device_id: str, people: Iterable[Person], *,
                   participant_id: str | None = None, name: str | None = None,
                   anonymous: bool = False, allow_new: bool = False,
                   allow_anonymous: bool = False,
                   anonymous_label: Callable[[int], str] = "Anonymous {}".format) -> ClaimPlan:
        """Decide a claim (nothing changes); raise ProtocolError."""
        mine = self.current.get(device_id)
        if mine is not None and mine != participant_id:
            raise ProtocolError("already", "This phone has a name already: tap 'Not me' first.")
        if device_id in self.added and participant_id is None:
            raise ProtocolError("already", "This phone has added a name already.")
        people = list(people)
        if participant_id is None and anonymous:
            if not allow_anonymous:
                raise ProtocolError("anonymous", "Pick your name from the list.")
            if self.anonymous >= self.anonymous_cap:
                raise ProtocolError("cap", "No more anonymous places: ask the facilitator.")
            taken = {name_key(p.name) for p in people}
            number = self.anonymous + 1
            while name_key(anonymous_label(number)) in taken:
                number += 1
            return ClaimPlan(new_name=anonymous_label(number), anonymous=True)
        if participant_id is None and name is not None:
            key = name_key(name)
            same = next((p for p in people if name_key(p.name) == key), None)
            if same is not None:
                participant_id = same.id
            elif not allow_new:
                raise ProtocolError("new_names", "Pick your name from the list.")
            elif self.new_names >= self.new_names_cap:
                raise ProtocolError("cap", "No more new names: ask the facilitator.")
            else:
                return ClaimPlan(new_name=name)
        if participant_id is None:
            raise ProtocolError("who", "Choose your name first.")
        self._may_hold(device_id, participant_id)
        return ClaimPlan(participant_id=participant_id)

    def _may_hold(self, device_id: str, participant_id: str) -> None:
        if device_id in self.barred.get(participant_id, ()):
            raise ProtocolError("freed", "The facilitator has freed that name from this phone.")
        if participant_id in self.reserved:
            raise ProtocolError("taken", "That name is kept for its phone: ask the facilitator.")
        holder = self.holder.get(participant_id)
        if holder is not None and holder != device_id:
            raise ProtocolError("taken", "Another phone has chosen that name. Ask the "
                                   "facilitator if it is yours.")

    def bind(self, device_id: str, participant_id: str, plan: ClaimPlan) -> None:
        """The claim is done in the session: the device is that participant."""
        self._may_hold(device_id, participant_id)
        self.holder[participant_id] = device_id
        self.current[device_id] = participant_id
        if plan.new_name is not None:
            self.added[device_id] = "anonymous" if plan.anonymous else "new"
            self.sent.setdefault(device_id, {})[("added",)] = participant_id

    def release(self, device_id: str) -> None:
        """'Not me': allowed while the phone has sent nothing as that person."""
        pid = self.current.get(device_id)
        if pid is None:
            return
        if self.sent.get(device_id) or device_id in self.answered:
            raise ProtocolError("release", "You have already answered as this person: ask the "
                                     "facilitator to free your name.")
        del self.current[device_id]
        if self.holder.get(pid) == device_id:
            del self.holder[pid]

    # -- the facilitator ---------------------------------------------------------------------
    def free(self, participant_id: str) -> str | None:
        """'Free the name': whoever held it loses it for good; another phone may claim it.
        Returns the device that held it."""
        device = self.holder.pop(participant_id, None)
        self.reserved.discard(participant_id)
        if device is not None:
            self.barred.setdefault(participant_id, set()).add(device)
            if self.current.get(device) == participant_id:
                del self.current[device]
            self.sent.pop(device, None)
            self.answered.discard(device)
        return device

    def remove(self, device_id: str) -> str | None:
        """'Take phone out': the device is gone; its name stays reserved until freed."""
        pid = self.current.pop(device_id, None)
        for participant, holder in list(self.holder.items()):
            if holder == device_id:
                del self.holder[participant]
                self.reserved.add(participant)
                self.barred.setdefault(participant, set()).add(device_id)
        self.sent.pop(device_id, None)
        self.answered.discard(device_id)
        return pid

    def forget_missing(self, participant_ids: set[str]) -> list[str]:
        """Participants deleted from the session: their phones pick again; return those."""
        gone = [d for d, p in self.current.items() if p not in participant_ids]
        for device_id in gone:
            del self.current[device_id]
            self.sent.pop(device_id, None)
            self.answered.discard(device_id)
        for pid in [p for p in self.holder if p not in participant_ids]:
            del self.holder[pid]
        self.reserved &= participant_ids
        return gone

    # -- what a phone may see back -------------------------------------------------------------
    def has_answered(self) -> set[str]:
        """Devices that have sent input as their name (what they sent is not part of it)."""
        return {d for d, sent in self.sent.items() if sent} | self.answered

    def record(self, device_id: str, key: tuple, value: object) -> None:
        """The device sent this (e.g. ("place", area, subject, "now") -> 42.0)."""
        self.sent.setdefault(device_id, {})[key] = value

    def visible(self, device_id: str, key: tuple, value: object) -> object:
        """The model's `value` for `key` if this device has sent one for it (the phone's
        own marker, as the facilitator may have moved it since), else None."""
        return value if key in self.sent.get(device_id, {}) else None

    def start_run(self, device_id: str, run_id: str) -> None:
        self.runs[run_id] = device_id
        self.sent.setdefault(device_id, {})[("run", run_id)] = True

    def owns_run(self, device_id: str, run_id: str) -> bool:
        return self.runs.get(run_id) == device_id
