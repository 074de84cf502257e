"""Undoable changes to the workshop plan: order, titles, planned minutes, skipping and the
facilitator's notes. Where we are in the agenda is not an edit and has no command."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from lpdesk.model.agenda import Agenda

_NOTES_ID = 2000  # mergeWith id: typing notes merges into one command per activity


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("commands", text)


class MoveAgendaItemCommand(QUndoCommand):
    """Run an activity earlier or later in the workshop."""

    def __init__(self, agenda: Agenda, item_id: str, new_index: int) -> None:
        super().__init__(tr("Move %s") % agenda.item(item_id).title)
        if not 0 <= new_index < len(agenda.items):
            raise IndexError(new_index)
        self.agenda, self.item_id, self.new = agenda, item_id, new_index
        self.old = agenda.index(item_id)

    def redo(self) -> None:
        self.agenda.move(self.item_id, self.new)

    def undo(self) -> None:
        self.agenda.move(self.item_id, self.old)


class UpdateAgendaItemCommand(QUndoCommand):
    """Rename an activity, change its planned minutes, skip it or bring it back."""

    def __init__(self, agenda: Agenda, item_id: str, text: str = "",
                 **values: object) -> None:
        item = agenda.item(item_id)
        super().__init__(text or tr("Change %s") % item.title)
        self.agenda, self.item_id, self.new = agenda, item_id, values
        self.old = {name: getattr(item, name) for name in values}

    def redo(self) -> None:
        self.agenda.update(self.item_id, **self.new)

    def undo(self) -> None:
        self.agenda.update(self.item_id, **self.old)


class SetNotesCommand(UpdateAgendaItemCommand):
    """Edit the facilitator's notes for one activity. Typing merges, so undo takes back a
    burst of typing, not a letter."""

    def __init__(self, agenda: Agenda, item_id: str, notes: str) -> None:
        super().__init__(agenda, item_id, tr("Edit notes for %s") % agenda.item(item_id).title,
                         notes=notes)

    def id(self) -> int:
        return _NOTES_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt name)
        if not isinstance(other, SetNotesCommand) or other.item_id != self.item_id:
            return False
        self.new = other.new
        return True


def rename(agenda: Agenda, item_id: str, title: str) -> UpdateAgendaItemCommand:
    return UpdateAgendaItemCommand(agenda, item_id, tr("Rename %s") % agenda.item(item_id).title,
                                   title=title)


def set_minutes(agenda: Agenda, item_id: str, minutes: int) -> UpdateAgendaItemCommand:
    if not 0 <= minutes <= 1440:
        raise ValueError(f"planned minutes must be 0-1440, not {minutes}")
    return UpdateAgendaItemCommand(agenda, item_id, tr("Plan %d min for %s")
                                   % (minutes, agenda.item(item_id).title), minutes=minutes)


def set_skipped(agenda: Agenda, item_id: str, skipped: bool) -> UpdateAgendaItemCommand:
    title = agenda.item(item_id).title
    return UpdateAgendaItemCommand(agenda, item_id, (tr("Skip %s") if skipped
                                                     else tr("Include %s")) % title,
                                   skipped=skipped)
