"""Recovery files (pure Python): naming, atomic writes, who owns a file, claiming, damage."""
import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from repo_paths import ROOT

from lpdesk.demo import demo_session
from lpdesk.storage import FileStamp, SessionFileError, save_session
from lpdesk.storage import recovery as rec
from lpdesk.storage.recovery import (
    RecoveryFile,
    claim_orphans,
    orphaned,
    read_info,
    read_recovery,
    scan,
)

# A separate process that writes a recovery file, reports, then waits to be killed.
WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from lpdesk.demo import demo_session
    from lpdesk.storage.recovery import RecoveryFile
    f = RecoveryFile(Path(sys.argv[1]))
    s = demo_session()
    s.title = sys.argv[2]
    f.write(s, None, None)
    print(f.path, flush=True)
    time.sleep(60)
""")


def start_writer(folder: Path, title: str) -> tuple[subprocess.Popen, Path]:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(folder), title], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().strip()
    assert line, "the writer process did not start"
    return proc, Path(line)


@pytest.fixture
def folder(tmp_path):
    """The recovery folder (tmp_path itself also holds the test's home folder)."""
    path = tmp_path / "recovery"
    path.mkdir()
    return path


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    proc.stdout.close()


def test_write_and_read_back_with_header(tmp_path):
    original = tmp_path / "mine.lpdesk"
    stamp = save_session(demo_session(), original)
    f = RecoveryFile(tmp_path / "rec")
    session = demo_session()
    session.title = "Harbour workshop"
    f.write(session, original, stamp)
    assert f.path.name == f"autosave-{os.getpid()}-{f.token}.lpdesk-recovery"
    assert len(f.token) == 8
    info, back = read_recovery(f.path)
    assert back == session
    assert (info.pid, info.title, info.original, info.original_stamp) == (
        os.getpid(), "Harbour workshop", original, stamp)
    assert info.saved_at is not None and info.saved_at.tzinfo is not None
    assert original.read_bytes() != f.path.read_bytes()  # never the user's own file
    f.close()
    assert not f.path.exists() and not f.lock_path.exists()


def test_relative_original_is_stored_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    f = RecoveryFile(tmp_path / "rec")
    f.write(demo_session(), Path("here.lpdesk"), None)
    assert read_info(f.path).original == tmp_path / "here.lpdesk"
    f.close()


def test_own_file_is_not_offered_while_we_run(folder):
    f = RecoveryFile(folder)
    f.write(demo_session())
    assert [i.path for i in scan(folder)] == [f.path]
    assert orphaned(folder) == []
    assert claim_orphans(folder) == []
    f.close()


def test_a_killed_writer_leaves_an_orphan_and_a_live_one_does_not(folder):
    live, live_path = start_writer(folder, "Still running")
    dead, dead_path = start_writer(folder, "Crashed")
    try:
        assert live_path != dead_path
        assert orphaned(folder) == []
        kill(dead)
        found = orphaned(folder)
        assert [i.path for i in found] == [dead_path]
        assert found[0].title == "Crashed"
        assert read_recovery(dead_path)[1].title == "Crashed"
        assert read_recovery(live_path)[1].title == "Still running"
    finally:
        kill(live)
        if dead.poll() is None:
            kill(dead)


def test_claims_are_exclusive_until_released(folder):
    proc, path = start_writer(folder, "Crashed")
    kill(proc)
    first = claim_orphans(folder)
    assert [c.info.path for c in first] == [path]
    assert claim_orphans(folder) == []  # a second starting instance does not see it
    first[0].release()
    again = claim_orphans(folder)
    assert len(again) == 1
    assert again[0].read().title == "Crashed"
    again[0].discard()
    assert list(folder.iterdir()) == []
    assert claim_orphans(folder) == []


def test_lock_file_missing_falls_back_to_the_pid(folder):
    f = RecoveryFile(folder, pid=os.getppid())  # a live process, not us
    f.write(demo_session())
    os.close(f._lock_fd)
    f._lock_fd = None
    f.lock_path.unlink()
    assert claim_orphans(folder) == []
    dead_pid = 2**22 + 12345  # above the default pid_max: no such process
    f2 = RecoveryFile(folder, pid=dead_pid)
    f2.write(demo_session())
    os.close(f2._lock_fd)
    f2._lock_fd = None
    f2.lock_path.unlink()
    claims = claim_orphans(folder)
    assert [c.info.pid for c in claims] == [dead_pid]
    for c in claims:
        c.discard()


def test_full_disk_mid_write_keeps_the_previous_recovery(folder, monkeypatch):
    f = RecoveryFile(folder)
    first = demo_session()
    f.write(first)
    before = f.path.read_bytes()

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    second = demo_session()
    second.title = "Newer"
    with pytest.raises(OSError):
        f.write(second)
    assert f.path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == sorted([f.path.name,
                                                                 f.lock_path.name])
    f.close()


def test_damaged_files_are_listed_with_the_problem_and_refused(folder):
    bad_header = folder / "autosave-1-deadbeef.lpdesk-recovery"
    bad_header.write_bytes(b"\x00\xffnot json\n{}")
    f = RecoveryFile(folder, pid=2**22 + 1)
    f.write(demo_session())
    text = f.path.read_text()
    f.path.write_text(text[: len(text) // 2])  # truncated body, header intact
    infos = {i.path: i for i in scan(folder)}
    assert infos[bad_header].problem == "its header is damaged"
    assert infos[f.path].problem == ""
    with pytest.raises(SessionFileError, match="header is damaged"):
        read_recovery(bad_header)
    with pytest.raises(SessionFileError, match="autosaved session is damaged"):
        read_recovery(f.path)
    f.close()


@pytest.mark.parametrize("header", [
    '{"lpdesk_recovery": 2, "pid": 1}',
    '{"lpdesk_recovery": 1, "pid": "x", "host": "h", "title": "", "saved_at": "2026-01-01"}',
    '{"lpdesk_recovery": 1, "pid": 1, "host": "h", "title": "", "saved_at": "yesterday"}',
    '{"lpdesk_recovery": 1, "pid": 1, "host": "h", "title": "", "saved_at": "2026-01-01",'
    ' "original_stamp": {"size": "big"}}',
    '[1, 2]',
    '{"lpdesk_recovery": 1' + ', "x": [' * 100_000,
])
def test_odd_headers_never_raise(folder, header):
    path = folder / "autosave-1-00000000.lpdesk-recovery"
    path.write_text(header + "\n{}\n")
    assert read_info(path).problem


def test_scan_ignores_other_files_and_missing_folder(folder):
    (folder / "notes.txt").write_text("x")
    (folder / "autosave-1-x.lock").write_text("1")
    assert scan(folder) == []
    assert scan(folder / "nowhere") == []


def test_stamp_survives_the_header(folder):
    stamp = FileStamp(12, 34, "ab")
    f = RecoveryFile(folder)
    f.write(demo_session(), folder / "x.lpdesk", stamp)
    assert rec.read_info(f.path).original_stamp == stamp
    f.close()


def test_leftover_locks_of_dead_instances_are_swept(folder):
    saved_then_crashed = RecoveryFile(folder, pid=2**22 + 3)
    saved_then_crashed.write(demo_session())
    saved_then_crashed.remove()  # a clean save removed the recovery file ...
    os.close(saved_then_crashed._lock_fd)  # ... then the process died
    saved_then_crashed._lock_fd = None
    (folder / f".{saved_then_crashed.path.name}.abc.tmp").write_text("half")
    alive = RecoveryFile(folder)
    alive.write(demo_session())
    alive.remove()  # saved cleanly, still running: its lock stays
    assert claim_orphans(folder) == []
    assert sorted(p.name for p in folder.iterdir()) == [alive.lock_path.name]
    alive.close()
    assert list(folder.iterdir()) == []
