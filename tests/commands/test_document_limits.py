"""An edit that would take the session over one of lpdesk's limits (a session it could not
open again) is taken back at once, leaves nothing to redo, and the window says why; the
edits before it stay as they were."""
from lpdesk.commands.session import AddParticipantsCommand, SetDetailCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.model import limits
from lpdesk.storage import load_session
from lpdesk.ui.window.main_window import MainWindow


def full_room():
    session = demo_session()
    while len(session.participants) < limits.PARTICIPANTS:
        session.participants.append(session.new_participant(
            f"Person {len(session.participants)}"))
    return session


def test_the_1001st_participant_is_refused(qtbot):
    doc = SessionDocument(full_room())
    said = []
    doc.limit_reached.connect(said.append)
    doc.push(SetDetailCommand(doc.session, "title", "Town hall"))
    doc.push(AddParticipantsCommand(doc.session, [doc.session.new_participant("One more")]))
    assert len(doc.session.participants) == limits.PARTICIPANTS
    assert said == ["participants: 1,001 participants; lpdesk supports at most 1,000"]
    assert not doc.undo_stack.canRedo()
    doc.undo_stack.undo()  # the title edit is still there to undo
    assert doc.session.title == demo_session().title


def test_a_pasted_list_that_does_not_fit_is_refused_whole(qtbot):
    doc = SessionDocument(full_room())
    doc.session.participants = doc.session.participants[:990]
    said = []
    doc.limit_reached.connect(said.append)
    names = [doc.session.new_participant(f"Pasted {i}") for i in range(20)]
    doc.push(AddParticipantsCommand(doc.session, names))
    assert len(doc.session.participants) == 990
    assert said and "1,010 participants" in said[0]
    doc.push(AddParticipantsCommand(doc.session, names[:10]))  # what fits still goes in
    assert len(doc.session.participants) == limits.PARTICIPANTS and len(said) == 1


def test_a_clean_document_stays_clean(qtbot):
    doc = SessionDocument(full_room())
    doc.push(AddParticipantsCommand(doc.session, [doc.session.new_participant("X")]))
    assert not doc.is_modified


def test_a_phone_joining_a_full_room_is_refused(qtbot):
    doc = SessionDocument(full_room())
    said = []
    doc.limit_reached.connect(said.append)
    doc.apply(AddParticipantsCommand(doc.session, [doc.session.new_participant("Phone")]))
    assert len(doc.session.participants) == limits.PARTICIPANTS and said
    assert not doc.is_modified


def test_the_window_says_why_and_the_session_still_saves(qtbot, app_settings, tmp_path):
    window = MainWindow(SessionDocument(full_room()))
    qtbot.addWidget(window)
    errors = []
    window.show_error = lambda title, text: errors.append((title, text))
    window.doc.push(AddParticipantsCommand(window.doc.session,
                                           [window.doc.session.new_participant("X")]))
    qtbot.waitUntil(lambda: bool(errors), timeout=2000)
    title, text = errors[0]
    assert title == "Too much for one session"
    assert "That change was not made: participants: 1,001 participants" in text
    window.ask_save_path = lambda: str(tmp_path / "town-hall.lpdesk")
    assert window.save_as()
    assert len(load_session(tmp_path / "town-hall.lpdesk").participants) == 1000



def test_name_fields_hold_no_more_than_a_file_may(qtbot, tmp_path):
    """A pasted paragraph in the title field stops at 500 characters, so the session still
    saves and opens (the reader refuses longer titles)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    from lpdesk.content.defaults import new_session
    from lpdesk.storage import save_session
    from lpdesk.ui.setup.page import SetupPage

    doc = SessionDocument(new_session())
    page = SetupPage(doc)
    qtbot.addWidget(page)
    page.show()
    QGuiApplication.clipboard().setText("Workshop " * 100)  # 900 characters
    page.title_edit.setFocus()
    QTest.keyClick(page.title_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    page.title_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: len(doc.session.title) > 0, timeout=2000)
    assert len(doc.session.title) == limits.NAME
    assert page.name_entry.maxLength() == page.client_edit.maxLength() == limits.NAME
    save_session(doc.session, tmp_path / "t.lpdesk")
    assert load_session(tmp_path / "t.lpdesk").title == doc.session.title
