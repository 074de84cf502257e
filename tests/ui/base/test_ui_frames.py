"""FrameRefresh (ui/base/frames.py): a view refreshes at once for the facilitator's own edit,
and once, after the slice, for a phones' slice however many changes the slice made."""
import shiboken6
from PySide6.QtCore import QObject

from lpdesk.ui.base.frames import FrameRefresh, deferring, phones_applying


def test_outside_a_phones_slice_the_refresh_runs_at_once(qapp):
    owner = QObject()
    calls = []
    refresh = FrameRefresh(owner, lambda: calls.append("now"))
    refresh.request()
    refresh.request("an event's argument")
    assert calls == ["now", "now"]
    assert not refresh.pending()


def test_a_phones_slice_refreshes_once_after_it_returns(qtbot):
    owner = QObject()
    calls = []
    refresh = FrameRefresh(owner, lambda: calls.append(deferring()))
    with phones_applying():
        assert deferring()
        for _ in range(50):  # fifty votes in one slice
            refresh.request()
        assert calls == []  # nothing redrawn while the slice applies
        assert refresh.pending()
    assert not deferring()
    qtbot.waitUntil(lambda: calls == [False], timeout=1000)  # once, outside the slice
    assert refresh.deferred == 50 and refresh.runs == 1


def test_an_own_edit_after_a_slice_refreshes_at_once_and_drops_the_due_one(qtbot):
    owner = QObject()
    calls = []
    refresh = FrameRefresh(owner, lambda: calls.append(1))
    with phones_applying():
        refresh.request()
    refresh.request()  # the facilitator's key, before the event loop ran
    assert calls == [1] and not refresh.pending()
    qtbot.wait(20)
    assert calls == [1]


def test_flush_runs_a_due_refresh_now(qapp):
    owner = QObject()
    calls = []
    refresh = FrameRefresh(owner, lambda: calls.append(1))
    refresh.flush()
    assert calls == []
    with phones_applying():
        refresh.request()
    refresh.flush()
    assert calls == [1]


def test_a_closed_view_is_never_refreshed(qtbot):
    owner = QObject()
    calls = []
    refresh = FrameRefresh(owner, lambda: calls.append(1))
    with phones_applying():
        refresh.request()
    shiboken6.delete(owner)  # the page closed before the event loop ran
    qtbot.wait(20)
    assert calls == []


class _InPieces:
    """A view whose refresh can also run as three pieces; it records what ran, and when."""

    def __init__(self) -> None:
        import time

        self.owner = QObject()
        self.calls: list[tuple[str, float, float]] = []
        self.clock = time.perf_counter
        self.refresh = FrameRefresh(self.owner, lambda: self._log("at once"),
                                    pieces=self.pieces)

    def _log(self, what: str) -> None:
        self.calls.append((what, self.clock(), self.clock()))

    def pieces(self):
        for k in range(3):
            self._log(f"piece {k}")
            if k < 2:
                yield

    def names(self) -> list[str]:
        return [c[0] for c in self.calls]


def test_after_a_slice_a_refresh_in_pieces_runs_a_piece_a_turn_with_the_windows_turn_between(
        qtbot):
    from lpdesk.ui.base.frames import BREATH_MS

    view = _InPieces()
    with phones_applying():
        view.refresh.request()
    qtbot.waitUntil(lambda: len(view.calls) == 3, timeout=1000)
    assert view.names() == ["piece 0", "piece 1", "piece 2"]
    for (_, _, end), (_, start, _) in zip(view.calls, view.calls[1:], strict=False):
        assert start - end >= BREATH_MS / 1000 * 0.9
    assert not view.refresh.pending() and view.refresh.runs == 1
    view.refresh.request()  # the facilitator's own edit: at once, not in pieces
    assert view.names()[-1] == "at once"


def test_a_change_while_pieces_run_lets_them_finish_then_refreshes_again(qtbot,
                                                                          monkeypatch):
    from lpdesk.ui.base import frames

    monkeypatch.setattr(frames, "BREATH_MS", 150.0)  # time to act between two pieces
    view = _InPieces()
    with phones_applying():
        view.refresh.request()
    qtbot.waitUntil(lambda: len(view.calls) == 1, timeout=1000)
    assert view.refresh.under_way()
    with phones_applying():  # another slice, between the pieces
        view.refresh.request()
    qtbot.waitUntil(lambda: len(view.calls) == 6, timeout=3000)
    assert view.names() == ["piece 0", "piece 1", "piece 2"] * 2
    qtbot.wait(400)
    assert len(view.calls) == 6 and not view.refresh.pending()


def test_a_reader_or_the_facilitators_edit_refreshes_at_once_instead_of_the_pieces_left(
        qtbot, monkeypatch):
    from lpdesk.ui.base import frames

    monkeypatch.setattr(frames, "BREATH_MS", 150.0)  # time to act between two pieces
    for finish in ("flush", "request", "drop_pieces"):
        view = _InPieces()
        with phones_applying():
            view.refresh.request()
        qtbot.waitUntil(lambda v=view: len(v.calls) == 1, timeout=1000)
        assert view.refresh.pending()  # under way: a reader must not read it half done
        getattr(view.refresh, finish)()
        if finish == "drop_pieces":  # the view refreshed itself at once
            assert view.names() == ["piece 0"]
        else:
            assert view.names() == ["piece 0", "at once"]
        assert not view.refresh.pending()
        qtbot.wait(400)  # the pieces left never run
        assert "piece 1" not in view.names()


