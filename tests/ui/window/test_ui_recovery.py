"""Crash recovery: a real app process is killed mid-session (SIGKILL); the next start offers
its work, restores it with at most seconds lost, or discards it. Two live instances keep
their own recovery files."""
import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from repo_paths import ROOT

from lpdesk.app import create_main_window
from lpdesk.demo import demo_session
from lpdesk.storage import load_session, save_session
from lpdesk.storage.recovery import RecoveryFile, orphaned, read_recovery, scan
from lpdesk.ui.window import recovery_dialog
from lpdesk.ui.window.after_paint import first_paint_done
from lpdesk.ui.window.autosave import recovery_folder
from lpdesk.ui.window.main_window import MainWindow
from lpdesk.ui.window.recovery import offer_recovery
from lpdesk.ui.window.recovery_dialog import RecoveryDialog, when_text

ARTEFACTS = ROOT / "artefacts"
Button = QMessageBox.StandardButton

# The app, offscreen, in its own process: opens FILE (or a new session), sets the title,
# adds a participant every INTERVAL ms, reports each edit and each autosave on stdout.
CHILD = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QStandardPaths, QTimer
    from lpdesk.app import create_main_window, make_application
    from lpdesk.commands.session import AddParticipantsCommand, SetDetailCommand
    app = make_application()
    app.setApplicationName("lpdesk-test")
    app.setOrganizationName("lpdesk-test")
    QStandardPaths.setTestModeEnabled(True)
    path, title = sys.argv[1], sys.argv[2]
    edits, interval, delay, cap = (int(x) for x in sys.argv[3:7])
    window = create_main_window(path or None)
    saver = window.autosaver
    saver.delay_ms, saver.max_wait_ms = delay, cap
    saver.written.connect(lambda p: print("AUTOSAVED", time.monotonic(), flush=True))
    window.doc.push(SetDetailCommand(window.doc.session, "title", title))
    done = [0]
    def edit():
        s = window.doc.session
        done[0] += 1
        window.doc.push(AddParticipantsCommand(s, [s.new_participant(f"{title} {done[0]}")]))
        print("EDIT", done[0], time.monotonic(), flush=True)
        if done[0] < edits:
            QTimer.singleShot(interval, edit)
        else:
            saver.save_now()
            saver.wait()
            print("FLUSHED", flush=True)
    print("READY", saver.path, flush=True)
    QTimer.singleShot(0, edit)
    app.exec()
