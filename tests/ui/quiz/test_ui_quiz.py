"""The quiz page: answering by keys and clicks, moving back and forth, changing answers,
placing the result on the continuum (undoable), and reopening a half-done quiz."""
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from lpdesk.content import ContentError
from lpdesk.content.quiz import quiz_content
from lpdesk.content.stages import continuum_content
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.model.continuum_words import format_position
from lpdesk.model.quiz_scoring import score
from lpdesk.storage import dumps_session, parse_session
from lpdesk.ui.quiz.page import QuizPage

QUESTIONS = quiz_content().questions
TOTAL = len(QUESTIONS)


@pytest.fixture
def doc(qapp):
    return SessionDocument(demo_session())


def make_page(qtbot, doc, audience=False):
    page = QuizPage(doc, audience=audience)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.activateWindow()  # the quiz keys are window shortcuts: the window must be active
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    return page


@pytest.fixture
def page(qtbot, doc):
    page = make_page(qtbot, doc)
    page.advance_delay_ms = 20
    return page


def key(qtbot, page, k):
    qtbot.keyClick(page, k)


def run_of(page):
    run = page.current_run()
    assert run is not None
    return run


def wait_question(qtbot, page, index):
    qtbot.waitUntil(lambda: page.question_index() == index, timeout=2000)


def test_keys_1_to_4_and_a_to_d_answer_and_move_on(qtbot, page):
    page.start_run("participant", "p-01")
    run = run_of(page)
    assert page.views.currentWidget() is page.question_view
    presses = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4,
               Qt.Key.Key_A, Qt.Key.Key_B, Qt.Key.Key_C, Qt.Key.Key_D]
    for index, k in enumerate(presses):
        assert page.question_view.progress_label.text() == f"Question {index + 1} of {TOTAL}"
        key(qtbot, page, k)
        choice = index % 4
        assert run.answers[QUESTIONS[index].id] == QUESTIONS[index].answers[choice].id
        assert page.question_view.answer_buttons[choice].isChecked()
        wait_question(qtbot, page, index + 1)
    assert len(run.answers) == 8
    assert page.doc.undo_stack.count() == 1 + 8  # the start, then one step per answer


def test_keypad_digits_and_clicks_answer_too(qtbot, page):
    page.start_run("room", None)
    run = run_of(page)
    qtbot.keyClick(page, Qt.Key.Key_3, Qt.KeyboardModifier.KeypadModifier)
    assert run.answers[QUESTIONS[0].id] == QUESTIONS[0].answers[2].id
    wait_question(qtbot, page, 1)
    qtbot.mouseClick(page.question_view.answer_buttons[1], Qt.MouseButton.LeftButton)
    assert run.answers[QUESTIONS[1].id] == QUESTIONS[1].answers[1].id


def test_arrows_move_back_and_forth_to_the_result_and_back(qtbot, page):
    page.start_run("participant", "p-02")
    key(qtbot, page, Qt.Key.Key_Left)
    assert page.question_index() == 0  # nothing before the first question
    key(qtbot, page, Qt.Key.Key_Right)
    key(qtbot, page, Qt.Key.Key_Right)
    assert page.question_index() == 2
    assert run_of(page).answers == {}  # moving on skips, it does not answer
    key(qtbot, page, Qt.Key.Key_Left)
    assert page.question_index() == 1
    for _ in range(TOTAL + 3):
        key(qtbot, page, Qt.Key.Key_Right)
    assert page.question_index() == TOTAL
    assert page.views.currentWidget() is page.result_view
    assert page.result_view.stage_label.text() == "No result yet"
    key(qtbot, page, Qt.Key.Key_1)  # answer keys do nothing on the result screen
    assert run_of(page).answers == {}
    key(qtbot, page, Qt.Key.Key_Left)
    assert page.question_index() == TOTAL - 1
    assert page.question_view.next_button.text().startswith("See result")


def test_navigation_is_saved_but_not_an_undo_step(qtbot, page):
    page.start_run("participant", "p-03")
    page.doc.undo_stack.setClean()
    count = page.doc.undo_stack.count()
    for _ in range(4):
        key(qtbot, page, Qt.Key.Key_Right)
    assert run_of(page).current_question == 4
    assert page.doc.undo_stack.count() == count and not page.doc.is_modified


