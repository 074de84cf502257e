"""Recovery files: the autosaved state of each running lpdesk, so a crash loses seconds.

Pure Python (no Qt). The Qt side (`lpdesk.ui.window.autosave`) decides *when* to write and
*where* the folder is: `QStandardPaths.AppDataLocation/recovery`, e.g.
`~/.local/share/lpdesk/lpdesk/recovery` on Linux,
`~/Library/Application Support/lpdesk/lpdesk/recovery` on macOS and
`%APPDATA%/lpdesk/lpdesk/recovery` on Windows. Nothing here ever touches the user's own
session file.

Files in the folder, per running instance (`<pid>` its process id, `<token>` 8 random hex
digits, so two instances, or a reused pid, never share a name):

- `autosave-<pid>-<token>.lpdesk-recovery`: line 1 is a JSON header
  `{"lpdesk_recovery": 1, "pid", "host", "token", "original", "original_stamp", "saved_at",
  "title"}` (`original` is the session's own file or null when never saved;
  `original_stamp` its size/mtime as the instance last read or wrote it; `saved_at` ISO 8601
  UTC), the rest is the session in the normal file format (compact JSON). Written atomically
  (temporary `.autosave-<pid>-<token>.lpdesk-recovery.*.tmp` file, fsync, rename), so a
  kill mid-write leaves the previous version.
- `autosave-<pid>-<token>.lock`: held with an exclusive OS lock (flock / msvcrt) by its
  instance for as long as it lives. The OS drops the lock when the process dies, even on
  `kill -9`, so "lock free" means "owner gone" (without trusting pids, which get reused).
  A recovery file whose lock is held is never offered to another instance; when the lock
  file is missing, a live pid on this host counts as alive.

Recovery files are removed after a clean save or close. A start-up *claims* the files of
dead instances (takes their lock) before offering them, so two instances starting at once
never offer the same file twice.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lpdesk.model.session import Session
from lpdesk.storage.capture import Captured, capture, compact_json, to_dict
from lpdesk.storage.errors import SessionFileError, SessionFormatError
from lpdesk.storage.files import (
    MAX_FILE_BYTES,
    FileStamp,
    gc_paused,
    parse_session,
    storable,
    write_text_atomic,
)

SUFFIX = ".lpdesk-recovery"
PREFIX = "autosave-"
HEADER_MARK = "lpdesk_recovery"
HEADER_VERSION = 1
MAX_HEADER_BYTES = 64 * 1024

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


# ----------------------------------------------------------------------------- OS locks
def _lock_fd(fd: int, blocking: bool) -> bool:
    """Take an exclusive lock on an open file; False if someone else holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        else:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK, 1)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:
        if exc.errno in (11, 13, 35):  # EAGAIN / EACCES / EWOULDBLOCK (macOS)
            return False
        raise
    return True


def _unlock_fd(fd: int) -> None:
    with contextlib.suppress(OSError):
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:  # pragma: no cover - Windows
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (a fallback: pids get reused)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, belongs to someone else
        return True
    except OSError:
        return False
    return True


# ----------------------------------------------------------------------------- names
def recovery_stem(pid: int, token: str) -> str:
    return f"{PREFIX}{pid}-{token}"


def _lock_path(recovery_path: Path) -> Path:
    return recovery_path.with_name(recovery_path.name[: -len(SUFFIX)] + ".lock")


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RecoveryInfo:
    """What the header of a recovery file says (`problem` is set when it cannot be read)."""

    path: Path
    pid: int = 0
    host: str = ""
    original: Path | None = None
    original_stamp: FileStamp | None = None
    saved_at: datetime | None = None
    title: str = ""
    problem: str = ""

    @property
    def lock_path(self) -> Path:
        return _lock_path(self.path)


def _host() -> str:
    import socket  # here, not at start-up: only writing or checking recovery files needs it
    return socket.gethostname()


def _header(session: Session, pid: int, token: str, original: Path | None,
            stamp: FileStamp | None, saved_at: datetime) -> dict[str, Any]:
    return {
        HEADER_MARK: HEADER_VERSION,
        "pid": pid,
        "host": _host(),
        "token": token,
        "original": os.path.abspath(original) if original is not None else None,
        "original_stamp": ({"size": stamp.size, "mtime_ns": stamp.mtime_ns,
                            "digest": stamp.digest} if stamp is not None else None),
        "saved_at": saved_at.isoformat(timespec="seconds"),
        "title": session.title,
    }


