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
