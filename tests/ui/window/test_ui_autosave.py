"""Autosave: every change reaches a recovery file within seconds, off the GUI thread, never
touching the user's own file; the file goes after a clean save or close."""
import errno
import threading
import time

import pytest
from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox

from lpdesk.commands.session import AddParticipantsCommand, SetDetailCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.model.continuum import Placement
from lpdesk.storage import recovery, save_session
from lpdesk.storage.recovery import read_recovery, scan
from lpdesk.ui.window.after_paint import first_paint_done
from lpdesk.ui.window.autosave import DEFAULT_DELAY_MS, DEFAULT_MAX_WAIT_MS, recovery_folder
from lpdesk.ui.window.main_window import MainWindow

Button = QMessageBox.StandardButton


@pytest.fixture
def window(qtbot, app_settings):
    w = MainWindow()
    qtbot.addWidget(w)
    w.ask_save_changes = lambda: Button.Discard  # closing at teardown must not block
    w.autosaver.delay_ms = 50
    w.autosaver.max_wait_ms = 400
    return w


def edit_title(w, text):
    w.doc.push(SetDetailCommand(w.doc.session, "title", text))


def add_person(w, name):
    s = w.doc.session
    w.doc.push(AddParticipantsCommand(s, [s.new_participant(name)]))


def recovered(w):
    assert w.autosaver.wait()
    return read_recovery(w.autosaver.path)


def test_defaults_are_a_few_seconds():
    assert DEFAULT_DELAY_MS == 2000 and DEFAULT_MAX_WAIT_MS == 5000


def test_edit_is_autosaved_and_the_users_file_is_untouched(window, qtbot, tmp_path):
    path = tmp_path / "workshop.lpdesk"
    save_session(demo_session(), path)
    before = path.read_bytes()
    assert window.open_path(path)
    assert not window.autosaver.path.exists()  # nothing unsaved yet
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "After lunch")
    info, session = recovered(window)
    assert session.title == "After lunch"
    assert info.original == path and info.original_stamp == window.doc.stamp
    assert path.read_bytes() == before
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert window.autosaver.path.parent == recovery_folder()
    assert str(recovery_folder()).startswith(base) and recovery_folder().name == "recovery"


def test_never_saved_session_is_autosaved_too(window, qtbot):
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        add_person(window, "Amira")
    info, session = recovered(window)
    assert info.original is None
    assert [p.name for p in session.participants] == ["Amira"]


def test_rapid_edits_make_one_write_with_the_last_state(window, qtbot):
    window.autosaver.delay_ms = 300
    window.autosaver.max_wait_ms = 5000
    writes = []
    window.autosaver.written.connect(writes.append)
    for n in range(5):
        add_person(window, f"P{n}")
        qtbot.wait(20)
    assert window.autosaver.is_scheduled() and not writes
    qtbot.waitUntil(lambda: bool(writes), timeout=3000)
    qtbot.wait(400)
    assert len(writes) == 1
    assert len(recovered(window)[1].participants) == 5


def test_continuous_edits_are_saved_by_the_cap(window, qtbot):
    """Debounce alone would never fire while the room keeps dragging."""
    window.autosaver.delay_ms = 200
    window.autosaver.max_wait_ms = 300
    edits, first_write = [], []
    window.autosaver.written.connect(lambda _p: first_write or first_write.append(len(edits)))
    timer = QTimer(interval=40)
    timer.timeout.connect(lambda: (edits.append(1), add_person(window, f"P{len(edits)}")))
    timer.start()
    qtbot.waitUntil(lambda: len(edits) >= 25, timeout=10_000)
    timer.stop()
    assert first_write and first_write[0] < 25


def test_typing_merged_into_one_command_is_still_autosaved(window, qtbot):
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "Kick")
    count = window.doc.undo_stack.count()
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "Kick-off")  # merges with the previous command
    assert window.doc.undo_stack.count() == count
    assert recovered(window)[1].title == "Kick-off"


def test_clean_save_and_undo_back_to_saved_remove_the_file(window, qtbot, tmp_path):
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "One")
    window.ask_save_path = lambda: str(tmp_path / "one")
    assert window.save()
    assert window.autosaver.wait() and not window.autosaver.path.exists()
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        window.doc.undo_stack.undo()
    assert recovered(window)[1].title == ""
    window.doc.undo_stack.redo()  # back to what is saved: nothing to recover
    qtbot.waitUntil(lambda: not window.autosaver.is_scheduled(), timeout=3000)
    assert window.autosaver.wait() and not window.autosaver.path.exists()


