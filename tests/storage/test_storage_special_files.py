"""Only regular files are read: a FIFO, a device (or a link to one), a socket or a folder
is refused at once with a clear message, nothing blocks, and no more than the size limit
plus one byte is ever read. Each hanging case runs in a child process with a time-out."""
import os
import socket
import subprocess
import sys

import pytest

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.storage import SessionFileError, files, read_session, save_session

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
TIMEOUT = 30


def lpdesk(*args, code=None):
    """`python -m lpdesk ARGS` (or `python -c CODE`) with a time-out: a hang is a failure."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    argv = [sys.executable, "-c", code] if code else [sys.executable, "-m", "lpdesk", *args]
    try:
        return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{' '.join(args) or code} hung for {TIMEOUT} s")


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "fifo.lpdesk"
    os.mkfifo(path)
    return path


@pytest.fixture
def zero_link(tmp_path):
    path = tmp_path / "zero.lpdesk"
    path.symlink_to("/dev/zero")
    return path


def test_check_refuses_a_fifo_without_hanging(fifo):
    result = lpdesk("check", str(fifo))
    assert result.returncode == 1
    assert result.stderr.strip() == f"{fifo}: is a pipe (FIFO), not a session file"
    assert result.stdout == ""


def test_check_refuses_a_link_to_dev_zero(zero_link):
    result = lpdesk("check", str(zero_link))
    assert result.returncode == 1
    assert result.stderr.strip() == f"{zero_link}: is a device, not a session file"


@pytest.mark.parametrize("which", ["fifo", "zero_link"])
def test_the_apps_open_path_refuses_them(request, which):
    """`lpdesk FILE` reads the file through SessionDocument.open before the window."""
    path = request.getfixturevalue(which)
    code = ("import sys\nfrom lpdesk.document import SessionDocument\n"
            "from lpdesk.storage import SessionFileError\n"
            f"try:\n    SessionDocument.open({str(path)!r})\n"
            "except SessionFileError as exc:\n    print(exc)\n    sys.exit(1)\n")
    result = lpdesk(code=code)
    assert result.returncode == 1, result.stderr
    assert "not a session file" in result.stdout


def test_lpdesk_fifo_starts_the_app_with_a_message(fifo):
    """`lpdesk fifo.lpdesk`: the window comes up (a new session) and says what is wrong."""
    code = ("from PySide6.QtCore import QTimer\n"
            "from lpdesk.app import create_main_window, make_application\n"
            "from lpdesk.ui.window.main_window import MainWindow\n"
            "app = make_application(['lpdesk'])\n"
            "MainWindow.show_error = lambda self, title, text: (print(title, '|', text),"
            " app.quit())\n"
            f"window = create_main_window({str(fifo)!r}, recover=False)\n"
            "window.show()\nQTimer.singleShot(15000, app.quit)\napp.exec()\n"
            "window.doc.undo_stack.setClean()\n")
    result = lpdesk(code=code)
    assert result.returncode == 0, result.stderr
    assert f"Cannot open session | {fifo}: is a pipe (FIFO), not a session file" \
        in result.stdout


def test_export_refuses_a_fifo(fifo, tmp_path):
    result = lpdesk("export", str(fifo), "-o", str(tmp_path / "out.md"))
    assert result.returncode == 1
    assert "pipe (FIFO)" in result.stderr and result.stderr.count("\n") == 1


def test_a_socket_and_a_folder(tmp_path):
    sock_path = tmp_path / "s.lpdesk"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(SessionFileError, match="socket|cannot be read"):
            read_session(sock_path)
    with pytest.raises(SessionFileError, match="is a folder"):
        read_session(tmp_path)


def test_a_link_to_a_real_session_opens(tmp_path):
    real = tmp_path / "real.lpdesk"
    save_session(demo_session(), real)
    link = tmp_path / "link.lpdesk"
    link.symlink_to(real)
    assert read_session(link)[0] == demo_session()


def test_reads_at_most_the_limit_plus_one_byte(tmp_path, monkeypatch):
    """A file that grows while it is read (its size said small) is cut off after the limit
    plus one byte and refused; the reads never ask for more."""
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "growing.lpdesk"
    path.write_bytes(b"{}")
    asked = []
    real_read = os.read

    def read(fd, n):
        asked.append(n)
        return b" " * n  # a file that never ends

    monkeypatch.setattr(files.os, "read", read)
    with pytest.raises(SessionFileError, match="too large"):
        read_session(path)
    assert sum(asked) == 1001
    monkeypatch.setattr(files.os, "read", real_read)


def test_memory_error_does_not_escape_the_open_path(tmp_path, monkeypatch):
    path = tmp_path / "big.lpdesk"
    save_session(demo_session(), path)

    def no_memory(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(files.json, "loads", no_memory)
    with pytest.raises(SessionFileError, match="not enough memory"):
        SessionDocument.open(path)
