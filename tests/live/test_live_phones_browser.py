"""Phones in real rooms (issue 25), in a real browser at a phone's size (Debian's chromium
driven by Playwright, 127.0.0.1 only): the quiz on phones never overwrites, every control is
readable (WCAG AA) and works by keyboard, one live region speaks, the banner goes away and
covers nothing, a placement made offline goes out on reconnect, and a restarted lpdesk with
the same session lets the same phones straight back in. Skipped, saying why, only when
/usr/bin/chromium is absent."""
from __future__ import annotations

import os
import re

import pytest
from test_live_browser import ARTEFACTS, CHROMIUM, PHONE, tap_track, until, visible

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"no browser at {CHROMIUM} (Debian package chromium)")

# Every element with its own text, its colour against the background it sits on (the
# nearest ancestor with an opaque one): the WCAG 2 contrast ratio, and whether it is large.
CONTRAST_JS = """() => {
  function rgb(c) {
    const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(parseFloat);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  }
  function lum(c) {
    const f = (v) => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function background(el) {
    for (let n = el; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c && c.a >= 0.5) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  }
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const st = getComputedStyle(el);
    if (st.visibility === "hidden") continue;
    const fg = rgb(st.color), bg = background(el);
    const a = lum(fg), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight, 10) >= 700;
    const large = size >= 24 || (size >= 18.66 && bold);
    out.push({text: el.textContent.trim().slice(0, 40), tag: el.tagName, ratio: ratio,
              need: large ? 3 : 4.5, color: st.color});
  }
  return out;
}"""

SIZES = ({"width": 390, "height": 844}, {"width": 320, "height": 568})


def low_contrast(page) -> list[dict]:
    return [x for x in page.evaluate(CONTRAST_JS) if x["ratio"] < x["need"]]


def check_contrast(page, where: str) -> None:
    """At both phone sizes and with both colour-scheme preferences."""
    checked = 0
    for size in SIZES:
        page.set_viewport_size(size)
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            bad = low_contrast(page)
            assert not bad, (where, size, scheme, bad)
            checked += len(page.evaluate(CONTRAST_JS))
    page.set_viewport_size(SIZES[0])
    page.emulate_media(color_scheme="light")
    assert checked > 0, where


# Controls a finger or a key can reach: none covered by anything (the banner, the bar) when
# scrolled to the bottom of the screen, the top, or the middle.
COVERED_JS = """(where) => {
  const bad = [];
  for (const el of document.querySelectorAll("button, input, textarea, summary, [role=slider]")) {
    if (!el.getClientRects().length || !el.checkVisibility()) continue;
    el.scrollIntoView({block: where});
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + Math.min(r.height / 2, 20);
    const hit = document.elementFromPoint(x, y);
    const label = el.closest("label");
    if (!hit || !(hit === el || el.contains(hit) || (label && hit.closest("label") === label)))
      bad.push((el.id || el.tagName) + " under " + (hit ? (hit.id || hit.tagName) : "nothing"));
  }
  return bad;
}"""


def join(page, w, qtbot, name: str) -> None:
    page.goto(w.live.panel.qr.text)
    until(qtbot, lambda: visible(page, "#names"))
    page.get_by_role("button", name=name).first.tap()
    until(qtbot, lambda: visible(page, "#continuum"))


def open_on_phones(w, purpose: str = "now"):
    from lpdesk.ui.quiz.chooser import PHONES
    quiz_item = next(i for i in w.visible_items() if i.kind == "quiz")
    w.show_activity(quiz_item.id)
    page = w.pages[quiz_item.id]
    chooser = page.chooser
    chooser.subject.setCurrentIndex(chooser.subject.findData(PHONES))
    chooser.purpose.setCurrentIndex(chooser.purpose.findData(purpose))
    chooser.start.click()
    return page


