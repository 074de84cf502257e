"""Undoable changes to the workshop plan: adding and removing activities, order, titles,
planned minutes, skipping and the facilitator's notes. Where we are in the agenda is not an
edit and has no command (adding or removing one moves there, as part of the step)."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from lpdesk.model.agenda import ACTIVITY_KINDS, Agenda, AgendaItem
from lpdesk.model.ids import new_id

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


def new_agenda_item(agenda: Agenda, kind: str, title: str, minutes: int = 10,
                    notes: str = "", taken: set[str] | None = None) -> AgendaItem:
    """A fresh activity of `kind` with an id new in the agenda (and in `taken`, the
    session's other ids)."""
    if kind not in ACTIVITY_KINDS:
        raise ValueError(f"unknown activity kind {kind!r}")
    used = {i.id for i in agenda.items} | (taken or set())
    return AgendaItem(new_id(kind, used), kind, title, minutes, False, notes)  # type: ignore[arg-type]


class AddAgendaItemCommand(QUndoCommand):
    """Add an activity to the plan (after the one shown) and go to it."""

    def __init__(self, agenda: Agenda, item: AgendaItem, index: int) -> None:
        super().__init__(tr("Add %s") % item.title)
        if not 0 <= index <= len(agenda.items):
            raise IndexError(index)
        self.agenda, self.item, self.index = agenda, item, index
        self.previous = agenda.current_id

    def redo(self) -> None:
        self.agenda.current_id = self.item.id  # set first: views follow the one `changed`
        self.agenda.insert(self.index, self.item)

    def undo(self) -> None:
        self.agenda.current_id = self.previous
        self.agenda.remove(self.item.id)


class RemoveAgendaItemCommand(QUndoCommand):
    """Take an activity out of the plan; the next one (or the one before) is shown. What
    the room did in it stays in the session, so Undo brings it all back."""

    def __init__(self, agenda: Agenda, item_id: str) -> None:
        item = agenda.item(item_id)
        super().__init__(tr("Remove %s") % item.title)
        if len(agenda.items) < 2:
            raise ValueError("the last activity of the plan cannot be removed")
        self.agenda, self.item_id = agenda, item_id
        self.previous = agenda.current_id
        self.index = agenda.index(item_id)
        self.item: AgendaItem | None = None

    def redo(self) -> None:
        shown = self.agenda.current
        if shown is None or shown.id == self.item_id:  # show the next one, or the last
            rest = [i for i in self.agenda.items if i.id != self.item_id]
            self.agenda.current_id = rest[min(self.index, len(rest) - 1)].id
        self.index, self.item = self.agenda.remove(self.item_id)

    def undo(self) -> None:
        assert self.item is not None
        self.agenda.current_id = self.previous
        self.agenda.insert(self.index, self.item)
