"""Everything the continuum activity holds survives save -> open exactly, and a reopened
session shows the same screen."""
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.model.continuum import Area, Placement
from lpdesk.storage import dumps_session, parse_session
from lpdesk.ui.continuum.page import ContinuumPage


def continuum_state(session):
    c = session.continuum
    return (
        c.by_groups, c.hidden, c.current_area_id,
        [(a.id, a.name, a.placements, a.group_placements, a.consensus) for a in c.areas],
    )


def test_every_continuum_field_round_trips():
    session = demo_session()
    c = session.continuum
    leadership = Area("area-leadership", "Leadership \u2014 \u00e9quipe \u201cA\u201d")
    leadership.placements[session.participants[0].id] = Placement(0.0, 100.0)
    leadership.placements[session.participants[1].id] = Placement(None, 33.3)
    leadership.placements[session.participants[2].id] = Placement(12.25, None)
    leadership.group_placements[session.groups[1].id] = Placement(41.7, 58.2)
    leadership.consensus = Placement(None, 70.0)
    c.areas.append(leadership)
    c.current_area_id = leadership.id
    c.hidden = True
    c.by_groups = True
    again = parse_session(dumps_session(session))
    assert continuum_state(again) == continuum_state(session)
    assert dumps_session(again) == dumps_session(session)


def test_an_empty_continuum_round_trips():
    session = demo_session()
    session.continuum.areas = [Area("area-x", "Only area")]
    session.continuum.current_area_id = None
    again = parse_session(dumps_session(session))
    assert continuum_state(again) == continuum_state(session)


def test_edits_made_on_the_page_reopen_to_the_same_screen(qtbot, monkeypatch):
    doc = SessionDocument(demo_session())
    page = ContinuumPage(doc)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    monkeypatch.setattr(page, "ask_area_name", lambda title, text="": "Leadership")
    page.ask_add_area()
    for p, value in zip(doc.session.participants[:5], (10.0, 22.5, 47.3, 81.0, 99.9),
                        strict=True):
        page.place(p.id, "now", value)
        page.place(p.id, "target", 100.0 - value)
    page.controls.consensus_spins["now"].setValue(40)
    page.toggle_hidden()
    page.toggle_hidden()
    page.set_by_groups(True)
    page.place(doc.session.groups[0].id, "target", 66.6)
    page.set_by_groups(False)

    reopened = SessionDocument(parse_session(dumps_session(doc.session)))
    assert continuum_state(reopened.session) == continuum_state(doc.session)
    again = ContinuumPage(reopened)
    qtbot.addWidget(again)
    assert again.rows() == page.rows()
    assert again.tabs.tabText(again.tabs.currentIndex()) == "Leadership"
    assert again.summary.sentence.text() == page.summary.sentence.text()
