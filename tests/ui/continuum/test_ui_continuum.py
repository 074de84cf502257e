"""The continuum page: placing by click, keyboard and real mouse drags, private vote, areas,
by groups, the agreed position, the summary and the audience view."""
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QTabBar
from shown import shown

from lpdesk.content.stages import continuum_content
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.model.continuum import Placement
from lpdesk.model.continuum_words import format_position
from lpdesk.model.session import Session
from lpdesk.ui.continuum.items import AGREED
from lpdesk.ui.continuum.page import ContinuumPage
from lpdesk.ui.continuum.summary import gap_sentence, room_sentence
from lpdesk.ui.style.theme import NORMAL, scaled, set_theme

KINDS = ("now", "target", "agreed")
LEFT = Qt.MouseButton.LeftButton
NO_MOD = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def doc():
    return SessionDocument(demo_session())


def make_page(qtbot, doc, audience=False, size=(1280, 720)):
    return shown(qtbot, ContinuumPage(doc, audience=audience), size)


@pytest.fixture
def page(qtbot, doc):
    return make_page(qtbot, doc)


def area(doc):
    return doc.session.continuum.current_area


def row_of(page, key):
    return [r.key for r in page.plot.rows].index(key)


def view_point(page, x, key):
    """The plot's pixel of position x on the row of `key`."""
    return page.plot.view.to_pixel(x, row_of(page, key)).toPoint()


def data_per_pixel(page):
    return page.plot.view.units_per_px()


# -- placing by click ---------------------------------------------------------------------
def test_click_on_a_row_places_that_persons_active_marker(page, doc):
    ben = doc.session.participants[1]
    before = doc.undo_stack.count()
    QTest.mouseClick(page.plot.view, LEFT, NO_MOD, view_point(page, 88.0, ben.id))
    assert area(doc).placements[ben.id].now == pytest.approx(88.0, abs=2 * data_per_pixel(page))
    assert doc.undo_stack.count() == before + 1
    assert page.selected_key == ben.id
    doc.undo_stack.undo()
    assert area(doc).placements[ben.id].now < 60


def test_click_on_a_marker_selects_it_without_moving_it(page, doc):
    eva = doc.session.participants[4]
    target = area(doc).placements[eva.id].target
    before = doc.undo_stack.count()
    QTest.mouseClick(page.plot.view, LEFT, NO_MOD, view_point(page, target, eva.id))
    assert (page.selected_key, page.active) == (eva.id, "target")
    assert doc.undo_stack.count() == before
    assert page.controls.subject_combo.currentData() == eva.id
    assert page.controls.target_button.isChecked()


def test_clicking_the_agreed_row_sets_the_consensus(page, doc):
    QTest.mouseClick(page.plot.view, LEFT, NO_MOD, view_point(page, 90.0, AGREED))
    assert area(doc).consensus.now == pytest.approx(90.0, abs=2 * data_per_pixel(page))
    assert area(doc).consensus.target == 62.0
    doc.undo_stack.undo()
    assert area(doc).consensus == Placement(35.0, 62.0)


# -- dragging with the real mouse -------------------------------------------------------------
def test_a_real_mouse_drag_is_exactly_one_undo_command(page, doc):
    amira = doc.session.participants[0]
    old = Placement(area(doc).placements[amira.id].now, area(doc).placements[amira.id].target)
    viewport = page.plot.view
    start = view_point(page, old.now, amira.id)
    before = doc.undo_stack.count()
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    for step in range(1, 13):
        QTest.mouseMove(viewport, start + QPoint(20 * step, 0))
        QTest.qWait(2)
        assert doc.undo_stack.count() == before  # nothing is pushed while dragging
    QTest.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(240, 0))
    assert doc.undo_stack.count() == before + 1
    moved = area(doc).placements[amira.id]
    assert moved.now == pytest.approx(old.now + 240 * data_per_pixel(page), abs=1.0)
    assert moved.target == old.target
    assert page.plot.view.dragged() is None  # the marker is drawn in its row again
    doc.undo_stack.undo()
    assert area(doc).placements[amira.id] == old


def test_dragging_from_an_empty_spot_places_and_moves_in_one_command(page, doc):
    liam = doc.session.participants[11]
    page.set_active("target")
    viewport = page.plot.view
    start = view_point(page, 80.0, liam.id)
    before = doc.undo_stack.count()
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + QPoint(-10 * step, 0))
    QTest.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(-50, 0))
    assert doc.undo_stack.count() == before + 1
    assert area(doc).placements[liam.id].target == pytest.approx(
        80.0 - 50 * data_per_pixel(page), abs=1.0)


