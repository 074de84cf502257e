"""A saved demo session to save over: the file on disk, and the window that opened it and
has an unsaved edit (the title), so that saving has something to write."""
from __future__ import annotations

from pathlib import Path

from lpdesk.commands.session import SetDetailCommand
from lpdesk.demo import demo_session
from lpdesk.storage import save_session

EDITED_TITLE = "Edited in the room"


def saved_demo(folder: Path, name: str = "workshop.lpdesk") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    save_session(demo_session(), path)
    return path


def opened_and_edited(window, path: Path):
    """`window` (tests/conftest.py's main_window) with `path` open and its title edited."""
    assert window.open_path(path)
    window.doc.push(SetDetailCommand(window.doc.session, "title", EDITED_TITLE))
    return window
