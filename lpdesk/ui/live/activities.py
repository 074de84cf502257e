"""The GUI-thread handlers for what phones send beyond placements: each checked message
becomes a command on the open document (`SessionDocument.apply`: a participant's input,
off the facilitator's undo stack). `install(controller)` adds them to a LiveController.

Comments and suggested actions arrive PENDING, marked with the sender's name (or none when
the phone ticked "send without my name"); the facilitator accepts or rejects them on the
summary page.
"""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

from lpdesk.commands.room import AddRoomNoteCommand, new_room_note
from lpdesk.live.activities import NoteRate
from lpdesk.live.protocol import Message, ProtocolError

if TYPE_CHECKING:
    from lpdesk.ui.live.controller import LiveController


class PhoneActivities:
    def __init__(self, controller: LiveController) -> None:
        self.controller = controller
        self.note_rate = NoteRate()
        controller.handlers["comment"] = self.comment

    def comment(self, device, message: Message) -> str:
        c = self.controller
        if device.participant_id is None:
            raise ProtocolError("who", "Choose your name first.")
        if c.room.options.locked:
            raise ProtocolError("locked", "The facilitator has paused input.")
        session = c.doc.session
        room = session.room
        kind = message.get("kind")
        if len(room.of_kind(kind)) >= 2000:  # the file's limit (docs/file-format.md)
            raise ProtocolError("full", "The facilitator cannot take more notes.")
        self.note_rate.take(device.id, time.monotonic())
        participant = session.participant(device.participant_id)
        author = "" if message.get("anonymous") else participant.name
        note = new_room_note(room, kind, message.get("text"), session.agenda.current_id,
                             from_phone=True, author=author)
        c.doc.apply(AddRoomNoteCommand(room, note))
        return (c.tr("sent an action") if kind == "action" else c.tr("sent a comment"))


def install(controller: LiveController) -> PhoneActivities:
    return PhoneActivities(controller)
