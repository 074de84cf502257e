"""Issue 24, a hostile-file pass over `lpdesk export` and `lpdesk compare`: an input is never
overwritten by its own export, control characters and bare links from session text stay
inert in every text format, and a folder's odd entries are each listed with their reason."""
from __future__ import annotations

import csv
import io
import os
import socket
import sys
from pathlib import Path

import pytest
from export_sessions import with_boards

from lpdesk.cli import main
from lpdesk.demo import demo_session, demo_workshops
from lpdesk.export.compare import (
    build_comparison_report,
    compare_files,
    comparison_csv,
    comparison_html,
    comparison_markdown,
)
from lpdesk.export.csv_export import export_csv
from lpdesk.export.html import export_html
from lpdesk.export.markdown import export_markdown
from lpdesk.export.summary import build_report
from lpdesk.model.room import RoomNote
from lpdesk.storage import save_session
from lpdesk.storage.compare import read_sessions

# every C0 control but TAB, LF and CR, DEL, and the C1 controls
CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20),
                                    0x7F, *range(0x80, 0xA0)))


# -- never write over an input -------------------------------------------------------------
def _sha(path):
    import hashlib
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["a.md", "a.csv", "a.html"])
def test_export_never_overwrites_its_own_input(tmp_path, capsys, name):
    session_file = tmp_path / name  # a session file may have any name
    save_session(demo_session(), session_file)
    before = _sha(session_file)
    assert main(["export", str(session_file), "-o", str(session_file), "--force"]) == 2
    err = capsys.readouterr().err
    assert "is the session file being exported" in err and "nothing was written" in err
    assert _sha(session_file) == before


def test_export_never_overwrites_its_input_through_a_link_or_another_spelling(tmp_path,
                                                                              capsys):
    session_file = tmp_path / "a.md"
    save_session(demo_session(), session_file)
    before = _sha(session_file)
    link = tmp_path / "link.md"
    link.symlink_to(session_file)
    hard = tmp_path / "hard.md"
    os.link(session_file, hard)
    for out in (link, hard, tmp_path / "." / "a.md"):
        assert main(["export", str(session_file), "-o", str(out), "--force"]) == 2, out
    assert _sha(session_file) == before
    assert capsys.readouterr().err.count("nothing was written") == 3


def test_compare_never_overwrites_an_input_it_names(tmp_path, capsys):
    folder = tmp_path / "w"
    folder.mkdir()
    names = []
    for n, (_, session) in enumerate(demo_workshops()):
        names.append(folder / f"w{n}.md")
        save_session(session, names[-1])
    before = {p: _sha(p) for p in names}
    assert main(["compare", str(names[0]), str(names[1]), "-o", str(names[1]),
                 "--force"]) == 2
    assert {p: _sha(p) for p in names} == before
    err = capsys.readouterr().err
    assert "is a session file being compared" in err and "nothing was written" in err


def test_compare_folder_never_overwrites_a_session_file_it_reads(tmp_path, capsys):
    folder = tmp_path / "w"
    folder.mkdir()
    paths = []
    for n, (_, session) in enumerate(demo_workshops()):
        paths.append(folder / f"w{n}.lpdesk")
        save_session(session, paths[-1])
    # an output named like an input inside the folder (a session file may be named x.md,
    # but the folder's sessions are *.lpdesk: here the clash is by link)
    out = tmp_path / "out.md"
    out.symlink_to(paths[0])
    before = _sha(paths[0])
    assert main(["compare", str(folder), "-o", str(out), "--force"]) == 2
    assert _sha(paths[0]) == before
    assert "is a session file being compared" in capsys.readouterr().err


# -- control characters and bare links -------------------------------------------------------
def _hostile_text_session():
    s = with_boards(participants=4, groups=2, cards=4)
    s.title = f"Title{CONTROLS}end http://evil.com/x www.evil.com"
    s.client = "Client\x1b[31mred\x07"
    s.notes = "note\x00with\x0bcontrols https://evil.com/notes"
    s.continuum.areas[0].name = "Area\x0cfeed\x85next"
    s.room.notes.append(RoomNote("note-c", "comment", "see https://evil.com/c\x1b]8;;x"))
    s.matrix.boards[0].cards[0].text = "card\x00nul www.evil.com WWW.evil.com ben@evil.com"
    return s


def _no_controls(text: str) -> None:
    bad = sorted({f"U+{ord(c):04X}" for c in text if c in CONTROLS})
    assert bad == [], bad


def test_summary_exports_carry_no_control_characters():
    report = build_report(_hostile_text_session(), include_notes=True)
    md = export_markdown(report).decode("utf-8")
    csv_text = export_csv(report).decode("utf-8-sig")
    for text in (md, csv_text):
        _no_controls(text)
    assert "Titleend" in md and "Client\\[31mred" in md
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert any("notewithcontrols" in cell for row in rows for cell in row)


def test_summary_html_carries_no_control_characters(qapp):
    report = build_report(_hostile_text_session(), include_notes=True)
    html = export_html(report).decode("utf-8")
    _no_controls(html)
    assert "Titleend" in html


def test_comparison_text_formats_carry_no_control_characters(qapp):
    sessions = demo_workshops()
    for _, s in sessions:
        s.title += "\x00\x07\x1b[2J"
        s.continuum.areas[0].name += "\x0b\x0c\x9b"
    report = build_comparison_report(compare_files(sessions), ["bad\x07.lpdesk: \x1b[31m"])
    for render in (comparison_markdown, comparison_html, comparison_csv):
        _no_controls(render(report).decode("utf-8-sig"))


