"""A model event calls every handler even when one fails (the command is already on the
undo stack: one broken view must not leave the others stale), and reports the failure to
one hook."""
import gc
import logging

import pytest

from lpdesk.model import events
from lpdesk.model.events import Event


@pytest.fixture
def reported():
    seen = []
    previous = events.set_error_hook(lambda event, handler, error: seen.append((event, error)))
    yield seen
    events.set_error_hook(previous)


def test_a_failing_handler_does_not_starve_the_next(reported):
    event, calls = Event(), []

    def broken(*_args):
        raise ValueError("stale view")

    event.connect(lambda *a: calls.append(("first", a)))
    event.connect(broken)
    event.connect(lambda *a: calls.append(("last", a)))
    event.emit("area-1")
    assert calls == [("first", ("area-1",)), ("last", ("area-1",))]
    assert len(reported) == 1 and reported[0][0] is event
    assert str(reported[0][1]) == "stale view"


def test_the_default_hook_logs_the_error_with_its_traceback(caplog):
    event = Event()
    event.connect(lambda: 1 / 0)
    with caplog.at_level(logging.ERROR, logger="lpdesk.events"):
        event.emit()
    assert caplog.records and caplog.records[0].exc_info[0] is ZeroDivisionError


def test_a_broken_hook_falls_back_to_logging(caplog):
    def hook(*_):
        raise RuntimeError("hook down")

    previous = events.set_error_hook(hook)
    try:
        event, after = Event(), []
        event.connect(lambda: 1 / 0)
        event.connect(lambda: after.append(True))
        with caplog.at_level(logging.ERROR, logger="lpdesk.events"):
            event.emit()
    finally:
        events.set_error_hook(previous)
    assert after == [True]
    assert caplog.records[0].exc_info[0] is ZeroDivisionError


def test_connect_disconnect_and_len_keep_their_meaning():
    event, calls = Event(), []

    def handler(x):
        calls.append(x)

    event.connect(handler)
    event.connect(handler)  # once only
    assert len(event) == 1
    event.emit(1)
    event.disconnect(handler)
    event.disconnect(handler)  # harmless twice
    event.emit(2)
    assert calls == [1] and len(event) == 0


def test_a_handler_may_disconnect_itself_while_called():
    event, calls = Event(), []

    def once():
        calls.append("once")
        event.disconnect(once)

    event.connect(once)
    event.connect(lambda: calls.append("other"))
    event.emit()
    event.emit()
    assert calls == ["once", "other", "other"]


def test_methods_of_plain_objects_are_held_as_given():
    """Only Qt objects' slots are held weakly: a plain helper connected by its method
    alone keeps working (the model's own listeners are such helpers)."""
    calls = []

    class Helper:
        def on(self, x):
            calls.append(x)

    event = Event()
    event.connect(Helper().on)
    gc.collect()
    event.emit(5)
    assert calls == [5]
