"""The phones' pipeline in bounded pieces (issue 28, docs/architecture.md "The frame
budget"): a slice's quiz answers are one command, and what phones receive is built in
pieces a frame apart. Driven without sockets, as in test_live_pipeline.py."""
from test_live_pipeline import answers, queue, room, slice_now

from lpdesk.commands.live import AnswersFromPhonesCommand
from lpdesk.content.quiz import quiz_content
from lpdesk.live.events import Arrived
from lpdesk.live.protocol import Message
from lpdesk.model import limits
from lpdesk.ui.live import controller as live_controller


def test_a_slices_quiz_answers_are_counted_against_the_limits_once(qapp, monkeypatch):
    """Each answer was its own command, and the session was counted against the file's
    limits after each: two-thirds of a slice's CPU with 200 phones answering."""
    monkeypatch.setattr(live_controller, "SLICE_MS", 10_000.0)  # all in one slice
    c = room(6)
    c.activities.open_quiz("now")
    queue(c, answers(c, 0))  # the phones' runs are made (one command each)
    slice_now(c)
    counted = []
    real = limits.count_problem
    monkeypatch.setattr("lpdesk.document.count_problem",
                        lambda s: counted.append(1) or real(s))
    queue(c, answers(c, 1))
    slice_now(c)
    q1 = quiz_content().questions[1]
    runs = c.activities.phone_runs()
    assert all(r.answers[q1.id] == q1.answers[0].id for r in runs.values())
    assert all(r.current_question == 1 for r in runs.values())  # the question answered
    assert counted == [1]
    acked = [d for d, text in c.server.sent if '"ack"' in text and '"seq":11' in text]
    assert sorted(acked) == [f"d{i}" for i in range(6)]  # every answer acked


def test_answers_and_moves_as_a_phones_page_sends_them_are_one_command(qapp, monkeypatch):
    """The phone's page sends an answer, then a move to the next question, every time; a
    move that applied the answers before it would count the session once per phone."""
    monkeypatch.setattr(live_controller, "SLICE_MS", 10_000.0)
    c = room(6)
    c.activities.open_quiz("now")
    queue(c, answers(c, 0))  # the phones' runs are made
    slice_now(c)
    counted = []
    real = limits.count_problem
    monkeypatch.setattr("lpdesk.document.count_problem",
                        lambda s: counted.append(1) or real(s))
    q1 = quiz_content().questions[1]
    for i in range(6):
        queue(c, [Arrived(f"d{i}", Message("quiz_answer", 20, f"t{i}", {
            "question": q1.id, "answer": q1.answers[1].id}), 0.0)])
        queue(c, [Arrived(f"d{i}", Message("quiz_go", 21, f"t{i}", {"index": 2}), 0.0)])
    slice_now(c)
    runs = c.activities.phone_runs().values()
    assert all(r.answers[q1.id] == q1.answers[1].id for r in runs)
    assert all(r.current_question == 2 for r in runs)  # the move came after the answer
    assert counted == [1]


def test_answers_then_finishing_in_one_slice_score_every_answer(qapp, monkeypatch):
    """A phone's answers wait for the end of the slice; moving on (here: finishing, which
    places the result) takes them first, in the order they came."""
    monkeypatch.setattr(live_controller, "SLICE_MS", 10_000.0)
    c = room(1)
    c.activities.open_quiz("now")
    questions = quiz_content().questions
    for j, q in enumerate(questions):
        queue(c, [Arrived("d0", Message("quiz_answer", 10 + j, "t0", {
            "question": q.id, "answer": q.answers[-1].id}), 0.0)])
    queue(c, [Arrived("d0", Message("quiz_go", 99, "t0", {"index": len(questions)}),
                         0.0)])
    slice_now(c)
    run = next(iter(c.activities.phone_runs().values()))
    assert len(run.answers) == len(questions)
    assert run.current_question == len(questions)  # the result screen, not the last answer
    area = c.doc.session.continuum.current_area
    pid = c.doc.session.participants[0].id
    assert area.placements[pid].now is not None  # scored with every answer


def test_an_answer_sent_again_moves_nothing(qapp, monkeypatch):
    """As before the batching: the same answer again makes no edit, so the run stays on
    the question the phone is on."""
    monkeypatch.setattr(live_controller, "SLICE_MS", 10_000.0)
    c = room(1)
    c.activities.open_quiz("now")
    q0, q1 = quiz_content().questions[:2]
    for seq, q in ((10, q0), (11, q1)):
        queue(c, [Arrived("d0", Message("quiz_answer", seq, "t0", {
            "question": q.id, "answer": q.answers[0].id}), 0.0)])
    slice_now(c)
    queue(c, [Arrived("d0", Message("quiz_answer", 12, "t0", {
        "question": q0.id, "answer": q0.answers[0].id}), 0.0)])
    slice_now(c)
    run = next(iter(c.activities.phone_runs().values()))
    assert run.current_question == 1