def _links(markdown: str) -> list[str]:
    """The live links a GitHub-flavoured renderer makes: markdown-it's linkify, keeping the
    links of GFM's extended autolinks (text starting www., http://, https://, ftp://, or an
    e-mail address); GFM leaves a bare domain name such as x.com as text."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("gfm-like")
    found = []
    for token in md.parse(markdown):
        children = token.children or []
        for child, after in zip(children, children[1:], strict=False):
            text = after.content.lower()
            if child.type == "link_open" and (
                    text.startswith(("www.", "http://", "https://", "ftp://")) or "@" in text):
                found.append(child.attrGet("href"))
    return found


def test_the_link_checker_sees_bare_links():
    pytest.importorskip("linkify_it")
    assert len(_links("go to http://a.com/x or www.b.com or https://c.com, ben@d.com "
                      "ftp://e.com")) == 5


def test_markdown_turns_no_bare_url_into_a_live_link():
    pytest.importorskip("linkify_it")
    report = build_report(_hostile_text_session(), include_notes=True)
    md = export_markdown(report).decode("utf-8")
    assert _links(md) == []
    assert "evil.com" in md.replace("\\", "")  # the text is still there to read
    sessions = demo_workshops()
    for _, s in sessions:
        s.title += " http://evil.com"
    comparison = comparison_markdown(build_comparison_report(compare_files(sessions)))
    assert _links(comparison.decode("utf-8")) == []


# -- a folder's odd entries ----------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, sockets and links are POSIX")
def test_compare_folder_lists_every_odd_session_entry_with_its_reason(tmp_path):
    folder = tmp_path / "w"
    folder.mkdir()
    for n, (_, session) in enumerate(demo_workshops()[:2]):
        save_session(session, folder / f"w{n}.lpdesk")
    os.mkfifo(folder / "pipe.lpdesk")
    (folder / "device.lpdesk").symlink_to("/dev/null")
    (folder / "loop.lpdesk").symlink_to(folder / "loop.lpdesk")
    (folder / "nowhere.lpdesk").symlink_to(folder / "missing")
    (folder / "sub.lpdesk").mkdir()
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "sock.lpdesk"))
        found = read_sessions([folder])
    finally:
        sock.close()
    reasons = {x.path.name: x.problem for x in found.left_out}
    assert len(found.sessions) == 2
    assert "pipe (FIFO)" in reasons["pipe.lpdesk"]
    assert "device" in reasons["device.lpdesk"]
    assert "loop" in reasons["loop.lpdesk"]
    assert "does not exist" in reasons["nowhere.lpdesk"] or "nothing" in reasons[
        "nowhere.lpdesk"]
    assert "folder" in reasons["sub.lpdesk"]
    assert "socket" in reasons["sock.lpdesk"]


# -- the reader's words --------------------------------------------------------------------
def test_a_number_of_thousands_of_digits_gets_our_own_message(tmp_path):
    from lpdesk.storage import SessionFileError, load_session

    path = tmp_path / "big.lpdesk"
    path.write_text('{"format": "lpdesk-session", "schema_version": 1, "title": "x", '
                    '"continuum": {"areas": [{"id": "a", "name": "A", "placements": '
                    '{"p": {"now": ' + "9" * 5000 + "}}}]}}")
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    message = str(caught.value)
    assert "set_int_max_str_digits" not in message and "sys." not in message
    assert "number" in message and "digits" in message


@pytest.mark.parametrize("what,key,expected", [
    ("area", "current_area", "refers to an area that does not exist"),
    ("agenda item", "current", "refers to an agenda item that does not exist"),
])
def test_a_missing_reference_reads_as_english(tmp_path, what, key, expected):
    import json

    from lpdesk.storage import SessionFileError, load_session
    from lpdesk.storage.files import dumps_session

    data = json.loads(dumps_session(demo_session()))
    (data["continuum"] if what == "area" else data["agenda"])[key] = "nope"
    path = tmp_path / "ref.lpdesk"
    path.write_text(json.dumps(data))
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    assert expected in str(caught.value)


def test_the_dialogs_writer_never_writes_over_a_protected_file(tmp_path):
    """File > Export Summary and the compare window write through formats.write_files with
    the session file(s) protected: nothing is written, not even the other files."""
    from lpdesk.export.formats import ExportError, write_files

    session_file = tmp_path / "s.md"
    save_session(demo_session(), session_file)
    before = _sha(session_file)
    other = tmp_path / "other.md"
    with pytest.raises(ExportError, match="nothing was written"):
        write_files([(other, b"x"), (tmp_path / "." / "s.md", b"y")], protect=[session_file])
    assert _sha(session_file) == before and not other.exists()
    write_files([(other, b"x")], protect=[session_file])
    assert other.read_bytes() == b"x"


def test_files_left_out_name_no_one_when_anonymised():
    from lpdesk.export.compare import left_out_lines
    from lpdesk.storage.compare import LeftOut

    sessions = [s for _, s in demo_workshops()]
    someone = sessions[0].participants[0].name
    problem = [LeftOut(Path(f"{someone}.lpdesk"), "is empty")]
    assert someone.split()[0] in left_out_lines(problem, sessions, False)[0]
    line = left_out_lines(problem, sessions, True)[0]
    assert someone.split()[0] not in line and line.endswith(".lpdesk: is empty")
