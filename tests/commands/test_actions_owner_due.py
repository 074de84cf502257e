"""Actions with an owner and a due date: the model, one undoable command, the file, the
summary page (facilitator and room), and every export, in one wording."""
import json

import pytest
from PySide6.QtGui import QUndoStack

from lpdesk.commands.room import SetActionFollowUpCommand, new_room_note
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.export.summary import build_report
from lpdesk.model.room import action_line, follow_up_words
from lpdesk.storage import dumps_session, parse_session
from lpdesk.storage.errors import SessionFormatError

LINE = "Pilot a practice community \u2014 Ann Lee, by 2026-12-18"


def session_with_action():
    session = demo_session()
    note = new_room_note(session.room, "action", "Pilot a practice community", None)
    session.room.notes.append(note)
    return session, note


def test_one_wording_for_who_and_by_when():
    assert follow_up_words("Ann Lee", "2026-12-18") == "Ann Lee, by 2026-12-18"
    assert follow_up_words("", "2026-12-18") == "by 2026-12-18"
    assert follow_up_words(" HR ", "") == "HR"
    assert follow_up_words("", "") == ""
    _session, note = session_with_action()
    assert action_line(note) == "Pilot a practice community"
    note.owner, note.due = "Ann Lee", "2026-12-18"
    assert action_line(note) == LINE


def test_the_command_sets_both_and_undoes_both(qapp):
    session, note = session_with_action()
    stack = QUndoStack()
    events = []
    session.room.changed.connect(events.append)
    stack.push(SetActionFollowUpCommand(session.room, note.id, " Ann Lee ", "2026-12-18"))
    assert (note.owner, note.due) == ("Ann Lee", "2026-12-18") and events == [note.id]
    stack.undo()
    assert (note.owner, note.due) == ("", "")
    with pytest.raises(ValueError):
        session.room.set_follow_up(note.id, "Ann", "18/12/2026")


def test_owner_and_due_survive_save_and_open_and_bad_dates_are_refused():
    session, note = session_with_action()
    note.owner, note.due = "Ann Lee", "2026-12-18"
    text = dumps_session(session)
    again = parse_session(text).room.note(note.id)
    assert (again.owner, again.due) == ("Ann Lee", "2026-12-18")
    data = json.loads(text)
    for row in data["room"]:
        if row["id"] == note.id:
            row["due"] = "next week"
    with pytest.raises(SessionFormatError, match=r"due: expected a date like"):
        parse_session(json.dumps(data))


def test_every_export_says_the_same_line():
    import html

    from lpdesk.export.csv_export import export_csv
    from lpdesk.export.html import export_html
    from lpdesk.export.markdown import export_markdown

    session, note = session_with_action()
    note.owner, note.due = "Ann Lee", "2026-12-18"
    report = build_report(session)
    assert LINE in report.actions
    item = next(i for i in report.action_items if i.text == "Pilot a practice community")
    assert (item.owner, item.due, item.line) == ("Ann Lee", "2026-12-18", LINE)
    assert LINE in export_markdown(report).decode("utf-8")
    assert html.escape(LINE) in export_html(report).decode("utf-8")
    assert LINE in export_csv(report).decode("utf-8-sig")


def test_anonymised_exports_hide_an_owner_who_is_a_participant():
    session, note = session_with_action()
    owner = session.participants[0].name
    note.owner = owner
    report = build_report(session, anonymise=True)
    item = next(i for i in report.action_items if "Pilot" in i.text)
    assert owner not in item.owner and owner not in item.line


def test_summary_page_edits_and_shows_owner_and_due(qtbot):
    from lpdesk.ui.summary.page import DETAIL_ROLE, SummaryPage

    session, note = session_with_action()
    doc = SessionDocument(session)
    page = SummaryPage(doc)
    room = SummaryPage(doc, audience=True)
    for p in (page, room):
        qtbot.addWidget(p)
        p.show()
    page.ask_follow_up = lambda n: ("Ann Lee", "2026-12-18")
    page.edit_follow_up(note.id)
    assert (note.owner, note.due) == ("Ann Lee", "2026-12-18")
    assert doc.undo_stack.undoText() == "Set owner and due date"
    view = page.lists["action"]
    row = next(view.item(r) for r in range(view.count())
               if view.item(r).data(0x0100) == note.id)
    assert row.text() == "Pilot a practice community"  # the text alone stays editable
    assert row.data(DETAIL_ROLE).startswith("Ann Lee, by 2026-12-18")
    shown = [room.lists["action"].item(r).text() for r in range(room.lists["action"].count())]
    assert any(t.endswith(LINE) for t in shown)  # the room reads the exports' line
    doc.undo_stack.undo()
    assert (note.owner, note.due) == ("", "")
    page.ask_follow_up = lambda n: None  # cancelled: nothing pushed
    page.edit_follow_up(note.id)
    assert doc.undo_stack.count() == 1 and doc.undo_stack.index() == 0
