"""The bundled quiz is valid; broken quiz content names the file and the item."""
import copy
import json
from pathlib import Path

import pytest

from lpdesk.content import ContentError, load_json, resource_path
from lpdesk.content.quiz import parse_quiz, quiz_content
from lpdesk.model.quiz_scoring import score

PATH = Path("edited-quiz.json")


def bundled() -> dict:
    return load_json(resource_path("quiz.json"))


def test_bundled_quiz_is_valid_and_workshop_sized():
    content = quiz_content()
    assert 10 <= len(content.questions) <= 15
    assert "Kineo" in content.credit and "Learner Power" in content.credit
    assert "average" in content.scoring_rule
    ids = [q.id for q in content.questions]
    assert len(set(ids)) == len(ids) and all(i.startswith("q-") for i in ids)
    for q in content.questions:
        assert 2 <= len(q.answers) <= 4
        assert q.topic and q.text.strip()
        scores = [a.score for a in q.answers]
        # Every question can reach both ends, so all-left gives 0 and all-right 100.
        assert min(scores) == 0 and max(scores) == 100


def test_bundled_quiz_spans_the_whole_continuum():
    content = quiz_content()
    left = {q.id: min(q.answers, key=lambda a: a.score).id for q in content.questions}
    right = {q.id: max(q.answers, key=lambda a: a.score).id for q in content.questions}
    assert score(content.questions, left).position == 0
    assert score(content.questions, right).position == 100


def test_bundled_answers_are_not_always_in_scale_order():
    """A room should not learn that 'D' is always the learner end."""
    orders = {tuple(a.score for a in q.answers) for q in quiz_content().questions}
    assert len(orders) > 1


def test_the_documented_rule_is_in_the_file():
    assert bundled()["scoring_rule"] == quiz_content().scoring_rule


def broken(change) -> dict:
    data = copy.deepcopy(bundled())
    change(data)
    return data


def error_of(data) -> ContentError:
    with pytest.raises(ContentError) as info:
        parse_quiz(PATH, data)
    assert str(info.value).startswith(str(PATH) + ": ")
    return info.value


@pytest.mark.parametrize(("change", "item", "words"), [
    (lambda d: d["questions"][3]["answers"][1].__setitem__("score", 120),
     "questions[3].answers[1]", "'score' must be a number 0-100"),
    (lambda d: d["questions"][3]["answers"][1].__setitem__("score", "high"),
     "questions[3].answers[1]", "'score' must be a number 0-100"),
    (lambda d: d["questions"][0]["answers"][0].__setitem__("score", True),
     "questions[0].answers[0]", "'score'"),
    (lambda d: d["questions"][0]["answers"][2].pop("score"),
     "questions[0].answers[2]", "'score'"),
    (lambda d: d["questions"][2]["answers"][1].__setitem__("id", ""),
     "questions[2].answers[1]", "'id'"),
    (lambda d: d["questions"][2]["answers"][1].__setitem__(
        "id", d["questions"][2]["answers"][0]["id"]),
     "questions[2].answers[1]", "duplicate answer id"),
    (lambda d: d["questions"][5].__setitem__("id", d["questions"][1]["id"]),
     "questions[5]", "duplicate question id"),
    (lambda d: d["questions"][4].__setitem__("answers", d["questions"][4]["answers"][:1]),
     "questions[4]", "needs 2 to 4 answers"),
    (lambda d: d["questions"][4]["answers"].append(
        {"id": "a-five", "text": "Five", "score": 50}),
     "questions[4]", "needs 2 to 4 answers"),
    (lambda d: d["questions"][6].pop("text"), "questions[6]", "'text'"),
    (lambda d: d["questions"][6].__setitem__("answers", "all of them"),
     "questions[6]", "'answers' must be a list"),
    (lambda d: [a.__setitem__("score", 50) for a in d["questions"][7]["answers"]],
     "questions[7]", "same score"),
    (lambda d: d.__setitem__("questions", []), "questions", "needs 1 to"),
    (lambda d: d.__setitem__("questions", {"q": 1}), "questions", "list of questions"),
    (lambda d: d["questions"].__setitem__(8, "q-x"), "questions[8]", "expected an object"),
    (lambda d: d.pop("credit"), "", "'credit'"),
    (lambda d: d.__setitem__("scoring_rule", " "), "", "'scoring_rule'"),
])
def test_broken_content_names_the_file_and_the_item(change, item, words):
    error = error_of(broken(change))
    assert error.item == item
    assert words in error.problem
    prefix = f"{PATH}: {item}: " if item else f"{PATH}: "
    assert str(error).startswith(prefix)


def test_not_an_object_at_the_top():
    assert "expected an object" in str(error_of([1, 2]))


def test_a_broken_file_on_disk_names_the_file(tmp_path):
    path = tmp_path / "quiz.json"
    path.write_text(json.dumps(bundled())[:-20], encoding="utf-8")
    with pytest.raises(ContentError) as info:
        parse_quiz(path, load_json(path))
    assert str(path) in str(info.value) and "not valid JSON" in str(info.value)
