"""Saved files get the permissions of any document the user saves (the umask), a replaced
file keeps its own; the recovery file stays private. `lpdesk demo -o` and `lpdesk export -o`
refuse to replace a file unless --force. The export dialog starts beside the session."""
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from lpdesk.demo import demo_session
from lpdesk.storage import load_session, save_session
from lpdesk.storage.files import write_text_atomic

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")


@pytest.fixture
def umask():
    def set_umask(value):
        os.umask(value)
    old = os.umask(0o022)
    os.umask(old)
    yield set_umask
    os.umask(old)


def mode(path):
    return stat.S_IMODE(Path(path).stat().st_mode)


@pytest.mark.parametrize("value, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_sessions_honour_the_umask(tmp_path, umask, value, expected):
    umask(value)
    save_session(demo_session(), tmp_path / "new.lpdesk")
    assert mode(tmp_path / "new.lpdesk") == expected
    write_text_atomic(tmp_path / "summary.md", "# x\n")  # exports too
    assert mode(tmp_path / "summary.md") == expected


def test_a_replaced_file_keeps_its_permissions(tmp_path, umask):
    umask(0o022)
    path = tmp_path / "team.lpdesk"
    save_session(demo_session(), path)
    path.chmod(0o660)  # shared with the team's group
    save_session(demo_session(), path)
    assert mode(path) == 0o660


def test_the_recovery_file_stays_private(tmp_path, umask):
    from lpdesk.storage.recovery import RecoveryFile
    umask(0o022)
    recovery = RecoveryFile(tmp_path / "recovery")
    recovery.write(demo_session())
    assert mode(recovery.path) == 0o600
    recovery.close()


def run_cli(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-m", "lpdesk", *args], capture_output=True,
                          text=True, env=env, timeout=120)


def test_demo_refuses_to_replace_a_file_without_force(tmp_path):
    out = tmp_path / "sample.lpdesk"
    out.write_text("my own notes, not a session")
    result = run_cli("demo", "-o", str(out))
    assert result.returncode == 1
    assert result.stderr == f"lpdesk demo: {out} already exists (add --force to replace it)\n"
    assert out.read_text() == "my own notes, not a session"
    result = run_cli("demo", "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert load_session(out) == demo_session()


@pytest.mark.parametrize("ext", [".md", ".csv"])
def test_export_refuses_to_replace_a_file_without_force(tmp_path, ext):
    session = tmp_path / "s.lpdesk"
    save_session(demo_session(), session)
    out = tmp_path / f"summary{ext}"
    out.write_text("keep me")
    result = run_cli("export", str(session), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr == (f"lpdesk export: {out} already exists (add --force to replace "
                             "it)\n")
    assert out.read_text() == "keep me"
    result = run_cli("export", str(session), "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8-sig") != "keep me"


def test_export_refuses_to_replace_one_of_its_pngs(tmp_path):
    session = tmp_path / "s.lpdesk"
    save_session(demo_session(), session)
    first = run_cli("export", str(session), "-o", str(tmp_path / "pics.png"))
    assert first.returncode == 0, first.stderr
    pictures = sorted(tmp_path.glob("pics*.png"))
    stamps = [p.stat().st_mtime_ns for p in pictures]
    again = run_cli("export", str(session), "-o", str(tmp_path / "pics.png"))
    assert again.returncode == 2 and "already exists (add --force" in again.stderr
    assert again.stderr.count("\n") == 1
    assert [p.stat().st_mtime_ns for p in pictures] == stamps


def test_the_export_dialog_starts_in_the_session_files_folder(qtbot, app_settings,
                                                              tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from lpdesk.document import SessionDocument
    from lpdesk.ui.export.dialog import ExportDialog

    folder = tmp_path / "clients" / "harbour"
    folder.mkdir(parents=True)
    save_session(demo_session(), folder / "workshop.lpdesk")
    doc = SessionDocument.open(folder / "workshop.lpdesk")
    dialog = ExportDialog(doc)
    qtbot.addWidget(dialog)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: asked.append(args[2]) or ("", ""))
    dialog.ask_save_path()
    assert Path(asked[0]).parent == folder