def test_the_quiz_on_phones_starts_a_new_run_and_places_only_when_that_phone_finishes(
        browser, room, qtbot):
    from lpdesk.commands.continuum import SetPlacementCommand
    from lpdesk.commands.quiz import AddRunCommand, new_run
    from lpdesk.content.quiz import quiz_content
    from lpdesk.model.quiz_scoring import score

    w = room
    s = w.doc.session
    area = s.continuum.current_area
    pat = s.participants[0]
    questions = quiz_content().questions
    # Pat took the quiz on the laptop before (for this purpose): a finished run, and Pat's
    # own marker at 45 on the area the phones' quiz will place on
    old = new_run(s.quiz, "participant", pat.id, "now")
    old.answers = {q.id: q.answers[-1].id for q in questions}
    old.current_question = len(questions)
    w.doc.push(AddRunCommand(s.quiz, old))
    w.doc.push(SetPlacementCommand(s.continuum, area.id, pat.id, "now", 45.0))
    old_answers = dict(old.answers)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        join(page, w, qtbot, pat.name)
        quiz_page = open_on_phones(w)
        bar = quiz_page.phones_bar.label.text()
        assert "when it finishes" in bar and area.name in bar  # the laptop says what happens
        until(qtbot, lambda: visible(page, "#quiz"))
        assert "Question 1 of" in page.locator("#quiz").text_content()  # not the old result
        assert page.locator("#quiz-result").count() == 0
        for i in range(len(questions)):
            until(qtbot, lambda i=i: f"Question {i + 1} of" in (
                page.locator("#quiz").text_content() or ""))
            if i == 0:  # by keyboard: focus goes on to the next question's heading
                page.locator("#answer-0").focus()
                page.keyboard.press("Enter")
                until(qtbot, lambda: "Question 2 of" in page.locator("#quiz").text_content())
                assert page.evaluate("document.activeElement.id") == "quiz-question"
            else:
                page.locator("#answer-0").tap()
            qtbot.wait(30)
            assert s.continuum.placement(area.id, pat.id).now == 45.0  # nothing placed yet
        until(qtbot, lambda: page.locator("#quiz-next").text_content() == "See my result")
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "phone-quiz-last-question.png"), full_page=True)
        # "See my result" is readable: not white on white
        see = [x for x in page.evaluate(CONTRAST_JS) if x["text"] == "See my result"]
        assert see and see[0]["ratio"] >= 4.5, see
        check_contrast(page, "the quiz's last question")
        mine = [r for r in s.quiz.runs if r.subject_id == pat.id and r.id != old.id]
        until(qtbot, lambda: len([r for r in s.quiz.runs if r.subject_id == pat.id]) == 2)
        mine = next(r for r in s.quiz.runs if r.subject_id == pat.id and r.id != old.id)
        assert mine.current_question < len(questions)
        assert s.continuum.placement(area.id, pat.id).now == 45.0
        page.locator("#quiz-next").tap()
        until(qtbot, lambda: visible(page, "#quiz-placed"))
        result = score(questions, mine.answers)
        assert s.continuum.placement(area.id, pat.id).now == round(result.position, 1)
        assert round(result.position, 1) != round(score(questions, old_answers).position, 1)
        assert old.answers == old_answers  # the laptop's run is left as it was
        check_contrast(page, "the quiz's result")
        page.screenshot(path=str(ARTEFACTS / "phone-quiz-result.png"), full_page=True)
    finally:
        context.close()


def test_the_matrix_shows_the_board_then_the_deck_and_the_comment_form(browser, room, qtbot):
    w = room
    s = w.doc.session
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        join(page, w, qtbot, s.participant("p-01").name)
        check_contrast(page, "the continuum")
        item = next(i for i in w.visible_items() if i.kind == "matrix")
        w.show_activity(item.id)
        until(qtbot, lambda: visible(page, "#board"))
        assert visible(page, "#notes")  # a comment or an action, on the matrix too
        board_first = page.evaluate("""() => {
            const cell = document.querySelector('[data-cell]');
            const deck = document.querySelector('#deck');
            return !!(cell.compareDocumentPosition(deck) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""")
        assert board_first
        page.locator("#notes summary").tap()
        page.locator("#note-text").fill("We sort by what we do, not what we say")
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "phone-matrix-comment.png"), full_page=True)
        page.locator("#note-send").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTEFACTS / "phone-matrix-comment-view.png"))
        check_contrast(page, "the matrix with the comment form")
        card = page.locator("#deck [data-card]").first
        card.tap()
        check_contrast(page, "a picked card and its places")
        page.locator("#cancel-pick").tap()
        # the text being typed survives the group's moves arriving
        page.locator("#note-send").tap()
        until(qtbot, lambda: "Sent to the facilitator" in (
            page.locator("#status").text_content() or ""))
        assert s.room.notes[-1].text == "We sort by what we do, not what we say"
    finally:
        context.close()


def aria_lines(page) -> list[str]:
    return page.locator("body").aria_snapshot().splitlines()


