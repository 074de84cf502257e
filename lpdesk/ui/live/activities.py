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

from PySide6.QtCore import QObject, Signal

from lpdesk.commands.live import AnswersFromPhonesCommand
from lpdesk.commands.matrix import MoveCardsFromPhonesCommand
from lpdesk.commands.quiz import AddRunCommand, PlaceQuizResultCommand, new_run
from lpdesk.commands.room import AddRoomNoteCommand, new_room_note
from lpdesk.live.activities import (
    NoteRate,
    board_section,
    check_card_move,
    check_quiz_answer,
    my_quiz_section,
    quiz_questions_section,
)
from lpdesk.live.protocol import Message, ProtocolError, encode

if TYPE_CHECKING:
    from lpdesk.ui.live.controller import LiveController


class PhoneActivities(QObject):
    quiz_changed = Signal()  # opened, closed, or a phone's run moved on (for the desk's bar)
    note_arrived = Signal(str)  # what the facilitator's status bar says

    def __init__(self, controller: LiveController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.note_rate = NoteRate()
        controller.register_handler("comment", self.comment)
        controller.register_handler("quiz_answer", self.quiz_answer)
        controller.register_handler("quiz_go", self.quiz_go)
        controller.register_handler("card_move", self.card_move)
        # the matrix on the phones: boards the facilitator locked, and one section per board
        # built once per flush for all its group's phones
        self.locked_boards: set[str] = set()
        self._boards: dict[str, str] = {}
        self._moving = False
        self._moves: dict[str, dict[str, tuple[str, str] | None]] = {}  # until the batch ends
        controller.doc.session.matrix.changed.connect(self._matrix_changed)
        self._answering = False  # a phone's own quiz edit: only its section changes
        controller.doc.session.quiz.changed.connect(self._quiz_model_changed)
        # the quiz on the phones: open or not, for now or target, placed on which area
        self.quiz_open = False
        self.quiz_purpose = "now"
        self.quiz_area_id: str | None = None
        # participant id -> the run their phone answers in THIS opening of the quiz: runs
        # from the laptop, another area or an earlier opening are never reused (their result
        # would replace a marker the facilitator never asked to replace)
        self.phone_run_ids: dict[str, str] = {}
        self._run_at: dict[str, int] = {}  # run id -> its place in quiz.runs (checked on use)
        self._quiz_moved = False  # a phone's run moved in this slice: quiz_changed after it
        # answers and moves to a question read in this slice, applied as one command after
        # it (end_batch), or before a phone's result is scored: run id -> [(question or None
        # for a move alone, answer, index)]; the session's limits are checked once per
        # slice, not once per answer (a phone's page sends an answer and a move each time)
        self._answers: dict[str, list[tuple[str | None, str | None, int]]] = {}
        self.quiz_opening = 0  # tells a phone that a new opening starts afresh
        self._content = None
        self._stages = None

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
            raise ProtocolError("cap", "The facilitator cannot take more notes.")
        self.note_rate.take(device.id, time.monotonic())
        participant = session.participant(device.participant_id)
        author = "" if message.get("anonymous") else participant.name
        note = new_room_note(room, kind, message.get("text"), session.agenda.current_id,
                             from_phone=True, author=author)
        if kind == "action":  # who the participant suggests could take it on (optional)
            note.owner = message.get("owner") or ""
        if not c.doc.apply(AddRoomNoteCommand(room, note), quiet=True):
            raise ProtocolError("cap", "The facilitator cannot take more notes.")
        c.room.identity.record(device.id, ("note", note.id), True)
        waiting = sum(n.status == "pending" for n in room.notes)
        who = author or c.tr("anonymous")
        self.note_arrived.emit(
            (c.tr("An action from %1 waits for you on the summary page (%2 waiting)")
             if kind == "action" else
             c.tr("A comment from %1 waits for you on the summary page (%2 waiting)"))
            .replace("%1", who).replace("%2", str(waiting)))
        return (c.tr("sent an action") if kind == "action" else c.tr("sent a comment"))


    # -- the quiz on the phones ----------------------------------------------------------
    def content(self):
        if self._content is None:
            from lpdesk.content.quiz import quiz_content
            from lpdesk.content.stages import continuum_content
            self._content, self._stages = quiz_content(), continuum_content()
        return self._content

    def _quiz_model_changed(self, *_args) -> None:
        if self.quiz_open and not self._answering:  # the facilitator (or an undo) changed runs
            self._everyone()

    def open_quiz(self, purpose: str) -> None:
        """Everyone on their phones takes the quiz; results go on the current area."""
        self.content()  # a broken content file raises ContentError here, before phones see it
        area = self.controller.doc.session.continuum.current_area
        self.quiz_open, self.quiz_purpose = True, purpose
        self.quiz_area_id = area.id if area is not None else None
        self.phone_run_ids = {}
        self.quiz_opening += 1
        self._everyone()

    def quiz_area(self):
        """The continuum area the open quiz places results on (None if it went)."""
        areas = self.controller.doc.session.continuum.areas
        return next((a for a in areas if a.id == self.quiz_area_id), None)

    def close_quiz(self) -> int:
        """Stop taking answers and place what every finished phone has; return how many."""
        placed = 0
        for run in self.finished_runs():
            placed += self.place(run)
        self.quiz_open = False
        self._everyone()
        return placed

    def _everyone(self) -> None:
        c = self.controller
        c._all_dirty = True
        c.schedule_flush()
        self.quiz_changed.emit()

    def phone_runs(self) -> dict[str, object]:
        """participant id -> the run their phone started in this opening (an undo may have
        removed it: then the phone starts again)."""
        runs = {r.id: r for r in self.controller.doc.session.quiz.runs}
        return {pid: runs[rid] for pid, rid in self.phone_run_ids.items() if rid in runs}

    def finished_runs(self) -> list:
        total = len(self.content().questions)
        claimed = self.controller.room.claimed()
        return [r for pid, r in self.phone_runs().items()
                if pid in claimed and r.current_question >= total]

    def progress(self) -> tuple[int, int]:
        """(finished, phones with a name): '11 of 14 finished'."""
        return len(self.finished_runs()), len(self.controller.room.claimed())

    def _my_run(self, device, create: bool):
        c = self.controller
        if not self.quiz_open:
            raise ProtocolError("activity", "The quiz is not open now.")
        if c.room.options.locked:
            raise ProtocolError("locked", "The facilitator has paused input.")
        if device.participant_id is None:
            raise ProtocolError("who", "Choose your name first.")
        run = self._own_run(device)
        if run is None and create:
            quiz = c.doc.session.quiz
            run = new_run(quiz, "participant", device.participant_id, self.quiz_purpose)
            if not c.doc.apply(AddRunCommand(quiz, run), quiet=True):
                raise ProtocolError("cap", "The session cannot take more quiz answers.")
            self.phone_run_ids[device.participant_id] = run.id
            c.room.identity.start_run(device.id, run.id)
        return run

    def _phone_run(self, participant_id: str | None):
        """phone_runs()[participant_id] without building it: a look-up per message, not a
        walk over every run (the run's place in the list is remembered and checked)."""
        run_id = self.phone_run_ids.get(participant_id) if participant_id else None
        if run_id is None:
            return None
        runs = self.controller.doc.session.quiz.runs
        at = self._run_at.get(run_id)
        if at is None or at >= len(runs) or runs[at].id != run_id:  # added, moved or undone
            self._run_at = {r.id: i for i, r in enumerate(runs)}
            at = self._run_at.get(run_id)
        return runs[at] if at is not None else None

    def _own_run(self, device):
        """The device's run, never one it did not start (the laptop's or an earlier phone's
        under the same name): a phone sees only the answers it sent (live/identity.py)."""
        run = self._phone_run(device.participant_id)
        if run is not None and not self.controller.room.identity.owns_run(device.id, run.id):
            return None
        return run

    def quiz_answer(self, device, message: Message) -> str:
        self._answering = True
        try:
            return self._quiz_answer(device, message)
        finally:
            self._answering = False

    def quiz_go(self, device, message: Message) -> str:
        self._answering = True
        try:
            return self._quiz_go(device, message)
        finally:
            self._answering = False

    def _quiz_answer(self, device, message: Message) -> str:
        index = check_quiz_answer(self.content(), message.get("question"),
                                  message.get("answer"))
        run = self._my_run(device, create=True)
        question, answer = message.get("question"), message.get("answer")
        pending = self._answers.get(run.id)
        had = run.answers.get(question)
        for q, a, _i in pending or ():  # what this slice already has for the run's question
            if q == question:
                had = a
        if had != answer:  # an unchanged answer moves nothing (as AnswerCommand was not made)
            self._answers.setdefault(run.id, []).append((question, answer, index))
        self._quiz_moved = True  # quiz_changed once, after the slice (end_batch)
        return self.controller.tr("answered question %d") % (index + 1)

    def _quiz_go(self, device, message: Message) -> str:
        """A phone moves to a question (its page sends this after every answer) or to its
        result. Moving to a question joins the slice's batch, after the answers before it;
        finishing applies the batch first: the result is scored with every answer."""
        total = len(self.content().questions)
        index = message.get("index")
        if index > total:
            raise ProtocolError("field", "index: there is no such question")
        run = self._my_run(device, create=True)
        self._quiz_moved = True
        if index == total:  # finished: the result goes on the continuum at once
            self.apply_answers()
            from lpdesk.commands.quiz import show_question
            show_question(self.controller.doc.session.quiz, run.id, index)
            self.place(run)
            return self.controller.tr("finished the quiz")
        pending = self._answers.get(run.id)
        if (pending[-1][2] if pending else run.current_question) != index:
            self._answers.setdefault(run.id, []).append((None, None, index))
        return self.controller.tr("on question %d") % (index + 1)

    def place(self, run) -> int:
        from lpdesk.model.quiz_scoring import score
        c = self.controller
        session = c.doc.session
        area_id = self.quiz_area_id
        if area_id is None or area_id not in {a.id for a in session.continuum.areas}:
            return 0
        result = score(self.content().questions, run.answers)
        if result.position is None:
            return 0
        current = session.continuum.placement(area_id, run.subject_id)
        if getattr(current, run.purpose) == round(result.position, 1):
            return 1
        c._applying = True  # only this participant's phone needs its part again
        try:
            c.doc.apply(PlaceQuizResultCommand(session.continuum, area_id, "participant",
                                               run.subject_id, run.purpose, result.position))
        finally:
            c._applying = False
        return 1

    # -- the matrix on the phones ---------------------------------------------------------------
    def _matrix_changed(self, *_args) -> None:
        if not self._moving:  # the facilitator moved, revealed or edited: every board's phones
            self.controller._all_dirty = True
            self.controller.schedule_flush()

    def board_of(self, participant_id: str | None):
        """The board of the participant's group (None without a group or a board)."""
        session = self.controller.doc.session
        if participant_id is None:
            return None
        try:
            group_id = session.participant(participant_id).group_id
        except KeyError:
            return None
        if group_id is None:
            return None
        return next((b for b in session.matrix.boards if b.group_id == group_id), None)

    def set_locked(self, board_ids, locked: bool) -> None:
        """Lock or unlock boards on the phones (the facilitator still moves cards)."""
        ids = set(board_ids)
        self.locked_boards = (self.locked_boards | ids) if locked else (self.locked_boards - ids)
        self._everyone()

    def card_move(self, device, message: Message) -> str:
        c = self.controller
        if c.activity != "matrix":
            raise ProtocolError("activity", "The matrix is not open now.")
        if c.room.options.locked:
            raise ProtocolError("locked", "The facilitator has paused input.")
        if device.participant_id is None:
            raise ProtocolError("who", "Choose your name first.")
        board = self.board_of(device.participant_id)
        if board is None or board.id != message.get("board"):
            raise ProtocolError("board", "That is not your group's board.")
        if board.id in self.locked_boards:
            raise ProtocolError("locked", "The facilitator has locked your board.")
        cell = check_card_move(board, message.get("card"), message.get("row"),
                               message.get("column"))
        moves = self._moves.setdefault(board.id, {})
        moves.pop(message.get("card"), None)  # the last move of a card wins
        moves[message.get("card")] = cell
        return c.tr("moved a card") if cell else c.tr("put a card back in the deck")

    def end_batch(self) -> None:
        """After a batch of phones' messages (the controller's drain): the quiz answers and
        each board's moves become one command each, so the session is counted and the board
        laid out once however many came in, and the quiz's followers hear once that phones'
        runs moved."""
        c = self.controller
        self.apply_answers()
        if self._quiz_moved:  # the desk's "11 of 14 finished": once per slice, not per answer
            self._quiz_moved = False
            self.quiz_changed.emit()
        waiting, self._moves = self._moves, {}
        matrix = c.doc.session.matrix
        for board_id, moves in waiting.items():
            board = matrix.board(board_id)
            changes = [(card, cell) for card, cell in moves.items()
                       if board.cell_of(card) != cell]
            if changes:
                self._moving = True
                try:
                    c.doc.apply(MoveCardsFromPhonesCommand(matrix, board_id, changes))
                finally:
                    self._moving = False
            group = {p.id for p in c.doc.session.members(board.group_id)}
            c._dirty.update(dict.fromkeys(d.id for d in c.room.devices.values()
                                          if d.participant_id in group))
            c.schedule_flush()

    def apply_answers(self) -> None:
        """The quiz answers read so far in this slice, as one command."""
        if not self._answers:
            return
        answers, self._answers = self._answers, {}
        self._answering = True  # only the senders' own sections change (already marked)
        try:
            self.controller.doc.apply(AnswersFromPhonesCommand(
                self.controller.doc.session.quiz, answers))
        finally:
            self._answering = False

    # -- sections (GUI thread, from the model) -------------------------------------------------
    def shared_sections(self) -> dict[str, str]:
        self._boards = {}  # a new flush: boards are built again, once each
        if not self.quiz_open:
            return {}
        return {"quiz_questions": encode(quiz_questions_section(self.content()))}

    def personal_sections(self, device) -> dict[str, str]:
        out = {"board": self._board_for(device)}
        out.update(self._quiz_for(device))
        return out

    def _board_for(self, device) -> str:
        board = self.board_of(device.participant_id) if self.controller.activity == "matrix" \
            else None
        if board is None:
            return "null"
        if board.id not in self._boards:
            self._boards[board.id] = encode(board_section(board, board.id in self.locked_boards))
        return self._boards[board.id]

    def _quiz_for(self, device) -> dict[str, str]:
        if not self.quiz_open and self._content is None:
            return {}  # the quiz was never opened on the phones: nothing to say
        run = self._own_run(device)
        area = self.quiz_area()
        section = my_quiz_section(run, self.content(), self._stages, self.quiz_open,
                                  self.quiz_purpose, area)
        section["opening"] = self.quiz_opening
        return {"quiz": encode(section)}


def install(controller: LiveController) -> PhoneActivities:
    return PhoneActivities(controller)
