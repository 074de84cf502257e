"""The whole workshop runs inside presentation mode (F5): every activity's keys and mouse
work on the room's screen, the clicker's PageDown/PageUp and B too, and a facilitator bar
(mouse to the bottom edge, or F6) offers the same as buttons without ever showing notes.
What the room sees in F5 is what the audience window shows, the consensus view included."""
import pytest
from presenting import item_id, present, settle
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QTextEdit

from lpdesk.ui.continuum.page import ContinuumPage
from lpdesk.ui.matrix.page import MatrixPage
from lpdesk.ui.quiz.page import QuizPage
from lpdesk.ui.room.slides import BlankSlide
from lpdesk.ui.style.theme import NORMAL, apply_theme

LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(demo_window):
    w = demo_window
    yield w
    w.workshop.presentation.stop()
    if w.workshop.audience is not None:
        w.workshop.audience.close()
    apply_theme(QApplication.instance(), NORMAL)


def key(qtbot, pw, k, modifier=NO_MOD):
    """Press a key where presentation mode leaves the keyboard (or wherever it went)."""
    qtbot.keyClick(QApplication.focusWidget() or pw, k, modifier)
    settle()


# -- the matrix -------------------------------------------------------------------------------
def test_reveal_consensus_and_boards_by_keyboard_in_presentation(window, qtbot):
    pw = present(qtbot, window, "matrix")
    page = pw.view.current_page()
    assert isinstance(page, MatrixPage) and page.audience
    matrix = window.doc.session.matrix
    first = matrix.current_board
    key(qtbot, pw, Qt.Key.Key_R, CTRL)
    assert matrix.current_board.revealed  # Ctrl+R, one undoable step
    assert window.doc.undo_stack.canUndo()
    key(qtbot, pw, Qt.Key.Key_PageDown, CTRL)
    assert matrix.current_board is not first
    key(qtbot, pw, Qt.Key.Key_PageUp, CTRL)
    assert matrix.current_board is first
    key(qtbot, pw, Qt.Key.Key_G, CTRL)
    assert page.stack.currentWidget() is page.consensus  # the room sees the comparison
    facilitator = window.pages[item_id(window, "matrix")]
    assert facilitator.consensus_action.isChecked()
    assert facilitator.stack.currentWidget() is facilitator.consensus
    key(qtbot, pw, Qt.Key.Key_G, CTRL)
    assert page.stack.currentWidget() is page.view


def test_consensus_shows_on_the_audience_window_as_in_presentation(window, qtbot):
    window.show_activity(item_id(window, "matrix"))
    window.workshop.audience_toggle()
    audience = window.workshop.audience
    facilitator = window.pages[item_id(window, "matrix")]
    facilitator.consensus_action.trigger()
    settle()
    room = audience.view.current_page()
    assert room.stack.currentWidget() is room.consensus
    pw = present(qtbot, window, "matrix")
    assert pw.view.current_page().stack.currentWidget() is pw.view.current_page().consensus


def test_cards_move_by_keyboard_and_mouse_in_presentation(window, qtbot):
    pw = present(qtbot, window, "matrix")
    page = pw.view.current_page()
    board = window.doc.session.matrix.current_board
    key(qtbot, pw, Qt.Key.Key_Tab)  # the first card is chosen
    chosen = page.scene.focusItem()
    assert chosen is not None
    cell = board.cell_of(chosen.card_id)
    key(qtbot, pw, Qt.Key.Key_Down)
    assert board.cell_of(chosen.card_id) != cell
    # a real drag onto another cell
    card = next(c for c in page.scene.cards.values() if board.cell_of(c.card_id) is None)
    view = page.view
    start = view.mapFromScene(card.sceneBoundingRect().center())
    target_key = (board.rows[-1].id, board.columns[-1].id)
    end = view.mapFromScene(page.scene.containers[target_key].sceneBoundingRect().center())
    QTest.mousePress(view.viewport(), LEFT, NO_MOD, start)
    for step in range(1, 11):
        QTest.mouseMove(view.viewport(), start + (end - start) * step / 10)
    QTest.mouseRelease(view.viewport(), LEFT, NO_MOD, end)
    assert board.cell_of(card.card_id) == target_key


