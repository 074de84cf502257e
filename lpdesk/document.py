"""An open session: the model, its undo stack and the file it belongs to.

Everything the UI does to a session goes through `push`, so undo/redo, the unsaved-changes
mark and autosave all follow from the QUndoStack.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from lpdesk.model.limits import count_problem
from lpdesk.model.session import Session

if TYPE_CHECKING:  # storage loads on the first open or save, not at start-up
    from lpdesk.storage import FileStamp


class SessionDocument(QObject):
    path_changed = Signal()
    saved = Signal()
    applied = Signal()  # an edit made outside the undo stack (see `apply`)
    limit_reached = Signal(str)  # an edit was taken back: 'field: what is over the limit'

    def __init__(self, session: Session, path: Path | None = None,
                 stamp: FileStamp | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self.stamp = stamp  # the file as we last read or wrote it
        self.undo_stack = QUndoStack(self)
        self._macro_before: object = _NO_MACRO  # the limit problem before an open macro
        self.apply_seconds = 0.0  # GUI time spent in `apply` (the phones' controller's figures)
        self.undo_stack.indexChanged.connect(self._step_done)

    @classmethod
    def open(cls, path: str | Path, parent: QObject | None = None) -> SessionDocument:
        """Raise storage.SessionFileError on any problem; the file is never modified (our
        own stale temporary files beside it, from a save that was killed, are removed)."""
        from lpdesk.storage import read_session
        from lpdesk.storage.files import save_target
        from lpdesk.storage.stale import sweep

        session, stamp = read_session(path)
        sweep(save_target(path))
        return cls(session, Path(path), stamp, parent)

    def push(self, command: QUndoCommand) -> None:
        """Do `command` as one undo step; an edit that would take the session over one of
        lpdesk's limits (lpdesk.model.limits: a session it could not open again) is taken
        back at once, leaves nothing to redo, and `limit_reached` says why."""
        before = count_problem(self.session)
        self.undo_stack.push(command)
        if self._in_macro():
            # Qt ignores undo() in the middle of a macro: the whole macro is checked when
            # it ends (`_step_done`) and taken back then if it went over a limit.
            if self._macro_before is _NO_MACRO:
                self._macro_before = before
            return
        after = count_problem(self.session)
        if after is not None and after != before:
            self._refuse(after)

    def _in_macro(self) -> bool:
        """Right after a push: only in the middle of a macro does QUndoStack say there is
        nothing to undo (a command pushed outside one is the step to undo)."""
        return not self.undo_stack.canUndo()

    def _step_done(self, _index: int) -> None:
        """The undo stack moved; if a macro just ended, refuse it whole if it went over."""
        if self._macro_before is _NO_MACRO:
            return
        before, self._macro_before = self._macro_before, _NO_MACRO
        after = count_problem(self.session)
        if after is not None and after != before:
            self._refuse(after)

    def _refuse(self, problem: tuple[str, str]) -> None:
        self.undo_stack.undo()
        self.undo_stack.push(_Nothing())  # drops the edit from the redo side too
        self.limit_reached.emit(f"{problem[0]}: {problem[1]}")

    def apply(self, command: QUndoCommand, *, quiet: bool = False) -> bool:
        """Make an edit that the facilitator's Undo must not take back: a participant's own
        input from their phone (they change it from the phone until the facilitator locks
        input). It is an ordinary command, but not on the undo stack; the session becomes
        unsaved until the next save, and autosave follows `applied`. Returns whether it
        was made; `quiet`: a refusal is the caller's to report (a phone's claim over a
        limit is answered to the phone, never with a box on the room's screen).

        Phones send many of these a second: the session is counted once, after the edit;
        only when it is over a limit then is the edit undone to count the session before
        it (a session already over that limit keeps the edit, as `push` does)."""
        start = time.perf_counter()
        try:
            return self._apply(command, quiet)
        finally:
            self.apply_seconds += time.perf_counter() - start

    def _apply(self, command: QUndoCommand, quiet: bool) -> bool:
        command.redo()
        after = count_problem(self.session)
        if after is not None:
            command.undo()
            if after != count_problem(self.session):  # e.g. the 1,001st phone joining
                if not quiet:
                    self.limit_reached.emit(f"{after[0]}: {after[1]}")
                return False
            command.redo()  # it was over that limit before: the edit did not take it there
        self.undo_stack.resetClean()
        self.applied.emit()
        return True

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else (self.session.title or "Untitled session")

    def save(self, path: str | Path | None = None, *, overwrite_changes: bool = False,
             overwrite_protected: bool = False) -> None:
        """Save (to `path`, or the current file). Raises SessionFileError and then keeps
        the session open and unsaved; FileChangedError if our own file was changed by
        someone else since we read or saved it (unless `overwrite_changes`);
        FileProtectedError if the file is write-protected (unless `overwrite_protected`)."""
        from lpdesk.storage.files import check_unchanged, save_session

        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("no file name to save to")
        if not overwrite_changes and target == self.path:
            check_unchanged(target, self.stamp)
        self.stamp = save_session(self.session, target, overwrite_protected=overwrite_protected,
                                  was_there=target == self.path)
        if target != self.path:
            self.path = target
            self.path_changed.emit()
        self.undo_stack.setClean()
        self.saved.emit()


_NO_MACRO = object()


class _Nothing(QUndoCommand):
    """Pushed after a refused edit: obsolete as soon as it is done, so the stack drops it,
    and with it the refused edit waiting to be redone."""

    def redo(self) -> None:
        self.setObsolete(True)
