"""The summary page in presentation mode: the facilitator reviews what phones sent without
leaving F5. The facilitator bar (F6, or the mouse at the bottom edge) shows the note under
review, one at a time, as plain text at the laptop's size; Accept (Ctrl+Return) puts it in
the room's lists, Reject (Ctrl+Delete) keeps it out of them, Next (Ctrl+Down) moves on.
Nothing waiting shows on the room's screen itself, only in the bar the facilitator opened.
A mixin of SummaryPage, kept apart so the page stays about the summary."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeyEvent

from lpdesk.commands.room import SetNoteStatusCommand
from lpdesk.model.room import RoomNote

ACCEPT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
REJECT_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class PresentingSummary:
    """Needs the page's `doc`, `session`, `tr` and a `placing_changed` signal."""

    reviewing: str | None = None  # the id of the note shown in the bar
    interactive = False

    def set_interactive(self, on: bool) -> None:
        self.interactive = on

    def waiting_notes(self) -> list[RoomNote]:
        """Sent from phones and not yet decided, oldest first."""
        return [n for n in self.session.room.notes if n.status == "pending"]

    def reviewed_note(self) -> RoomNote | None:
        waiting = self.waiting_notes()
        if not waiting:
            return None
        for note in waiting:
            if note.id == self.reviewing:
                return note
        self.reviewing = waiting[0].id
        return waiting[0]

    def room_actions(self) -> list[QAction]:
        if not hasattr(self, "_room_actions"):
            made = {}
            for key, text, tip, slot in (
                    ("accept", self.tr("Accept (Ctrl+Return)"),
                     self.tr("Show this note from a phone to the room and put it in the "
                             "summary"), lambda: self.decide("accepted")),
                    ("reject", self.tr("Reject (Ctrl+Del)"),
                     self.tr("Keep this note from a phone off the room's screen and out of "
                             "every export"), lambda: self.decide("rejected")),
                    ("next", self.tr("Next note (Ctrl+\u2193)"),
                     self.tr("Review the next note sent from a phone"),
                     lambda: self.next_note())):
                action = QAction(text, self)
                action.setToolTip(tip)
                action.triggered.connect(lambda _=False, s=slot: s())
                made[key] = action
            self._room_actions = made
            self.sync_room_actions()
        return list(self._room_actions.values())

    def sync_room_actions(self) -> None:
        actions = getattr(self, "_room_actions", None)
        waiting = self.waiting_notes()
        if actions:
            actions["accept"].setEnabled(bool(waiting))
            actions["reject"].setEnabled(bool(waiting))
            actions["next"].setEnabled(len(waiting) > 1)
        self.placing_changed.emit()

    def placing_text(self) -> str:
        """The note under review, for the bar (plain text: the bar's label is)."""
        note = self.reviewed_note()
        if note is None:
            return ""
        waiting = self.waiting_notes()
        kind = self.tr("Action") if note.kind == "action" else self.tr("Comment")
        author = note.author or self.tr("anonymous")
        return self.tr("From phones (%1 of %2): %3 from %4: %5").replace(
            "%1", str(waiting.index(note) + 1)).replace("%2", str(len(waiting))).replace(
            "%3", kind).replace("%4", author).replace("%5", " ".join(note.text.split()))

    def decide(self, status: str) -> None:
        """Accept or reject the note under review (one undo step), then the next one."""
        note = self.reviewed_note()
        if note is None:
            return
        waiting = self.waiting_notes()
        after = waiting[waiting.index(note) + 1:]
        self.reviewing = after[0].id if after else None
        self.doc.push(SetNoteStatusCommand(self.session.room, [note.id], status))

    def next_note(self) -> None:
        waiting = self.waiting_notes()
        note = self.reviewed_note()
        if note is not None and len(waiting) > 1:
            self.reviewing = waiting[(waiting.index(note) + 1) % len(waiting)].id
            self.sync_room_actions()

    def room_key(self, event: QKeyEvent) -> bool:
        """Ctrl+Return accepts, Ctrl+Delete rejects, Ctrl+Down moves on (F5 only)."""
        if not self.interactive or not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        key = event.key()
        if key in ACCEPT_KEYS:
            self.decide("accepted")
        elif key in REJECT_KEYS:
            self.decide("rejected")
        elif key == Qt.Key.Key_Down:
            self.next_note()
        else:
            return False
        return True
