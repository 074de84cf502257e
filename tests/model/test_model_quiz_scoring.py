"""The quiz scoring rule: mean of the answered questions' scores, skipped ones left out."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lpdesk.model.quiz_scoring import Answer, Question, position, position_scorer, score


def question(qid: str, *scores: float) -> Question:
    return Question(qid, f"Question {qid}?",
                    tuple(Answer(f"s{int(s)}", f"answer scoring {s}", float(s)) for s in scores),
                    topic=qid)


# Answers deliberately not in left-to-right order, as in the bundled quiz.
QUESTIONS = (
    question("q1", 0, 35, 65, 100),
    question("q2", 65, 0, 100, 35),
    question("q3", 100, 0, 35, 65),
    question("q4", 0, 50, 100),
)


def leftmost(q: Question) -> str:
    return min(q.answers, key=lambda a: a.score).id


def rightmost(q: Question) -> str:
    return max(q.answers, key=lambda a: a.score).id


def test_all_leftmost_answers_give_the_left_end():
    result = score(QUESTIONS, {q.id: leftmost(q) for q in QUESTIONS})
    assert result.position == 0
    assert (result.answered, result.total, result.complete) == (4, 4, True)
    assert result.pulled_left == () and result.pulled_right == ()


def test_all_rightmost_answers_give_the_right_end():
    result = score(QUESTIONS, {q.id: rightmost(q) for q in QUESTIONS})
    assert result.position == 100
    assert result.complete


def test_mixed_answers_give_the_mean_and_the_strongest_pulls():
    # Hand computed: (0 + 65 + 100 + 50) / 4 = 215 / 4 = 53.75
    answers = {"q1": "s0", "q2": "s65", "q3": "s100", "q4": "s50"}
    result = score(QUESTIONS, answers)
    assert result.position == pytest.approx(53.75)
    # below 53.75: q1 (0, pull -53.75), q4 (50, pull -3.75); above: q3 (100), q2 (65)
    assert [c.question.id for c in result.pulled_left] == ["q1", "q4"]
    assert [c.question.id for c in result.pulled_right] == ["q3", "q2"]
    assert result.pulled_left[0].pull == pytest.approx(-53.75)
    assert result.pulled_right[0].answer.score == 100
    assert [c.question.id for c in result.counted] == ["q1", "q2", "q3", "q4"]


def test_skipped_questions_are_left_out_of_the_mean():
    # q2 and q4 skipped: (35 + 65) / 2 = 50, not (35 + 65) / 4
    result = score(QUESTIONS, {"q1": "s35", "q3": "s65"})
    assert result.position == pytest.approx(50)
    assert (result.answered, result.total, result.complete) == (2, 4, False)


def test_nothing_answered_has_no_position():
    result = score(QUESTIONS, {})
    assert result.position is None
    assert (result.answered, result.total) == (0, 4)
    assert result.pulled_left == result.pulled_right == ()


def test_unknown_question_and_answer_ids_are_ignored():
    answers = {"q1": "s100", "q-gone": "s0", "q2": "no-such-answer"}
    result = score(QUESTIONS, answers)
    assert result.position == 100
    assert result.answered == 1
    only_unknown = score(QUESTIONS, {"q-gone": "s0", "q3": "s-missing"})
    assert only_unknown.position is None


def test_an_answer_at_the_average_pulls_neither_way():
    result = score(QUESTIONS, {"q1": "s0", "q4": "s50", "q3": "s100"})
    assert result.position == pytest.approx(50)
    assert [c.question.id for c in result.pulled_left] == ["q1"]
    assert [c.question.id for c in result.pulled_right] == ["q3"]


def test_ties_keep_question_order():
    result = score(QUESTIONS, {"q1": "s0", "q2": "s0", "q3": "s100", "q4": "s100"})
    assert [c.question.id for c in result.pulled_left] == ["q1", "q2"]
    assert [c.question.id for c in result.pulled_right] == ["q3", "q4"]


def test_a_repeated_question_counts_once():
    result = score((*QUESTIONS, QUESTIONS[0]), {"q1": "s0", "q2": "s100"})
    assert result.position == 50
    assert result.total == 4


@given(st.dictionaries(st.sampled_from(["q1", "q2", "q3", "q4", "q-gone"]),
                       st.sampled_from(["s0", "s35", "s50", "s65", "s100", "s-missing"])))
def test_position_alone_is_the_scored_position(answers):
    for questions in (QUESTIONS, (*QUESTIONS, QUESTIONS[0])):
        assert position(questions, answers) == score(questions, answers).position
        # the scorer for many runs (comparing workshops) reads the questions once
        assert position_scorer(list(questions))(answers) == score(questions, answers).position