@dataclass(frozen=True)
class RecoverySnapshot:
    """What a recovery file will hold, taken on the GUI thread: the header and the session's
    state as storage.capture copies it (field values in tuples, sharing nothing mutable with
    the session), so a later edit cannot change it while a worker turns it into text."""

    header: dict[str, Any]
    session: Captured

    def text(self) -> str:
        """The full text of the recovery file (the slow half: run it off the GUI thread)."""
        # No cyclic collection while the dictionaries exist (see files.gc_paused), and
        # they are gone before it resumes: the GC's count of new objects is back where it
        # was, so the GUI thread does not pay for them with a collection afterwards.
        with gc_paused():
            body = compact_json(to_dict(self.session))
        return storable(json.dumps(self.header, ensure_ascii=False, allow_nan=False) + "\n"
                        + body + "\n")


def snapshot_recovery(session: Session, *, pid: int, token: str, original: Path | None,
                      stamp: FileStamp | None,
                      saved_at: datetime | None = None) -> RecoverySnapshot:
    """The session's state, now: the cheap half of a recovery file (storage.capture: a few
    ms for the largest session), safe to hand to another thread."""
    header = _header(session, pid, token, original, stamp, saved_at or _now())
    return RecoverySnapshot(header, capture(session))


def encode_recovery(session: Session, *, pid: int, token: str, original: Path | None,
                    stamp: FileStamp | None, saved_at: datetime | None = None) -> str:
    """The full text of a recovery file: compact JSON, a header line then the session."""
    return snapshot_recovery(session, pid=pid, token=token, original=original, stamp=stamp,
                             saved_at=saved_at).text()


def _parse_header(path: Path, line: str) -> RecoveryInfo:
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        return RecoveryInfo(path, problem="its header is damaged")
    if not isinstance(data, dict) or data.get(HEADER_MARK) != HEADER_VERSION:
        return RecoveryInfo(path, problem="it is not an lpdesk recovery file of this version")
    pid = data.get("pid")
    host, original, title = data.get("host"), data.get("original"), data.get("title")
    stamp = data.get("original_stamp")
    try:
        saved_at = datetime.fromisoformat(data["saved_at"])
        if saved_at.tzinfo is None:
            saved_at = saved_at.replace(tzinfo=UTC)
        if (isinstance(pid, bool) or not isinstance(pid, int) or not isinstance(host, str)
                or not isinstance(title, str)
                or not (original is None or isinstance(original, str))):
            raise ValueError
        file_stamp = None
        if stamp is not None:
            file_stamp = FileStamp(int(stamp["size"]), int(stamp["mtime_ns"]),
                                   str(stamp.get("digest", "")))
    except (KeyError, TypeError, ValueError, OverflowError):
        return RecoveryInfo(path, problem="its header is damaged")
    return RecoveryInfo(path, pid, host, Path(original) if original else None, file_stamp,
                        saved_at, title[:500])


def read_info(path: Path) -> RecoveryInfo:
    """The header of a recovery file (cheap: reads one line). Never raises for bad content."""
    try:
        with open(path, "rb") as fh:
            line = fh.readline(MAX_HEADER_BYTES)
    except OSError as exc:
        return RecoveryInfo(path, problem=f"it cannot be read ({exc.strerror or exc})")
    try:
        return _parse_header(path, line.decode("utf-8"))
    except UnicodeDecodeError:
        return RecoveryInfo(path, problem="its header is damaged")


