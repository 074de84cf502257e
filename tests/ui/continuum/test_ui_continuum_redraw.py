"""The continuum redraws once per phones' slice and only what changed (issue 28): a slice of
votes refreshes the page once, after it; a moved marker redraws its own row, not the plot;
the summary, the room's strip and the spoken description are rebuilt only when what they
show changed; and the facilitator's drag survives all of it."""
import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QKeyEvent, QRegion
from PySide6.QtWidgets import QApplication
from shown import shown

from lpdesk.commands.continuum import SetPlacementCommand
from lpdesk.commands.live import PlaceFromPhonesCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.base.frames import phones_applying
from lpdesk.ui.continuum.page import ContinuumPage


def make_page(qtbot, size=(1280, 720)):
    doc = SessionDocument(demo_session())
    return doc, shown(qtbot, ContinuumPage(doc), size)


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
    assert plot.view.dragged() == (row, "now", start + 4)
    plot.pointer.drag_to(start + 6)
    plot.pointer.drop()
    assert doc.session.continuum.current_area.placements[mine].now == start + 6


def fresh_picture(qtbot, doc, size, selected, active):
    """The plot of a new page showing the same session: everything drawn from scratch."""
    page = ContinuumPage(doc)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    page.select(selected)
    page.set_active(active)
    QApplication.processEvents()
    return on_screen(page.plot.view)


def on_screen(widget):
    """What the window shows of `widget`: the pixels its paints left, repaint after
    repaint (not `grab()`, which paints it anew)."""
    window = widget.window()
    shot = window.screen().grabWindow(window.winId()).toImage()
    return shot.copy(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))


def crowd(people):
    from benchmarks.continuum_frame import _session
    return SessionDocument(_session(people))


def crowd_page(qtbot, people):
    doc = crowd(people)
    return doc, shown(qtbot, ContinuumPage(doc))


@pytest.mark.parametrize("people", [0, 200], ids=["demo (initials)", "200 (dots)"])
def test_markers_redrawn_row_by_row_look_as_if_drawn_afresh(qtbot, people):
    """Moves repaint only their rows: after key moves, a drag, a drop and phones' votes,
    what the window shows of the plot is pixel for pixel what a new page draws."""
    size = (1280, 720)
    doc = crowd(people) if people else SessionDocument(demo_session())
    ids = [p.id for p in doc.session.participants]
    doc.session.continuum.current_area.placements.pop(ids[2], None)  # a phone's first vote
    page = ContinuumPage(doc)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    plot = page.plot
    mine = ids[len(ids) // 2]
    page.select(mine)  # the last full redraw: everything below moves markers only
    QApplication.processEvents()
    row = [r.key for r in plot.rows].index(mine)
    start = plot.rows[row].now
    plot.pointer.grab(QPointF(start, row))
    for step in range(1, 8):
        plot.pointer.drag_to(start + 6 * step)
        QApplication.processEvents()
        if step == 4:
            with phones_applying():
                vote(doc, ids[-1], 97.0)
                vote(doc, ids[0], 3.0)
                vote(doc, ids[2], 64.0)  # a marker appears: the markers are refilled
            with phones_applying():  # many rows at once: each layer repaints whole
                for n, pid in enumerate(ids[3:9]):
                    vote(doc, pid, 20.0 + 9 * n)
            qtbot.waitUntil(lambda: not page._refresh.pending(), timeout=2000)
            QApplication.processEvents()
            assert row not in [i for i, _x in plot.view.markers("now")]  # in the hand
            assert plot.view.dragged() == (row, "now", start + 24)
            assert plot.pointer.held() == (mine, "now", start + 24)
    plot.pointer.drop()
    QApplication.processEvents()
    for key in [Qt.Key.Key_Right] * 3 + [Qt.Key.Key_End, Qt.Key.Key_Home, Qt.Key.Key_Left]:
        QApplication.sendEvent(plot.view, QKeyEvent(QEvent.Type.KeyPress, key,
                                                    Qt.KeyboardModifier.NoModifier))
        QApplication.processEvents()
    vote(doc, ids[1], 55.0)
    QApplication.processEvents()
    assert (page.selected_key, page.active) == (mine, "now")
    shown = on_screen(plot.view)
    fresh = fresh_picture(qtbot, doc, size, mine, "now")
    assert shown == fresh


class Painted(QObject):
    """The parts of a widget repainted (its paint events' regions)."""

    def __init__(self, widget):
        super().__init__(widget)
        self.region = QRegion()
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event):  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())
        return False


def press(page, key):
    QApplication.sendEvent(page.plot.view, QKeyEvent(QEvent.Type.KeyPress, key,
                                                     Qt.KeyboardModifier.NoModifier))
    QApplication.processEvents()


