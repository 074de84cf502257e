"""Saving faults: each gives a clear message, keeps the session open and unsaved, and leaves
the file that was there byte-for-byte unchanged (and no temporary files behind)."""
import errno
import os
import stat
import tempfile

import pytest
from PySide6.QtWidgets import QMessageBox

from lpdesk.commands.session import SetDetailCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.storage import files, load_session, save_session
from tests.saved import EDITED_TITLE, opened_and_edited, saved_demo

Button = QMessageBox.StandardButton


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "stick"
    path.mkdir()
    return path


@pytest.fixture
def original(folder):
    return saved_demo(folder)


@pytest.fixture
def window(main_window, original):
    # tests/conftest.py's window: errors collected, closes without asking
    return opened_and_edited(main_window, original)


def assert_refused(window, original, before, *fragments):
    """Save failed: message, session unsaved and intact, old file and folder untouched."""
    assert not window.save()
    assert window.errors, "no message was shown"
    title, text = window.errors[-1]
    assert title == "Cannot save session"
    assert str(original.name) in text
    for fragment in fragments:
        assert fragment in text
    assert "still open and unsaved" in text
    assert window.doc.is_modified and window.isWindowModified()
    assert window.doc.session.title == EDITED_TITLE
    assert window.doc.path == original
    if before is not None:
        assert original.read_bytes() == before
        assert sorted(p.name for p in original.parent.iterdir()) == [original.name]