def read_recovery(path: str | Path) -> tuple[RecoveryInfo, Session]:
    """The header and the session of a recovery file; SessionFileError if either is bad."""
    path = Path(path)
    info = read_info(path)
    if info.problem:
        raise SessionFileError(path, info.problem)
    try:
        if path.stat().st_size > MAX_FILE_BYTES + MAX_HEADER_BYTES:
            raise SessionFileError(path, "is too large to be a recovery file")
        raw = path.read_bytes()
    except OSError as exc:
        raise SessionFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    body = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
    try:
        return info, parse_session(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise SessionFileError(path, "the autosaved session is damaged (not UTF-8)") from None
    except SessionFormatError as exc:
        raise SessionFileError(path, f"the autosaved session is damaged: {exc}") from None


# ----------------------------------------------------------------------------- our own file
@dataclass
class RecoveryFile:
    """The recovery file of this running instance. Methods may run on a worker thread, one
    at a time (the caller serialises them); they raise OSError on disk problems."""

    folder: Path
    pid: int = field(default_factory=os.getpid)
    token: str = field(default_factory=lambda: secrets.token_hex(4))
    _lock_fd: int | None = field(default=None, init=False, repr=False)

    @property
    def path(self) -> Path:
        return self.folder / (recovery_stem(self.pid, self.token) + SUFFIX)

    @property
    def lock_path(self) -> Path:
        return _lock_path(self.path)

    def encode(self, session: Session, original: Path | None,
               stamp: FileStamp | None) -> str:
        return encode_recovery(session, pid=self.pid, token=self.token, original=original,
                               stamp=stamp)

    def lock(self) -> None:
        """Mark this instance alive (before the first write). Kept until `close`."""
        if self._lock_fd is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            os.write(fd, f"{self.pid}\n".encode())
            _lock_fd(fd, blocking=True)
        except OSError:
            os.close(fd)
            raise
        self._lock_fd = fd

    def snapshot(self, session: Session, original: Path | None,
                 stamp: FileStamp | None) -> RecoverySnapshot:
        return snapshot_recovery(session, pid=self.pid, token=self.token, original=original,
                                 stamp=stamp)

    def write_snapshot(self, snapshot: RecoverySnapshot) -> None:
        """Encode and write a snapshot taken earlier (on the autosave worker)."""
        self.write_text(snapshot.text())

    def write_text(self, text: str) -> None:
        """Replace the recovery file atomically with `text` (from `encode`)."""
        self.lock()
        write_text_atomic(self.path, text, mode=0o600)  # private: the user's eyes only

    def write(self, session: Session, original: Path | None = None,
              stamp: FileStamp | None = None) -> None:
        self.write_text(self.encode(session, original, stamp))

    def remove(self) -> None:
        """Drop the recovery file (after a clean save); keep the lock: we still run."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def close(self) -> None:
        """Clean exit: remove the recovery file and the lock file, release the lock."""
        self.remove()
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                self.lock_path.unlink()
            _unlock_fd(self._lock_fd)
            os.close(self._lock_fd)
            self._lock_fd = None


# ----------------------------------------------------------------------------- others' files
def owner_alive(info: RecoveryInfo) -> bool:
    """Whether the instance that wrote this file still runs (its lock is held)."""
    try:
        fd = os.open(info.lock_path, os.O_RDWR)
    except FileNotFoundError:
        return info.host == _host() and pid_alive(info.pid)
    except OSError:
        return True  # cannot tell: leave it to its owner
    try:
        if _lock_fd(fd, blocking=False):
            _unlock_fd(fd)
            return False
        return True
    except OSError:
        return info.host == _host() and pid_alive(info.pid)
    finally:
        os.close(fd)


def scan(folder: str | Path) -> list[RecoveryInfo]:
    """Every recovery file in `folder` (alive or not), newest first."""
    folder = Path(folder)
    try:
        paths = [p for p in folder.iterdir()
                 if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX) and p.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    infos = [read_info(p) for p in paths]
    epoch = datetime.min.replace(tzinfo=UTC)
    return sorted(infos, key=lambda i: i.saved_at or epoch, reverse=True)


def orphaned(folder: str | Path) -> list[RecoveryInfo]:
    """The recovery files left by instances that are gone (crashed or killed)."""
    return [info for info in scan(folder) if not owner_alive(info)]


class Claim:
    """A dead instance's recovery file, locked by us while the user decides about it."""

    def __init__(self, info: RecoveryInfo, fd: int) -> None:
        self.info = info
        self._fd: int | None = fd

    def read(self) -> Session:
        return read_recovery(self.info.path)[1]

    def discard(self) -> None:
        """Delete the recovery file, its lock and any half-written temporary file."""
        path = self.info.path
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        with contextlib.suppress(OSError):
            self.info.lock_path.unlink()
        self.release()

    def release(self) -> None:
        """Keep the file for a later start; let others claim it again."""
        if self._fd is not None:
            _unlock_fd(self._fd)
            os.close(self._fd)
            self._fd = None


def sweep(folder: str | Path) -> None:
    """Remove lock and temporary files that dead instances left with no recovery file (an
    instance that saved cleanly and then crashed leaves its lock file behind)."""
    folder = Path(folder)
    try:
        locks = list(folder.glob(f"{PREFIX}*.lock"))
    except OSError:
        return
    for lock in locks:
        stem = lock.name[: -len(".lock")]
        if (folder / (stem + SUFFIX)).exists():
            continue
        try:
            fd = os.open(lock, os.O_RDWR)
        except OSError:
            continue
        try:
            if _lock_fd(fd, blocking=False):
                for stale in folder.glob(f".{stem}{SUFFIX}.*.tmp"):
                    with contextlib.suppress(OSError):
                        stale.unlink()
                with contextlib.suppress(OSError):
                    lock.unlink()
                _unlock_fd(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def claim_orphans(folder: str | Path) -> list[Claim]:
    """Lock and return the recovery files of dead instances, newest first. Files whose
    owner runs, or that another starting instance has claimed, are left out. Leftover
    lock files of dead instances are swept away on the way."""
    sweep(folder)
    claims = []
    for info in scan(folder):
        lock_missing = not info.lock_path.exists()
        if lock_missing and info.host == _host() and pid_alive(info.pid) \
                and info.pid != os.getpid():
            continue
        try:
            fd = os.open(info.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            continue
        try:
            taken = _lock_fd(fd, blocking=False)
        except OSError:
            taken = False
        if not taken:
            os.close(fd)
            continue
        if not info.path.exists():  # discarded by someone between scan and lock
            _unlock_fd(fd)
            os.close(fd)
            continue
        claims.append(Claim(info, fd))
    return claims