def test_an_answer_can_be_changed_cleared_and_undone(qtbot, page):
    page.advance_delay_ms = 10_000  # stay on the question while we look at it
    page.start_run("participant", "p-04")
    run = run_of(page)
    q = QUESTIONS[0]
    key(qtbot, page, Qt.Key.Key_B)
    key(qtbot, page, Qt.Key.Key_D)  # change
    assert run.answers[q.id] == q.answers[3].id
    buttons = page.question_view.answer_buttons
    assert [b.isChecked() for b in buttons] == [False, False, False, True]
    assert page.doc.undo_stack.undoText() == "Change answer to question 1"
    key(qtbot, page, Qt.Key.Key_Delete)
    assert q.id not in run.answers
    assert not any(b.isChecked() for b in buttons)
    page.doc.undo_stack.undo()
    assert run.answers[q.id] == q.answers[3].id
    page.doc.undo_stack.undo()
    assert run.answers[q.id] == q.answers[1].id and buttons[1].isChecked()


def test_undoing_an_answer_shows_its_question(qtbot, page):
    page.start_run("participant", "p-05")
    key(qtbot, page, Qt.Key.Key_A)
    wait_question(qtbot, page, 1)
    key(qtbot, page, Qt.Key.Key_Right)
    key(qtbot, page, Qt.Key.Key_Right)
    page.doc.undo_stack.undo()
    assert page.question_index() == 0
    assert QUESTIONS[0].id not in run_of(page).answers


def answer_all(qtbot, page, choices):
    for index, choice in enumerate(choices):
        page.go_to(index)
        key(qtbot, page, (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)[choice])
    page.go_to(TOTAL)


def test_result_shows_position_stage_and_what_drove_it(qtbot, page):
    page.start_run("participant", "p-06")
    choices = [i % 4 for i in range(TOTAL)]
    answer_all(qtbot, page, choices)
    expected = score(QUESTIONS, run_of(page).answers)
    assert expected.position is not None and expected.complete
    view = page.result_view
    assert view.position_label.text() == format_position(expected.position)  # the one rule
    assert view.stage_label.text() == continuum_content().stage_at(expected.position).name
    assert view.strip.position == pytest.approx(expected.position)
    strongest_left = expected.pulled_left[0]
    strongest_right = expected.pulled_right[0]
    assert strongest_left.question.topic in view.left_items.text()
    assert strongest_right.answer.text in view.right_items.text()
    assert f"All {TOTAL} questions answered" in view.basis.text()


@pytest.mark.parametrize("purpose", ["now", "target"])
def test_result_is_placed_on_the_continuum_and_undone(qtbot, page, purpose):
    area = page.session.continuum.current_area
    before = area.placements["p-07"]
    page.start_run("participant", "p-07", purpose)
    answer_all(qtbot, page, [3, 0, 1, 2] * 3)
    position = score(QUESTIONS, run_of(page).answers).position
    button = page.result_view.place_button
    assert button.isEnabled()
    assert button.text() == f"Place as {purpose} marker"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    placed = area.placements["p-07"]
    assert placed.get(purpose) == pytest.approx(round(position, 1))
    other = "target" if purpose == "now" else "now"
    assert placed.get(other) == before.get(other)
    assert not button.isEnabled() and button.text().startswith("\u2713 Placed")
    page.doc.undo_stack.undo()
    assert area.placements["p-07"] == before
    assert button.isEnabled()


def test_a_room_result_sets_the_areas_agreed_position(qtbot, page):
    area = page.session.continuum.current_area
    old_target = area.consensus.target
    page.start_run("room", None)
    answer_all(qtbot, page, [0] * TOTAL)
    page.place_result()
    assert area.consensus.now is not None
    assert area.consensus.now == pytest.approx(
        round(score(QUESTIONS, run_of(page).answers).position, 1))
    assert area.consensus.target == old_target
    assert page.result_view.place_button.text().startswith("\u2713 Placed as the room's")


def test_each_person_in_turn(qtbot, page):
    people = page.session.participants
    page.start_each_in_turn("now")
    assert run_of(page).subject_id == people[0].id
    answer_all(qtbot, page, [1] * TOTAL)
    view = page.result_view
    assert not view.next_button.isHidden()
    assert people[1].name in view.next_button.text()
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert run_of(page).subject_id == people[1].id
    assert page.question_index() == 0
    # Starting again goes to the first person who has not finished: the second one.
    page.start_each_in_turn("now")
    assert run_of(page).subject_id == people[1].id
    assert len(page.quiz.runs) == 2


def test_starting_an_existing_quiz_reopens_it(qtbot, page):
    first = page.start_run("group", "g-quay", "target")
    page.start_run("room", None)
    again = page.start_run("group", "g-quay", "target")
    assert again is first and page.quiz.current_run_id == first.id
    assert len(page.quiz.runs) == 2


