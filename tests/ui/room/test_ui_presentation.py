"""Presentation mode: F5 / toolbar in, Esc out; the current activity alone, large, as the
room sees it; blank and break slides; the timer large with its end cue; both themes."""
import os
from pathlib import Path

import pytest
from presenting import item_id
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
)

from lpdesk.ui.room.slides import BlankSlide, BreakSlide, WelcomeSlide
from lpdesk.ui.room.view import room_scale
from lpdesk.ui.style.theme import HIGH_CONTRAST, NORMAL, apply_theme, theme
from lpdesk.ui.summary.page import SummaryPage


class FakeClock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def window(demo_window):
    w = demo_window
    yield w
    w.workshop.presentation.stop()
    apply_theme(QApplication.instance(), NORMAL)


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    """Press a key as the facilitator does: in the active window."""
    top = widget.window()
    if QApplication.activeWindow() is not top:
        with qtbot.waitActive(top):
            top.activateWindow()
    qtbot.keyClick(widget, k, modifier)


def present(qtbot, window):
    key(qtbot, window.agenda_list, Qt.Key.Key_F5)
    pw = window.workshop.presentation.view_window
    assert pw is not None
    qtbot.waitExposed(pw)
    return pw


def test_f5_presents_full_screen_and_esc_leaves(window, qtbot):
    pw = present(qtbot, window)
    assert pw.isFullScreen()
    assert window.workshop.present_action.isChecked()
    assert theme().font_scale > 1.0  # fonts and markers scaled up for the room
    assert isinstance(pw.view.current_page(), WelcomeSlide)  # set-up: the room's view
    key(qtbot, pw, Qt.Key.Key_Escape)
    assert window.workshop.presentation.view_window is None
    assert not window.workshop.present_action.isChecked()
    assert theme().font_scale == 1.0
    assert window.isVisible() and window.current_item_id() == item_id(window, "setup")


