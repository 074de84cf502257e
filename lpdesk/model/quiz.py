"""Quick-quiz answers: who answered (a participant, a group or the whole room), for which
purpose (where we are *now*, or where we want to be: *target*), and the answers so far.

Only the answers live here; the questions and their scores are bundled content
(see `lpdesk.content.quiz`), and scoring is a pure function (see `lpdesk.model.quiz_scoring`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from lpdesk.model.events import Event
from lpdesk.model.ids import by_id, pop_by_id

SubjectKind = Literal["participant", "group", "room"]
SUBJECT_KINDS: tuple[SubjectKind, ...] = ("participant", "group", "room")
Purpose = Literal["now", "target"]


@dataclass
class QuizRun:
    """One pass through the quiz by one subject. `answers` maps question id -> answer id."""

    id: str
    subject_kind: SubjectKind
    subject_id: str | None  # participant or group id; None for the whole room
    purpose: Purpose = "now"
    answers: dict[str, str] = field(default_factory=dict)
    current_question: int = 0  # where the run was left, so a half-done quiz reopens there


@dataclass
class Quiz:
    """All quiz runs of a session. `changed` is emitted with the run id (or None)."""

    runs: list[QuizRun] = field(default_factory=list)
    current_run_id: str | None = None
    changed: Event = field(default_factory=Event, repr=False, compare=False)

    def run(self, run_id: str) -> QuizRun:
        return by_id(self.runs, run_id)

    def insert_run(self, index: int, run: QuizRun) -> None:
        self.runs.insert(index, run)
        self.changed.emit(run.id)

    def remove_run(self, run_id: str) -> tuple[int, QuizRun]:
        index, run = pop_by_id(self.runs, run_id)
        if self.current_run_id == run_id:
            self.current_run_id = None
        self.changed.emit(None)
        return index, run

    def set_answer(self, run_id: str, question_id: str, answer_id: str | None) -> None:
        run = self.run(run_id)
        if answer_id is None:
            run.answers.pop(question_id, None)
        else:
            run.answers[question_id] = answer_id
        self.changed.emit(run_id)

    def set_answers(self, changes: dict[str, tuple[dict[str, str], int]]) -> None:
        """Several runs at once (the answers phones sent in one slice): run id -> (all its
        answers, its current question). One walk over the runs, not one per answer;
        `changed` still names each run. KeyError (naming it) for a run that is not here."""
        found = 0
        for run in self.runs:
            change = changes.get(run.id)
            if change is not None:
                answers, index = change
                if run.answers != answers:
                    run.answers.clear()
                    run.answers.update(answers)
                run.current_question = max(0, index)
                found += 1
        if found != len(changes):
            known = {r.id for r in self.runs}
            raise KeyError(next(r for r in changes if r not in known))
        for run_id in changes:
            self.changed.emit(run_id)

    def set_current_question(self, run_id: str, index: int) -> None:
        self.run(run_id).current_question = max(0, index)
        self.changed.emit(run_id)

    def set_current_run(self, run_id: str | None) -> None:
        self.current_run_id = run_id
        self.changed.emit(run_id)

    def take_subject(self, subject_id: str) -> list[tuple[int, QuizRun]]:
        """Remove the runs of a participant or group that leaves; return them for undo."""
        taken = [(i, r) for i, r in enumerate(self.runs) if r.subject_id == subject_id]
        if taken:
            self.runs = [r for r in self.runs if r.subject_id != subject_id]
            self.changed.emit(None)
        return taken

    def restore_subject(self, taken: list[tuple[int, QuizRun]]) -> None:
        for index, run in taken:
            self.runs.insert(index, run)
        if taken:
            self.changed.emit(None)
