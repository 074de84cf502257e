"""Style sheets are set only when they change: every setStyleSheet re-polishes a widget and
its children, and pages that re-apply their look while fitting text (the continuum's room
summary) or on every resize (the quiz) paid for it each time (issue 28: page open time)."""
from PySide6.QtWidgets import QLabel, QWidget

from lpdesk.ui.continuum.summary import SummaryPanel
from lpdesk.ui.style.theme import set_sheet


class CountingLabel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.sets = 0

    def setStyleSheet(self, sheet: str) -> None:  # noqa: N802 (Qt name)
        self.sets += 1
        super().setStyleSheet(sheet)


def test_the_same_sheet_is_not_set_again(qtbot):
    label = CountingLabel()
    qtbot.addWidget(label)
    set_sheet(label, "color: #123456;")
    set_sheet(label, "color: #123456;")
    assert label.sets == 1 and label.styleSheet() == "color: #123456;"
    set_sheet(label, "color: #654321;")
    assert label.sets == 2 and label.styleSheet() == "color: #654321;"


def test_a_changed_sheet_reaches_the_widget(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    set_sheet(parent, "QLabel { color: #ff0000; }")
    label = QLabel("x", parent)
    label.ensurePolished()
    red = label.palette().color(label.foregroundRole()).name()
    set_sheet(parent, "QLabel { color: #00ff00; }")
    label.ensurePolished()
    assert red == "#ff0000" and label.palette().color(label.foregroundRole()).name() == "#00ff00"


def test_fitting_the_room_summary_sets_each_sheet_once(qtbot, monkeypatch):
    # fit() re-applies the look at each text size it tries: the colours do not change, so
    # no label is re-polished for them (on main: every label, at every step).
    from lpdesk.content.stages import continuum_content

    sets = []
    real = QWidget.setStyleSheet
    monkeypatch.setattr(QWidget, "setStyleSheet",
                        lambda self, sheet: (sets.append(self), real(self, sheet))[1])
    panel = SummaryPanel(continuum_content())
    qtbot.addWidget(panel)
    panel.sentence.setText("The room is spread across every stage of the continuum. " * 4)
    panel.setFixedSize(300, 90)  # too small for the text: fit() tries several sizes
    panel.show()
    qtbot.waitExposed(panel)
    first = len(sets)
    panel.apply_theme()
    panel.fit()
    assert panel._fit < 1.0  # fit really tried smaller text
    assert len(sets) == first and first == len(set(map(id, sets)))
