"""The quiz under phones' traffic (issue 28): the page refreshes once after a phones'
slice, the chooser sets only the choices that differ, and the hidden view is styled only
when shown."""
from hypothesis import given, settings
from hypothesis import strategies as st

from lpdesk.commands.quiz import AddRunCommand, AnswerCommand, new_run
from lpdesk.content.quiz import quiz_content
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.model.quiz import QuizRun
from lpdesk.model.quiz_scoring import score
from lpdesk.ui.base.frames import phones_applying
from lpdesk.ui.quiz.page import QuizPage

QUESTIONS = quiz_content().questions


def make_page(qtbot, doc=None):
    page = QuizPage(doc or SessionDocument(demo_session()))
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    return page


def answer(page, run, n, choice=0):
    q = QUESTIONS[n]
    page.doc.apply(AnswerCommand(page.quiz, run.id, q.id, q.answers[choice].id, n))


def test_a_phones_slice_refreshes_the_page_once_after_it(qtbot):
    page = make_page(qtbot)
    run = page.start_run("room", None)
    runs = page._frame_refresh.runs
    with phones_applying():
        answer(page, run, 0)
        answer(page, run, 1)
        assert page.question_view.progress.answered[:2] == [False, False]  # not yet
    qtbot.waitUntil(lambda: page._frame_refresh.runs == runs + 1)
    qtbot.wait(20)
    assert page._frame_refresh.runs == runs + 1
    assert page.question_view.progress.answered[:2] == [True, True]


def test_the_chooser_sets_only_the_choices_that_differ(qtbot, monkeypatch):
    doc = SessionDocument(demo_session())
    page = make_page(qtbot, doc)
    people = doc.session.participants[:3]
    runs = []
    for p in people:
        run = new_run(page.quiz, "participant", p.id)
        doc.apply(AddRunCommand(page.quiz, run))
        runs.append(run)
    page._refresh_chooser()
    chooser = page.chooser
    before = [chooser.runs.itemText(i) for i in range(chooser.runs.count())]
    set_texts = []
    for combo in (chooser.runs, chooser.subject):
        monkeypatch.setattr(combo, "clear", lambda: set_texts.append("clear"))
        original = combo.setItemText
        monkeypatch.setattr(combo, "setItemText", lambda i, t, original=original: (
            set_texts.append(t), original(i, t)))
    answer(page, runs[1], 0)
    page._refresh_chooser()
    after = [chooser.runs.itemText(i) for i in range(chooser.runs.count())]
    changed = [t for b, t in zip(before, after, strict=True) if b != t]
    assert changed == [f"{people[1].name} \u00b7 now \u00b7 1/{len(QUESTIONS)}"]
    assert set_texts == changed  # one choice set, nothing cleared
    # a run removed and one added: the list follows
    doc.undo_stack.push(AddRunCommand(page.quiz, new_run(page.quiz, "room", None)))
    page._refresh_chooser()
    assert chooser.runs.count() == len(page.quiz.runs)
    assert chooser.runs.itemText(chooser.runs.count() - 1).startswith("The whole room")


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from([q.id for q in QUESTIONS] + ["nope"]),
                       st.sampled_from(sorted({a.id for q in QUESTIONS for a in q.answers}
                                              | {"bad"}))))
def test_answered_count_counts_as_score_does(qapp, answers):
    page = QuizPage(SessionDocument(demo_session()))
    try:
        run = QuizRun("r", "room", None, "now", answers=answers)
        assert page.answered_count(run) == score(QUESTIONS, answers).answered
    finally:
        page.deleteLater()


def test_the_hidden_view_is_styled_only_when_shown(qtbot, monkeypatch):
    doc = SessionDocument(demo_session())
    units = []
    monkeypatch.setattr(QuizPage, "_set_look", lambda self, view, u, original=(
        QuizPage._set_look): (units.append(type(view).__name__), original(self, view, u)))
    page = make_page(qtbot, doc)
    run = page.start_run("room", None)
    qtbot.wait(20)
    assert "QuizResultView" not in units
    for n in range(len(QUESTIONS)):
        answer(page, run, n)
    page.go_to(len(QUESTIONS))
    assert page.views.currentWidget() is page.result_view
    assert page.result_view.unit == page.unit  # styled for the room it has
