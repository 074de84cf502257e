"""Every command-line line that repeats a file name or text from a session shows control
characters escaped: no terminal escape sequence, carriage return or extra line gets
through, whatever the title or the file name holds."""
import os
import subprocess
import sys

import pytest
from budget import examples
from fuzz_sessions import nasty_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lpdesk.cli import main
from lpdesk.demo import demo_session
from lpdesk.storage import save_session
from lpdesk.terminal import printable

HOSTILE_TITLE = "\x1b]0;pwned\x07\x1b[2J\x1b[H\rall files OK\nfake line\u202eevil\u2028x"


def raw_control(text):
    """Characters that must never reach the terminal raw."""
    return [c for c in text if printable(c) != c]


def run_cli(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-m", "lpdesk", *args], capture_output=True,
                          env=env, timeout=120)


def hostile_session(tmp_path, name="workshop.lpdesk", title=HOSTILE_TITLE):
    session = demo_session()
    session.title = title
    path = tmp_path / name
    save_session(session, path)
    return path


def test_check_prints_a_hostile_title_escaped(tmp_path):
    result = run_cli("check", str(hostile_session(tmp_path)))
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    assert out.count("\n") == 1 and out.endswith("\n")
    assert b"\x1b" not in result.stdout and b"\r" not in result.stdout
    assert "\\x1b]0;pwned\\x07\\x1b[2J\\x1b[H\\rall files OK\\nfake line\\u202eevil\\u2028x" \
        in out
    assert "12 participants" in out


@pytest.mark.parametrize("name", ["new\nline.lpdesk", "esc\x1b[31m.lpdesk", "cr\rx.lpdesk"])
def test_file_names_are_escaped_in_every_command(tmp_path, name):
    good = hostile_session(tmp_path, name, title="Plain")
    for args in (["check", str(good)], ["demo", "-o", str(tmp_path / ("d" + name))],
                 ["export", str(good), "-o", str(tmp_path / ("x" + name + ".md"))]):
        result = run_cli(*args)
        assert result.returncode == 0, result.stderr
        assert result.stdout.count(b"\n") == 1, (args, result.stdout)
        assert not raw_control(result.stdout.decode("utf-8")[:-1])
    bad = tmp_path / ("bad" + name)
    bad.write_text("{}")
    for args in (["check", str(bad)], ["export", str(bad), "-o", str(tmp_path / "o.md")],
                 ["demo", "-o", str(good)]):  # exists already
        result = run_cli(*args)
        assert result.returncode in (1, 2)
        assert result.stderr.count(b"\n") == 1, (args, result.stderr)
        assert not raw_control(result.stderr.decode("utf-8")[:-1])


def test_a_file_name_that_is_not_utf8(tmp_path):
    if sys.platform == "darwin":
        pytest.skip("macOS file names are always UTF-8")
    folder = os.fsencode(tmp_path)
    path = os.path.join(folder, b"caf\xe9.lpdesk")
    with open(path, "w") as fh:
        fh.write("{}")
    result = subprocess.run([sys.executable, "-m", "lpdesk", "check", path],
                            capture_output=True, timeout=60)
    assert result.returncode == 1
    assert b"caf\\xe9.lpdesk: " in result.stderr and b"Traceback" not in result.stderr


@settings(max_examples=examples(120), deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=40), nasty_texts.filter(
    lambda t: len(t) <= 500 and not any(0xD800 <= ord(c) <= 0xDFFF for c in t))))
def test_any_title_prints_as_one_line(tmp_path_factory, capsys, title):
    """The fuzzer's text, in process: whatever the title, one line, nothing raw."""
    folder = tmp_path_factory.mktemp("t")
    path = hostile_session(folder, title=title)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert not raw_control(out[:-1])


def test_printable_keeps_ordinary_text():
    for text in ("Chloé Ødegaard", "நன்றி", "👩‍👩‍👧 team", "Straße 5", "a\\nb"):
        assert printable(text) == text
    assert printable("a\u00a0b") == "a\u00a0b"  # a no-break space moves nothing
    assert printable("\udce9") == "\\xe9"