def test_clean_close_and_discarding_leave_nothing_behind(window, qtbot):
    folder = window.autosaver.path.parent
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "Draft")
    window.new_session()  # asks; the fixture answers Discard
    assert window.autosaver.wait() and not window.autosaver.path.exists()
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "Second draft")
    assert window.autosaver.file.lock_path.exists()  # we are alive
    window.show()
    window.close()
    assert not window.isVisible()
    assert list(folder.iterdir()) == []


def test_autosave_starts_after_the_first_paint_without_being_asked(qtbot, app_settings):
    w = MainWindow()
    qtbot.addWidget(w)
    w.ask_save_changes = lambda: Button.Discard
    w.show()
    qtbot.waitUntil(lambda: first_paint_done(w), timeout=5000)
    edit_title(w, "Nobody asked")  # no test code touched w.autosaver before this edit
    qtbot.waitUntil(lambda: bool(scan(recovery_folder())), timeout=DEFAULT_MAX_WAIT_MS + 3000)
    assert [i.title for i in scan(recovery_folder())] == ["Nobody asked"]


def test_write_happens_off_the_gui_thread(window, qtbot, monkeypatch):
    threads = []
    real = window.autosaver.file.write_text
    monkeypatch.setattr(window.autosaver.file, "write_text",
                        lambda text: (threads.append(threading.current_thread()), real(text)))
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "Threads")
    assert threads and threads[0] is not threading.main_thread()


def test_failure_is_reported_and_work_goes_on(window, qtbot, monkeypatch):
    def full(_path, _text, **_options):  # mode=0o600: the file stays private
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(recovery, "write_text_atomic", full)
    with qtbot.waitSignal(window.autosaver.failed, timeout=3000) as failed:
        edit_title(window, "Full")
    assert "Autosave failed (the disk is full)" in failed.args[0]
    assert "the disk is full" in window.statusBar().currentMessage()
    assert window.doc.is_modified
    monkeypatch.undo()
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "Full no more")
    assert window.autosaver.last_error == ""
    assert recovered(window)[1].title == "Full no more"


def big_session(people=1000):
    s = demo_session()
    for i in range(people - len(s.participants)):
        s.participants.append(s.new_participant(f"Person {i}", s.groups[i % 3].id))
    for area in s.continuum.areas:
        for n, p in enumerate(s.participants):
            area.placements[p.id] = Placement(n % 100, (n * 7) % 100)
    return s


def test_a_1000_participant_session_snapshots_quickly(window, qtbot):
    window.set_document(SessionDocument(big_session()))
    start = time.perf_counter()
    with qtbot.waitSignal(window.autosaver.written, timeout=5000):
        edit_title(window, "Big room")
    assert window.autosaver.last_encode_ms < 250  # ~5 ms measured; CI machines are slower
    assert len(recovered(window)[1].participants) == 1000
    assert time.perf_counter() - start < 5
    assert [i.title for i in scan(window.autosaver.path.parent)] == ["Big room"]


def test_the_snapshot_is_not_changed_by_later_edits(window):
    """The worker encodes a snapshot after the GUI thread has moved on: an edit made in
    between (every kind of container the session has) must not reach it."""
    s = demo_session()
    window.set_document(SessionDocument(s))
    snap = window.autosaver.file.snapshot(s, None, None)
    before = snap.text()
    s.title = "Changed after the snapshot"
    s.participants.append(s.new_participant("Late", s.groups[0].id))
    area = s.continuum.areas[0]
    area.placements[s.participants[0].id] = Placement(1, 99)
    board = s.matrix.boards[0]
    board.positions[board.cards[0].id] = (0, 0)
    s.agenda.items.reverse()
    assert snap.text() == before


def test_the_json_text_is_made_off_the_gui_thread(window, qtbot, monkeypatch):
    threads = []
    real = recovery.RecoverySnapshot.text
    monkeypatch.setattr(recovery.RecoverySnapshot, "text",
                        lambda self: (threads.append(threading.current_thread()),
                                      real(self))[1])
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "Encoded elsewhere")
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert recovered(window)[1].title == "Encoded elsewhere"


def test_text_utf8_cannot_hold_never_stops_autosave(window, qtbot):
    """A lone surrogate (valid JSON, not UTF-8) already in a session is written as U+FFFD by
    the worker's encoding: autosave goes on (it once stopped without a word)."""
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "x\ud800")
    assert recovered(window)[1].title == "x\ufffd"
    with qtbot.waitSignal(window.autosaver.written, timeout=3000):
        edit_title(window, "after")
    assert recovered(window)[1].title == "after"