def test_answers_from_phones_undo_as_one_step(qapp):
    c = room(2)
    quiz = c.doc.session.quiz
    c.activities.open_quiz("now")
    queue(c, answers(c, 0))
    slice_now(c)
    runs = list(c.activities.phone_runs().values())
    before = [(dict(r.answers), r.current_question) for r in runs]
    q1, q2 = quiz_content().questions[1:3]
    command = AnswersFromPhonesCommand(quiz, {
        runs[0].id: [(q1.id, q1.answers[0].id, 1), (q2.id, q2.answers[1].id, 2),
                     (q1.id, q1.answers[2].id, 1)],  # changed again: the last one wins
        runs[1].id: [(q1.id, q1.answers[0].id, 1)]})
    command.redo()
    assert runs[0].answers[q1.id] == q1.answers[2].id and runs[0].current_question == 1
    assert runs[1].current_question == 1
    command.undo()
    assert [(dict(r.answers), r.current_question) for r in runs] == before


def test_phones_sections_are_built_in_pieces_a_frame_apart(qtbot):
    """After the facilitator's edit every phone's own section is built again: 200 phones
    took 18 ms in one go. The timers' flush builds them in pieces (here a budget of 0 ms:
    one phone a piece), the phones left a frame later, and every phone gets its own."""
    c = room(5)
    c.flush()  # all of them, now (as at the start)
    published = len(c.server.published)
    c.set_options(locked=True)  # every phone's own part, and the room
    c.flush(budget_ms=0.0)
    shared, personal = c.server.published[-1]
    assert "room" in shared and len(personal) == 1
    assert c._flush_more.isActive()  # the rest, a frame later
    for _ in range(4):
        c.flush(budget_ms=0.0)
    pieces = c.server.published[published:]
    assert [len(p) for _s, p in pieces] == [1] * 5
    assert sorted(d for _s, p in pieces for d in p) == [f"d{i}" for i in range(5)]
    c._flush_more.stop()
    c.flush(budget_ms=0.0)
    assert len(c.server.published) == published + 5  # nothing left: nothing handed over
    assert not c._flush_more.isActive()


def test_phones_that_sent_are_built_in_the_order_they_sent(qapp):
    """What waits longest goes first: a phone that keeps sending cannot keep another's
    section waiting."""
    c = room(4)
    c.flush()
    area = c.doc.session.continuum.current_area.id
    for device in (2, 0, 3):
        queue(c, [Arrived(f"d{device}", Message("place", 60 + device, f"t{device}", {
            "area": area, "which": "now", "value": 10.0 + device}), 0.0)])
        slice_now(c)
    c.flush(budget_ms=0.0)
    queue(c, [Arrived("d2", Message("place", 70, "t2", {
        "area": area, "which": "now", "value": 44.0}), 0.0)])
    slice_now(c)  # d2 again: it waits behind those who sent before
    c.flush(budget_ms=0.0)
    c.flush(budget_ms=0.0)
    c.flush(budget_ms=0.0)
    order = [d for _s, p in c.server.published[-4:] for d in p]
    assert order == ["d2", "d0", "d3", "d2"]


def test_an_ack_is_what_the_json_encoder_would_write():
    from lpdesk.live.protocol import encode
    from lpdesk.ui.live.controller import ack_text
    for seq in (None, 0, 1, 2 ** 31 - 1):
        assert ack_text(seq) == encode({"type": "ack", "seq": seq})


def test_a_slice_keeps_room_in_its_budget_for_applying_what_it_read(qapp):
    """Reading stopped at the budget, then applying and acking what was read came on top:
    a slice of 400 cheap placements ran twice its budget. Now the messages read count at
    what applying and acking each cost in the last slices (measured, averaged)."""
    c = room(6)
    area = c.doc.session.continuum.current_area.id
    c._after_per_message = 1.0  # as if applying one message took a second
    queue(c, [Arrived(f"d{i}", Message("place", 80, f"t{i}", {
        "area": area, "which": "now", "value": 50.0}), 0.0) for i in range(6)])
    slice_now(c)
    assert len(c._inbox) == 5  # one message read (a slice always reads one), five wait
    assert 0.0 < c._after_per_message < 1.0  # measured on this slice, averaged in
    while len(c._inbox):
        slice_now(c)
    placed = c.doc.session.continuum.current_area.placements
    assert all(placed[p.id].now == 50.0 for p in c.doc.session.participants)
