"""The room countdown, driven by a controlled clock."""
import pytest

from lpdesk.model.timer import PRESET_MINUTES, Countdown, TimerState, format_clock


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


def test_counts_down_with_the_clock(clock):
    timer = Countdown(clock)
    timer.start(5 * 60)
    assert timer.remaining() == 300
    clock.advance(61.5)
    assert timer.remaining() == pytest.approx(238.5)
    assert format_clock(timer.remaining()) == "3:59"
    assert not timer.finished


def test_pause_freezes_and_resume_continues(clock):
    timer = Countdown(clock)
    timer.start(120)
    clock.advance(30)
    timer.pause()
    assert timer.state is TimerState.PAUSED
    clock.advance(500)  # a long discussion while paused costs no time
    assert timer.remaining() == 90
    timer.resume()
    clock.advance(10)
    assert timer.remaining() == 80
    assert timer.running


def test_toggle_starts_pauses_and_resumes(clock):
    timer = Countdown(clock)
    timer.set(60)
    assert timer.state is TimerState.READY and timer.remaining() == 60
    timer.toggle()
    assert timer.running
    clock.advance(20)
    timer.toggle()
    assert timer.state is TimerState.PAUSED
    clock.advance(20)
    timer.toggle()
    clock.advance(5)
    assert timer.remaining() == 35


def test_finishes_at_zero_and_counts_overtime(clock):
    timer = Countdown(clock)
    timer.start(60)
    clock.advance(59)
    assert not timer.finished
    clock.advance(1)
    assert timer.finished
    assert format_clock(timer.remaining()) == "0:00"
    clock.advance(12)
    assert timer.remaining() == 0 and timer.overtime() == 12


def test_reset_goes_back_to_the_full_duration_stopped(clock):
    timer = Countdown(clock)
    timer.start(10 * 60)
    clock.advance(200)
    timer.reset()
    assert timer.state is TimerState.READY
    clock.advance(100)
    assert timer.remaining() == 600 and not timer.finished


def test_add_gives_more_time_without_restarting(clock):
    timer = Countdown(clock)
    timer.start(60)
    clock.advance(70)
    assert timer.finished
    timer.add(60)
    assert not timer.finished and timer.remaining() == 50
    timer.add(-10_000)  # never below one second in total
    assert timer.duration == 1


def test_clear_puts_the_timer_away(clock):
    timer = Countdown(clock)
    seen = []
    timer.changed.connect(lambda: seen.append(timer.state))
    timer.start(PRESET_MINUTES[0] * 60)
    timer.clear()
    assert not timer.active
    assert seen == [TimerState.RUNNING, TimerState.IDLE]


@pytest.mark.parametrize("bad", [0, -5, 25 * 3600])
def test_refuses_impossible_durations(clock, bad):
    with pytest.raises(ValueError):
        Countdown(clock).start(bad)


def test_start_without_a_duration_is_refused(clock):
    with pytest.raises(ValueError):
        Countdown(clock).start()


@pytest.mark.parametrize("seconds,text", [(300, "5:00"), (299.2, "5:00"), (299.0, "4:59"),
                                          (0.4, "0:01"), (0, "0:00"), (3725, "1:02:05")])
def test_clock_format_rounds_up(seconds, text):
    assert format_clock(seconds) == text
