"""The command line works with no display and never prints a traceback."""
import json
import os
import subprocess
import sys

import pytest

from lpdesk import __version__
from lpdesk.cli import main


def run_cli(*args, env=None):
    environ = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "lpdesk", *args], capture_output=True,
                          text=True, env=environ, timeout=60)


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"lpdesk {__version__}"


def test_demo_then_check(tmp_path):
    out = tmp_path / "demo.lpdesk"
    result = run_cli("demo", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "lpdesk-session"
    assert len(data["participants"]) == 12
    assert len(data["groups"]) == 3
    result = run_cli("check", str(out))
    assert result.returncode == 0
    assert result.stdout.count("\n") == 1
    assert "12 participants, 3 groups" in result.stdout


def test_check_refuses_bad_file_with_one_line(tmp_path):
    bad = tmp_path / "bad.lpdesk"
    bad.write_text('{"format": "lpdesk-session", "schema_version": 1, "title": 7}')
    result = run_cli("check", str(bad))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == f"{bad}: title: expected text, found a number"
    assert "Traceback" not in result.stderr


def test_check_missing_file_and_unwritable_demo(tmp_path):
    result = run_cli("check", str(tmp_path / "missing.lpdesk"))
    assert result.returncode == 1 and "does not exist" in result.stderr
    result = run_cli("demo", "-o", str(tmp_path / "no" / "such" / "dir" / "x.lpdesk"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_unexpected_errors_become_one_line(monkeypatch, capsys):
    def boom(args):
        raise RuntimeError("disk on fire")
    monkeypatch.setattr("lpdesk.cli._check", boom)
    import lpdesk.cli as cli
    cli.COMMANDS.clear()
    assert main(["check", "x"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "lpdesk: unexpected error: RuntimeError: disk on fire"


@pytest.mark.parametrize("argv", [["check"], ["demo"]])
def test_usage_errors_exit_2_without_traceback(argv):
    result = run_cli(*argv)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("argv, expected", [
    ([], (None, False)),  # a launcher's start: no argument parsing at all
    (["workshop.lpdesk"], ("workshop.lpdesk", False)),
    (["--demo"], (None, True)),
])
def test_app_starts_with_the_file_and_demo_asked_for(monkeypatch, argv, expected):
    started = []
    monkeypatch.setattr("lpdesk.app.run", lambda path, demo: started.append((path, demo)) or 0)
    assert main(argv) == 0
    assert started == [expected]
