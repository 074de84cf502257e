"""Saving through links keeps the links and what can be kept of the file replaced: a
symbolic link stays a link and its target gets the content (the temporary file goes beside
the target); a file with several hard links is rewritten in place after a backup copy;
owner, group, permission bits and extended attributes survive a save."""
import errno
import os
import stat

import pytest
from budget import examples
from fuzz_sessions import make_save_target, save_cases
from hypothesis import HealthCheck, given, settings

from lpdesk.demo import demo_session
from lpdesk.storage import SessionFileError, files, load_session, save_session
from lpdesk.storage.errors import FileProtectedError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX links and owners")


def edited(title="Edited in the room"):
    session = demo_session()
    session.title = title
    return session


@pytest.fixture
def linked(tmp_path):
    """shared/real.lpdesk, and desk/link.lpdesk -> ../shared/real.lpdesk (relative)."""
    (tmp_path / "shared").mkdir()
    (tmp_path / "desk").mkdir()
    real = tmp_path / "shared" / "real.lpdesk"
    save_session(demo_session(), real)
    link = tmp_path / "desk" / "link.lpdesk"
    link.symlink_to(os.path.join("..", "shared", "real.lpdesk"))
    return link, real


def test_saving_through_a_symbolic_link_updates_the_real_file(linked, monkeypatch):
    link, real = linked
    folders = []
    real_mkstemp = files.tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        folders.append(os.path.realpath(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    save_session(edited(), link)
    assert link.is_symlink(), "the link was replaced by a regular file"
    assert load_session(real).title == "Edited in the room"
    assert folders == [str(real.parent.resolve())]  # the rename stays on the target's disk
    assert sorted(p.name for p in link.parent.iterdir()) == ["link.lpdesk"]
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.lpdesk"]


def test_a_chain_of_links_and_a_dangling_link(tmp_path):
    real = tmp_path / "real.lpdesk"
    save_session(demo_session(), real)
    (tmp_path / "one.lpdesk").symlink_to(real)
    (tmp_path / "two.lpdesk").symlink_to(tmp_path / "one.lpdesk")
    save_session(edited(), tmp_path / "two.lpdesk")
    assert (tmp_path / "two.lpdesk").is_symlink() and (tmp_path / "one.lpdesk").is_symlink()
    assert load_session(real).title == "Edited in the room"
    dangling = tmp_path / "new.lpdesk"
    dangling.symlink_to(tmp_path / "made-by-the-save.lpdesk")
    save_session(edited("New"), dangling)
    assert dangling.is_symlink()
    assert load_session(tmp_path / "made-by-the-save.lpdesk").title == "New"


def test_target_on_a_read_only_disk_fails_clearly(linked, monkeypatch):
    """The link's own folder is writable, the target's disk is not: no silent "success"."""
    link, real = linked
    before = real.read_bytes()
    real_mkstemp = files.tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        if os.path.realpath(dir) == str(real.parent.resolve()):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    with pytest.raises(SessionFileError, match="the disk is read-only"):
        save_session(edited(), link)
    assert link.is_symlink() and real.read_bytes() == before
    assert sorted(p.name for p in link.parent.iterdir()) == ["link.lpdesk"]


def test_hard_links_stay_one_file(tmp_path):
    tmp_path = tmp_path / "links"
    tmp_path.mkdir()
    first = tmp_path / "first.lpdesk"
    save_session(demo_session(), first)
    second = tmp_path / "second.lpdesk"
    os.link(first, second)
    inode = first.stat().st_ino
    save_session(edited(), first)
    assert first.stat().st_ino == inode == second.stat().st_ino
    assert first.stat().st_nlink == 2
    assert load_session(second).title == "Edited in the room"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.lpdesk", "second.lpdesk"]


def test_hard_link_write_failure_puts_the_old_content_back(tmp_path, monkeypatch):
    tmp_path = tmp_path / "links"
    tmp_path.mkdir()
    first = tmp_path / "first.lpdesk"
    save_session(demo_session(), first)
    os.link(first, tmp_path / "second.lpdesk")
    before = first.read_bytes()
    calls = []
    real_fsync = os.fsync

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:  # the backup is on disk; the new content is not
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)
    with pytest.raises(SessionFileError, match="the disk is full"):
        save_session(edited(), first)
    assert first.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.lpdesk", "second.lpdesk"]


def test_owner_group_and_mode_are_kept(tmp_path):
    path = tmp_path / "theirs.lpdesk"
    save_session(demo_session(), path)
    os.chmod(path, 0o640)
    if os.geteuid() == 0:
        os.chown(path, 4242, 4343)  # another user's: replaced only when told to
    save_session(edited(), path, overwrite_protected=True)
    st = path.stat()
    assert stat.S_IMODE(st.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (4242, 4343)


def test_extended_attributes_are_kept(tmp_path):
    path = tmp_path / "tagged.lpdesk"
    save_session(demo_session(), path)
    try:
        os.setxattr(path, "user.lpdesk.client", b"Harbour Trust")
    except OSError as exc:
        pytest.skip(f"no extended attributes here ({exc.strerror})")
    save_session(edited(), path)
    assert os.getxattr(path, "user.lpdesk.client") == b"Harbour Trust"
    assert load_session(path).title == "Edited in the room"


@settings(max_examples=examples(60), deadline=2000, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(save_cases())
def test_every_kind_of_target_keeps_its_links_and_mode(tmp_path, case):
    kind, mode = case
    path, real, links = make_save_target(str(tmp_path), kind, mode)
    existed = os.path.exists(real)
    inode = os.stat(real).st_ino if kind == "hard link" else None
    protected = existed and not mode & stat.S_IWUSR
    if protected:  # a write-protected file is replaced only when the user says so
        with pytest.raises(FileProtectedError):
            save_session(edited(), path)
    save_session(edited(), path, overwrite_protected=protected)
    assert load_session(real).title == "Edited in the room"
    assert all(os.path.islink(p) for p in links)
    if existed:
        assert stat.S_IMODE(os.stat(real).st_mode) == mode
    if inode is not None:
        assert os.stat(path).st_ino == os.stat(real).st_ino == inode
    assert not [n for n in os.listdir(os.path.dirname(real)) if n.endswith((".tmp", ".bak"))]