def test_a_drag_past_the_end_stops_at_the_end(page, doc):
    grace = doc.session.participants[6]
    viewport = page.plot.view
    start = view_point(page, area(doc).placements[grace.id].target, grace.id)
    QTest.mousePress(viewport, LEFT, NO_MOD, start)
    for step in range(1, 8):
        QTest.mouseMove(viewport, start + QPoint(100 * step, 0))
    QTest.mouseRelease(viewport, LEFT, NO_MOD, start + QPoint(700, 0))
    assert area(doc).placements[grace.id].target == 100.0


# -- keyboard ---------------------------------------------------------------------------
def press(page, key, mods=NO_MOD):
    QTest.keyClick(page.plot.view, key, mods)


def test_keyboard_moves_each_press_one_command(page, doc):
    amira = doc.session.participants[0]
    page.plot.view.setFocus()
    start = area(doc).placements[amira.id].now
    before = doc.undo_stack.count()
    press(page, Qt.Key.Key_Right)
    press(page, Qt.Key.Key_Right)
    assert area(doc).placements[amira.id].now == pytest.approx(start + 2)
    press(page, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert area(doc).placements[amira.id].now == pytest.approx(start + 2 - 10)
    assert doc.undo_stack.count() == before + 3
    press(page, Qt.Key.Key_Home)
    assert area(doc).placements[amira.id].now == 0.0
    press(page, Qt.Key.Key_Left)  # already at the end: no command
    assert doc.undo_stack.count() == before + 4
    press(page, Qt.Key.Key_T)
    assert page.active == "target"
    press(page, Qt.Key.Key_End)
    assert area(doc).placements[amira.id] == Placement(0.0, 100.0)
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert area(doc).placements[amira.id].now == pytest.approx(start - 8)


def test_holding_an_arrow_key_is_one_command(page, doc):
    amira = doc.session.participants[0]
    start = area(doc).placements[amira.id].now
    before = doc.undo_stack.count()
    view = page.plot.view
    for repeat in (False, True, True, True, True):
        QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, NO_MOD,
                                               "", repeat))
    assert area(doc).placements[amira.id].now == pytest.approx(start + 5)
    assert doc.undo_stack.count() == before + 1
    doc.undo_stack.undo()
    assert area(doc).placements[amira.id].now == pytest.approx(start)


def test_up_down_choose_the_person_and_an_unplaced_marker_starts_in_the_middle(page, doc):
    newcomer = doc.session.new_participant("Zoe Newcomer")
    doc.session.insert_participant(len(doc.session.participants), newcomer)
    page.select(doc.session.participants[-2].id)
    press(page, Qt.Key.Key_Down)
    assert page.selected_key == newcomer.id
    press(page, Qt.Key.Key_Right)
    assert area(doc).placements[newcomer.id] == Placement(50.0, None)
    press(page, Qt.Key.Key_T)
    press(page, Qt.Key.Key_Right)  # an unplaced target starts where now is
    assert area(doc).placements[newcomer.id] == Placement(50.0, 50.0)
    press(page, Qt.Key.Key_Delete)
    assert area(doc).placements[newcomer.id] == Placement(50.0, None)
    press(page, Qt.Key.Key_Up)
    assert page.selected_key == doc.session.participants[-2].id


