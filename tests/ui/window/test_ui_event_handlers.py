"""Model events and Qt views: a view's slot never keeps the view alive and is never called
after the view is gone; `listen` still disconnects on destruction; the error guard gets a
handler's error while the other views still refresh."""
import gc

from PySide6.QtWidgets import QLabel

from lpdesk.model import events
from lpdesk.model.events import Event
from lpdesk.ui.style.binding import listen


class Counter(QLabel):
    def __init__(self):
        super().__init__()
        self.calls = 0

    def on_change(self, *_args):
        self.calls += 1


def test_a_collected_view_is_dropped_not_called(qtbot):
    event = Event()
    view = Counter()
    event.connect(view.on_change)
    event.emit()
    assert view.calls == 1 and len(event) == 1
    del view
    gc.collect()
    event.emit()  # no call on a dead object
    assert len(event) == 0


def test_a_view_whose_cpp_side_died_is_dropped_silently(qtbot):
    seen = []
    previous = events.set_error_hook(lambda e, h, error: seen.append(error))
    try:
        event = Event()
        view = Counter()
        event.connect(view.on_change)
        from shiboken6 import delete
        delete(view)  # the C++ widget is gone, the Python wrapper lives on
        event.emit()
    finally:
        events.set_error_hook(previous)
    assert seen == [] and len(event) == 0


def test_listen_still_disconnects_when_its_owner_is_destroyed(qtbot):
    event = Event()
    view = Counter()
    listen(view, event, view.on_change)
    other = []
    listen(view, event, lambda *_: other.append(1))
    event.emit()
    assert view.calls == 1 and other == [1]
    view.deleteLater()
    qtbot.waitUntil(lambda: len(event) == 0, timeout=2000)


def test_a_broken_view_reaches_the_error_guard_and_the_others_refresh(qtbot):
    from lpdesk.ui.window.error_guard import install

    messages = []
    uninstall = install(messages.append)
    try:
        event = Event()
        good = Counter()

        def broken(*_):
            raise KeyError("p-404")

        event.connect(broken)
        event.connect(good.on_change)
        event.emit("p-404")
    finally:
        uninstall()
    assert good.calls == 1
    assert messages and "KeyError" in messages[0] and "p-404" in messages[0]
