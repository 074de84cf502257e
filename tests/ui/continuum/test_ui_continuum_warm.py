"""The continuum's marker and arrow-head pictures are made ahead of the first votes
(ContinuumCanvas.warm, an IdleWork of ui/base/frames.py): the first slice of a room's
votes painted every colour's pictures at once, a 9 ms paint in a 25 ms stall of the GUI
thread (benchmarks.live_burst)."""
from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication
from shown import shown

from lpdesk.commands.live import PlaceFromPhonesCommand
from lpdesk.content.defaults import new_session
from lpdesk.document import SessionDocument
from lpdesk.ui.base.frames import phones_applying
from lpdesk.ui.continuum import items
from lpdesk.ui.continuum.page import ContinuumPage


def room(people: int) -> SessionDocument:
    session = new_session()
    session.participants.extend(session.new_participants([f"P {i}" for i in range(people)]))
    return SessionDocument(session)


def made() -> int:
    return items.sprite.cache_info().misses + items.arrow_head.cache_info().misses


def test_the_first_votes_only_copy_pictures_made_while_the_room_joined(qtbot):
    items.sprite.cache_clear()
    items.arrow_head.cache_clear()
    doc = room(40)
    page = shown(qtbot, ContinuumPage(doc))
    qtbot.wait(100)  # the room joins: the event loop has turns to spare
    before = made()
    assert before > 0  # the pictures were made, ahead of any vote
    continuum = doc.session.continuum
    with phones_applying():  # one slice: every phone's first now and target
        doc.apply(PlaceFromPhonesCommand(continuum, continuum.current_area.id, {
            p.id: {"now": 10 + i, "target": 90 - i}
            for i, p in enumerate(doc.session.participants)}))
    QApplication.processEvents()  # the refresh after the slice
    page.plot.view.repaint()
    assert all(row.now is not None for row in page.plot.rows[1:])  # the votes are shown
    assert made() == before  # and their paint made no picture


def test_pictures_are_made_in_short_turns_not_all_at_once(qtbot, monkeypatch):
    """At most WARM_MS of making per turn: the warm-up itself must not be the stall."""
    from lpdesk.ui.base import frames
    from lpdesk.ui.continuum import canvas

    items.sprite.cache_clear()
    items.arrow_head.cache_clear()
    turns: list[int] = []
    original = frames.IdleWork._turn

    def counted(self):
        start = made()
        original(self)
        if made() > start:
            turns.append(made() - start)
    monkeypatch.setattr(frames.IdleWork, "_turn", counted)
    monkeypatch.setattr(canvas, "WARM_MS", 0.0)  # one picture a turn
    shown(qtbot, ContinuumPage(room(12)))
    qtbot.wait(100)
    assert len(turns) > 10 and max(turns) == 1


def test_making_pictures_takes_its_turn_like_the_phones_work(qtbot):
    """A turn of making pictures waits for the window's turn after a piece of phones'
    work, and the next piece waits after it (it was the one idle work that did not)."""
    from lpdesk.ui.base import frames
    from lpdesk.ui.continuum.canvas import ContinuumCanvas

    items.sprite.cache_clear()
    items.arrow_head.cache_clear()
    page = shown(qtbot, ContinuumPage(room(12)))
    work = page.findChild(ContinuumCanvas).warm
    work.budget_ms = 0.0  # one picture a turn
    page.findChild(ContinuumCanvas).relaid()  # the pictures again, from the start
    left = work.left()
    assert left > 0
    frames.piece_ended()  # a phones' piece just ended: the window's turn first
    work._turn()
    assert work.left() == left  # not yet
    time.sleep(frames.BREATH_MS / 1000 + 0.002)  # the window has had its turn
    work._turn()
    assert work.left() == left - 1  # one turn's worth made
    assert frames.breath_left_ms() > 0  # and the next piece of phones' work waits for it
