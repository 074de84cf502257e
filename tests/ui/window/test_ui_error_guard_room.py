"""The error guard never puts its box on the room's screen: in presentation mode or with
the audience window up the facilitator is told discreetly and the details go to the log
file; otherwise one box per kind of error, never stacked, and every error is counted."""
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from lpdesk.model.events import Event
from lpdesk.ui.style.theme import NORMAL, apply_theme
from lpdesk.ui.window import error_guard
from lpdesk.ui.window.error_guard import ErrorGuard


@pytest.fixture
def guarded(demo_window, tmp_path):
    guard = ErrorGuard(demo_window, folder=tmp_path / "logs")
    yield demo_window, guard
    guard.uninstall()
    if guard.box is not None:
        guard.box.done(0)
    demo_window.workshop.presentation.stop()
    if demo_window.workshop.audience is not None:
        demo_window.workshop.audience.close()
    apply_theme(QApplication.instance(), NORMAL)


def fail(text="marker fell off the axis", kind=RuntimeError):
    """An uncaught error, as the event loop hands it to sys.excepthook (same place each
    time, so the same kind of error)."""
    try:
        raise kind(text)
    except kind as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)


def boxes():
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def test_one_box_per_kind_never_stacked(guarded, qtbot):
    window, guard = guarded
    fail()
    assert guard.box is not None and guard.box.isVisible() and len(boxes()) == 1
    assert "marker fell off the axis" in guard.box.text()
    fail()  # the same again while the box is up: counted, no second box
    fail("another", KeyError)  # a new kind while the box is up: not stacked either
    assert len(boxes()) == 1 and guard.boxes_shown == 1
    assert guard.error_count == 3
    assert "3 so far" in window.statusBar().currentMessage()
    guard.box.done(0)
    qtbot.waitUntil(lambda: guard.box is None, timeout=2000)
    fail()  # this kind was shown already: no box again
    assert guard.box is None and guard.error_count == 4 and not boxes()
    fail("a third kind", ValueError)
    assert guard.box is not None and guard.boxes_shown == 2


def test_presentation_mode_gets_no_box_only_a_discreet_word(guarded, qtbot):
    window, guard = guarded
    window.workshop.present_action.trigger()
    pw = window.workshop.presentation.view_window
    qtbot.waitExposed(pw)
    fail()
    fail("second", KeyError)
    assert guard.box is None and not boxes() and guard.boxes_shown == 0
    assert guard.error_count == 2
    assert "2 so far" in window.statusBar().currentMessage()
    assert "2 problems logged" in pw.bar.placing.full
    log = guard.log_path.read_text(encoding="utf-8")
    assert "RuntimeError: marker fell off the axis" in log and "Traceback" in log
    assert "KeyError: 'second'" in log


def test_the_audience_window_gets_no_box_either(guarded, qtbot):
    window, guard = guarded
    window.workshop.audience_action.trigger()
    assert window.workshop.audience is not None
    fail()
    assert guard.box is None and not boxes() and guard.error_count == 1
    window.workshop.audience_action.trigger()  # the room's screen off: boxes again
    fail("now in private", KeyError)
    assert guard.box is not None


def test_a_model_event_handlers_error_is_counted_and_the_others_run(guarded):
    window, guard = guarded
    event, after = Event(), []
    event.connect(lambda: 1 / 0)
    event.connect(lambda: after.append(True))
    event.emit()
    assert after == [True] and guard.error_count == 1
    assert "ZeroDivisionError" in guard.log_path.read_text(encoding="utf-8")


def test_help_offers_the_log_folder(guarded):
    window, guard = guarded
    texts = [a.text() for a in window.help_menu.actions()]
    assert "Show &error log folder" in texts
    assert texts.index("Show &error log folder") < texts.index("&About lpdesk")
    assert guard.open_log_folder() == guard.folder and guard.folder.is_dir()


def test_the_log_stays_bounded(guarded, monkeypatch, tmp_path):
    window, guard = guarded
    window.workshop.audience_action.trigger()  # no boxes while we flood it
    guard._logger = None
    guard.folder = tmp_path / "small"
    monkeypatch.setattr(error_guard, "LOG_BYTES", 4000)
    for i in range(200):
        fail(f"error {i} " + "x" * 100)
    files = list(guard.folder.iterdir())
    assert len(files) == error_guard.LOG_BACKUPS + 1
    assert sum(f.stat().st_size for f in files) <= (error_guard.LOG_BACKUPS + 1) * 4000 + 2000
    assert "error 199" in guard.log_path.read_text(encoding="utf-8")


def test_a_box_still_open_goes_when_the_room_screen_comes_up(guarded, qtbot):
    window, guard = guarded
    fail()
    assert guard.box is not None
    window.workshop.present_action.trigger()
    qtbot.waitUntil(lambda: guard.box is None and not boxes(), timeout=2000)
    assert guard.error_count == 1