""")


class Child:
    """A running lpdesk process whose stdout lines are collected as they come."""

    def __init__(self, path, title, edits, interval=50, delay=300, cap=600):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path or ""), title, str(edits), str(interval),
             str(delay), str(cap)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lines: queue.Queue = queue.Queue()
        self.edits: dict[int, float] = {}  # edit number -> monotonic time (system-wide)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.split())
        self.lines.put(None)

    def wait_for(self, word, until=lambda parts: True, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            try:
                parts = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                parts = None
            if parts is None or time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"the app process never said {word}")
            if parts[0] == "EDIT":
                self.edits[int(parts[1])] = float(parts[2])
            if parts[0] == word and until(parts):
                return parts

    def kill(self):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)


@pytest.fixture
def asked(monkeypatch):
    """Answers the start-up question (no modal dialog): set `asked.answers`."""
    class Calls(list):
        answers: list = []

    calls = Calls()
    calls.answers = []

    def ask(parent, infos):
        calls.append(list(infos))
        return calls.answers.pop(0) if calls.answers else ("later", 0)

    monkeypatch.setattr(recovery_dialog, "ask_recovery", ask)
    return calls


def start_app(qtbot, path=None):
    """Start as `lpdesk [path]` does: the recovery offer comes right after the first paint."""
    window = create_main_window(str(path) if path else None)
    qtbot.addWidget(window)
    window.ask_save_changes = lambda: Button.Discard  # closing at teardown must not block
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    return window


def test_killed_app_is_recovered_with_at_most_seconds_lost(qtbot, app_settings, tmp_path,
                                                           asked):
    original = tmp_path / "workshop.lpdesk"
    save_session(demo_session(), original)
    before = original.read_bytes()
    child = Child(original, "Crash test", edits=10_000)
    ready = child.wait_for("READY")
    assert Path(ready[1]).parent == recovery_folder()  # both processes agree on the place
    child.wait_for("EDIT", lambda parts: int(parts[1]) >= 30)
    killed_at = time.monotonic()
    child.kill()

    asked.answers = [("recover", 0)]
    window = start_app(qtbot, original)
    assert len(asked) == 1 and len(asked[0]) == 1
    info = asked[0][0]
    assert info.title == "Crash test" and info.original == original
    assert datetime.now(UTC) - info.saved_at < timedelta(minutes=2)

    names = [p.name for p in window.doc.session.participants if p.name.startswith("Crash")]
    kept = len(names)
    assert kept >= 1 and names == [f"Crash test {n}" for n in range(1, kept + 1)]
    lost = [n for n in child.edits if n > kept]
    if lost:  # everything done more than 3 s before the kill survived
        assert killed_at - child.edits[min(lost)] < 3.0
    assert window.doc.session.title == "Crash test"
    assert window.doc.is_modified and window.isWindowModified()
    assert window.doc.path == original
    assert original.read_bytes() == before  # neither the crash nor recovery touched it
    assert window.autosaver.wait()
    assert [i.pid for i in scan(recovery_folder())] == [os.getpid()]  # ours replaced theirs

    # The file is as the crashed app left it, so Save writes there with no question.
    window.ask_file_changed = lambda path: pytest.fail("the file did not change")
    assert window.save()
    assert len(load_session(original).participants) == 12 + kept
    assert window.autosaver.wait() and scan(recovery_folder()) == []


def test_discarding_removes_the_recovery_file(qtbot, app_settings, asked):
    child = Child(None, "Throw away", edits=3, interval=10, delay=50, cap=100)
    child.wait_for("FLUSHED")
    child.kill()
    assert len(orphaned(recovery_folder())) == 1
    asked.answers = [("discard", 0)]
    window = start_app(qtbot)
    assert len(asked) == 1  # nothing else left to ask about
    assert window.doc.session.title == "" and not window.doc.is_modified
    assert list(recovery_folder().iterdir()) == []


def test_two_instances_at_once_keep_their_own_files(qtbot, app_settings, asked):
    children = {title: Child(None, title, edits=40, interval=5, delay=10, cap=30)
                for title in ("Alpha", "Bravo")}
    paths = {title: Path(c.wait_for("READY")[1]) for title, c in children.items()}
    assert paths["Alpha"] != paths["Bravo"]
    assert paths["Alpha"].parent == paths["Bravo"].parent == recovery_folder()
    for child in children.values():
        child.wait_for("FLUSHED")

    window = start_app(qtbot)  # a third instance while both run: nothing to recover
    assert asked == [] and orphaned(recovery_folder()) == []
    for title, path in paths.items():
        session = read_recovery(path)[1]
        assert session.title == title
        assert [p.name for p in session.participants] == [f"{title} {n}" for n in range(1, 41)]

    for child in children.values():
        child.kill()
    asked.answers = [("recover", 1)]
    assert offer_recovery(window)
    assert sorted(i.title for i in asked[0]) == ["Alpha", "Bravo"]
    chosen = asked[0][1].title
    assert window.doc.session.title == chosen
    left = orphaned(recovery_folder())  # the other one waits for a later decision
    assert [i.title for i in left] == [{"Alpha": "Bravo", "Bravo": "Alpha"}[chosen]]


# -- in-process: dead instances simulated by recovery files whose lock nobody holds ---------
def make_orphan(folder, title="Left behind", original=None, stamp=None, pid=2**22 + 7):
    f = RecoveryFile(folder, pid=pid)
    session = demo_session()
    session.title = title
    f.write(session, original, stamp)
    os.close(f._lock_fd)  # the process died: the OS dropped its lock
    f._lock_fd = None
    return f.path


def test_later_keeps_the_file_for_the_next_start(qtbot, app_settings, asked):
    path = make_orphan(recovery_folder())
    window = start_app(qtbot)
    assert len(asked) == 1 and path.exists()
    assert window.doc.session.title == ""
    asked.answers = [("recover", 0)]
    assert offer_recovery(window)
    assert window.doc.session.title == "Left behind"
    assert "Recovered the work autosaved today" in window.statusBar().currentMessage()


def test_the_offer_comes_after_the_first_paint_over_the_window(qtbot, app_settings,
                                                               monkeypatch):
    make_orphan(recovery_folder())
    seen = []
    monkeypatch.setattr(recovery_dialog, "ask_recovery", lambda parent, infos: (
        seen.append((parent, parent.isVisible(), first_paint_done(parent))), ("later", 0))[1])
    window = create_main_window()
    qtbot.addWidget(window)
    assert seen == []  # building the window does not wait for the recovery folder
    window.show()
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    assert seen == [(window, True, False)]  # asked over the painted window, once


def test_recovered_file_changed_since_asks_before_overwriting(qtbot, app_settings, tmp_path,
                                                              asked):
    original = tmp_path / "shared.lpdesk"
    stamp = save_session(demo_session(), original)
    make_orphan(recovery_folder(), original=original, stamp=stamp)
    colleague = demo_session()
    colleague.title = "A colleague's version"
    save_session(colleague, original)
    theirs = original.read_bytes()
    asked.answers = [("recover", 0)]
    window = start_app(qtbot)
    assert window.doc.path == original
    questions = []
    window.ask_file_changed = lambda path: questions.append(path) or "cancel"
    assert not window.save()
    assert questions == [original] and original.read_bytes() == theirs
    assert window.doc.is_modified


def test_damaged_recovery_is_reported_then_discarded(qtbot, app_settings, asked,
                                                     monkeypatch):
    path = make_orphan(recovery_folder())
    text = path.read_text()
    path.write_text(text[: len(text) - 200])
    errors = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, text: errors.append(
        (title, text)))
    asked.answers = [("recover", 0), ("recover", 0)]
    window = start_app(qtbot)
    assert errors[0][0] == "Cannot recover session"
    assert "the autosaved session is damaged" in errors[0][1] and str(path) in errors[0][1]
    assert len(errors) == 1 and len(asked) == 2  # asked again; Recover again is "later"
    assert asked[1][0].problem.startswith("the autosaved session is damaged")
    assert path.exists() and window.doc.session.title == "" and not window.doc.is_modified
    asked.answers = [("discard", 0)]
    assert not offer_recovery(window)
    assert not path.exists() and len(errors) == 1


def test_dialog_shows_title_file_and_time(qtbot, app_settings, tmp_path, monkeypatch):
    folder = recovery_folder()
    make_orphan(folder, "Harbour check-in", original=tmp_path / "harbour.lpdesk")
    make_orphan(folder, "", pid=2**22 + 8)
    broken = folder / "autosave-9-00000000.lpdesk-recovery"
    broken.write_text("garbage\n")
    infos = sorted(scan(folder), key=lambda i: (bool(i.problem), not i.title))
    dialog = RecoveryDialog(infos)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [dialog.list.item(i).data(Qt.ItemDataRole.AccessibleTextRole)
             for i in range(dialog.list.count())]
    assert texts[0].startswith("Harbour check-in\nFile: ")
    assert str(tmp_path / "harbour.lpdesk") in texts[0] and "Autosaved today at" in texts[0]
    assert texts[1].startswith("Untitled session\nNever saved to a file")
    assert texts[2].endswith("Cannot be recovered: its header is damaged")
    ARTEFACTS.mkdir(exist_ok=True)
    dialog.grab().save(str(ARTEFACTS / "recovery_dialog.png"))
    assert dialog.recover_button.isEnabled()
    dialog.list.setCurrentRow(2)
    assert not dialog.recover_button.isEnabled()
    dialog.list.setCurrentRow(1)
    dialog.recover_button.click()
    assert dialog.choice == ("recover", 1)
    monkeypatch.setattr("lpdesk.ui.window.recovery_dialog.plain_message",
                        lambda *a, **k: Button.Discard)
    dialog.list.setCurrentRow(2)
    dialog.discard_button.click()
    assert dialog.choice == ("discard", 2)


def test_when_text_reads_naturally():
    now = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    assert when_text(now - timedelta(seconds=20), now).endswith("(less than a minute ago)")
    assert when_text(now - timedelta(minutes=1), now).endswith("(1 minute ago)")
    assert when_text(now - timedelta(minutes=7), now).endswith("(7 minutes ago)")
    assert when_text(now - timedelta(days=1), now).startswith("yesterday at ")
    assert when_text(now - timedelta(days=5), now).startswith("on 2026-11-")
    assert when_text(None) == "at an unknown time"


def test_the_offer_comes_over_the_start_page_and_a_recovered_session_leaves_it(
        qtbot, app_settings, asked):
    from lpdesk.ui.window.start_page import start_page_shown

    make_orphan(recovery_folder())
    asked.answers = [("recover", 0)]
    window = start_app(qtbot)  # no file: the start page, then the offer after its paint
    assert len(asked) == 1
    assert window.doc.session.title == "Left behind"
    assert not start_page_shown(window)  # straight into the recovered session