def test_keyboard_and_screen_readers_focus_stays_and_one_live_region_speaks(
        browser, room, qtbot):
    w = room
    s = w.doc.session
    area = s.continuum.current_area
    amira = s.participants[0]
    area.placements.pop(amira.id, None)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        join(page, w, qtbot, amira.name)
        # only one live region; the screen itself is not one
        assert page.locator("main").get_attribute("aria-live") is None
        assert page.locator("[aria-live], [role=status], [role=alert], [role=log]").count() == 1
        page.locator("#track").focus()
        page.keyboard.press("ArrowRight")
        until(qtbot, lambda: area.placements.get(amira.id) is not None)
        assert area.placements[amira.id].now == 51  # from the middle, one step right
        until(qtbot, lambda: "Received" in (page.locator("#status").text_content() or ""))
        assert page.evaluate("document.activeElement.id") == "track"  # not BODY
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "phone-continuum-received.png"))
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Shift+ArrowRight")
        until(qtbot, lambda: area.placements[amira.id].now == 62)
        qtbot.wait(200)  # the app's update has reached the phone
        assert page.evaluate("document.activeElement.id") == "track"
        assert page.locator("#track").get_attribute("aria-valuenow") == "62"
        # the banner covers no control while it shows, and then goes away by itself
        for where in ("end", "start", "center"):
            assert page.evaluate(COVERED_JS, where) == [], where
        until(qtbot, lambda: (page.locator("#status").text_content() or "") == "", 8)
        # the target marker by keyboard alone: Tab to "Target", Enter, Tab back to the slider
        page.locator("#set-now").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "set-target"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "track"
        page.keyboard.press("End")
        until(qtbot, lambda: area.placements[amira.id].target == 100)
        # the comment form opens and sends by keyboard too
        page.locator("#notes summary").focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "note-text"
        page.keyboard.type("Keyboard only")
        page.locator("#note-send").focus()
        page.keyboard.press("Enter")
        until(qtbot, lambda: s.room.notes and s.room.notes[-1].text == "Keyboard only")
        # every control has a name in the accessibility tree
        page.locator("#notes summary").click()
        lines = aria_lines(page)
        controls = [x for x in lines if re.match(r"\s*- (button|slider|textbox|checkbox)", x)]
        assert len(controls) >= 8
        unnamed = [x for x in controls if not re.match(r'\s*- \w+ "[^"]+"', x)]
        assert not unnamed, unnamed
        assert any(re.match(r'\s*- slider "Target marker"', x) for x in lines), lines
    finally:
        context.close()


def drop(server, device_id: str) -> None:
    """Close one phone's connection from the server's side, as a dead Wi-Fi would."""
    import asyncio

    def close() -> None:
        phone = server.phones.get(device_id)
        if phone is not None:
            asyncio.ensure_future(phone.ws.close(code=1001, message=b"gone"))

    server._call(close)


def test_a_placement_made_offline_goes_out_on_reconnect(browser, room, qtbot):
    w = room
    s = w.doc.session
    area = s.continuum.current_area
    ben = s.participants[1]
    area.placements.pop(ben.id, None)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        join(page, w, qtbot, ben.name)
        device = next(iter(w.live.controller.room.devices.values()))
        context.set_offline(True)
        drop(w.live.controller.server, device.id)  # the Wi-Fi drops (no goodbye)
        until(qtbot, lambda: not device.connected, 10)
        tap_track(page, 0.3)
        until(qtbot, lambda: "Not connected" in (page.locator("#status").text_content() or ""))
        page.locator("#set-target").tap()
        tap_track(page, 0.5)
        tap_track(page, 0.8)  # the last target wins
        qtbot.wait(4000)  # long enough for the retries to have backed off to seconds
        assert ben.id not in area.placements
        context.set_offline(False)
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # back at once
        until(qtbot, lambda: area.placements.get(ben.id) is not None
              and area.placements[ben.id].target is not None, 1.5)
        placed = area.placements[ben.id]
        assert 25 <= placed.now <= 35 and 75 <= placed.target <= 85
        until(qtbot, lambda: "Received" in (page.locator("#status").text_content() or ""))
    finally:
        context.close()


def test_a_restarted_lpdesk_with_the_same_session_lets_the_same_phones_back_in(
        browser, room, qtbot, tmp_path):
    w = room
    s = w.doc.session
    w.doc.save(tmp_path / "room.lpdesk")
    chloe = s.participants[2]
    code = w.live.controller.room.code
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        join(page, w, qtbot, chloe.name)
        # the app quits (the phones see that the session ended) ...
        w.live.stop()
        until(qtbot, lambda: visible(page, "#ended"))
        w.live.controller.keeper.wait()  # written off the GUI thread
        w.live._document_changed(w.doc)  # everything live is gone, as after a quit
        assert w.live.controller is None
        # ... and starts again with the same session: same code, Chloé back by herself
        assert w.live.start("127.0.0.1")
        assert w.live.controller.room.code == code
        until(qtbot, lambda: visible(page, "#continuum"), 20)
        assert page.locator("#who").text_content() == chloe.name
        device = next(iter(w.live.controller.room.devices.values()))
        assert device.participant_id == chloe.id
        # the keys stay out of the session file
        token = page.evaluate("JSON.parse(localStorage.getItem('lpdesk:' + location.host)).token")
        w.doc.save()
        assert token not in (tmp_path / "room.lpdesk").read_text(encoding="utf-8")
    finally:
        context.close()


