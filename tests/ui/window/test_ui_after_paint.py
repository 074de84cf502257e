"""Start-up work queued behind the first paint: runs after it, in order, exactly once."""
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from lpdesk.ui.window.after_paint import after_first_paint, first_paint_done


class PaintLog(QObject):
    """Notes each Paint event of the window in the shared log."""

    def __init__(self, log):
        super().__init__()
        self.log = log

    def eventFilter(self, _obj, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.log.append("paint")
        return False


def test_work_runs_after_the_first_paint_in_order_once(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    log = []
    after_first_paint(window, lambda: log.append("first"))
    after_first_paint(window, lambda: log.append("second"))
    painted = PaintLog(log)
    window.installEventFilter(painted)
    qtbot.wait(50)
    assert log == [] and not first_paint_done(window)  # not shown: nothing yet
    window.resize(400, 300)
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    assert log[0] == "paint" and [e for e in log if e != "paint"] == ["first", "second"]
    window.update()
    qtbot.wait(50)
    assert log.count("first") == 1  # later paints run nothing again

    after_first_paint(window, lambda: log.append("late"))  # the paint is over: soon
    qtbot.waitUntil(lambda: "late" in log, timeout=2000)


def test_work_queued_by_work_after_the_paint_runs_right_after_it(qtbot):
    # The session built after the paint queues its own first-paint work (its page, icons):
    # it runs next, as it would have had the session been built before the paint.
    window = QMainWindow()
    qtbot.addWidget(window)
    log = []

    def build():
        log.append("build")
        after_first_paint(window, lambda: log.append("page"))
        after_first_paint(window, lambda: log.append("icons"))

    after_first_paint(window, build)
    after_first_paint(window, lambda: log.append("autosave"))
    window.resize(400, 300)
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    assert log == ["build", "page", "icons", "autosave"]


def run_two_pieces(qtbot):
    """The log of two pieces of after-paint work, the first of which posts an event (as a
    click arriving while it runs would be)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    log = []

    def first():
        log.append("first")
        QTimer.singleShot(0, lambda: log.append("a click meanwhile"))

    after_first_paint(window, first)
    after_first_paint(window, lambda: log.append("second"))
    window.resize(400, 300)
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    return log


def test_once_a_turn_used_its_frame_the_event_loop_goes_before_the_next_piece(
        qtbot, monkeypatch):
    # What arrives while a long piece runs (a click, a key, a paint) is handled before the
    # next: start-up's ~170 ms of work after the paint is never one stall.
    from lpdesk.ui.base import after_paint

    monkeypatch.setattr(after_paint, "FRAME_S", 0.0)  # every piece uses up its frame
    assert run_two_pieces(qtbot) == ["first", "a click meanwhile", "second"]


def test_small_pieces_share_a_turn(qtbot, monkeypatch):
    from lpdesk.ui.base import after_paint

    monkeypatch.setattr(after_paint, "FRAME_S", 60.0)  # both fit in one frame
    assert run_two_pieces(qtbot) == ["first", "second", "a click meanwhile"]


def shown_window(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(400, 300)
    return window


def test_a_failing_piece_of_work_does_not_stop_the_rest(qtbot):
    window = shown_window(qtbot)
    log = []

    def broken():
        raise RuntimeError("autosave folder unreadable")

    after_first_paint(window, broken)
    after_first_paint(window, lambda: log.append("recovery check"))
    with qtbot.captureExceptions() as errors:
        window.show()
        qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    assert log == ["recovery check"]
    assert [str(e[1]) for e in errors] == ["autosave folder unreadable"]


def test_a_window_closed_before_the_work_runs_drops_it(qtbot):
    window = shown_window(qtbot)
    log = []
    after_first_paint(window, lambda: log.append("recovery check"))

    class CloseOnPaint(QObject):  # installed last, so it sees the paint first
        def eventFilter(self, _obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, window.close)  # queued before the work
            return False

    closer = CloseOnPaint()
    window.installEventFilter(closer)
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    assert not window.isVisible() and log == []
