"""Reading the files to compare: bad files are listed and left out, copies noticed, and
nothing on disk changes."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from lpdesk.demo import demo_session
from lpdesk.storage import dumps_session, save_session
from lpdesk.storage.compare import read_sessions


def digest_tree(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir()) if p.is_file()}


def workshop(title: str, date: str, session_id: str):
    s = demo_session()
    s.title, s.date, s.id = title, date, session_id
    return s


def write_bad_files(folder: Path) -> None:
    (folder / "broken.lpdesk").write_text("{not json", encoding="utf-8")
    (folder / "truncated.lpdesk").write_text(dumps_session(demo_session())[:200],
                                              encoding="utf-8")
    (folder / "foreign.lpdesk").write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    newer = json.loads(dumps_session(demo_session()))
    newer["schema_version"] = 99
    newer["id"] = "session-newer"
    (folder / "newer.lpdesk").write_text(json.dumps(newer), encoding="utf-8")
    (folder / "empty.lpdesk").write_bytes(b"")


def test_a_folder_compares_its_good_sessions_and_lists_every_bad_file(tmp_path):
    save_session(workshop("Sales", "2026-05-01", "session-aaaaaa"), tmp_path / "a.lpdesk")
    save_session(workshop("Ops", "2026-06-01", "session-bbbbbb"), tmp_path / "b.lpdesk")
    write_bad_files(tmp_path)
    (tmp_path / "notes.txt").write_text("not a session, not named .lpdesk")
    before = digest_tree(tmp_path)
    found = read_sessions([tmp_path])
    assert [p.name for p, _ in found.sessions] == ["a.lpdesk", "b.lpdesk"]
    assert found.usable
    problems = {o.path.name: o.problem for o in found.left_out}
    assert set(problems) == {"broken.lpdesk", "truncated.lpdesk", "foreign.lpdesk",
                             "newer.lpdesk", "empty.lpdesk"}
    assert "not an lpdesk session" in problems["foreign.lpdesk"]
    assert "newer" in problems["newer.lpdesk"]
    assert digest_tree(tmp_path) == before  # only read: bytes and times unchanged


def test_two_files_of_one_session_are_noticed_and_compared_once(tmp_path):
    save_session(workshop("Sales", "2026-05-01", "session-aaaaaa"), tmp_path / "a.lpdesk")
    copy = workshop("Sales (renamed)", "2026-05-01", "session-aaaaaa")
    save_session(copy, tmp_path / "a-copy.lpdesk")
    save_session(workshop("Ops", "2026-06-01", "session-bbbbbb"), tmp_path / "b.lpdesk")
    found = read_sessions([tmp_path / "a.lpdesk", tmp_path / "a-copy.lpdesk",
                           tmp_path / "b.lpdesk", tmp_path / "a.lpdesk"])
    assert [p.name for p, _ in found.sessions] == ["a.lpdesk", "b.lpdesk"]
    (copy_note,) = found.left_out
    assert copy_note.path.name == "a-copy.lpdesk" and "a.lpdesk" in copy_note.problem


def test_older_files_without_an_id_are_copies_when_their_bytes_are_the_same(tmp_path):
    old = json.loads(dumps_session(workshop("Sales", "2026-05-01", "")))
    del old["id"]
    text = json.dumps(old)
    (tmp_path / "x.lpdesk").write_text(text, encoding="utf-8")
    (tmp_path / "y.lpdesk").write_text(text, encoding="utf-8")
    found = read_sessions([tmp_path])
    assert [p.name for p, _ in found.sessions] == ["x.lpdesk"]
    assert not found.usable
    assert [o.path.name for o in found.left_out] == ["y.lpdesk"]


def test_missing_and_unreadable_files_are_left_out(tmp_path):
    save_session(workshop("Sales", "2026-05-01", "session-aaaaaa"), tmp_path / "a.lpdesk")
    locked = tmp_path / "locked.lpdesk"
    save_session(workshop("Ops", "2026-05-01", "session-cccccc"), locked)
    os.chmod(locked, 0)
    try:
        found = read_sessions([tmp_path / "a.lpdesk", tmp_path / "gone.lpdesk", locked])
    finally:
        os.chmod(locked, 0o600)
    names = {o.path.name for o in found.left_out}
    assert "gone.lpdesk" in names
    if os.geteuid() != 0:  # root reads anything
        assert "locked.lpdesk" in names
        assert not found.usable
    else:
        assert [p.name for p, _ in found.sessions] == ["a.lpdesk", "locked.lpdesk"]
