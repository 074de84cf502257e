"""A save that was killed leaves its temporary file (`.NAME.XXXXXXXX.tmp`) beside NAME; the
next open or save of NAME removes it once its writer is gone (nobody holds its lock) or,
where that cannot be told, once it is older than a minute. Only our exact pattern for that
NAME is touched. A failed save in a folder that forbids removing files empties its file."""
import errno
import os
import subprocess
import sys
import time

import pytest

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.storage import SessionFileError, files, save_session, stale


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "stick"
    path.mkdir()
    save_session(demo_session(), path / "workshop.lpdesk")
    return path


def leftover(folder, name=".workshop.lpdesk.k3j_9x2q.tmp", age=120.0, size=10_000):
    path = folder / name
    path.write_bytes(b"{" * size)
    old = time.time() - age
    os.utime(path, (old, old))
    return path


def names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_killed_save_leaves_nothing_after_the_next_save(folder):
    """A real kill: a child process writes a session with a huge text and is killed
    mid-write (SIGKILL, its temporary file is left); our next save sweeps it."""
    code = ("import os, signal, sys\nfrom lpdesk.demo import demo_session\n"
            "from lpdesk.storage import files, save_session\n"
            "real_fsync = os.fsync\n"
            "def fsync(fd):\n    os.kill(os.getpid(), signal.SIGKILL)\n"
            "files.os.fsync = fsync\n"
            "s = demo_session(); s.notes = 'x' * 90_000\n"
            f"save_session(s, {str(folder / 'workshop.lpdesk')!r})\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code], env=env, timeout=60)
    temps = [n for n in names(folder) if n.endswith(".tmp")]
    assert len(temps) == 1, names(folder)  # the bug as reported
    old = time.time() - 5  # a few seconds later: the writer is gone, its lock with it
    os.utime(folder / temps[0], (old, old))
    save_session(demo_session(), folder / "workshop.lpdesk")
    assert names(folder) == ["workshop.lpdesk"]


def test_opening_sweeps_stale_temp_files(folder):
    leftover(folder)
    SessionDocument.open(folder / "workshop.lpdesk")
    assert names(folder) == ["workshop.lpdesk"]


def test_only_our_pattern_for_that_file_is_touched(folder):
    keep = [leftover(folder, n) for n in (
        ".other.lpdesk.k3j_9x2q.tmp",  # another session's
        ".workshop.lpdesk.k3j_9x2.tmp",  # not our random part
        ".workshop.lpdesk.K3J_9X2Q.tmp",  # mkstemp never writes capitals
        "workshop.lpdesk.k3j_9x2q.tmp",  # not hidden
        ".workshop.lpdesk.k3j_9x2q.bak",  # a hard link's backup copy is never swept
        ".workshop.lpdesk.k3j_9x2q.tmp.keep")]
    (folder / ".workshop.lpdesk.abcdefgh.tmp").mkdir()  # a folder, never
    (folder / ".workshop.lpdesk.linklink.tmp").symlink_to(folder / "workshop.lpdesk")
    leftover(folder)
    save_session(demo_session(), folder / "workshop.lpdesk")
    assert names(folder) == sorted(
        [p.name for p in keep] + ["workshop.lpdesk", ".workshop.lpdesk.abcdefgh.tmp",
                                  ".workshop.lpdesk.linklink.tmp"])


def test_a_file_being_written_is_kept_however_old(folder):
    """Another lpdesk is writing it (holds its lock): kept, even on a slow disk."""
    busy = leftover(folder, age=600)
    fd = os.open(busy, os.O_RDWR)
    try:
        stale.hold(fd)
        save_session(demo_session(), folder / "workshop.lpdesk")
        assert busy.exists()
    finally:
        os.close(fd)
    save_session(demo_session(), folder / "workshop.lpdesk")
    assert not busy.exists()


def test_a_fresh_one_and_unknown_writers(folder, monkeypatch):
    fresh = leftover(folder, age=0.5)  # just created: its writer may not have locked it
    save_session(demo_session(), folder / "workshop.lpdesk")
    assert fresh.exists()
    monkeypatch.setattr(stale, "fcntl", None)  # no locks here: by age alone
    young = leftover(folder, age=30)
    old = leftover(folder, ".workshop.lpdesk.zzzzzzzz.tmp", age=90)
    save_session(demo_session(), folder / "workshop.lpdesk")
    assert young.exists() and not old.exists()


def test_failed_save_in_an_append_only_folder_frees_its_space(folder, monkeypatch):
    """chattr +a: files can be created, never removed or renamed over."""
    def replace(_src, _dst):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    def unlink(_path, *args, **kwargs):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(files.os, "replace", replace)
    monkeypatch.setattr(stale.os, "unlink", unlink)
    with pytest.raises(SessionFileError, match="permission denied"):
        save_session(demo_session(), folder / "workshop.lpdesk")
    temps = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert len(temps) == 1 and temps[0].stat().st_size == 0
