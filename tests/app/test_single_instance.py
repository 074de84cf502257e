"""A file double-clicked while lpdesk runs opens in the running window (lpdesk/single_instance.py):
two real lpdesk processes, offscreen, each with the same private HOME (the channel is per
user and settings folder), and the request format on its own."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from repo_paths import ROOT

from lpdesk.demo import demo_session
from lpdesk.single_instance import (
    Listener,
    channel_name,
    decode_request,
    encode_request,
    hand_over,
    unix_socket_path,
)
from lpdesk.storage import save_session

# The first lpdesk, started as `lpdesk` is, with a few lines of report on stdout: when it
# listens, what it opens, and whether it asked about unsaved changes (answering Cancel).
FIRST = """
import sys
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMessageBox
import lpdesk.single_instance as si
from lpdesk.ui.window.main_window import MainWindow

listen = si.Listener.listen
def report_listen(self):
    ok = listen(self)
    if {dirty!r}:
        self.window.doc.push(QUndoCommand("an edit"))
    print("listening" if ok else "not-listening", flush=True)
    return ok
si.Listener.listen = report_listen

set_document = MainWindow.set_document
def report_open(self, doc):
    set_document(self, doc)
    if doc.path is not None:
        print("opened", doc.path, flush=True)
MainWindow.set_document = report_open

def ask(self):
    print("asked", flush=True)
    return QMessageBox.StandardButton.Cancel
MainWindow.ask_save_changes = ask

from lpdesk.cli import main
sys.exit(main([]))
"""


def lpdesk_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / "c"),
               XDG_DATA_HOME=str(home / "d"), PYTHONPATH=str(ROOT))
    return env


def start_first(home: Path, dirty: bool = False) -> subprocess.Popen:
    first = subprocess.Popen([sys.executable, "-c", FIRST.format(dirty=dirty)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=lpdesk_env(home), cwd=str(ROOT))
    assert first.stdout.readline().strip() == "listening", first.stderr.read()[-2000:]
    return first


def second(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lpdesk", *args], capture_output=True,
                          text=True, env=lpdesk_env(home), cwd=str(home), timeout=60)


def stop(process: subprocess.Popen) -> str:
    process.kill()
    out, _ = process.communicate(timeout=30)
    return out


@pytest.fixture
def session_file(tmp_path):
    path = tmp_path / "workshop.lpdesk"
    save_session(demo_session(), path)
    return path


def test_a_second_lpdesk_hands_its_file_to_the_running_one_and_leaves(tmp_path, session_file):
    first = start_first(tmp_path)
    try:
        t0 = time.perf_counter()
        # Relative, as a file manager may pass it: the running lpdesk has another folder.
        done = second(tmp_path, session_file.name)
        handed_over_s = time.perf_counter() - t0
        assert done.returncode == 0, done.stderr
        assert first.stdout.readline().strip() == f"opened {session_file}"
        assert handed_over_s < 20  # it left without a window of its own (no --smoke wait)
    finally:
        stop(first)


def test_the_running_lpdesk_asks_before_dropping_unsaved_changes(tmp_path, session_file):
    first = start_first(tmp_path, dirty=True)
    try:
        done = second(tmp_path, str(session_file))
        assert done.returncode == 0, done.stderr
        assert first.stdout.readline().strip() == "asked"
        rest = stop(first)
        assert "opened" not in rest  # Cancel kept the unsaved session
    finally:
        if first.poll() is None:
            stop(first)


def test_with_nobody_running_the_knock_fails_at_once_and_a_stale_socket_is_cleared(
        qtbot, tmp_path):
    from PySide6.QtWidgets import QMainWindow

    name = f"lpdesk-test-{os.getpid()}"
    t0 = time.perf_counter()
    assert hand_over(None, name) is False
    assert time.perf_counter() - t0 < 0.4
    if sys.platform != "win32":  # a crashed lpdesk leaves its Unix socket file behind
        from PySide6.QtNetwork import QLocalServer
        crashed = QLocalServer()
        assert crashed.listen(name)
        stale = Path(crashed.fullServerName())
        assert stale == unix_socket_path(name)  # where the Qt-free knock looks
        crashed.close()
        stale.touch()
        assert hand_over(str(tmp_path / "x.lpdesk"), name) is False  # refused: not alive
        window = QMainWindow()
        qtbot.addWidget(window)
        listener = Listener(window, name)
        assert listener.listen()
        listener.server.close()


def test_channel_is_per_settings_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "a"))
    a = channel_name()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "b"))
    assert channel_name() != a and len(channel_name()) < 40


def test_requests_carry_an_absolute_path_and_anything_else_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert encode_request("x.lpdesk").endswith(b"\n")
    assert decode_request(encode_request("x.lpdesk").strip()) == (
        True, str(tmp_path / "x.lpdesk"))
    assert decode_request(encode_request(None).strip()) == (True, None)
    for bad in (b"", b"\xff\xfe", b"[]", b'{"open": 3}', b'{"open": ""}', b'{"other": 1}',
                b'{"open": "a\\u0000b"}', b"not json"):
        assert decode_request(bad)[0] is False, bad
