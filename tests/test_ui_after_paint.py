"""Start-up work queued behind the first paint: runs after it, in order, exactly once."""
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow

from lpdesk.ui.after_paint import after_first_paint, first_paint_done


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
