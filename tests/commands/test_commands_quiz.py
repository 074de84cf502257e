"""Quiz edits are undoable steps; navigation is not."""
import pytest
from PySide6.QtGui import QUndoStack

from lpdesk.commands.quiz import (
    AnswerCommand,
    PlaceQuizResultCommand,
    RemoveRunCommand,
    StartRunCommand,
    new_run,
    show_question,
    show_run,
)
from lpdesk.demo import demo_session
from lpdesk.model.continuum import Placement


@pytest.fixture
def session(qapp):
    return demo_session()


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def started(session, stack, kind="participant", subject="p-01", purpose="now"):
    run = new_run(session.quiz, kind, subject, purpose)
    stack.push(StartRunCommand(session.quiz, run, "Amira"))
    return run


def test_start_run_adds_and_shows_it_then_undo_takes_it_away(session, stack):
    quiz = session.quiz
    first = started(session, stack)
    second = started(session, stack, "group", "g-harbour", "target")
    assert [r.id for r in quiz.runs] == [first.id, second.id]
    assert quiz.current_run_id == second.id and second.purpose == "target"
    stack.undo()
    assert [r.id for r in quiz.runs] == [first.id]
    assert quiz.current_run_id == first.id
    stack.undo()
    assert quiz.runs == [] and quiz.current_run_id is None
    stack.redo()
    stack.redo()
    assert quiz.current_run_id == second.id and len(quiz.runs) == 2


def test_new_run_ids_are_unique_and_subjects_checked(session):
    quiz = session.quiz
    runs = [new_run(quiz, "room", None) for _ in range(5)]
    for r in runs:
        quiz.runs.append(r)
        assert new_run(quiz, "room", None).id not in {x.id for x in quiz.runs}
    with pytest.raises(ValueError):
        new_run(quiz, "participant", None)
    with pytest.raises(ValueError):
        new_run(quiz, "room", "p-01")


def test_answer_set_change_clear_and_undo_each(session, stack):
    quiz = session.quiz
    run = started(session, stack)
    stack.push(AnswerCommand(quiz, run.id, "q-decide", "a-central", 0))
    stack.push(AnswerCommand(quiz, run.id, "q-track", "a-own", 1))
    stack.push(AnswerCommand(quiz, run.id, "q-decide", "a-self", 0))  # change
    assert stack.command(stack.count() - 1).text() == "Change answer to question 1"
    stack.push(AnswerCommand(quiz, run.id, "q-track", None, 1))  # clear
    assert run.answers == {"q-decide": "a-self"}
    stack.undo()
    assert run.answers == {"q-decide": "a-self", "q-track": "a-own"}
    stack.undo()
    assert run.answers == {"q-decide": "a-central", "q-track": "a-own"}
    stack.undo()
    assert run.answers == {"q-decide": "a-central"}
    stack.undo()
    assert run.answers == {}
    for _ in range(4):
        stack.redo()
    assert run.answers == {"q-decide": "a-self"}


def test_undoing_an_answer_shows_its_question(session, stack):
    quiz = session.quiz
    run = started(session, stack)
    stack.push(AnswerCommand(quiz, run.id, "q-measure", "a-practice", 2))
    show_question(quiz, run.id, 6)
    stack.undo()
    assert run.current_question == 2 and "q-measure" not in run.answers


def test_navigation_is_not_an_undo_step(session, stack):
    quiz = session.quiz
    run = started(session, stack)
    other = started(session, stack, "room", None)
    count = stack.count()
    seen = []
    quiz.changed.connect(seen.append)
    show_question(quiz, run.id, 4)
    show_run(quiz, run.id)
    assert stack.count() == count
    assert run.current_question == 4 and quiz.current_run_id == run.id
    assert seen == [run.id, run.id]
    show_question(quiz, run.id, 4)  # no change, no event
    assert len(seen) == 2
    assert other.current_question == 0


def test_remove_run_and_undo_restores_place_answers_and_current(session, stack):
    quiz = session.quiz
    a = started(session, stack)
    b = started(session, stack, "participant", "p-02")
    c = started(session, stack, "participant", "p-03")
    stack.push(AnswerCommand(quiz, b.id, "q-decide", "a-manager", 0))
    show_run(quiz, b.id)
    stack.push(RemoveRunCommand(quiz, b.id, "Ben"))
    assert [r.id for r in quiz.runs] == [a.id, c.id]
    assert quiz.current_run_id is None
    stack.undo()
    assert [r.id for r in quiz.runs] == [a.id, b.id, c.id]
    assert quiz.run(b.id).answers == {"q-decide": "a-manager"}
    assert quiz.current_run_id == b.id


@pytest.mark.parametrize("which", ["now", "target"])
def test_place_result_sets_a_participants_marker_and_undo_restores(session, stack, which):
    area = session.continuum.areas[0]
    before = area.placements["p-01"]
    stack.push(PlaceQuizResultCommand(session.continuum, area.id, "participant", "p-01",
                                      which, 58.333333, "Amira"))
    after = area.placements["p-01"]
    assert after.get(which) == 58.3
    other = "target" if which == "now" else "now"
    assert after.get(other) == before.get(other)  # the other marker stays
    stack.undo()
    assert area.placements["p-01"] == before
    stack.redo()
    assert area.placements["p-01"].get(which) == 58.3


def test_place_result_for_someone_not_yet_placed_and_undo_removes_it(session, stack):
    area = session.continuum.areas[2]  # compliance: only the first six are placed
    assert "p-12" not in area.placements
    stack.push(PlaceQuizResultCommand(session.continuum, area.id, "participant", "p-12",
                                      "now", 12.0))
    assert area.placements["p-12"] == Placement(12.0, None)
    stack.undo()
    assert "p-12" not in area.placements


def test_place_result_for_a_group_and_for_the_room(session, stack):
    area = session.continuum.areas[0]
    old_group = area.group_placements.get("g-quay", Placement())
    old_consensus = area.consensus
    stack.push(PlaceQuizResultCommand(session.continuum, area.id, "group", "g-quay",
                                      "target", 80))
    stack.push(PlaceQuizResultCommand(session.continuum, area.id, "room", None, "now", 41.25))
    assert area.group_placements["g-quay"].target == 80
    assert area.consensus == Placement(41.2, old_consensus.target)  # round-half-even
    assert "g-quay" not in area.placements
    stack.undo()
    stack.undo()
    assert area.consensus == old_consensus
    assert area.group_placements.get("g-quay", Placement()) == old_group


def test_place_result_keeps_positions_on_the_axis(session, stack):
    area = session.continuum.areas[0]
    stack.push(PlaceQuizResultCommand(session.continuum, area.id, "room", None, "now", 100.04))
    assert area.consensus.now == 100.0