# -- the continuum ---------------------------------------------------------------------------
def test_continuum_keys_and_drags_place_markers_in_presentation(window, qtbot):
    pw = present(qtbot, window, "continuum")
    page = pw.view.current_page()
    assert isinstance(page, ContinuumPage) and page.audience
    area = window.doc.session.continuum.current_area
    key(qtbot, pw, Qt.Key.Key_Down)  # from the agreed row to the first person
    person = page.selected_key
    assert person in area.placements
    before = area.placements[person].now
    key(qtbot, pw, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert area.placements[person].now == pytest.approx(min(100, before + 10))
    key(qtbot, pw, Qt.Key.Key_T)
    assert page.active == "target"
    assert "target" in pw.bar.placing.full and page._name(person) in pw.bar.placing.full
    # a real drag of the next person's now marker
    settle()
    other = window.doc.session.participants[3]
    old = area.placements[other.id].now
    plot = page.plot
    row = [r.key for r in plot.rows].index(other.id)
    start = plot.view.to_pixel(old, row).toPoint()
    viewport = plot.view
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    for step in range(1, 9):
        QTest.mouseMove(viewport, start + QPoint(15 * step, 0))
    QTest.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(120, 0))
    assert area.placements[other.id].now > old + 5


# -- the quiz --------------------------------------------------------------------------------
def test_quiz_answers_by_keys_in_presentation(window, qtbot):
    window.show_activity(item_id(window, "quiz"))
    facilitator = window.pages[item_id(window, "quiz")]
    facilitator.start_run("room", None)
    pw = present(qtbot, window, "quiz")
    page = pw.view.current_page()
    assert isinstance(page, QuizPage)
    quiz = window.doc.session.quiz
    run = quiz.run(quiz.current_run_id)
    key(qtbot, pw, Qt.Key.Key_2)
    assert len(run.answers) == 1
    question = page.content.questions[0]
    assert run.answers[question.id] == question.answers[1].id


# -- the clicker -----------------------------------------------------------------------------
def test_clicker_keys_work_with_the_keyboard_on_a_board(window, qtbot):
    pw = present(qtbot, window, "matrix")
    key(qtbot, pw, Qt.Key.Key_Tab)  # the keyboard is in the board now
    key(qtbot, pw, Qt.Key.Key_B)
    assert isinstance(pw.view.screens.currentWidget(), BlankSlide)
    key(qtbot, pw, Qt.Key.Key_B)
    key(qtbot, pw, Qt.Key.Key_PageDown)
    assert window.current_item_id() == item_id(window, "summary")
    key(qtbot, pw, Qt.Key.Key_PageUp)
    assert pw.view.item_id == item_id(window, "matrix")


