"""The quiz under phones' traffic (issue 28): the page refreshes once after a phones'
slice, the chooser sets only the choices that differ, and the hidden view is styled only
when shown."""
from hypothesis import given, settings
from hypothesis import strategies as st
from shown import shown

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
    return shown(qtbot, QuizPage(doc or SessionDocument(demo_session())))


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


def test_every_view_has_the_page_s_text_size(qtbot):
    """The hidden view too: the stacked views' minimum size counts it, so a view left at
    its first size would widen the page (and the fitting never styles it twice)."""
    page = make_page(qtbot)
    assert page.question_view.unit == page.result_view.unit == page.unit
    page.start_run("room", None)
    qtbot.wait(20)
    assert page.question_view.unit == page.result_view.unit == page.unit
    page.resize(1920, 1080)
    qtbot.waitUntil(lambda: page.unit > 1.0)
    assert page.question_view.unit == page.result_view.unit == page.unit


def test_a_choice_list_is_measured_once_per_change(qtbot, monkeypatch):
    from lpdesk.ui.quiz.chooser import FittingCombo, set_choices

    combo = FittingCombo(60)
    qtbot.addWidget(combo)
    set_choices(combo, [(f"Participant {i}", str(i)) for i in range(300)])
    measured = []
    original = FittingCombo._width
    monkeypatch.setattr(FittingCombo, "_width", lambda self, fm, text: (
        measured.append(text), original(self, fm, text))[1])
    first = combo.sizeHint().width()
    assert len(measured) == 301  # every choice and the placeholder, once
    measured.clear()
    assert combo.sizeHint().width() == first and measured == []  # nothing changed
    set_choices(combo, [(f"Participant {i}", str(i)) for i in range(299)]
                + [("A participant with a much longer name than the others", "299")])
    assert combo.sizeHint().width() > first  # the longer choice widens it


def test_phones_progress_changes_the_run_list_without_laying_the_page_out_again(
        qtbot, monkeypatch):
    """While the room answers on phones, every run's "3/13" changes: the chooser's width
    is measured from each run at its widest ("13/13 ✓"), so the choices change and the
    page is not laid out again; a new run is measured."""
    doc = SessionDocument(demo_session())
    page = make_page(qtbot, doc)
    runs = []
    for p in doc.session.participants[:3]:
        run = new_run(page.quiz, "participant", p.id)
        doc.apply(AddRunCommand(page.quiz, run))
        runs.append(run)
    page._refresh_chooser()
    chooser = page.chooser
    geometry = []
    for widget in (chooser, chooser.runs):
        monkeypatch.setattr(widget, "updateGeometry", lambda w=widget: geometry.append(w))
    for n in range(len(QUESTIONS)):  # a run from nothing to done, on its phone
        answer(page, runs[0], n)
        page._refresh_chooser()
    texts = [chooser.runs.itemText(i) for i in range(chooser.runs.count())]
    assert f"{len(QUESTIONS)}/{len(QUESTIONS)} \u2713" in texts[0]
    assert geometry == []
    fm = chooser.runs.fontMetrics()
    assert chooser.runs.sizeHint().width() > max(fm.horizontalAdvance(t) for t in texts)
    doc.apply(AddRunCommand(page.quiz, new_run(page.quiz, "room", None)))
    page._refresh_chooser()
    assert chooser.runs in geometry
