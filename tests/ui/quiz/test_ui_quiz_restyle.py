"""The quiz page restyles only when its unit really changes, never in a loop. A resize to
800x600, zooming and the audience window once froze the window for 35-75 s: each resize
restyled the page (a style sheet on the whole page, ~70 ms), the new fonts changed its
minimum size, the scroll area resized it, and the next resize restyled it again."""
import time

import pytest
from PySide6.QtWidgets import QApplication

from lpdesk.ui.quiz.page import QuizPage
from lpdesk.ui.style import zoom


@pytest.fixture
def counted(monkeypatch):
    counts = {"restyle": 0, "pages": {}}
    original = QuizPage.restyle

    def restyle(self):
        counts["restyle"] += 1
        counts["pages"][id(self)] = counts["pages"].get(id(self), 0) + 1
        original(self)

    monkeypatch.setattr(QuizPage, "restyle", restyle)
    font = QApplication.font()
    yield counts
    zoom.set_zoom(1.0, remember=False)
    QApplication.setFont(font)  # zooming applies the app's own base font: leave it as found


def settle(counts, quiet_ms=300, most_s=10.0):
    """Process events until no restyle happened for `quiet_ms`; False if it never calms."""
    end = time.monotonic() + most_s
    last, quiet_from = counts["restyle"], time.monotonic()
    while time.monotonic() < end:
        QApplication.processEvents()
        if counts["restyle"] != last:
            last, quiet_from = counts["restyle"], time.monotonic()
        elif time.monotonic() - quiet_from > quiet_ms / 1000:
            return True
    return False


def test_resize_zoom_and_audience_window_restyle_a_bounded_number_of_times(
        demo_window, qtbot, counted):
    w = demo_window
    item = next(i for i in w.doc.session.agenda.items if i.kind == "quiz")
    w.show_activity(item.id)
    page = w.pages[item.id]
    page.start_run("room", None)
    assert settle(counted)
    steps = [("800x600", lambda: w.resize(800, 600)), ("zoom in", zoom.zoom_in),
             ("zoom in", zoom.zoom_in), ("zoom in", zoom.zoom_in),
             ("audience on", w.workshop.audience_action.trigger), ("zoom out", zoom.zoom_out),
             ("1024x600", lambda: w.resize(1024, 600)), ("zoom in", zoom.zoom_in),
             ("audience off", w.workshop.audience_action.trigger),
             ("zoom reset", zoom.zoom_reset), ("800x600", lambda: w.resize(800, 600))]
    per_step = []
    for name, step in steps:
        counted["pages"].clear()
        step()
        assert settle(counted), f"the quiz page never stops restyling after {name}"
        per_step.append((name, max(counted["pages"].values(), default=0)))
    # A restyle only for a real change of the unit; trying sizes to fit the screen costs
    # none. A zoom also grows the window's own bars and its minimum size, so the room
    # given to the page changes in a few layout passes: at most one restyle for each.
    assert all(n <= 4 for _, n in per_step), per_step
    assert sum(n for _, n in per_step) <= 2 * len(steps), per_step
    before = counted["restyle"]
    for _ in range(5):  # what every model change calls: nothing changed, nothing to do
        page.refresh()
    settle(counted)
    assert counted["restyle"] == before