def test_chooser_starts_switches_and_removes(qtbot, page):
    chooser = page.chooser
    chooser.subject.setCurrentIndex(chooser.subject.findData("participant:p-09"))
    chooser.purpose.setCurrentIndex(chooser.purpose.findData("target"))
    qtbot.mouseClick(chooser.start, Qt.MouseButton.LeftButton)
    run = run_of(page)
    assert (run.subject_id, run.purpose) == ("p-09", "target")
    assert "Ines Duarte" in page.question_view.subject_label.text()
    assert "want to be" in page.question_view.subject_label.text()
    page.start_run("room", None)
    assert chooser.runs.count() == 2
    chooser.runs.activated.emit(0)  # the user picks the first run in the list
    assert page.quiz.current_run_id == run.id
    qtbot.mouseClick(chooser.remove, Qt.MouseButton.LeftButton)
    assert [r.subject_kind for r in page.quiz.runs] == ["room"]
    assert page.views.currentWidget() is page.empty_view
    page.doc.undo_stack.undo()
    assert page.quiz.current_run_id == run.id and len(page.quiz.runs) == 2


def test_partly_answered_quiz_round_trips_and_reopens_at_the_same_question(qtbot, doc):
    page = make_page(qtbot, doc)
    page.advance_delay_ms = 10_000
    page.start_run("participant", "p-10", "target")
    for index, k in enumerate([Qt.Key.Key_2, Qt.Key.Key_4, Qt.Key.Key_1]):
        page.go_to(index)
        key(qtbot, page, k)
    page.go_to(6)  # skipped 3-5, left the quiz at question 7
    saved = dict(run_of(page).answers)

    reopened = SessionDocument(parse_session(dumps_session(doc.session)))
    again = make_page(qtbot, reopened)
    run = run_of(again)
    assert (run.subject_id, run.purpose, run.answers) == ("p-10", "target", saved)
    assert again.question_index() == 6
    assert again.question_view.progress_label.text() == f"Question 7 of {TOTAL}"
    assert again.question_view.progress.answered[:4] == [True, True, True, False]
    again.go_to(1)
    assert again.question_view.answer_buttons[3].isChecked()


def test_audience_view_mirrors_the_facilitator_without_chrome(qtbot, doc):
    facilitator = make_page(qtbot, doc)
    facilitator.advance_delay_ms = 10_000
    audience = QuizPage(doc, audience=True)
    qtbot.addWidget(audience)
    audience.resize(1280, 720)
    assert audience.chooser is None
    assert audience.views.currentWidget() is audience.empty_view
    facilitator.start_run("participant", "p-11")
    facilitator.answer(2)
    assert audience.views.currentWidget() is audience.question_view
    assert audience.question_view.answer_buttons[2].isChecked()
    assert audience.question_view.next_button.isHidden()
    facilitator.go_to(TOTAL)
    assert audience.views.currentWidget() is audience.result_view
    assert audience.result_view.place_button.isHidden()
    assert audience.result_view.next_button.isHidden()


def fits(page) -> bool:
    view = page.views.currentWidget()
    return view.layout().totalHeightForWidth(page.views.width()) <= page.views.height()


def test_theme_scale_enlarges_the_text_and_it_still_fits(qtbot, page):
    from lpdesk.ui.style.theme import scaled, set_theme, theme
    page.resize(1920, 1080)  # room to grow: at 720 lines a bigger scale would not fit
    page.start_run("room", None)
    label = page.question_view.question_label
    before = label.font().pixelSize()
    original = theme()
    try:
        set_theme(scaled(original, 1.2))
        assert label.font().pixelSize() == pytest.approx(before * 1.2, abs=2)
        at_1_2 = label.font().pixelSize()
        set_theme(scaled(original, 2.0))  # too big for the screen: grows, then fits
        assert label.font().pixelSize() >= at_1_2 - 1  # as big as fits, to within 1%
        assert fits(page)
    finally:
        set_theme(original)
    assert label.font().pixelSize() == before


def test_long_edited_texts_shrink_to_fit_the_screen(qtbot, doc, monkeypatch):
    from dataclasses import replace

    from lpdesk.model.quiz_scoring import Answer, Question
    wordy = " ".join(["and then the team talks it over at length"] * 4)
    long_question = Question("q-long", "What happens when " + wordy + "?", tuple(
        Answer(f"a{i}", f"Answer {i}: " + wordy, s) for i, s in enumerate((0, 35, 65, 100))))
    content = replace(quiz_content(), questions=(long_question, *QUESTIONS[1:]))
    monkeypatch.setattr("lpdesk.ui.quiz.page.quiz_content", lambda: content)
    page = make_page(qtbot, doc)
    page.start_run("room", None)
    assert fits(page)
    long_size = page.question_view.question_label.font().pixelSize()
    page.go_to(1)  # a normal question is shown at full size again
    assert page.question_view.question_label.font().pixelSize() > long_size


