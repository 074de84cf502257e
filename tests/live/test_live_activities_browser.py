"""A real browser at a phone's size, with touch (Debian's chromium driven by Playwright):
phones send comments and actions, the facilitator accepts or rejects them. Screenshots go
to artefacts/. Skipped, saying why, only when /usr/bin/chromium is absent."""
from __future__ import annotations

import os

import pytest
from test_live_browser import ARTEFACTS, CHROMIUM, PHONE, until, visible

from lpdesk.export.html import export_html
from lpdesk.export.markdown import export_markdown
from lpdesk.export.summary import build_report
from lpdesk.ui.summary.page import SummaryPage


def open_on_phones(chooser, purpose: str = "now") -> None:
    """The facilitator picks "Everyone, on phones" in the quiz chooser and presses Start."""
    from lpdesk.ui.quiz.chooser import PHONES
    chooser.subject.setCurrentIndex(chooser.subject.findData(PHONES))
    chooser.purpose.setCurrentIndex(chooser.purpose.findData(purpose))
    chooser.start.click()


pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"no browser at {CHROMIUM} (Debian package chromium)")


def join(page, w, qtbot, name: str) -> None:
    page.goto(w.live.panel.qr.text)
    until(qtbot, lambda: visible(page, "#names"))
    page.get_by_role("button", name=name).tap()
    until(qtbot, lambda: visible(page, "#continuum"))


def send_note(page, qtbot, text: str, action: bool = False) -> None:
    if not page.locator("#notes").get_attribute("open") is not None:
        page.locator("#notes summary").tap()
    if action:
        page.locator("#note-action").tap()
    page.locator("#note-text").fill(text)
    page.locator("#note-send").tap()
    until(qtbot, lambda: "Sent to the facilitator" in (
        page.locator("#status").text_content() or ""))


def test_a_comment_accepted_reaches_the_summary_and_a_rejected_one_no_export(
        browser, room, qtbot):
    w = room
    s = w.doc.session
    amira = s.participants[0]
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        join(page, w, qtbot, amira.name)
        page.locator("#notes summary").tap()
        page.locator("#note-text").fill("<script>alert(1)</script> We need time to share")
        ARTEFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "phone-note-form.png"), full_page=True)
        page.locator("#note-send").tap()
        until(qtbot, lambda: "Sent to the facilitator" in (
            page.locator("#status").text_content() or ""))
        assert page.locator("#note-text").count() == 0 or \
            page.locator("#note-text").input_value() == ""  # the draft is gone once sent
        page.screenshot(path=str(ARTEFACTS / "phone-note-sent.png"), full_page=True)
        send_note(page, qtbot, "Buy everyone pizza", action=True)
        kept, dropped = s.room.notes[-2], s.room.notes[-1]
        assert kept.text == "<script>alert(1)</script> We need time to share"
        assert (kept.status, kept.author, dropped.kind) == ("pending", amira.name, "action")
        summary = SummaryPage(w.doc)
        qtbot.addWidget(summary)
        summary.resize(1280, 720)
        summary.show()
        summary.pending.set_status("accepted", [kept.id])
        summary.pending.set_status("rejected", [dropped.id])
        summary.grab().save(str(ARTEFACTS / "summary-phone-notes.png"))
        report = build_report(s)
        assert kept.text in report.comments
        assert "Buy everyone pizza" not in report.actions
        for out in (export_html(report), export_markdown(report)):
            assert b"Buy everyone pizza" not in out
        assert b"<script>alert(1)</script>" not in export_html(report)  # escaped
    finally:
        context.close()


def test_a_phone_takes_the_whole_quiz_and_its_result_lands_on_the_continuum(
        browser, room, qtbot):
    from lpdesk.content.quiz import quiz_content
    from lpdesk.model.quiz_scoring import score

    w = room
    s = w.doc.session
    area = s.continuum.current_area
    ben = s.participants[1]
    area.placements.pop(ben.id, None)
    questions = quiz_content().questions
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        join(page, w, qtbot, ben.name)
        quiz_item = next(i for i in w.visible_items() if i.kind == "quiz")
        w.show_activity(quiz_item.id)
        open_on_phones(w.pages[quiz_item.id].chooser)
        until(qtbot, lambda: visible(page, "#quiz"))
        page.screenshot(path=str(ARTEFACTS / "phone-quiz-question.png"), full_page=True)
        for i, _q in enumerate(questions):
            until(qtbot, lambda i=i: f"Question {i + 1} of" in (
                page.locator("#quiz").text_content() or ""))
            if i == 1:
                page.locator("#quiz-next").tap()  # skip
                continue
            page.locator(f"#answer-{i % 2}").tap()
        page.locator("#quiz-back").tap()  # back to change the one before last
        until(qtbot, lambda: f"Question {len(questions) - 1} of" in (
            page.locator("#quiz").text_content() or ""))
        page.locator("#answer-0").tap()
        until(qtbot, lambda: f"Question {len(questions)} of" in (
            page.locator("#quiz").text_content() or ""))
        page.locator("#quiz-next").tap()  # "See my result"
        until(qtbot, lambda: visible(page, "#quiz-result"))
        until(qtbot, lambda: visible(page, "#quiz-stage"))
        run = next(r for r in s.quiz.runs if r.subject_id == ben.id)
        result = score(questions, run.answers)
        assert questions[1].id not in run.answers
        assert run.answers[questions[-2].id] == questions[-2].answers[0].id
        until(qtbot, lambda: area.placements.get(ben.id) is not None
              and area.placements[ben.id].now == round(result.position, 1))
        from lpdesk.content.stages import continuum_content
        stage = continuum_content().stage_at(result.position).name
        assert page.locator("#quiz-stage").text_content() == stage
        assert "Pulled towards the organisation" in page.locator("#quiz-result").text_content()
        page.screenshot(path=str(ARTEFACTS / "phone-quiz-result.png"), full_page=True)
    finally:
        context.close()


