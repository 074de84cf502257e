"""Turn quiz answers into a point on the Learner Power continuum.

The scoring rule (also written in resources/quiz.json as "scoring_rule", so a facilitator who
adapts the quiz reads it there):

- Every answer carries a score: its point on the continuum, 0 (the organisation controls
  learning) to 100 (the learner controls learning).
- The result is the plain average of the scores of the answered questions. Each question
  counts the same, so a quiz of 12 questions and a quiz of 10 are comparable.
- Skipped questions are left out of the average, not counted as 0 or 50: a person who does
  not know how learning is tracked should not be pushed to either end.
- An answer whose question id, or whose answer id, is not in the questions given is ignored
  (the content may have been edited since the session was saved). It counts as skipped.
- With no counted answer there is no result (`position is None`).
- The explanation: the answers that pulled the result towards each end are those whose
  scores lie below (left) and above (right) the average, furthest first; ties keep the
  questions' order. An answer exactly at the average pulls neither way.

Pure Python: the questions are passed in (the content layer builds them), so this module is
tested without files, Qt or the bundled content.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

_SAME = 1e-9  # an answer this close to the average pulls neither way (float rounding)


@dataclass(frozen=True)
class Answer:
    """One possible answer; `score` is its point on the 0-100 continuum."""

    id: str
    text: str
    score: float


@dataclass(frozen=True)
class Question:
    """One quiz question. `topic` is a short name used in explanations."""

    id: str
    text: str
    answers: tuple[Answer, ...]
    topic: str = ""

    def answer(self, answer_id: str) -> Answer | None:
        for answer in self.answers:
            if answer.id == answer_id:
                return answer
        return None


@dataclass(frozen=True)
class CountedAnswer:
    """An answer that counted towards the result, with how far it pulled it."""

    question: Question
    answer: Answer
    pull: float  # answer score minus the result: negative pulls left, positive right


@dataclass(frozen=True)
class QuizResult:
    position: float | None  # 0-100, None when no answer counted
    answered: int  # questions with a counted answer
    total: int  # questions in the quiz
    counted: tuple[CountedAnswer, ...]  # in question order
    pulled_left: tuple[CountedAnswer, ...]  # towards the organisation, strongest first
    pulled_right: tuple[CountedAnswer, ...]  # towards the learner, strongest first

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.answered == self.total


def score(questions: Sequence[Question], answers: Mapping[str, str]) -> QuizResult:
    """Score `answers` (question id -> answer id) against `questions` by the rule above."""
    chosen: list[tuple[Question, Answer]] = []
    seen: set[str] = set()
    for question in questions:
        if question.id in seen:  # content validation forbids this; never count twice
            continue
        seen.add(question.id)
        answer_id = answers.get(question.id)
        answer = question.answer(answer_id) if answer_id is not None else None
        if answer is not None:
            chosen.append((question, answer))
    if not chosen:
        return QuizResult(None, 0, len(seen), (), (), ())
    position = sum(a.score for _, a in chosen) / len(chosen)
    counted = tuple(CountedAnswer(q, a, a.score - position) for q, a in chosen)
    left = sorted((c for c in counted if c.pull < -_SAME), key=lambda c: c.pull)
    right = sorted((c for c in counted if c.pull > _SAME), key=lambda c: -c.pull)
    return QuizResult(position, len(chosen), len(seen), counted, tuple(left), tuple(right))


@lru_cache(maxsize=8)
def _score_table(questions: tuple[Question, ...]) -> dict[str, dict[str, float]]:
    """question id -> answer id -> score, first occurrence winning, as `score` counts."""
    table: dict[str, dict[str, float]] = {}
    for question in questions:
        if question.id in table:
            continue
        answers: dict[str, float] = {}
        for answer in question.answers:
            answers.setdefault(answer.id, answer.score)
        table[question.id] = answers
    return table


def position(questions: Sequence[Question], answers: Mapping[str, str]) -> float | None:
    """The result of `score` alone, without its explanation: for reading many runs at once
    (comparing workshops), where building every explanation would cost 20 times more."""
    return position_scorer(questions)(answers)


def position_scorer(questions: Sequence[Question]) -> Callable[[Mapping[str, str]],
                                                               float | None]:
    """`position` with `questions` fixed, for many runs: looking the questions up in the
    cache hashes every question and answer, which was most of scoring 2,000 runs."""
    table = _score_table(tuple(questions))

    def position_of(answers: Mapping[str, str]) -> float | None:
        counted = [scores[answers[qid]] for qid, scores in table.items()
                   if qid in answers and answers[qid] in scores]
        return sum(counted) / len(counted) if counted else None

    return position_of
