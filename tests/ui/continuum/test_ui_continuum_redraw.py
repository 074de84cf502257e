"""The continuum redraws once per phones' slice and only what changed (issue 28): a slice of
votes refreshes the page once, after it; a moved marker redraws its own row, not the plot;
the summary, the room's strip and the spoken description are rebuilt only when what they
show changed; and the facilitator's drag survives all of it."""
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from lpdesk.commands.continuum import SetPlacementCommand
from lpdesk.commands.live import PlaceFromPhonesCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.base.frames import phones_applying
from lpdesk.ui.continuum.page import ContinuumPage


def make_page(qtbot, size=(1280, 720)):
    doc = SessionDocument(demo_session())
    page = ContinuumPage(doc)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    return doc, page


def counting(monkeypatch, obj, name):
    calls = []
    original = getattr(obj, name)

    def wrapper(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)
    monkeypatch.setattr(obj, name, wrapper)
    return calls


def vote(doc, pid, now):
    continuum = doc.session.continuum
    doc.apply(PlaceFromPhonesCommand(continuum, continuum.current_area.id,
                                     {pid: {"now": now}}))


def test_a_phones_slice_redraws_the_plot_once_after_it(qtbot, monkeypatch):
    doc, page = make_page(qtbot)
    people = [p.id for p in doc.session.participants][:3]
    drawn = counting(monkeypatch, page.plot, "set_rows")
    with phones_applying():
        for i, pid in enumerate(people):  # three batches of votes in one slice
            vote(doc, pid, 10.0 + i)
        assert drawn == []  # nothing redrawn while the slice applies
    qtbot.waitUntil(lambda: len(drawn) == 1, timeout=2000)
    qtbot.wait(20)
    assert len(drawn) == 1
    shown = {r.key: r.now for r in page.plot.rows}
    assert [shown[pid] for pid in people] == [10.0, 11.0, 12.0]


def test_the_facilitators_own_edit_redraws_at_once(qtbot):
    doc, page = make_page(qtbot)
    pid = page.selected_key
    area = doc.session.continuum.current_area
    doc.push(SetPlacementCommand(doc.session.continuum, area.id, pid, "now", 77.0))
    assert {r.key: r.now for r in page.plot.rows}[pid] == 77.0  # before any event loop


def test_a_drag_survives_a_slice_of_votes_redrawn_after_it(qtbot):
    doc, page = make_page(qtbot)
    plot = page.plot
    mine = page.selected_key
    others = [p.id for p in doc.session.participants if p.id != mine][:2]
    row = [r.key for r in plot.rows].index(mine)
    start = plot.rows[row].now
    plot.pointer.grab(QPointF(start, row))
    plot.pointer.drag_to(start + 4)
    with phones_applying():
        for pid in others:
            vote(doc, pid, 90.0)
    qtbot.waitUntil(lambda: {r.key: r.now for r in plot.rows}[others[0]] == 90.0,
                    timeout=2000)
    assert plot.pointer.held() == (mine, "now", start + 4)
    assert plot.grabbed_item.data["x"][0] == start + 4
    plot.pointer.drag_to(start + 6)
    plot.pointer.drop()
    assert doc.session.continuum.current_area.placements[mine].now == start + 6