def test_the_preflight_says_the_server_answers_and_ticks_when_a_phone_opens_the_page(
        browser, demo_window, qtbot):
    from lpdesk.ui.live.preflight import OK

    w = demo_window
    w.resize(1280, 720)
    w.live.action.trigger()  # the likeliest network first ...
    panel = w.live.panel
    box = panel.addresses
    local = box.findData("127.0.0.1")
    assert box.itemText(local) == "This computer only (try it out)"
    assert box.currentIndex() != local or box.count() == 1  # ... never this by default
    box.setCurrentIndex(local)
    box.activated.emit(local)  # the facilitator rehearses alone
    assert w.live.controller.server.address == "127.0.0.1"
    flight = panel.preflight
    # a 720-line screen folds the checks behind one button (the list of phones stays in
    # sight, tests/test_ui_projector_fit.py); the facilitator unfolds them
    assert flight.folded and flight.unfold.isVisibleTo(panel) and flight.isHidden()
    flight.unfold.click()
    assert "This computer only" in flight.network.text()
    assert "about 8 devices" in flight.hotspot.text() and "travel router" in flight.hotspot.text()
    assert not flight.help.isHidden()
    assert "firewall" in flight.help.text() and "same Wi-Fi" in flight.help.text()
    qtbot.waitUntil(lambda: flight.server.text().startswith(OK), timeout=8000)
    assert w.live.controller.url in flight.server.text()
    assert not flight.phone.text().startswith(OK)
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(panel.qr.text)  # the facilitator's own phone
        assert flight.help.isVisibleTo(panel)
        qtbot.waitUntil(lambda: flight.phone.text().startswith(OK), timeout=8000)
        assert not flight.help.isVisibleTo(panel)  # a phone arrived: the help steps back
        ARTEFACTS.mkdir(exist_ok=True)
        w.live.dock.raise_()
        qtbot.wait(50)
        w.grab().save(str(ARTEFACTS / "panel-preflight-1280x720.png"))
        panel.grab().save(str(ARTEFACTS / "panel-preflight.png"))  # the whole panel
        assert flight.isVisibleTo(panel) and flight.width() >= 200
    finally:
        context.close()
        w.live.stop()


def test_the_preflight_says_so_when_the_server_does_not_answer(demo_window, qtbot):
    from lpdesk.ui.live.preflight import BAD

    w = demo_window
    assert w.live.start("127.0.0.1")
    flight = w.live.panel.preflight
    server = w.live.controller.server
    server.stop()  # the port is closed: as if a firewall dropped it
    try:
        flight.check()
        qtbot.waitUntil(lambda: flight.server.text().startswith(BAD), timeout=8000)
        assert "firewall" in flight.server.text()
    finally:
        w.live.controller.stop()  # not w.live.stop(): it skips a server that is not running,
        # which would leave automatic gc off (the GUI-thread collector on) for later tests


def test_a_phone_held_off_for_wrong_codes_from_its_wi_fi_says_why_and_waits(
        browser, room, qtbot, monkeypatch):
    """Someone on the client's Wi-Fi guessed room codes: an honest phone with the right
    code is refused for a minute. It says so (not "connection lost") and does not knock
    again every half second."""
    import lpdesk.live.server as server

    monkeypatch.setattr(server, "WRONG_CODES_PER_MINUTE", 2)
    w = room
    address = w.live.panel.qr.text
    code = w.live.controller.room.code
    guesser = browser.new_context(**PHONE)  # on the same network (127.0.0.1)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        for wrong in ("WRONG1", "WRONG2"):
            guess = guesser.new_page()
            guess.goto(address.replace(code, wrong))
            until(qtbot, lambda g=guess: "not right" in (g.text_content("body") or ""))
        connects = []
        page.on("websocket", lambda ws: connects.append(ws))
        page.goto(address)  # an honest phone, the right code
        until(qtbot, lambda: "wrong room codes" in (page.locator("#status").text_content()
                                                    or ""))
        qtbot.wait(3000)  # the old page would have retried 3 times and said "Connection lost"
        status = page.locator("#status").text_content() or ""
        assert "wrong room codes" in status and "Trying again by itself" in status
        assert "Connection lost" not in status
        assert len(connects) == 1
        assert not w.live.controller.room.devices
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "phone-held-off.png"), full_page=True)
    finally:
        context.close()
        guesser.close()
