"""Edits that come from participants' phones.

Phone input is applied with `SessionDocument.apply` (not on the facilitator's undo stack:
a participant's vote is theirs to change from the phone, and the facilitator's Ctrl+Z takes
back the facilitator's own last step). Votes that arrive together are one command, so a
burst of 200 placements changes the model, and repaints the views, once; so are the quiz
answers of one slice (the session's limits are checked once, not once per answer).
New names and anonymous joiners use the set-up activity's own commands
(`commands.session.AddParticipantsCommand`, `UpdateParticipantCommand`).
"""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from lpdesk.model.continuum import Continuum, Placement, Which
from lpdesk.model.quiz import Quiz


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("commands", text)


class PlaceFromPhonesCommand(QUndoCommand):
    """Set markers sent from phones in one area: `votes` maps a participant id (or a group
    id with `group`) to the markers it sent ({"now": 42.0} or both); the last one wins."""

    def __init__(self, continuum: Continuum, area_id: str,
                 votes: dict[str, dict[Which, float | None]], *, group: bool = False) -> None:
        super().__init__(tr("Votes from phones (%d)") % len(votes))
        self.continuum, self.area_id, self.group = continuum, area_id, group
        self.votes = votes
        self.old: dict[str, Placement] = {}

    def redo(self) -> None:
        new: dict[str, Placement] = {}
        self.old = {}
        for subject_id, markers in self.votes.items():
            current = self.continuum.placement(self.area_id, subject_id, group=self.group)
            self.old[subject_id] = current
            for which, value in markers.items():
                current = current.with_value(which, value)
            new[subject_id] = current
        self.continuum.set_placements(self.area_id, new, group=self.group)

    def undo(self) -> None:
        self.continuum.set_placements(self.area_id, self.old, group=self.group)


class AnswersFromPhonesCommand(QUndoCommand):
    """Quiz answers sent from phones in one slice: `answers` maps a run id to what its phone
    sent, in order: (question id, answer id or None, question index) is an answer, applied
    as an AnswerCommand would be (the last answer to a question wins, the run shows the
    question answered); (None, None, index) is the phone moving to another question
    (`show_question`). The run ends on the question of the last of them."""

    def __init__(self, quiz: Quiz,
                 answers: dict[str, list[tuple[str | None, str | None, int]]]) -> None:
        super().__init__(tr("Quiz answers from phones (%d)") % len(answers))
        self.quiz, self.answers = quiz, answers
        self.old: dict[str, tuple[dict[str, str], int]] = {}

    def redo(self) -> None:
        runs = {r.id: r for r in self.quiz.runs if r.id in self.answers}
        self.old, new = {}, {}
        for run_id, given in self.answers.items():
            run = runs[run_id]
            self.old[run_id] = (dict(run.answers), run.current_question)
            answers, current = dict(run.answers), run.current_question
            for question_id, answer_id, index in given:
                if question_id is None:  # moving on alone
                    pass
                elif answer_id is None:
                    answers.pop(question_id, None)
                else:
                    answers[question_id] = answer_id
                current = index
            new[run_id] = (answers, current)
        self.quiz.set_answers(new)

    def undo(self) -> None:
        self.quiz.set_answers(self.old)