def _held_view(qtbot):
    """A view in its own window, under a window shown over the whole of it (presentation
    mode over the facilitator's): its phones' refreshes wait."""
    from PySide6.QtWidgets import QWidget

    from lpdesk.ui.base.frames import covered, hold_under

    cover, window = QWidget(), QWidget()
    for w in (cover, window):
        qtbot.addWidget(w)
    cover.setGeometry(0, 0, 700, 500)
    window.setGeometry(40, 40, 300, 200)
    window.show()
    cover.show()
    view = QWidget(window)
    calls = []
    refresh = FrameRefresh(view, lambda: calls.append(1))
    hold_under(window, cover)  # keeps neither alive: window.cover does, for the test
    window.cover = cover
    assert covered(window)
    return window, refresh, calls


def test_a_covered_window_holds_the_phones_refreshes_until_it_is_seen(qtbot):
    from lpdesk.ui.base.frames import refreshes_waiting, release

    window, refresh, calls = _held_view(qtbot)
    for _ in range(3):  # three slices while presentation mode covers it
        with phones_applying():
            refresh.request()
        qtbot.wait(20)
    assert calls == [] and refresh.held and refresh.pending()
    assert not refresh.waiting() and refreshes_waiting() == 0  # no slice waits for it
    release(window)  # Esc: seen again
    assert calls == [1] and not refresh.pending()
    with phones_applying():  # no longer held
        refresh.request()
    qtbot.waitUntil(lambda: calls == [1, 1], timeout=1000)


def test_a_held_refresh_runs_for_the_facilitators_edit_and_for_a_reader(qtbot):
    window, refresh, calls = _held_view(qtbot)
    with phones_applying():
        refresh.request()
    qtbot.wait(20)
    refresh.flush()  # something reads what the view shows
    assert calls == [1] and not refresh.held
    with phones_applying():
        refresh.request()
    qtbot.wait(20)
    refresh.request()  # the facilitator's own edit: at once, even covered
    assert calls == [1, 1] and not refresh.pending()


def test_a_window_moved_out_from_under_catches_up(qtbot):
    from lpdesk.ui.base.frames import covered, release_uncovered

    window, refresh, calls = _held_view(qtbot)
    with phones_applying():
        refresh.request()
    qtbot.wait(20)
    release_uncovered()
    assert calls == []  # still covered
    window.move(600, 40)  # half of it out from under
    assert not covered(window)
    release_uncovered()
    assert calls == [1] and not refresh.pending()
    with phones_applying():  # seen: the next slice's refresh is not held
        refresh.request()
    qtbot.waitUntil(lambda: calls == [1, 1], timeout=1000)


def test_a_cover_that_is_hidden_or_gone_covers_nothing(qtbot):
    import shiboken6

    from lpdesk.ui.base.frames import covered, hold_under

    window, refresh, calls = _held_view(qtbot)
    from PySide6.QtWidgets import QWidget
    cover = QWidget()
    cover.setGeometry(0, 0, 700, 500)
    hold_under(window, cover)  # not shown
    assert not covered(window)
    with phones_applying():
        refresh.request()
    qtbot.waitUntil(lambda: calls == [1], timeout=1000)
    cover.show()
    assert covered(window)
    shiboken6.delete(cover)  # closed and deleted without a release
    assert not covered(window)


def test_idle_work_runs_as_many_pieces_a_turn_as_fit_its_budget_and_at_least_one(qtbot):
    import time

    from lpdesk.ui.base.frames import IdleWork

    owner = QObject()
    ran: list[int] = []
    one_a_turn = IdleWork(owner)  # budget 0: one piece a turn
    one_a_turn.start([lambda i=i: ran.append(i) for i in range(5)])
    qtbot.waitUntil(lambda: ran == [0, 1, 2, 3, 4], timeout=2000)
    assert one_a_turn.turns == 5
    ran.clear()
    several = IdleWork(owner, budget_ms=1000.0)
    several.start([lambda i=i: (ran.append(i), time.sleep(0.001)) for i in range(5)])
    qtbot.waitUntil(lambda: ran == [0, 1, 2, 3, 4], timeout=2000)
    assert several.turns == 1


def test_idle_work_started_again_replaces_what_is_left_and_is_dropped_when_not_wanted(
        qtbot):
    from lpdesk.ui.base.frames import IdleWork

    owner = QObject()
    ran: list[str] = []
    seen = [True]
    work = IdleWork(owner, wanted=lambda: seen[0])
    work.start([lambda: ran.append("old")] * 3, delay_ms=10_000)
    work.start([lambda: ran.append("new")] * 2)
    qtbot.waitUntil(lambda: ran == ["new", "new"], timeout=2000)
    work.start([lambda: ran.append("unseen")] * 2)
    seen[0] = False
    qtbot.waitUntil(lambda: work.left() == 0, timeout=2000)
    assert ran == ["new", "new"]  # dropped, not run


def test_idle_work_dies_with_its_owner(qtbot):
    from lpdesk.ui.base.frames import IdleWork

    owner = QObject()
    ran: list[int] = []
    work = IdleWork(owner)
    work.start([lambda: ran.append(1)] * 3)
    shiboken6.delete(owner)
    assert not shiboken6.isValid(work)
    qtbot.wait(30)
    assert ran == []