def test_a_key_move_repaints_its_row_not_the_plot(qtbot):
    doc, page = crowd_page(qtbot, 200)
    page.select(doc.session.participants[100].id)
    press(page, Qt.Key.Key_Right)
    qtbot.wait(100)  # the page laid out and painted whole (and earlier tests' windows gone)
    painted = Painted(page.plot.view)
    press(page, Qt.Key.Key_Left)
    assert not painted.region.isEmpty()  # the marker moved on screen
    rows = page.plot.view.rows_rect()
    # its row with the markers' reach (and the room's strip, if a median moved) - not all
    # 200 rows: a row is 3 pixels here
    covered = sum(r.height() for r in painted.region if r.intersects(rows.toRect()))
    assert covered < rows.height() / 4, [(r.y(), r.height()) for r in painted.region]


def test_a_drag_repaints_its_row_not_the_plot(qtbot):
    doc, page = crowd_page(qtbot, 200)
    plot = page.plot
    mine = doc.session.participants[100].id
    page.select(mine)
    row = [r.key for r in plot.rows].index(mine)
    start = plot.rows[row].now
    plot.pointer.grab(QPointF(start, row))  # the press (the marker leaves its plot)
    plot.pointer.drag_to(start + 1)
    qtbot.wait(100)
    rows = plot.view.rows_rect().toRect()
    covered = []  # per frame: how much of the rows' area it repainted
    for step in [2, 3, 4, 5, None]:
        painted = Painted(plot.view)
        if step is None:
            plot.pointer.drop()
        else:
            plot.pointer.drag_to(start + step)
        QApplication.processEvents()
        covered.append(sum(r.height() for r in painted.region if r.intersects(rows)))
        painted.deleteLater()
    assert doc.session.continuum.current_area.placements[mine].now == start + 5
    assert all(covered)  # each frame repainted something
    # (a stray whole repaint, another test's window going away, may come once)
    assert sorted(covered)[len(covered) // 2] < rows.height() / 4, covered


def test_the_spoken_markers_follow_each_move_and_the_private_vote(qtbot):
    """The screen reader's list of markers is worded again only for rows that changed: it
    still says every marker as it is now."""
    doc, page = make_page(qtbot)
    view = page.plot.view
    people = doc.session.participants
    mine, other = people[0], people[1]
    page.select(mine.id)
    page.place(mine.id, "now", 12.0)
    vote(doc, other.id, 88.0)
    qtbot.waitUntil(lambda: f"{other.name}: now 88" in view.accessibleDescription(),
                    timeout=2000)
    said = view.accessibleDescription()
    assert f"{mine.name}: now 12," in said
    page.place(mine.id, "now", 13.0)
    said = view.accessibleDescription()
    assert f"{mine.name}: now 13," in said and f"{mine.name}: now 12," not in said
    assert f"{other.name}: now 88" in said
    page.toggle_hidden()
    said = view.accessibleDescription()
    assert f"{mine.name}: placed" in said and "now 13" not in said


def _empty_room(qtbot):
    from lpdesk.content.defaults import new_session

    session = new_session()
    session.participants.extend(session.new_participants([f"P{i}" for i in range(12)]))
    doc = SessionDocument(session)
    return doc, shown(qtbot, ContinuumPage(doc, audience=True), (1280, 720))


def _first_votes(doc):
    continuum = doc.session.continuum
    votes = {p.id: {"now": 20.0 + i * 3, "target": 55.0 + i * 2}
             for i, p in enumerate(doc.session.participants)}
    with phones_applying():
        doc.apply(PlaceFromPhonesCommand(continuum, continuum.current_area.id, votes))


def test_the_rooms_first_votes_show_the_summarys_parts_at_once(qtbot, monkeypatch):
    """The gap sentence and the table appear together as the refresh ends (one layout of
    the room's screen, not one per part), and the text is fitted after."""
    doc, room = _empty_room(qtbot)
    summary = room.summary
    assert summary.table.isHidden() and summary.gap.isHidden()
    seen = []
    real = summary.show_summary

    def show_summary(*args, **kwargs):
        real(*args, **kwargs)  # inside the change: nothing has appeared yet
        seen.append((summary.gap.isHidden(), summary.table.isHidden()))
    monkeypatch.setattr(summary, "show_summary", show_summary)
    _first_votes(doc)
    room._refresh.flush()
    assert seen == [(True, True)]
    assert not summary.gap.isHidden()
    assert not summary.table.isHidden() and summary.isVisible()


def test_the_room_after_its_first_votes_looks_as_a_room_opened_on_them(qtbot):
    doc, room = _empty_room(qtbot)
    _first_votes(doc)
    room._refresh.flush()
    QApplication.processEvents()
    fresh = shown(qtbot, ContinuumPage(doc, audience=True), (1280, 720))
    assert room.grab().toImage() == fresh.grab().toImage()
