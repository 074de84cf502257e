"""The join slide lives exactly as long as the room's screen that shows it. Room > Let
participants join from phones; Room > Show how to join; the audience window on, then off;
phones off, then on again: a lambda on the controller's `started` outlived the slide and
raised "Internal C++ object (QLabel) already deleted"."""
from __future__ import annotations

import pytest

from lpdesk.live.network import Address
from lpdesk.ui.window.error_guard import install

pytestmark = pytest.mark.filterwarnings("ignore:connect\\(\\) must be used:DeprecationWarning")


@pytest.fixture
def window(demo_window, monkeypatch):
    import lpdesk.live.network as network

    monkeypatch.setattr(network, "local_addresses", lambda: [Address("127.0.0.1", "test")])
    errors: list[str] = []
    uninstall = install(errors.append)
    demo_window.errors = errors
    yield demo_window
    uninstall()
    demo_window.live.stop()
    if demo_window.workshop.audience is not None:
        demo_window.workshop.audience.close()


def drain(qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(20)


def test_phones_off_and_on_after_the_audience_window_closed(window, qtbot):
    w = window
    w.live.action.trigger()  # phones on
    assert w.live.running
    w.live.slide_action.trigger()  # the join slide on the room's screen
    w.workshop.audience_action.trigger()  # audience window on ...
    slide = w.workshop.audience.view.screens.currentWidget()
    assert slide.objectName() == "JoinSlide"
    w.workshop.audience_action.trigger()  # ... and off: its slide goes with it
    drain(qtbot)
    w.live.action.trigger()  # phones off
    w.live.action.trigger()  # phones on again: the old slide must not be called
    drain(qtbot)
    assert w.live.running
    assert w.errors == []
    w.live.slide_action.trigger()  # and a new slide works
    w.workshop.audience_action.trigger()
    slide = w.workshop.audience.view.screens.currentWidget()
    assert slide.objectName() == "JoinSlide"
    assert slide.code.text().endswith(w.live.controller.room.code)
    assert w.errors == []


def test_a_slide_deleted_directly_is_not_called_again(window, qtbot):
    from lpdesk.ui.live.join_slide import JoinSlide

    w = window
    w.live.action.trigger()
    controller = w.live.controller
    slide = JoinSlide(controller)
    slide.deleteLater()
    drain(qtbot)
    controller.started.emit(controller.url)
    controller.stopped.emit()
    w.doc.session.changed.emit("title")
    assert w.errors == []