def test_read_only_folder(window, original, folder, monkeypatch):
    before = original.read_bytes()
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, dir=None, **kwargs):
        # Root ignores permission bits, so answer as the OS answers everyone else.
        if dir is not None and not os.stat(dir).st_mode & stat.S_IWUSR:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkstemp(*args, dir=dir, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    folder.chmod(0o555)
    try:
        assert_refused(window, original, before, "permission denied", "read-only")
    finally:
        folder.chmod(0o755)
    assert window.save()  # writable again: the same session saves
    assert load_session(original).title == EDITED_TITLE


def test_write_protected_disk(window, original, monkeypatch):
    before = original.read_bytes()

    def mkstemp(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    assert_refused(window, original, before, "the disk is read-only")


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk(window, original, monkeypatch, where):
    before = original.read_bytes()
    if where == "fsync":
        def fsync(_fd):
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr(files.os, "fsync", fsync)
    else:
        real_fdopen = os.fdopen

        class HalfFull:
            """Writes half of the data to the real file, then the disk is full."""

            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, data):
                self.fh.write(data[: len(data) // 2])
                self.fh.flush()
                raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: HalfFull(real_fdopen(fd, mode)))
    assert_refused(window, original, before, "the disk is full")
    monkeypatch.undo()  # space freed: saving works and the old file is replaced
    assert window.save()
    assert not window.doc.is_modified
    assert load_session(original).title == EDITED_TITLE


def test_vanished_folder(window, original, folder, tmp_path):
    before = original.read_bytes()
    unplugged = tmp_path / "drawer"
    folder.rename(unplugged)  # the USB stick is pulled (its files are elsewhere now)
    assert_refused(window, original, None, "folder no longer exists")
    assert not folder.exists()  # nothing was created where the stick was
    assert (unplugged / original.name).read_bytes() == before
    assert sorted(p.name for p in unplugged.iterdir()) == [original.name]


def test_folder_vanishes_during_the_save(window, original, folder, tmp_path, monkeypatch):
    before = original.read_bytes()
    unplugged = tmp_path / "drawer"

    def mkstemp(*_args, **_kwargs):
        folder.rename(unplugged)  # pulled just as the save starts
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    assert_refused(window, original, None, "folder no longer exists")
    assert (unplugged / original.name).read_bytes() == before


@pytest.mark.parametrize("where", ["/proc", "/proc/self"])
def test_a_folder_that_takes_no_files_says_so(window, where):
    """/proc is there but takes no new files (ENOENT): not "was a USB stick removed?"."""
    if not os.path.isdir(where):
        pytest.skip("no /proc here")
    window.ask_save_path = lambda: os.path.join(where, "workshop.lpdesk")
    assert not window.save_as()
    text = window.errors[-1][1]
    assert "no files can be created in this folder" in text
    assert "USB" not in text


def test_a_folder_that_never_existed_is_not_called_removed(tmp_path):
    path = tmp_path / "no" / "such" / "folder" / "x.lpdesk"
    with pytest.raises(files.SessionFileError) as refused:
        save_session(demo_session(), path)
    assert str(refused.value).endswith(f"the folder {path.parent} does not exist")


def test_file_locked_by_another_program(window, original, monkeypatch):
    before = original.read_bytes()

    def replace(_src, _dst):
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(files.os, "replace", replace)
    if os.name == "nt":  # only Windows refuses to replace a file another program has open
        assert_refused(window, original, before, "another program has the file open")
    else:
        assert_refused(window, original, before, "permission denied", "read-only for you")
        assert "another program" not in window.errors[-1][1]


def test_closing_with_a_failing_save_keeps_the_window(window, original, monkeypatch, qtbot):
    before = original.read_bytes()
    monkeypatch.setattr(files.os, "fsync", lambda _fd: (_ for _ in ()).throw(
        OSError(errno.ENOSPC, "No space left on device")))
    window.show()
    window.ask_save_changes = lambda: Button.Save
    window.close()
    assert window.isVisible()
    assert "the disk is full" in window.errors[-1][1]
    assert window.doc.is_modified and original.read_bytes() == before
    window.ask_save_changes = lambda: Button.Discard


# -- the file was changed by someone else since it was opened ---------------------------
def change_behind_our_back(original):
    other = demo_session()
    other.title = "Saved by a colleague"
    other_doc = SessionDocument.open(original)  # e.g. a second lpdesk on a shared drive
    other_doc.session = other
    other_doc.save()
    return original.read_bytes()


def test_changed_file_cancel_keeps_theirs(window, original):
    theirs = change_behind_our_back(original)
    asked = []
    window.ask_file_changed = lambda path: asked.append(path) or "cancel"
    assert not window.save()
    assert asked == [original]
    assert original.read_bytes() == theirs
    assert window.doc.is_modified and window.doc.session.title == EDITED_TITLE
    assert not window.errors


def test_changed_file_save_as_keeps_theirs_and_writes_ours_elsewhere(window, original):
    theirs = change_behind_our_back(original)
    window.ask_file_changed = lambda path: "save_as"
    mine = original.with_name("mine")
    window.ask_save_path = lambda: str(mine)
    assert window.save()
    assert original.read_bytes() == theirs
    assert window.doc.path == mine.with_suffix(".lpdesk")
    assert load_session(window.doc.path).title == EDITED_TITLE
    assert not window.doc.is_modified


def test_changed_file_overwrite_replaces_theirs(window, original):
    change_behind_our_back(original)
    window.ask_file_changed = lambda path: "overwrite"
    assert window.save()
    assert load_session(original).title == EDITED_TITLE
    assert not window.doc.is_modified
    window.doc.push(SetDetailCommand(window.doc.session, "title", "Again"))
    window.ask_file_changed = lambda path: pytest.fail("our own save is not someone else's")
    assert window.save()


def test_touched_but_identical_file_is_not_a_conflict(window, original):
    st = original.stat()
    os.utime(original, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))  # a sync tool
    window.ask_file_changed = lambda path: pytest.fail("the content did not change")
    assert window.save()
    assert load_session(original).title == EDITED_TITLE


def test_deleted_file_is_simply_saved_again(window, original):
    original.unlink()
    window.ask_file_changed = lambda path: pytest.fail("nothing to overwrite")
    assert window.save()
    assert load_session(original).title == EDITED_TITLE
