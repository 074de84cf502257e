"""The activity timer in the room: a start is seen, a break does not leave it paused, and
each agenda item has its own timer, offering its planned minutes."""
import pytest
from PySide6.QtWidgets import QApplication

from lpdesk.model.timer import Countdown, TimerState
from lpdesk.ui.room.state import RoomDisplay


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ws(demo_window):
    ws = demo_window.workshop
    ws.clock = FakeClock()
    ws.display.set_clock(ws.clock)
    yield ws
    if ws._presentation is not None:
        ws.presentation.stop()


def item_id(w, kind):
    return next(i.id for i in w.doc.session.agenda.items if i.kind == kind)


def test_choosing_a_duration_starts_it_with_a_visible_cue(ws, demo_window):
    assert ws.timer_toggle_action.text().replace("&", "") == "Start timer"
    ws.timer_preset_actions[1].trigger()  # 5 minutes
    timer = ws.display.timer
    assert timer.running and timer.duration == 300
    display = ws.timer_display
    assert display.start_cue() > 0.5 and display.caption() == "started"
    message = demo_window.statusBar().currentMessage()
    assert "Timer started: 5:00" in message and "Ctrl+T pauses" in message
    # what the next Ctrl+T does is written on the button
    assert ws.timer_toggle_action.text().replace("&", "") == "Pause timer"
    ws.timer_toggle_action.trigger()
    assert timer.state is TimerState.PAUSED
    assert ws.timer_toggle_action.text().replace("&", "") == "Resume timer"
    assert display.start_cue() == 0 and display.caption() == "paused"


def test_after_a_break_the_activity_timer_carries_on(qtbot):
    clock = FakeClock()
    display = RoomDisplay(clock)
    display.timer.start(600)
    clock.now += 60
    display.start_break(5)
    assert not display.timer.running
    clock.now += 300  # the break does not eat the activity's time
    display.end_break()
    assert display.timer.running and display.timer.remaining() == 540


def test_a_timer_paused_before_the_break_stays_paused(qtbot):
    clock = FakeClock()
    display = RoomDisplay(clock)
    display.timer.start(600)
    display.timer.pause()
    display.start_break(5)
    display.start_break(10)  # a longer break chosen while on break
    display.end_break()
    assert display.timer.state is TimerState.PAUSED
    display.timer.resume()
    display.start_break(5)
    display.start_break(10)
    display.end_break()
    assert display.timer.running


def test_the_timer_follows_the_agenda(ws, demo_window):
    w = demo_window
    agenda = w.doc.session.agenda
    continuum, quiz = item_id(w, "continuum"), item_id(w, "quiz")
    w.show_activity(continuum)
    timer = ws.display.timer
    # the activity offers its planned minutes, ready for Ctrl+T, not yet on the room's screen
    assert timer.state is TimerState.READY and timer.duration == agenda.item(continuum).minutes * 60
    assert not timer.shown_to_room
    ws.timer_toggle_action.trigger()
    assert timer.running and timer.shown_to_room
    ws.clock.now += 4
    w.show_activity(quiz)  # the quiz never shows the continuum's 19:56
    assert timer.state is TimerState.READY and timer.remaining() == agenda.item(quiz).minutes * 60
    assert ws.timer_display.digits() == f"{agenda.item(quiz).minutes}:00"
    ws.clock.now += 60
    w.show_activity(continuum)  # back: the continuum's timer ran on meanwhile
    assert timer.running and timer.remaining() == agenda.item(continuum).minutes * 60 - 64


def test_an_activity_without_planned_minutes_puts_the_timer_away(ws, demo_window):
    w = demo_window
    agenda = w.doc.session.agenda
    agenda.item(item_id(w, "quiz")).minutes = 0
    w.show_activity(item_id(w, "continuum"))
    ws.start_timer(120)
    w.show_activity(item_id(w, "quiz"))
    assert not ws.display.timer.active


def test_presentation_shows_only_a_started_timer(ws, demo_window, qtbot):
    w = demo_window
    w.show_activity(item_id(w, "continuum"))
    ws.presentation_toggle()
    view = ws.presentation.view_window.view
    QApplication.processEvents()
    assert not view.timer.isVisible()  # only offered
    ws.timer_toggle_action.trigger()
    QApplication.processEvents()
    assert view.timer.isVisible()


def test_snapshot_restores_a_running_countdown():
    clock = FakeClock()
    c = Countdown(clock)
    c.start(100)
    snap = c.snapshot()
    c.clear()
    clock.now += 10
    c.restore(snap)
    assert c.running and c.remaining() == 90


def test_another_session_starts_with_its_own_planned_minutes(ws, demo_window):
    from lpdesk.demo import demo_session
    from lpdesk.document import SessionDocument

    w = demo_window
    w.show_activity(item_id(w, "continuum"))
    ws.start_timer(90)
    other = demo_session()  # the same agenda item ids as the first
    w.set_document(SessionDocument(other))
    w.show_activity(item_id(w, "quiz"))
    w.show_activity(item_id(w, "continuum"))
    timer = ws.display.timer
    assert timer.state is TimerState.READY  # not the first session's 90 s countdown
    assert timer.duration == other.agenda.item(item_id(w, "continuum")).minutes * 60
