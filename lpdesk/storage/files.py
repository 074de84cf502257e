"""Reading and writing session files: size guard, parse, validate, atomic save.

Pure Python (no Qt) so the command line can check and export files with no display.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lpdesk.model.session import Session
from lpdesk.storage.codec import check_header, session_from_dict, session_to_dict
from lpdesk.storage.errors import SessionFileError, SessionFormatError
from lpdesk.storage.migrate import migrate

MAX_FILE_BYTES = 50 * 1024 * 1024
EXTENSION = ".lpdesk"


@dataclass(frozen=True)
class FileStamp:
    """What the file looked like when we read or wrote it, to notice changes by others."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp:
        st = path.stat()
        return cls(st.st_size, st.st_mtime_ns)


def _reject_constant(name: str) -> float:
    raise SessionFormatError(f"contains {name}, which is not a valid number")


def parse_session(text: str) -> Session:
    """Decode, check, migrate and validate session JSON text."""
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except SessionFormatError:
        raise
    except RecursionError:
        raise SessionFormatError("it is nested too deeply to be a session") from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated"):
            raise SessionFormatError(f"it ends too early (truncated?) at {where}") from None
        raise SessionFormatError(f"it is not valid JSON ({exc.msg} at {where})") from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise SessionFormatError(f"it holds a value that cannot be read ({exc})") from None
    version = check_header(data)
    data = migrate(data, version)
    try:
        return session_from_dict(data)
    except RecursionError:
        raise SessionFormatError("it is nested too deeply to be a session") from None


def read_session(path: str | Path) -> tuple[Session, FileStamp]:
    """Load a session file, or raise SessionFileError naming the file and the problem.
    The file is only read, never modified."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise SessionFileError(path, "is a folder, not a session file")
        if size > MAX_FILE_BYTES:
            raise SessionFileError(
                path, f"is too large to be a session ({size / 1e6:.0f} MB; the limit is "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB)")
        stamp = FileStamp.of(path)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SessionFileError(path, "does not exist") from None
    except PermissionError:
        raise SessionFileError(path, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise SessionFileError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise SessionFileError(path, "is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SessionFileError(path, "is not a text file (not UTF-8): not an lpdesk session") \
            from None
    try:
        return parse_session(text), stamp
    except SessionFormatError as exc:
        raise SessionFileError(path, str(exc)) from None


def load_session(path: str | Path) -> Session:
    return read_session(path)[0]


def dumps_session(session: Session) -> str:
    return json.dumps(session_to_dict(session), ensure_ascii=False, indent=1,
                      allow_nan=False) + "\n"


def write_text_atomic(path: Path, text: str) -> None:
    """Write next to the target, flush to disk, then rename over it: a crash or a full disk
    mid-write leaves the old file as it was."""
    data = text.encode("utf-8")
    directory = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            try:
                os.chmod(tmp, path.stat().st_mode & 0o777)
            except OSError:
                pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def save_session(session: Session, path: str | Path) -> FileStamp:
    """Save atomically; raise SessionFileError with a clear problem on failure."""
    path = Path(path)
    try:
        if not path.parent.exists():
            raise SessionFileError(path, "cannot be saved: the folder no longer exists")
        write_text_atomic(path, dumps_session(session))
        return FileStamp.of(path)
    except SessionFileError:
        raise
    except PermissionError:
        raise SessionFileError(path, "cannot be saved: permission denied (read-only folder "
                                     "or file?)") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == 28:
            reason = "the disk is full"
        raise SessionFileError(path, f"cannot be saved: {reason}") from None
