"""The quick quiz on the phones: the facilitator opens it from the quiz chooser, each phone
answers its own run (ordinary quiz runs, so they survive a reconnect and a save), a finished
phone's result lands on the continuum's current area, and the facilitator sees how many
have finished and closes it. Hostile answers are refused and change nothing."""
from __future__ import annotations

import copy

import pytest
from live_helpers import Phone

from lpdesk.content.quiz import quiz_content
from lpdesk.model.quiz_scoring import score
from lpdesk.storage.codec import session_from_dict, session_to_dict


def open_on_phones(chooser, purpose: str = "now") -> None:
    """The facilitator picks "Everyone, on phones" in the quiz chooser and presses Start."""
    from lpdesk.ui.quiz.chooser import PHONES
    chooser.subject.setCurrentIndex(chooser.subject.findData(PHONES))
    chooser.purpose.setCurrentIndex(chooser.purpose.findData(purpose))
    chooser.start.click()


pytestmark = pytest.mark.filterwarnings("ignore:connect\\(\\) must be used:DeprecationWarning")


@pytest.fixture
def quiz_room(demo_window, qtbot):
    w = demo_window
    assert w.live.start("127.0.0.1")
    quiz_item = next(i for i in w.visible_items() if i.kind == "quiz")
    w.show_activity(quiz_item.id)
    page = w.pages[quiz_item.id]
    yield w, page
    w.live.stop()


def test_everyone_takes_the_quiz_on_their_phone_and_results_land_on_the_continuum(
        quiz_room, qtbot):
    w, page = quiz_room
    s = w.doc.session
    c = w.live.controller
    area = s.continuum.current_area
    questions = quiz_content().questions
    amira, ben = s.participants[0], s.participants[1]
    a = Phone(qtbot, c.url).join(c.room.code, amira.id)
    b = Phone(qtbot, c.url).join(c.room.code, ben.id)
    runs_before = len(s.quiz.runs)
    open_on_phones(page.chooser)  # "Everyone, on phones", for now
    bar = page.phones_bar
    assert not bar.isHidden() and "0 of 2 finished" in bar.label.text()
    qs = a.wait_section("quiz_questions")["questions"]
    assert [q["id"] for q in qs] == [q.id for q in questions]
    assert all(set(x) == {"id", "text"} for q in qs for x in q["answers"])  # no scores
    assert a.wait_section("quiz", lambda q: q["open"])["current"] == 0
    answers = {}
    for i, q in enumerate(questions):
        if i == 2:
            continue  # skipped
        pick = q.answers[i % len(q.answers)]
        answers[q.id] = pick.id
        seq = a.send({"type": "quiz_answer", "question": q.id, "answer": pick.id})
        a.wait_type("ack", seq=seq)
    # change the first answer
    answers[questions[0].id] = questions[0].answers[-1].id
    a.wait_type("ack", seq=a.send({"type": "quiz_answer", "question": questions[0].id,
                                   "answer": questions[0].answers[-1].id}))
    run = next(r for r in s.quiz.runs if r.subject_id == amira.id and r.purpose == "now")
    assert run.answers == answers and len(s.quiz.runs) == runs_before + 1
    assert s.quiz.current_run_id != run.id  # the projector's quiz is not taken over
    # Ben half-way, then his phone drops and comes back with the same token
    b.wait_type("ack", seq=b.send({"type": "quiz_answer", "question": questions[0].id,
                                   "answer": questions[0].answers[0].id}))
    b.wait_type("ack", seq=b.send({"type": "quiz_go", "index": 1}))
    token = b.token
    b.ws.close()
    b2 = Phone(qtbot, c.url)
    assert b2.hello(c.room.code, token)["type"] == "welcome"
    mine = b2.wait_section("quiz", lambda q: q["current"] == 1)
    assert mine["answers"] == {questions[0].id: questions[0].answers[0].id}
    # Amira finishes: her result is placed as her now on the current area
    a.wait_type("ack", seq=a.send({"type": "quiz_go", "index": len(questions)}))
    expected = score(questions, answers)
    mine = a.wait_section("quiz", lambda q: q["finished"])
    assert mine["result"]["position"] == round(expected.position, 1)
    assert mine["result"]["left"] == [{"topic": x.question.topic, "answer": x.answer.text}
                                      for x in expected.pulled_left[:2]]
    assert area.placements[amira.id].now == round(expected.position, 1)
    assert "1 of 2 finished" in bar.label.text()
    # save and reopen: the half-done run is an ordinary run of the session
    back = session_from_dict(session_to_dict(s))
    ben_run = next(r for r in back.quiz.runs if r.subject_id == ben.id)
    assert ben_run.current_question == 1 and len(ben_run.answers) == 1
    # closing places what each finished phone has and refuses further answers
    bar.close_button.click()
    assert bar.isHidden()
    assert not a.wait_section("quiz", lambda q: not q["open"])["open"]
    seq = a.send({"type": "quiz_answer", "question": questions[0].id, "answer": None})
    assert a.wait_type("error", seq=seq)["code"] == "activity"
    assert run.answers == answers


