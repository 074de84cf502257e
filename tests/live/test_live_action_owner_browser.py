"""On a real phone-sized browser: the owner field appears for a suggested action only, and
what is typed there reaches the pending note. Screenshot to artefacts/."""
from __future__ import annotations

import os

import pytest
from test_live_activities_browser import join
from test_live_browser import ARTEFACTS, CHROMIUM, PHONE, until, visible

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"no browser at {CHROMIUM} (Debian package chromium)")


def test_a_suggested_action_carries_its_owner(browser, room, qtbot):
    w = room
    s = w.doc.session
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        join(page, w, qtbot, s.participants[1].name)
        page.locator("#notes summary").tap()
        assert not page.locator("#note-owner").is_visible()  # a comment has no owner
        page.locator("#note-action").tap()
        assert page.locator("#note-owner").is_visible()
        page.locator("#note-text").fill("Give managers an hour a week for the community")
        page.locator("#note-owner").fill("<b>Ops</b> leads")
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "phone-action-owner.png"), full_page=True)
        page.locator("#note-send").tap()
        until(qtbot, lambda: "Sent to the facilitator" in (
            page.locator("#status").text_content() or ""))
        note = s.room.notes[-1]
        assert (note.kind, note.owner) == ("action", "<b>Ops</b> leads")
    finally:
        context.close()


def test_the_room_moving_on_leaves_the_draft_and_the_finger_where_they_are(
        browser, room, qtbot):
    """A state frame while the owner (or the text) has focus, and after the finger moved
    between them, rebuilds the screen above but never the form: both fields keep their
    text and the focused one keeps focus."""
    w = room
    s = w.doc.session
    context = browser.new_context(**PHONE)
    page = context.new_page()
    focused = "() => document.activeElement && document.activeElement.id"
    try:
        join(page, w, qtbot, s.participants[2].name)
        page.locator("#notes summary").tap()
        page.locator("#note-action").tap()
        page.locator("#note-text").fill("Pair newcomers with a buddy")
        page.locator("#note-owner").fill("HR")
        assert page.evaluate(focused) == "note-owner"
        w.show_activity(next(i for i in w.visible_items() if i.kind == "setup").id)
        until(qtbot, lambda: visible(page, "#waiting"))
        assert page.evaluate(focused) == "note-owner"
        page.locator("#note-text").tap()  # back to the text: no frame drops it under the finger
        page.keyboard.type(" or two")
        w.show_activity(next(i for i in w.visible_items() if i.kind == "continuum").id)
        until(qtbot, lambda: visible(page, "#continuum"))
        assert page.evaluate(focused) == "note-text"
        assert page.locator("#note-text").input_value() == "Pair newcomers with a buddy or two"
        assert page.locator("#note-owner").input_value() == "HR"
        assert page.locator("#note-owner").is_visible()
        page.locator("#notes").scroll_into_view_if_needed()
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "phone-action-owner-viewport.png"))
        page.locator("#note-send").tap()
        until(qtbot, lambda: "Sent to the facilitator" in (
            page.locator("#status").text_content() or ""))
        note = s.room.notes[-1]
        assert (note.text, note.owner) == ("Pair newcomers with a buddy or two", "HR")
        assert page.locator("#note-owner").input_value() == ""  # cleared with the draft
    finally:
        context.close()