def test_broken_quiz_content_is_reported_on_the_page(qtbot, doc, monkeypatch):
    def broken():
        raise ContentError("quiz.json", "questions[2]", "needs 2 to 4 answers (it has 1)")
    monkeypatch.setattr("lpdesk.ui.quiz.page.quiz_content", broken)
    page = QuizPage(doc)
    qtbot.addWidget(page)
    assert "quiz.json: questions[2]: needs 2 to 4 answers" in page.empty_text.text()
    page.start_run("room", None)  # a run can exist, but nothing is asked
    assert page.views.currentWidget() is page.empty_view


def page_beside(qtbot, doc, other, before_showing=lambda host: None):
    """A window with `other` above a quiz page (a question waits for the next key), shown,
    active, with the room's run started."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget
    host = QWidget()
    qtbot.addWidget(host)
    page = QuizPage(doc)
    page.advance_delay_ms = 10_000
    layout = QVBoxLayout(host)
    layout.addWidget(other)
    layout.addWidget(page)
    before_showing(host)
    host.resize(1280, 800)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow, timeout=3000)
    page.start_run("room", None)
    return host, page


def test_answer_keys_win_over_a_window_wide_b_only_while_a_question_shows(qtbot, doc):
    """The workshop's 'B' blanks the screen window-wide; on a question it must answer."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QLineEdit
    notes = QLineEdit()
    blanked = []

    def blank_key(host):
        blank = QAction("Blank", host)
        blank.setShortcut(QKeySequence("B"))
        blank.triggered.connect(lambda: blanked.append(True))
        host.addAction(blank)
    host, page = page_beside(qtbot, doc, notes, blank_key)
    page.chooser.runs.setFocus()
    qtbot.keyClick(page.chooser.runs, Qt.Key.Key_B)
    assert run_of(page).answers == {QUESTIONS[0].id: QUESTIONS[0].answers[1].id}
    assert blanked == []
    notes.setFocus()  # typing in a text field is typing, not answering
    qtbot.keyClicks(notes, "ab1")
    qtbot.keyClick(notes, Qt.Key.Key_Left)
    assert notes.text() == "ab1"
    assert page.question_index() == 0 and len(run_of(page).answers) == 1
    page.go_to(TOTAL)  # on the result screen B is the room's blank key again
    page.chooser.runs.setFocus()
    qtbot.keyClick(page.chooser.runs, Qt.Key.Key_B)
    assert blanked == [True]
    page.hide()  # a hidden page takes no keys
    page.chooser.runs.setFocus()
    qtbot.keyClick(host, Qt.Key.Key_Left)
    assert run_of(page).current_question == TOTAL


def test_the_quiz_keys_see_only_where_keys_arrive_not_every_event_of_the_app(qtbot, doc,
                                                                              monkeypatch):
    """The keys' filter watches the focus widget, the page and its window. As an
    application-wide filter it ran Python for every paint, timer and move of the app while
    the quiz showed (and, with phones on, waited for the interpreter lock each time)."""
    from PySide6.QtWidgets import QLabel

    from lpdesk.ui.quiz.keys import QuizKeys
    seen = []
    real = QuizKeys.eventFilter
    monkeypatch.setattr(QuizKeys, "eventFilter",
                        lambda self, obj, event: (seen.append(obj), real(self, obj, event))[1])
    elsewhere = QLabel("a label beside the quiz")
    host, page = page_beside(qtbot, doc, elsewhere)
    button = page.question_view.answer_buttons[0]
    button.setFocus()
    seen.clear()
    elsewhere.setText("repainted")
    elsewhere.repaint()
    qtbot.wait(20)
    assert elsewhere not in seen
    assert set(page.keys.watched()) == {page, host, button}
    qtbot.keyClick(button, Qt.Key.Key_2)  # where a real key press goes: the focus widget
    assert run_of(page).answers == {QUESTIONS[0].id: QUESTIONS[0].answers[1].id}
    elsewhere.setFocus()  # the filter follows the focus
    assert set(page.keys.watched()) == {page, host, elsewhere}
    page.hide()
    assert page.keys.watched() == []


def test_main_window_shows_the_quiz_page(qtbot, doc):
    from lpdesk.ui.window.main_window import MainWindow
    window = MainWindow(doc)
    qtbot.addWidget(window)
    item = next(i for i in doc.session.agenda.items if i.kind == "quiz")
    window.show_activity(item.id)
    assert isinstance(window.stack.currentWidget(), QuizPage)


def test_quiz_page_does_not_load_the_continuum_page():
    """The quiz draws its own small continuum strip: opening it loads none of the
    continuum page's code (its canvas, pointer and summary)."""
    code = ("import sys, lpdesk.ui.quiz.page; "
            "print([m for m in sys.modules if m.startswith('lpdesk.ui.continuum')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