def test_toolbar_button_starts_presentation(window, qtbot):
    bar = window.workshop.toolbar
    button = next(b for b in bar.findChildren(QToolButton)
                  if b.defaultAction() is window.workshop.present_action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.workshop.presentation.active
    window.workshop.present_action.trigger()  # F5 again: back to the facilitator's window
    assert not window.workshop.presentation.active


def test_shows_an_audience_page_without_editing_chrome(window, qtbot):
    window.show_activity(item_id(window, "summary"))
    pw = present(qtbot, window)
    page = pw.view.current_page()
    assert isinstance(page, SummaryPage) and page.audience
    assert page is not window.pages[item_id(window, "summary")]
    editors = [w for cls in (QLineEdit, QPlainTextEdit, QPushButton)
               for w in pw.findChildren(cls) if w.isVisibleTo(pw)]
    assert editors == []
    assert pw.view.title.text() == window.doc.session.agenda.item(
        item_id(window, "summary")).title


def test_page_keys_move_through_the_agenda_while_presenting(window, qtbot):
    pw = present(qtbot, window)
    ids = [window.agenda_list.item(r).data(Qt.ItemDataRole.UserRole)
           for r in range(window.agenda_list.count())]
    key(qtbot, pw, Qt.Key.Key_PageDown)
    assert window.current_item_id() == ids[1]
    assert pw.view.item_id == ids[1]
    key(qtbot, pw, Qt.Key.Key_PageUp)
    assert pw.view.item_id == ids[0]


def test_b_blanks_and_shift_b_shows_the_break(window, qtbot):
    ws = window.workshop
    assert not ws.blank_action.isEnabled()  # nothing for the room to see yet
    pw = present(qtbot, window)
    screens = pw.view.screens
    key(qtbot, pw, Qt.Key.Key_B)
    assert isinstance(screens.currentWidget(), BlankSlide)
    assert ws.blank_action.isChecked()
    key(qtbot, pw, Qt.Key.Key_B)
    assert screens.currentWidget() is pw.view.activity
    ws.start_timer(600)
    key(qtbot, pw, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(screens.currentWidget(), BreakSlide)
    assert str(ws.display.break_minutes) in pw.view.break_slide.heading.text()
    assert not ws.display.timer.running  # the activity's time stands still during a break
    key(qtbot, pw, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)
    assert screens.currentWidget() is pw.view.activity
    key(qtbot, pw, Qt.Key.Key_Escape)
    assert not ws.display.blank and not ws.display.on_break


def test_break_for_a_chosen_length(window, qtbot):
    ws = window.workshop
    present(qtbot, window)
    ws.display.set_clock(FakeClock())
    ws.ask_break_minutes = lambda: 12
    ws.break_for_action.trigger()
    assert ws.display.on_break and ws.display.break_timer.remaining() == 12 * 60
    assert "12" in ws.presentation.view_window.view.break_slide.heading.text()


def test_timer_is_large_in_presentation_and_cues_the_end(window, qtbot):
    ws = window.workshop
    clock = FakeClock()
    ws.display.set_clock(clock)
    pw = present(qtbot, window)
    timer = pw.view.timer
    assert not timer.isVisible()  # no timer chosen: nothing on the room's screen
    ws.timer_preset_actions[0].trigger()  # 2 minutes
    assert timer.isVisible()
    toolbar_timer = ws.timer_display
    assert timer.height() > toolbar_timer.height()
    assert timer.digits() == "2:00"
    clock.now += 30
    key(qtbot, pw, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # pause
    assert timer.caption() == "paused"
    clock.now += 300
    key(qtbot, pw, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # resume
    assert timer.digits() == "1:30"
    with qtbot.waitSignal(ws.display.timer_finished):
        clock.now += 90
        ws.display.poll()
    assert timer.digits() == "0:00" and timer.cue_strength() > 0
    assert "Time is up" in window.statusBar().currentMessage()
    key(qtbot, pw, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.ShiftModifier)  # reset
    assert timer.digits() == "2:00" and timer.cue_strength() == 0


def test_planned_time_comes_from_the_agenda(window):
    ws = window.workshop
    window.show_activity(item_id(window, "continuum"))
    planned = window.doc.session.agenda.item(item_id(window, "continuum")).minutes
    assert f"{planned} min" in ws.timer_planned_action.text()
    ws.timer_toggle_action.trigger()  # idle: Ctrl+T starts the planned time
    assert ws.display.timer.duration == planned * 60 and ws.display.timer.running


def test_custom_timer_and_one_more_minute(window):
    ws = window.workshop
    ws.ask_timer_minutes = lambda: 7
    ws.timer_custom_action.trigger()
    assert ws.display.timer.duration == 7 * 60
    ws.timer_add_action.trigger()
    assert ws.display.timer.duration == 8 * 60


def test_scale_grows_with_the_screen():
    assert room_scale(600) <= room_scale(720) < room_scale(1080) <= room_scale(2160) <= 2.0


@pytest.mark.parametrize("t", [NORMAL, HIGH_CONTRAST], ids=lambda t: t.name)
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_presentation_looks_right(window, qtbot, t, size):
    """Both themes at both projector sizes: header and timer fit without overlapping.
    Set LPDESK_ARTEFACTS=<folder> to keep the PNGs and look at them."""
    apply_theme(QApplication.instance(), t)
    shots = []
    pw = present(qtbot, window)
    pw.showNormal()
    pw.resize(*size)
    for kind in ("setup", "continuum", "summary"):
        if kind not in {i.kind for i in window.visible_items()}:
            continue
        window.show_activity(item_id(window, kind))
        window.workshop.start_timer(300)  # each activity has its own timer
        QApplication.processEvents()
        view = pw.view
        title, timer = view.title.geometry(), view.timer.geometry()
        assert not title.intersects(timer)
        assert view.rect().contains(view.timer.mapTo(view, view.timer.rect().bottomRight()))
        assert view.title.fontInfo().pixelSize() >= 24  # legible from the back
        image = pw.grab()
        assert (image.width(), image.height()) == size
        shots.append((kind, image))
    folder = os.environ.get("LPDESK_ARTEFACTS")
    if folder:
        for kind, image in shots:
            image.save(str(Path(folder) / f"presentation_{kind}_{t.name}_{size[0]}x{size[1]}"
                                                ".png"))


def test_a_greedy_page_never_pushes_the_room_screen_past_the_projector(window, qtbot,
                                                                       monkeypatch):
    from PySide6.QtWidgets import QWidget

    import lpdesk.ui.room.view as room_view

    class Greedy(QWidget):
        def __init__(self, doc, parent=None, audience=True):
            super().__init__(parent)
            self.setMinimumSize(3000, 2000)

    monkeypatch.setitem(room_view.AUDIENCE_OVERRIDES, "summary", Greedy)
    pw = present(qtbot, window)
    pw.showNormal()
    pw.resize(1280, 720)
    window.show_activity(item_id(window, "summary"))
    QApplication.processEvents()
    assert isinstance(pw.view.current_page(), Greedy)
    assert (pw.width(), pw.height()) == (1280, 720)


@pytest.mark.parametrize("t", [NORMAL, HIGH_CONTRAST], ids=lambda t: t.name)
def test_blank_screen_is_black_in_every_theme(window, qtbot, t):
    """B in a dark room: the screen goes black, never theme-white."""
    apply_theme(QApplication.instance(), t)
    window.show_activity(item_id(window, "continuum"))
    pw = present(qtbot, window)
    pw.showNormal()
    pw.resize(800, 450)
    key(qtbot, pw, Qt.Key.Key_B)
    QApplication.processEvents()
    image = pw.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 37)
               for y in range(0, image.height(), 23)}
    assert colours == {"#000000"}


@pytest.mark.parametrize("t", [NORMAL, HIGH_CONTRAST], ids=lambda t: t.name)
@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_activity_looks_right_in_presentation(window, qtbot, t, size):
    """Every activity in F5 at every projector size, both themes: the header and timer fit,
    the page fills the screen and nothing of it reaches past it. Set LPDESK_ARTEFACTS to
    keep the PNGs and look at them."""
    apply_theme(QApplication.instance(), t)
    window.workshop.start_timer(300)
    pw = present(qtbot, window)
    pw.showNormal()
    pw.resize(*size)
    shots = []
    for item in window.visible_items():
        window.show_activity(item.id)
        QApplication.processEvents()
        view = pw.view
        if view.timer.isVisible():
            assert not view.title.geometry().intersects(view.timer.geometry()), item.kind
        page = view.current_page()
        corner = page.mapTo(pw, page.rect().bottomRight())
        assert pw.rect().contains(corner), f"{item.kind} runs off the room's screen"
        assert page.width() >= size[0] * 0.9
        shots.append((item.kind, pw.grab()))
    folder = os.environ.get("LPDESK_ARTEFACTS")
    if folder:
        for kind, image in shots:
            image.save(str(Path(folder) / f"f5_{kind}_{t.name}_{size[0]}x{size[1]}.png"))


def desk_page(window, kind):
    """The facilitator's page of activity `kind`, its window small enough for the room's
    screen (F5, full screen on the same screen) to cover all of it."""
    window.resize(600, 500)
    window.move(0, 0)
    window.show_activity(item_id(window, kind))
    return window.stack.currentWidget()


def test_phones_redraw_the_rooms_screen_not_the_window_it_covers(window, qtbot):
    """While presentation mode covers the facilitator's window, a phones' slice refreshes
    the room's continuum only; the facilitator's page catches up once, as F5 ends."""
    from lpdesk.commands.live import PlaceFromPhonesCommand
    from lpdesk.ui.base.frames import covered, phones_applying

    desk = desk_page(window, "continuum")
    pw = present(qtbot, window)
    room = pw.view.current_page()
    assert covered(window)
    continuum = window.doc.session.continuum
    pid = window.doc.session.participants[0].id
    desk_runs = desk._refresh.runs

    def now_of(page):
        return next(r.now for r in page.plot.rows if r.key == pid)

    for value in (11.0, 22.0, 33.0):  # three slices of votes
        runs = room._refresh.runs
        with phones_applying():
            window.doc.apply(PlaceFromPhonesCommand(continuum, continuum.current_area.id,
                                                    {pid: {"now": value}}))
        qtbot.waitUntil(lambda r=runs: room._refresh.runs == r + 1, timeout=2000)
        assert now_of(room) == value
    qtbot.wait(30)
    assert desk._refresh.runs == desk_runs and desk._refresh.held
    key(qtbot, pw, Qt.Key.Key_Escape)
    assert desk._refresh.runs == desk_runs + 1 and not desk._refresh.pending()
    assert now_of(desk) == 33.0 and not covered(window)


def test_the_facilitators_window_moved_from_under_the_rooms_screen_catches_up(window, qtbot):
    """Two screens: the facilitator drags their window off the room's screen while
    presenting; the votes held for it show within the pointer watch's beat."""
    from lpdesk.commands.live import PlaceFromPhonesCommand
    from lpdesk.ui.base.frames import covered, phones_applying

    desk = desk_page(window, "continuum")
    pw = present(qtbot, window)
    continuum = window.doc.session.continuum
    pid = window.doc.session.participants[0].id
    with phones_applying():
        window.doc.apply(PlaceFromPhonesCommand(continuum, continuum.current_area.id,
                                                {pid: {"now": 44.0}}))
    qtbot.waitUntil(lambda: desk._refresh.held, timeout=2000)
    window.move(pw.geometry().right() - 100, 0)  # mostly on the other screen
    assert not covered(window)
    qtbot.waitUntil(lambda: not desk._refresh.pending(), timeout=2000)
    assert next(r.now for r in desk.plot.rows if r.key == pid) == 44.0


def test_the_quiz_chooser_under_the_rooms_screen_waits_for_esc(window, qtbot):
    """Phones' answers to other runs refresh the facilitator's quiz chooser a quarter of a
    second later; while presentation mode covers the window that refresh is held, and it
    runs once as F5 ends."""
    from lpdesk.commands.quiz import AddRunCommand, AnswerCommand, new_run
    from lpdesk.content.quiz import quiz_content
    from lpdesk.ui.base.frames import covered, phones_applying

    desk = desk_page(window, "quiz")
    quiz, doc = desk.quiz, window.doc
    person = doc.session.participants[0]
    run = new_run(quiz, "participant", person.id)
    doc.apply(AddRunCommand(quiz, run))
    desk.start_run("room", None)  # the run on screen is the room's, not the person's
    pw = present(qtbot, window)
    assert covered(window)
    refresh = desk._chooser_refresh
    runs = refresh.runs
    question = quiz_content().questions[0]
    with phones_applying():  # the person answers on their phone
        doc.apply(AnswerCommand(quiz, run.id, question.id, question.answers[0].id, 0))
    qtbot.waitUntil(lambda: refresh.held, timeout=2000)  # gathered, then held
    assert refresh.runs == runs
    key(qtbot, pw, Qt.Key.Key_Escape)
    assert refresh.runs == runs + 1 and not refresh.pending()
    chooser = desk.chooser
    texts = [chooser.runs.itemText(i) for i in range(chooser.runs.count())]
    assert any(person.name in t and "1/" in t for t in texts), texts


def test_the_matrix_figures_under_the_rooms_screen_wait_for_esc(window, qtbot):
    """Another group's phones move cards: the facilitator's matrix page follows 150 ms
    later; while presentation mode covers it, that refresh is held until F5 ends."""
    from lpdesk.commands.matrix import MoveCardsFromPhonesCommand
    from lpdesk.ui.base.frames import covered, phones_applying

    desk = desk_page(window, "matrix")
    matrix = desk.matrix
    other = next(b for b in matrix.boards if b.id != desk.board.id)
    pw = present(qtbot, window)
    assert covered(window)
    refresh = desk._refresh
    runs = refresh.runs
    card = other.cards[0]
    cell = (other.rows[0].id, other.columns[0].id)
    with phones_applying():
        window.doc.apply(MoveCardsFromPhonesCommand(matrix, other.id, [(card.id, cell)]))
    qtbot.waitUntil(lambda: refresh.held, timeout=2000)  # gathered for 150 ms, then held
    assert refresh.runs == runs
    key(qtbot, pw, Qt.Key.Key_Escape)
    assert refresh.runs == runs + 1 and not refresh.pending()


def test_the_facilitators_board_under_the_rooms_screen_is_laid_out_after_esc(window, qtbot):
    """A phones' slice on the board on screen lays out the room's board, not the covered
    facilitator's (a scene: its window is its view's); that one is laid out once, as F5
    ends."""
    from lpdesk.commands.matrix import MoveCardsFromPhonesCommand
    from lpdesk.ui.base.frames import phones_applying

    desk = desk_page(window, "matrix")
    board = desk.board
    pw = present(qtbot, window)
    room = pw.view.current_page()
    desk_scene, room_scene = desk.scene._refresh, room.scene._refresh
    desk_runs, room_runs = desk_scene.runs, room_scene.runs
    card = board.cards[0]
    cell = (board.rows[-1].id, board.columns[-1].id)
    with phones_applying():
        window.doc.apply(MoveCardsFromPhonesCommand(desk.matrix, board.id, [(card.id, cell)]))
    qtbot.waitUntil(lambda: room_scene.runs == room_runs + 1, timeout=2000)
    qtbot.wait(30)
    assert desk_scene.runs == desk_runs and desk_scene.held
    key(qtbot, pw, Qt.Key.Key_Escape)
    assert desk_scene.runs == desk_runs + 1 and not desk_scene.pending()
    assert card.id in [cid for cid, _rect in desk.scene.layout.containers[cell].cards]