def test_hostile_quiz_traffic_is_refused_and_the_session_is_unchanged(quiz_room, qtbot):
    w, page = quiz_room
    s = w.doc.session
    c = w.live.controller
    questions = quiz_content().questions
    phone = Phone(qtbot, c.url).join(c.room.code, s.participants[3].id)
    seq = phone.send({"type": "quiz_answer", "question": questions[0].id,
                      "answer": questions[0].answers[0].id})
    assert phone.wait_type("error", seq=seq)["code"] == "activity"  # not opened yet
    open_on_phones(page.chooser)
    phone.wait_section("quiz", lambda q: q["open"])
    before = copy.deepcopy(session_to_dict(s))
    for bad, code in (
            ({"question": "no-such-question", "answer": questions[0].answers[0].id},
             "question"),
            ({"question": questions[0].id, "answer": questions[1].answers[0].id + "-x"},
             "answer"),
            ({"question": questions[0].id, "answer": 3}, "field"),
            ({"question": questions[0].id, "answer": "a" * 500}, "field")):
        seq = phone.send({"type": "quiz_answer", **bad})
        assert phone.wait_type("error", seq=seq)["code"] == code, bad
    for index, code in ((len(questions) + 1, "field"), (-1, "field"), (True, "field"),
                        (10 ** 6, "field")):
        seq = phone.send({"type": "quiz_go", "index": index})
        assert phone.wait_type("error", seq=seq)["code"] == code
    stranger = Phone(qtbot, c.url)
    assert stranger.hello(c.room.code)["type"] == "welcome"
    seq = stranger.send({"type": "quiz_go", "index": 0})
    assert stranger.wait_type("error", seq=seq)["code"] == "who"
    assert session_to_dict(s) == before


def test_the_facilitator_removing_a_phones_run_reaches_that_phone(quiz_room, qtbot):
    from lpdesk.commands.quiz import RemoveRunCommand

    w, page = quiz_room
    s = w.doc.session
    c = w.live.controller
    q = quiz_content().questions[0]
    phone = Phone(qtbot, c.url).join(c.room.code, s.participants[5].id)
    open_on_phones(page.chooser)
    phone.wait_type("ack", seq=phone.send({"type": "quiz_answer", "question": q.id,
                                           "answer": q.answers[1].id}))
    assert phone.wait_section("quiz", lambda x: x["answers"] == {q.id: q.answers[1].id})
    run = next(r for r in s.quiz.runs if r.subject_id == s.participants[5].id)
    w.doc.push(RemoveRunCommand(s.quiz, run.id))
    assert phone.wait_section("quiz", lambda x: x["answers"] == {})
    w.doc.undo_stack.undo()
    assert phone.wait_section("quiz", lambda x: x["answers"] == {q.id: q.answers[1].id})


def test_reopening_the_quiz_for_phones_starts_a_new_run_and_leaves_the_last_one(
        quiz_room, qtbot):
    w, page = quiz_room
    s = w.doc.session
    c = w.live.controller
    questions = quiz_content().questions
    who = s.participants[6]
    phone = Phone(qtbot, c.url).join(c.room.code, who.id)
    open_on_phones(page.chooser)
    first_opening = phone.wait_section("quiz", lambda q: q["open"])["opening"]
    q0 = questions[0]
    phone.wait_type("ack", seq=phone.send({"type": "quiz_answer", "question": q0.id,
                                           "answer": q0.answers[0].id}))
    phone.wait_type("ack", seq=phone.send({"type": "quiz_go", "index": 3}))
    first = next(r for r in s.quiz.runs if r.subject_id == who.id)
    page.phones_bar.close_button.click()
    open_on_phones(page.chooser)  # a second round, same purpose
    mine = phone.wait_section("quiz", lambda q: q["open"] and q["opening"] != first_opening)
    assert mine["answers"] == {} and mine["current"] == 0 and not mine["finished"]
    phone.wait_type("ack", seq=phone.send({"type": "quiz_answer", "question": q0.id,
                                           "answer": q0.answers[-1].id}))
    runs = [r for r in s.quiz.runs if r.subject_id == who.id]
    assert len(runs) == 2 and runs[0] is first
    assert first.answers == {q0.id: q0.answers[0].id} and first.current_question == 3
    assert runs[1].answers == {q0.id: q0.answers[-1].id}
    assert "0 of 1 finished" in page.phones_bar.label.text()  # the old run is not counted
