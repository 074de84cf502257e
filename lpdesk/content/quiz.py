"""The quick quiz's questions, answers and scores, from resources/quiz.json.

Validated on load so a facilitator who edits the file gets an error naming the file and
the item (`questions[3].answers[1]: 'score' must be a number 0-100`) instead of a quiz that
scores wrongly. The scoring itself is `lpdesk.model.quiz_scoring.score`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lpdesk.content import load_json, require, resource_path, text_field
from lpdesk.model.quiz_scoring import Answer, Question

__all__ = ["MAX_ANSWERS", "MAX_QUESTIONS", "MIN_ANSWERS", "MIN_QUESTIONS", "Answer",
           "Question", "QuizContent", "parse_quiz", "quiz_content"]

MIN_QUESTIONS, MAX_QUESTIONS = 1, 40  # the bundled quiz has 10-15; a short one is allowed
MIN_ANSWERS, MAX_ANSWERS = 2, 4  # answered with the keys 1-4 / A-D


@dataclass(frozen=True)
class QuizContent:
    questions: tuple[Question, ...]
    scoring_rule: str
    credit: str

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def index_of(self, question_id: str) -> int:
        return [q.id for q in self.questions].index(question_id)


def _is_score(value: Any) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value) and 0 <= value <= 100)


def _parse_answer(path: Path, item: str, raw: Any) -> Answer:
    answer_id = text_field(path, item, raw, "id")
    text = text_field(path, item, raw, "text")
    require(path, item, _is_score(raw.get("score")), "'score' must be a number 0-100")
    return Answer(answer_id.strip(), text.strip(), float(raw["score"]))


def _parse_question(path: Path, item: str, raw: Any) -> Question:
    question_id = text_field(path, item, raw, "id").strip()
    text = text_field(path, item, raw, "text").strip()
    topic = raw.get("topic", "")
    require(path, item, isinstance(topic, str), "'topic' must be a text")
    answers_raw = raw.get("answers")
    require(path, item, isinstance(answers_raw, list), "'answers' must be a list")
    require(path, item, MIN_ANSWERS <= len(answers_raw) <= MAX_ANSWERS,
            f"needs {MIN_ANSWERS} to {MAX_ANSWERS} answers (it has {len(answers_raw)})")
    answers: list[Answer] = []
    for j, answer_raw in enumerate(answers_raw):
        answer = _parse_answer(path, f"{item}.answers[{j}]", answer_raw)
        require(path, f"{item}.answers[{j}]", answer.id not in {a.id for a in answers},
                f"duplicate answer id {answer.id!r} in this question")
        answers.append(answer)
    require(path, item, len({a.score for a in answers}) > 1,
            "its answers all have the same score, so it cannot tell stages apart")
    return Question(question_id, text, tuple(answers), topic.strip() or text)


def parse_quiz(path: Path, data: object) -> QuizContent:
    """Validate quiz content (already decoded from JSON); `path` is named in errors."""
    path = Path(path)
    require(path, "", isinstance(data, dict), "expected an object at the top")
    assert isinstance(data, dict)
    credit = text_field(path, "", data, "credit").strip()
    rule = text_field(path, "", data, "scoring_rule").strip()
    raw = data.get("questions")
    require(path, "questions", isinstance(raw, list), "expected a list of questions")
    assert isinstance(raw, list)
    require(path, "questions", MIN_QUESTIONS <= len(raw) <= MAX_QUESTIONS,
            f"needs {MIN_QUESTIONS} to {MAX_QUESTIONS} questions (it has {len(raw)})")
    questions: list[Question] = []
    for i, question_raw in enumerate(raw):
        question = _parse_question(path, f"questions[{i}]", question_raw)
        require(path, f"questions[{i}]", question.id not in {q.id for q in questions},
                f"duplicate question id {question.id!r}")
        questions.append(question)
    return QuizContent(tuple(questions), rule, credit)


@cache
def quiz_content() -> QuizContent:
    """The bundled quiz (read and validated once)."""
    path = resource_path("quiz.json")
    return parse_quiz(path, load_json(path))
