"""Undoable edits of the quick quiz: start or remove a run, answer, place the result.

Moving between questions (and choosing which run is on screen) is navigation, not an edit:
`show_question` and `show_run` below change the model without an undo step, like choosing
the agenda item in the main window. It is still saved with the session, so a half-done quiz
reopens at the same question, but Ctrl+Z takes back answers, not page turns, and paging
through the questions does not mark the session unsaved. An answer command does carry its
question: undoing an answer shows the question whose answer changed.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from lpdesk.model.continuum import Continuum, Placement, Which, clamp_position
from lpdesk.model.ids import new_id
from lpdesk.model.quiz import Purpose, Quiz, QuizRun, SubjectKind


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


def new_run(quiz: Quiz, subject_kind: SubjectKind, subject_id: str | None,
            purpose: Purpose = "now") -> QuizRun:
    """A fresh, unanswered run with an id not yet used in this quiz."""
    if (subject_kind == "room") != (subject_id is None):
        raise ValueError("the room has no subject id; a participant or group needs one")
    return QuizRun(new_id("run", {r.id for r in quiz.runs}), subject_kind, subject_id, purpose)


def show_question(quiz: Quiz, run_id: str, index: int) -> None:
    """Navigation (no undo step): which question of a run is on screen. An index equal to
    the number of questions means the result screen."""
    if quiz.run(run_id).current_question != index:
        quiz.set_current_question(run_id, index)


def show_run(quiz: Quiz, run_id: str | None) -> None:
    """Navigation (no undo step): which run is on screen."""
    if quiz.current_run_id != run_id:
        quiz.set_current_run(run_id)


class StartRunCommand(QUndoCommand):
    """Add a run for a participant, a group or the room, and show it."""

    def __init__(self, quiz: Quiz, run: QuizRun, subject_name: str = "") -> None:
        super().__init__(tr("Start quiz for %s") % subject_name if subject_name
                         else tr("Start quiz"))
        self.quiz, self.run = quiz, run
        self.previous: str | None = quiz.current_run_id

    def redo(self) -> None:
        self.previous = self.quiz.current_run_id
        self.quiz.insert_run(len(self.quiz.runs), self.run)
        self.quiz.set_current_run(self.run.id)

    def undo(self) -> None:
        self.quiz.remove_run(self.run.id)
        self.quiz.set_current_run(self.previous)


class AddRunCommand(QUndoCommand):
    """Add a run without putting it on screen: a participant's own quiz on their phone."""

    def __init__(self, quiz: Quiz, run: QuizRun) -> None:
        super().__init__(tr("Start quiz"))
        self.quiz, self.run = quiz, run

    def redo(self) -> None:
        self.quiz.insert_run(len(self.quiz.runs), self.run)

    def undo(self) -> None:
        self.quiz.remove_run(self.run.id)


class AnswerCommand(QUndoCommand):
    """Set, change (`answer_id`) or clear (`None`) the answer to one question of a run."""

    def __init__(self, quiz: Quiz, run_id: str, question_id: str, answer_id: str | None,
                 question_index: int) -> None:
        self.quiz, self.run_id, self.question_id = quiz, run_id, question_id
        self.new, self.index = answer_id, question_index
        self.old = quiz.run(run_id).answers.get(question_id)
        number = question_index + 1
        if answer_id is None:
            text = tr("Clear answer to question %d") % number
        elif self.old is None:
            text = tr("Answer question %d") % number
        else:
            text = tr("Change answer to question %d") % number
        super().__init__(text)

    def _set(self, answer_id: str | None) -> None:
        self.quiz.set_answer(self.run_id, self.question_id, answer_id)
        show_question(self.quiz, self.run_id, self.index)  # show what changed

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)


class RemoveRunCommand(QUndoCommand):
    """Remove a run with its answers (back on undo, at the same place in the list)."""

    def __init__(self, quiz: Quiz, run_id: str, subject_name: str = "") -> None:
        super().__init__(tr("Remove quiz of %s") % subject_name if subject_name
                         else tr("Remove quiz"))
        self.quiz, self.run_id = quiz, run_id
        self.taken: tuple[int, QuizRun] | None = None
        self.previous: str | None = None

    def redo(self) -> None:
        self.previous = self.quiz.current_run_id
        self.taken = self.quiz.remove_run(self.run_id)

    def undo(self) -> None:
        assert self.taken is not None
        self.quiz.insert_run(*self.taken)
        self.quiz.set_current_run(self.previous)


class PlaceQuizResultCommand(QUndoCommand):
    """Put a quiz result on the continuum: the participant's or group's *now* (or *target*)
    marker in one area, or, for a run by the whole room, the area's agreed position."""

    def __init__(self, continuum: Continuum, area_id: str, subject_kind: SubjectKind,
                 subject_id: str | None, which: Which, position: float,
                 subject_name: str = "") -> None:
        label = tr("target") if which == "target" else tr("now")
        super().__init__(tr("Place quiz result as %s's %s") % (subject_name, label)
                         if subject_name else tr("Place quiz result as %s") % label)
        if subject_kind != "room" and subject_id is None:
            raise ValueError("a participant or group result needs a subject id")
        self.continuum, self.area_id = continuum, area_id
        self.kind, self.subject_id, self.which = subject_kind, subject_id, which
        self.position = clamp_position(round(position, 1))
        self.old = self._current()

    def _current(self) -> Placement:
        if self.kind == "room":
            return self.continuum.area(self.area_id).consensus
        assert self.subject_id is not None
        return self.continuum.placement(self.area_id, self.subject_id,
                                        group=self.kind == "group")

    def _apply(self, placement: Placement) -> None:
        if self.kind == "room":
            self.continuum.set_consensus(self.area_id, placement)
        else:
            assert self.subject_id is not None
            self.continuum.set_placement(self.area_id, self.subject_id, placement,
                                         group=self.kind == "group")

    def redo(self) -> None:
        self.old = self._current()
        self._apply(self.old.with_value(self.which, self.position))

    def undo(self) -> None:
        self._apply(self.old)
