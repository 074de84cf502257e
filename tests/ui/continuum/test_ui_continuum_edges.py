"""The continuum's edges: no stage tooltip over the rows while a marker is dragged, markers at
0 and 100 drawn whole at every size, and a new participant's colour not a repeat."""
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from shown import shown

import lpdesk.ui.continuum.pointer as pointer_module
from lpdesk.commands.continuum import SetPlacementCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.model.session import PALETTE, Session
from lpdesk.ui.continuum.page import ContinuumPage


def make_page(qtbot, size, audience=False):
    doc = SessionDocument(demo_session())
    return doc, shown(qtbot, ContinuumPage(doc, audience=audience), size)


def test_no_stage_tooltip_while_dragging(qtbot, monkeypatch):
    _doc, page = make_page(qtbot, (1280, 720))
    plot = page.plot
    shown = []
    monkeypatch.setattr(pointer_module.QToolTip, "showText",
                        lambda *args: shown.append(args[1]))
    hidden = []
    monkeypatch.setattr(pointer_module.QToolTip, "hideText", lambda: hidden.append(True))
    row = [r.key for r in plot.rows].index(page.selected_key)
    over_row = plot.view.to_pixel(60.0, row)
    plot.pointer.hover(over_row)
    assert shown  # hovering a row names its stage (not dragging)
    shown.clear()
    x = plot.rows[row].get("now")
    plot.pointer.grab(QPointF(x, row))
    assert hidden  # the grab puts away a tooltip already shown
    plot.pointer.drag_to(61.0)
    plot.pointer.hover(over_row)
    assert shown == []  # nothing covers the rows during the drag
    plot.pointer.drop()
    plot.pointer.hover(over_row)
    assert shown


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("audience", [False, True], ids=["desk", "room"])
def test_markers_at_the_ends_are_whole(qtbot, size, audience):
    doc, page = make_page(qtbot, size, audience)
    continuum = doc.session.continuum
    first, last = doc.session.participants[0].id, doc.session.participants[1].id
    doc.push(SetPlacementCommand(continuum, continuum.current_area.id, first, "now", 100.0))
    doc.push(SetPlacementCommand(continuum, continuum.current_area.id, last, "target", 0.0))
    page.select(first)
    QApplication.processEvents()
    plot = page.plot
    box = plot.view.rows_rect()
    keys = [r.key for r in plot.rows]
    # the selected marker wears a halo 10 px larger than the marker
    half = (plot.size_for("now") + 10) / 2
    right = plot.view.to_pixel(100.0, keys.index(first)).x()
    left = plot.view.to_pixel(0.0, keys.index(last)).x()
    assert right + half <= box.right() + 0.5, (right + half, box.right())
    assert left - plot.size_for("target") / 2 >= box.left() - 0.5


def test_a_new_participant_takes_the_least_used_colour():
    s = Session()
    s.participants = s.new_participants([f"P{i}" for i in range(15)])
    # P0..P11 take the palette in turn, P12.. start again at its beginning
    assert [p.colour for p in s.participants[:12]] == list(PALETTE)
    del s.participants[12]  # the second blue one leaves: blue is used once again
    newcomer = s.new_participant("Newcomer")
    counts = {c: sum(p.colour == c for p in s.participants) for c in PALETTE}
    assert counts[newcomer.colour] == min(counts.values())  # not a third orange or green
    assert newcomer.colour == PALETTE[0]  # ties: the palette's order, so it is deterministic
    again = Session()
    again.participants = s.participants[:]
    assert again.new_participant("Newcomer").colour == newcomer.colour


def test_a_pasted_list_spreads_the_colours_evenly():
    s = Session()
    s.participants = s.new_participants(["A", "B", "C"])
    s.participants[1].colour = PALETTE[0]  # the facilitator picked blue for B
    made = s.new_participants([f"N{i}" for i in range(10)])
    colours = [p.colour for p in s.participants + made]
    counts = [colours.count(c) for c in PALETTE]
    assert max(counts) - min(counts) <= 1


@pytest.mark.parametrize("first_vote", [False, True], ids=["moves", "new markers"])
def test_a_drag_survives_votes_from_phones_arriving_meanwhile(qtbot, first_vote):
    """The facilitator drags a marker while the room votes: each batch of votes re-renders
    the markers, and the drag went with them (the drop then placed nothing)."""
    from lpdesk.commands.live import PlaceFromPhonesCommand

    doc, page = make_page(qtbot, (1280, 720))
    plot, session = page.plot, doc.session
    area = session.continuum.current_area
    mine = page.selected_key
    others = [p.id for p in session.participants if p.id != mine][:3]
    if first_vote:
        for pid in others:
            area.placements.pop(pid, None)
        page.refresh()
    row = [r.key for r in plot.rows].index(mine)
    start = plot.rows[row].get("now")
    plot.pointer.grab(QPointF(start, row))
    plot.pointer.drag_to(start + 5)
    doc.apply(PlaceFromPhonesCommand(session.continuum, area.id,
                                     {pid: {"now": 11.0} for pid in others}))
    assert plot.pointer.held() == (mine, "now", start + 5)
    assert plot.view.dragged() == (row, "now", start + 5)  # still drawn where the hand is
    plot.pointer.drag_to(start + 9)
    plot.pointer.drop()
    assert area.placements[mine].now == start + 9
    assert all(area.placements[pid].now == 11.0 for pid in others)
