"""Our own temporary files left behind by a save that was killed (`.NAME.XXXXXXXX.tmp`
beside NAME): found and removed when NAME is opened or saved again.

While a save writes its temporary file it holds an exclusive lock on it (`hold`), so a
temporary file is stale when nobody holds its lock any more (its writer has gone, whatever
its age) and it is older than a couple of seconds (a save that has created its file but not
yet locked it is never taken for a dead one). Where locks cannot be taken (some network
drives, Windows) a temporary file is stale when it is older than a minute. Only files that
match our exact naming pattern for that NAME are ever touched; links and folders never.
"""
from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# tempfile.mkstemp's random part: 8 of [a-z0-9_]
RANDOM = r"[a-z0-9_]{8}"
UNLOCKED_AGE_S = 2.0
UNKNOWN_AGE_S = 60.0


def temp_pattern(name: str) -> re.Pattern[str]:
    """The names of our temporary files for a target called `name`."""
    return re.compile(rf"\.{re.escape(name)}\.{RANDOM}\.tmp", re.ASCII)


def hold(fd: int) -> None:
    """Mark a temporary file as being written (best effort: a lock that cannot be taken only
    means a sweep waits for it to be a minute old)."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _writer_gone(path: str) -> bool | None:
    """True if nobody holds the file's lock, False if someone does, None if we cannot tell."""
    if fcntl is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return None
    finally:
        os.close(fd)  # also releases the lock we may have taken
    return True


def discard(path: str) -> None:
    """Remove a temporary file of ours; where the folder forbids removing (append-only), at
    least give its space back by emptying it."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except OSError:
        with contextlib.suppress(OSError):
            os.truncate(path, 0)


def sweep(target: str | Path, now: float | None = None) -> list[str]:
    """Remove our stale temporary files beside `target` (a real path, links resolved).
    Returns the names removed. Never raises: a folder that cannot be listed is left as is."""
    target = Path(target)
    pattern = temp_pattern(target.name)
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        age = now - st.st_mtime
        gone = _writer_gone(entry.path) if age > UNLOCKED_AGE_S else False
        if gone or (gone is None and age > UNKNOWN_AGE_S):
            discard(entry.path)
            removed.append(entry.name)
    return removed