def test_keyboard_moves_the_agreed_position(page, doc):
    page.select(AGREED)
    press(page, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert area(doc).consensus == Placement(45.0, 62.0)
    assert page.controls.consensus_spins["now"].value() == 45.0


# -- private vote ---------------------------------------------------------------------------
def test_hide_shows_no_markers_only_who_has_placed_then_reveal(page, doc):
    """With a mirrored screen the facilitator's window is the room's: during the private
    vote it shows nobody's markers, not even the selected person's (it used to show
    theirs), only a neutral tick for who has placed; clicks still place."""
    amira = doc.session.participants[0]
    page.select(amira.id)
    assert len(page.plot.view.markers("now")) == 12
    QTest.mouseClick(page.controls.hide_button, LEFT)
    assert doc.session.continuum.hidden
    assert not any(map(page.plot.view.markers, KINDS))
    assert page.plot.view.halo() is None  # the selection's ring would show where, too
    assert page.plot.visible_rows == set()  # no arrows, no initials
    assert "hidden" in page.summary.sentence.text()
    assert "12 of 12" in page.summary.gap.text()
    assert page.plot.strip.lanes["now"] is None  # no distribution either
    labels = {r.key: r.label for r in page.plot.rows}
    assert labels[amira.id] == f"{amira.name} \u2713"
    # placing another person during the private vote: placed, and still nothing shows
    ben = doc.session.participants[1]
    del area(doc).placements[ben.id]
    page.refresh()
    assert {r.key: r.label for r in page.plot.rows}[ben.id] == ben.name  # not placed yet
    QTest.mouseClick(page.plot.view, LEFT, NO_MOD, view_point(page, 70.0, ben.id))
    assert page.selected_key == ben.id
    assert area(doc).placements[ben.id].now == pytest.approx(70.0, abs=1.0)
    assert not any(map(page.plot.view.markers, KINDS))
    assert {r.key: r.label for r in page.plot.rows}[ben.id] == f"{ben.name} \u2713"
    # a drag would show the marker moving: during the private vote it does nothing
    page.plot.pointer.grab(QPointF(40.0, row_of(page, ben.id)))
    assert page.plot.pointer.grabbed is None
    QTest.mouseClick(page.controls.hide_button, LEFT)  # reveal
    assert not doc.session.continuum.hidden
    assert len(page.plot.view.markers("now")) == 12
    assert "Most of the room" in page.summary.sentence.text()
    doc.undo_stack.undo()
    assert doc.session.continuum.hidden


def test_audience_view_during_a_private_vote_shows_no_marker(qtbot, doc):
    doc.session.continuum.hidden = True
    audience = make_page(qtbot, doc, audience=True)
    assert not any(map(audience.plot.view.markers, KINDS))
    assert "hidden" in audience.summary.sentence.text()


# -- areas ------------------------------------------------------------------------------------
def test_add_rename_remove_areas_with_undo(page, doc, monkeypatch):
    continuum = doc.session.continuum
    monkeypatch.setattr(page, "ask_area_name", lambda title, text="": "Leadership")
    page.ask_add_area()
    assert [a.name for a in continuum.areas][-1] == "Leadership"
    assert page.tabs.count() == 4 and page.tabs.tabText(page.tabs.currentIndex()) == \
        "Leadership"
    assert len(page.plot.view.markers("now")) == 0  # a new area starts empty
    monkeypatch.setattr(page, "ask_area_name", lambda title, text="": "Leading people")
    page.ask_rename_area()
    assert page.tabs.tabText(3) == "Leading people"
    page.tabs.setCurrentIndex(1)  # Onboarding
    assert continuum.current_area.name == "Onboarding"
    onboarding = dict(continuum.current_area.placements)
    page.remove_area()
    assert [a.name for a in continuum.areas] == ["All learning", "Compliance",
                                                 "Leading people"]
    doc.undo_stack.undo()
    assert continuum.areas[1].name == "Onboarding"
    assert continuum.areas[1].placements == onboarding
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Onboarding"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert [a.name for a in continuum.areas] == ["All learning", "Onboarding", "Compliance"]


def test_each_area_has_its_own_placements_and_summary(page, doc):
    continuum = doc.session.continuum
    page.tabs.setCurrentIndex(2)  # Compliance: six people placed
    assert continuum.current_area.name == "Compliance"
    assert len(page.plot.view.markers("now")) == 6
    assert "Embedded" in page.summary.sentence.text()
    page.tabs.setCurrentIndex(0)
    assert len(page.plot.view.markers("now")) == 12


def test_the_last_area_cannot_be_removed(page, doc):
    continuum = doc.session.continuum
    for _ in range(2):
        page.remove_area()
    assert len(continuum.areas) == 1
    page.remove_area()
    assert len(continuum.areas) == 1
    assert not page.remove_area_action.isEnabled()


# -- by groups, agreed position --------------------------------------------------------------
def test_by_groups_shows_one_row_per_group(page, doc):
    page.controls.by_groups_check.click()
    assert doc.session.continuum.by_groups
    assert [r.label for r in page.plot.rows[1:]] == ["Harbour", "Lighthouse", "Quay"]
    assert len(page.plot.view.markers("now")) == 3
    assert "groups" in page.summary.sentence.text().lower()
    harbour = doc.session.groups[0]
    QTest.mouseClick(page.plot.view, LEFT, NO_MOD, view_point(page, 5.0, harbour.id))
    assert area(doc).group_placements[harbour.id].now == pytest.approx(
        5.0, abs=2 * data_per_pixel(page))
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert not doc.session.continuum.by_groups


def test_consensus_entry_and_room_medians(page, doc):
    spin = page.controls.consensus_spins["target"]
    spin.setValue(70)
    assert area(doc).consensus == Placement(35.0, 70.0)
    page.controls.consensus_spins["now"].setValue(-1)  # "not set"
    assert area(doc).consensus == Placement(None, 70.0)
    page.controls.medians_button.click()
    medians = page.summary.cells["now"][1].text(), page.summary.cells["target"][1].text()
    assert (format_position(area(doc).consensus.now),
            format_position(area(doc).consensus.target)) == medians
    doc.undo_stack.undo()
    assert area(doc).consensus == Placement(None, 70.0)


# -- summary, hover, theme ------------------------------------------------------------------
def test_summary_matches_the_placements(page, doc):
    from lpdesk.model.statistics import summarise
    summary = summarise(area(doc).placements.values())
    # one number format for the app and the export: one decimal, no trailing ".0"
    assert page.summary.cells["now"][1].text() == f"{summary.now.median:.1f}".removesuffix(
        ".0")
    assert page.summary.cells["gap"][1].text() == f"{summary.gap.median:+.1f}".removesuffix(
        ".0")
    content = continuum_content()
    stage = content.stage_at(summary.now.median).name
    assert stage in page.summary.sentence.text()
    assert page.summary.agreed.text() == \
        "Agreed: 35 (Blended) today, 62 (Facilitated) as the target."


def test_hover_names_the_marker_and_the_stage(page, doc):
    chloe = doc.session.participants[2]
    now = area(doc).placements[chloe.id].now
    text = page.plot.hover_text(QPointF(now, row_of(page, chloe.id)))
    assert text.startswith("Chloé Martin: now")
    empty = page.plot.hover_text(QPointF(90.0, row_of(page, chloe.id)))
    assert empty.startswith("Unfacilitated")


def test_names_on_the_axis_and_initials_on_markers(page, doc):
    ticks = page.plot.view.names
    assert [label for _, label in ticks][1:4] == ["Amira Haddad", "Ben Okafor",
                                                  "Chloé Martin"]
    assert page.plot.view.show_initials


def test_two_hundred_people_shrink_to_dots(qtbot):
    session = Session()
    session.continuum.areas = demo_session().continuum.areas[:1]
    area_ = session.continuum.areas[0]
    area_.placements.clear()
    for i in range(200):
        p = session.new_participant(f"Person {i}")
        session.participants.append(p)
        area_.placements[p.id] = Placement(float(i % 100), float((i * 7) % 100))
    page = make_page(qtbot, SessionDocument(session))
    assert len(page.plot.view.markers("now")) == 200
    assert page.plot.marker_px < 17 and not page.plot.view.show_initials
    assert page.plot.view.names == []  # names on hover only


def test_theme_scale_grows_the_text_and_colours_follow(page):
    from lpdesk.ui.style.theme import HIGH_CONTRAST
    before = page.plot.name_font.pointSizeF()
    try:
        set_theme(scaled(HIGH_CONTRAST, 1.5))
        assert page.plot.name_font.pointSizeF() == pytest.approx(before * 1.5)
        assert page.summary.sentence.font().pointSizeF() > 18
        # the summary's colours: one sheet on the panel, by each label's role
        summary, t = page.summary, scaled(HIGH_CONTRAST, 1.5)

        def colour(label):
            label.ensurePolished()
            return label.palette().color(label.foregroundRole()).name().lower()
        assert colour(summary.cells["now"][0]) == t.now.lower()
        assert colour(summary.cells["target"][0]) == t.target.lower()
        assert colour(summary.cells["now"][1]) == t.text.lower()
        assert colour(summary.heads[0]) == colour(summary.count) == t.muted_text.lower()
        assert colour(summary.agreed) == t.consensus.lower()
        assert colour(summary.sentence) == t.text.lower()
    finally:
        set_theme(NORMAL)


def test_a_theme_change_recolours_markers_even_when_no_placement_changed(page):
    """Markers are outlined in the background colour: a theme that changes only the
    background changes their outline (the stage band under them and their fill stay)."""
    from dataclasses import replace
    softer = replace(NORMAL, name="softer", background="#FAF7F0")
    ben = page.plot.rows[2]
    centre = page.plot.view.to_pixel(ben.now, 2)
    top = round(centre.y() - page.plot.marker_px / 2)
    column = [(round(centre.x()), y) for y in range(top - 2, top + 3)]

    def edge():
        picture = page.plot.view.grab().toImage()
        return picture.pixelColor(1, 1).name(), [picture.pixelColor(x, y).name()
                                                 for x, y in column]
    before = edge()
    try:
        set_theme(softer)
        QApplication.processEvents()
        after = edge()
        assert after[0] == "#faf7f0"  # the canvas's own background
        assert after[1] != before[1]  # the outline took the new background
        set_theme(NORMAL)
        assert edge() == before
    finally:
        set_theme(NORMAL)


# -- audience ---------------------------------------------------------------------------------
def test_audience_has_no_editing_controls_and_cannot_edit(qtbot, doc):
    audience = make_page(qtbot, doc, audience=True)
    visible = [w for w in audience.findChildren(QAbstractButton) + audience.findChildren(
        QComboBox) + audience.findChildren(QTabBar) if w.isVisibleTo(audience)]
    assert visible == []
    assert audience.area_title.text() == "All learning"
    before = doc.undo_stack.count()
    amira = doc.session.participants[0]
    QTest.mouseClick(audience.plot.view, LEFT, NO_MOD,
                     view_point(audience, 90.0, amira.id))
    QTest.keyClick(audience.plot.view, Qt.Key.Key_Right)
    assert doc.undo_stack.count() == before
    assert audience.plot.rows[0].key == AGREED  # the agreed position is set in the demo


def test_audience_follows_the_facilitator(qtbot, doc):
    facilitator = make_page(qtbot, doc)
    audience = make_page(qtbot, doc, audience=True)
    facilitator.tabs.setCurrentIndex(1)
    assert audience.area_title.text() == "Onboarding"
    amira = doc.session.participants[0]
    facilitator.select(amira.id)
    QTest.keyClick(facilitator.plot.view, Qt.Key.Key_End)
    index = row_of(audience, amira.id)
    assert 100.0 in [x for i, x in audience.plot.view.markers("now") if i == index]


# -- wording ------------------------------------------------------------------------------------
def test_room_sentences():
    content = continuum_content()
    assert room_sentence([], [], content) == "Nobody has placed a marker yet."
    assert room_sentence([30.0], [60.0], content) == \
        "So far one placement: Blended today, Facilitated as the target."
    assert room_sentence([30.0, 35.0, 80.0], [60.0, 65.0, 70.0], content) == \
        "Most of the room puts us in Blended today and wants Facilitated."
    # two people in different stages: no majority, so no "most"
    assert room_sentence([10.0, 40.0], [60.0, 65.0], content).startswith(
        "Views on today differ")
    assert room_sentence([30.0] * 4, [30.0] * 4, content) == \
        "Most of the room puts us in Blended today and wants to stay there."
    assert room_sentence([30.0, 32.0], [60.0, 62.0], content, by_groups=True) == \
        "Most groups put us in Blended today and want Facilitated."


def test_gap_sentences():
    from lpdesk.model.statistics import Spread
    assert gap_sentence(Spread.of([])) == ""
    assert gap_sentence(Spread.of([20.0, 30.0])) == \
        "The median wish is a move of 25 points towards the learner."
    assert gap_sentence(Spread.of([-10.0])) == \
        "The median wish is a move of 10 points towards the organisation."
    assert gap_sentence(Spread.of([0.2])) == "The median wish is no move."


def test_a_new_session_says_what_to_do_and_can_place_the_agreed_position(qtbot):
    from lpdesk.content.defaults import new_session
    doc = SessionDocument(new_session())
    page = make_page(qtbot, doc)
    assert page.plot.rows[0].key == AGREED and len(page.plot.rows) == 1
    assert "add them on the set-up page" in page.summary.gap.text()
    assert page.selected_key == AGREED
    QTest.mouseClick(page.plot.view, LEFT, NO_MOD, view_point(page, 20.0, AGREED))
    assert doc.session.continuum.current_area.consensus.now == pytest.approx(
        20.0, abs=2 * data_per_pixel(page))
    assert page.summary.agreed.text().startswith("Agreed: 20")


def test_a_long_name_does_not_widen_the_page(qtbot):
    """Names may be 500 characters long: the 'whose marker' list shows the start of the
    name (the whole one when it opens) instead of pushing the page wider than the screen;
    the plot's name column stops growing too. Beyond a few words, length changes nothing."""
    widths = []
    for words in (8, 29):
        session = demo_session()
        session.participants[0].name = "A very long name " * words
        page = make_page(qtbot, SessionDocument(session))
        widths.append(page.minimumSizeHint().width())
        combo = page.controls.subject_combo
        assert session.participants[0].name in [combo.itemText(i) for i in range(combo.count())]
    assert widths[0] == widths[1] and widths[1] < 1000, widths