def test_two_phones_of_one_group_sort_cards_and_see_each_others_moves(browser, room, qtbot):
    w = room
    s = w.doc.session
    harbour = next(b for b in s.matrix.boards if b.group_id == "g-harbour")
    contexts = [browser.new_context(**PHONE) for _ in range(2)]
    a, b = (ctx.new_page() for ctx in contexts)
    try:
        join(a, w, qtbot, s.participant("p-01").name)
        join(b, w, qtbot, s.participant("p-02").name)
        item = next(i for i in w.visible_items() if i.kind == "matrix")
        w.show_activity(item.id)
        until(qtbot, lambda: visible(a, "#board") and visible(b, "#board"))
        a.screenshot(path=str(ARTEFACTS / "phone-board.png"))
        card = next(k for k in harbour.cards if k.id not in harbour.positions)
        row, col = harbour.rows[1], harbour.columns[2]
        a.locator(f'#deck [data-card="{card.id}"]').tap()
        a.screenshot(path=str(ARTEFACTS / "phone-board-picked.png"))
        a.locator(f'[data-place="{row.id}|{col.id}"]').tap()
        until(qtbot, lambda: harbour.positions.get(card.id) == (row.id, col.id))
        until(qtbot, lambda: a.locator("#status").text_content() == "")  # acknowledged
        until(qtbot, lambda: b.locator(
            f'[data-cell="{row.id}|{col.id}"] [data-card="{card.id}"]').count() == 1)
        # the second phone sends it back to the deck; the first sees it there
        b.locator(f'[data-cell="{row.id}|{col.id}"] [data-card="{card.id}"]').tap()
        b.locator("#to-deck").tap()
        until(qtbot, lambda: card.id not in harbour.positions)
        until(qtbot, lambda: a.locator(f'#deck [data-card="{card.id}"]').count() == 1)
        # the card text is plain text on the phone
        assert a.locator(f'#deck [data-card="{card.id}"]').text_content() == card.text
        b.screenshot(path=str(ARTEFACTS / "phone-board-moved.png"), full_page=True)
    finally:
        for ctx in contexts:
            ctx.close()


def test_phones_follow_the_facilitator_to_a_break_the_setup_slide_and_the_end(
        browser, room, qtbot):
    w = room
    s = w.doc.session
    context = browser.new_context(**PHONE)
    page = context.new_page()

    def showing(activity):
        return page.locator(f'#waiting[data-activity="{activity}"]').count() == 1

    try:
        join(page, w, qtbot, s.participants[4].name)
        w.workshop.display.start_break(5)
        assert w.workshop.display.on_break
        until(qtbot, lambda: showing("break"))
        page.screenshot(path=str(ARTEFACTS / "phone-break.png"))
        w.workshop.display.end_break()
        until(qtbot, lambda: visible(page, "#continuum"))  # back to the continuum
        w.show_activity(next(i for i in w.visible_items() if i.kind == "setup").id)
        until(qtbot, lambda: showing("setup"))
        w.show_activity(next(i for i in w.visible_items() if i.kind == "matrix").id)
        until(qtbot, lambda: visible(page, "#board"))  # Eva's group's board
        w.show_activity(next(i for i in w.visible_items() if i.kind == "quiz").id)
        until(qtbot, lambda: showing("quiz"))  # not opened for phones: nothing to answer
        assert page.locator("#answer-0").count() == 0
        w.live.stop()
        until(qtbot, lambda: visible(page, "#ended"))
        page.screenshot(path=str(ARTEFACTS / "phone-ended.png"))
    finally:
        context.close()
