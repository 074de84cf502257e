"""Saving over a write-protected file (0444, or another user's in a folder we may write)
asks first, like a file changed by someone else: Overwrite / Save As / Cancel. The command
line's `lpdesk demo -o` refuses it the same way."""
import os
import stat

import pytest
from PySide6.QtWidgets import QMessageBox

from lpdesk.demo import demo_session
from lpdesk.storage import load_session, save_session
from lpdesk.storage.errors import FileProtectedError
from tests.saved import EDITED_TITLE, opened_and_edited, saved_demo

Button = QMessageBox.StandardButton


@pytest.fixture
def original(tmp_path):
    return saved_demo(tmp_path / "shared")


@pytest.fixture
def window(main_window, original):
    # tests/conftest.py's window: errors collected, closes without asking
    return opened_and_edited(main_window, original)


def protect(path, how):
    if how == "read_only":
        path.chmod(0o444)
    else:
        if os.geteuid() != 0:
            pytest.skip("only an administrator can give a file to another user")
        os.chown(path, 4242, 4242)


@pytest.mark.parametrize("how", ["read_only", "other_user"])
def test_storage_refuses_without_being_told(original, how):
    protect(original, how)
    before = original.read_bytes()
    with pytest.raises(FileProtectedError) as refused:
        save_session(demo_session(), original)
    assert refused.value.kind == how
    assert "write-protected" in str(refused.value)
    assert original.read_bytes() == before


@pytest.mark.parametrize("how", ["read_only", "other_user"])
def test_cancel_keeps_the_file(window, original, how):
    protect(original, how)
    before = original.read_bytes()
    asked = []
    window.ask_file_protected = lambda path, kind: asked.append((path, kind)) or "cancel"
    assert not window.save()
    assert asked == [(original, how)]
    assert original.read_bytes() == before
    assert window.doc.is_modified and not window.errors


def test_overwrite_replaces_it_and_keeps_it_read_only(window, original):
    protect(original, "read_only")
    window.ask_file_protected = lambda path, kind: "overwrite"
    assert window.save()
    assert load_session(original).title == EDITED_TITLE
    assert stat.S_IMODE(original.stat().st_mode) == 0o444
    assert not window.doc.is_modified


def test_save_as_writes_elsewhere(window, original):
    protect(original, "read_only")
    before = original.read_bytes()
    window.ask_file_protected = lambda path, kind: "save_as"
    mine = original.with_name("mine.lpdesk")
    window.ask_save_path = lambda: str(mine)
    assert window.save()
    assert original.read_bytes() == before
    assert window.doc.path == mine and load_session(mine).title == EDITED_TITLE


def test_the_question_names_the_file_in_plain_text(window, original, qtbot, monkeypatch):
    """The real box: its text, plain-text format and buttons (answered by a timer)."""
    protect(original, "read_only")
    seen = {}

    def exec_(box):
        seen.update(text=box.text(), format=box.textFormat(),
                    buttons=[b.text() for b in box.buttons()])
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert window.ask_file_protected(original, "read_only") == "cancel"
    assert "\u201cworkshop.lpdesk\u201d is write-protected (it is marked read-only)" \
        in seen["text"]
    from PySide6.QtCore import Qt
    assert seen["format"] == Qt.TextFormat.PlainText
    assert {"&Overwrite", "Save &As..."} <= set(seen["buttons"])