# -- the facilitator bar ---------------------------------------------------------------------
def test_facilitator_bar_comes_on_demand_and_never_shows_notes(window, qtbot):
    pw = present(qtbot, window, "matrix")
    pw.pointer_watch.stop()  # the test moves the "mouse" itself
    bar = pw.bar
    bar.hide()  # in case the real cursor rested at the bottom edge
    pw.pointer_at(QPoint(pw.width() // 2, 10))
    assert not bar.isVisible()
    page_rect = pw.view.geometry()
    pw.pointer_at(QPoint(pw.width() // 2, pw.height() // 2))
    assert not bar.isVisible()
    pw.pointer_at(QPoint(pw.width() // 2, pw.height() - 1))  # the mouse at the bottom edge
    assert bar.isVisible() and bar.geometry().bottom() == pw.height() - 1
    assert pw.view.geometry() == page_rect  # the room's screen does not move
    texts = [b.text() for b in bar.activity_buttons()]
    assert "Reveal model" in texts and "Consensus" in texts
    reveal = next(b for b in bar.activity_buttons() if b.text() == "Reveal model")
    qtbot.mouseClick(reveal, LEFT)
    assert window.doc.session.matrix.current_board.revealed
    # nothing of the facilitator's notes, and nothing to type them into
    assert not pw.findChildren(QPlainTextEdit) and not pw.findChildren(QTextEdit)
    notes = window.doc.session.agenda.item(item_id(window, "matrix")).notes
    shown = " ".join(label.text() for label in pw.findChildren(QLabel))
    assert not notes or notes[:30] not in shown
    pw.pointer_at(QPoint(pw.width() // 2, 10))  # the mouse goes back up: the bar goes
    assert not bar.isVisible()
    key(qtbot, pw, Qt.Key.Key_F6)
    assert bar.isVisible()
    key(qtbot, pw, Qt.Key.Key_PageDown)  # the bar follows the activity
    assert not any(b.text() == "Reveal model" for b in bar.activity_buttons())
    key(qtbot, pw, Qt.Key.Key_F6)
    assert not bar.isVisible()


def test_facilitator_bar_places_on_the_continuum(window, qtbot):
    pw = present(qtbot, window, "continuum")
    pw.bar.reveal()
    texts = {b.text(): b for b in pw.bar.activity_buttons()}
    qtbot.mouseClick(texts["Private vote"], LEFT)
    assert window.doc.session.continuum.hidden
    qtbot.mouseClick(texts["Target (T)"], LEFT)
    assert pw.view.current_page().active == "target"
    continuum = window.doc.session.continuum
    first = continuum.current_area
    qtbot.mouseClick(texts["Area \u25b6"], LEFT)
    assert continuum.current_area is not first
    assert pw.view.current_page().area_title.text() == continuum.current_area.name


def test_a_whole_quiz_runs_and_is_placed_from_presentation(window, qtbot):
    """Start the room's quiz, answer every question and place the result: all in F5."""
    pw = present(qtbot, window, "quiz")
    page = pw.view.current_page()
    page.advance_delay_ms = 0
    pw.bar.reveal()
    buttons = {b.text(): b for b in pw.bar.activity_buttons()}
    assert not buttons["Place result"].isEnabled()
    qtbot.mouseClick(buttons["Quiz the room"], LEFT)
    quiz = window.doc.session.quiz
    run = quiz.run(quiz.current_run_id)
    assert run.subject_kind == "room"
    for _ in range(page.total):
        key(qtbot, pw, Qt.Key.Key_3)
        qtbot.waitUntil(lambda: page.views.currentWidget() is not page.question_view
                        or len(run.answers) > 0, timeout=2000)
        qtbot.wait(5)
    qtbot.waitUntil(lambda: page.views.currentWidget() is page.result_view, timeout=3000)
    assert len(run.answers) == page.total
    area = window.doc.session.continuum.current_area
    before = area.consensus.now
    qtbot.waitUntil(lambda: buttons["Place result"].isEnabled(), timeout=2000)
    qtbot.mouseClick(buttons["Place result"], LEFT)
    assert area.consensus.now is not None and area.consensus.now != before


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_bar_button_reads_in_full(window, qtbot, size):
    """A dozen buttons on a 1024 px screen: two rows rather than 'Qui...oom'."""
    pw = present(qtbot, window, "quiz")
    pw.resize(*size)
    pw.bar.reveal()
    for item in window.visible_items():
        window.show_activity(item.id)
        settle()
        for button in pw.bar.buttons():
            if button.isVisible():
                assert button.width() >= button.sizeHint().width(), \
                    f"{button.text()!r} is squeezed on {item.kind}"
                assert pw.bar.rect().contains(button.geometry()), button.text()
        assert pw.bar.geometry().bottom() == pw.height() - 1
