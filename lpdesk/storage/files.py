"""Reading and writing session files: size guard, parse, validate, atomic save.

Pure Python (no Qt) so the command line can check and export files with no display.
"""
from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import json
import math
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lpdesk.model.limits import first_problem
from lpdesk.model.session import Session
from lpdesk.storage import stale
from lpdesk.storage.codec import check_header, session_from_dict, session_to_dict
from lpdesk.storage.errors import (
    FileChangedError,
    FileProtectedError,
    SessionFileError,
    SessionFormatError,
)
from lpdesk.storage.migrate import migrate

MIB = 1024 * 1024
MAX_FILE_BYTES = 50 * MIB  # 50 MiB (52.4 MB): docs/file-format.md
EXTENSION = ".lpdesk"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class FileStamp:
    """What the file looked like when we read or wrote it, to notice changes by others.
    `digest` (of the content, when known) tells a real change from a mere touch by a sync
    tool or a backup program that only moved the modification time."""

    size: int
    mtime_ns: int
    digest: str = ""

    @classmethod
    def of(cls, path: Path, data: bytes | None = None) -> FileStamp:
        st = path.stat()
        return cls(st.st_size, st.st_mtime_ns, _digest(data) if data is not None else "")


def changed_since(path: str | Path, stamp: FileStamp) -> bool:
    """Whether the file differs from what `stamp` saw. A file that is gone has not been
    "changed" (saving recreates it; a vanished folder is reported by the save itself)."""
    path = Path(path)
    try:
        now = FileStamp.of(path)
        if (now.size, now.mtime_ns) == (stamp.size, stamp.mtime_ns):
            return False
        if not stamp.digest or now.size != stamp.size:
            return True
        return _digest(path.read_bytes()) != stamp.digest
    except FileNotFoundError:
        return False
    except OSError:
        return False  # cannot look: the save will say what is wrong


def check_unchanged(path: str | Path, stamp: FileStamp | None) -> None:
    """Raise FileChangedError if someone else changed the file since `stamp`."""
    if stamp is not None and changed_since(path, stamp):
        raise FileChangedError(path)


def _reject_constant(name: str) -> float:
    raise SessionFormatError(f"contains {name}, which is not a valid number")


def parse_session(text: str) -> Session:
    """Decode, check, migrate and validate session JSON text."""
    try:
        with gc_paused():
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
    except ValueError as exc:
        if "digits" in str(exc):  # Python's own words end in a set_int_max_str_digits() hint
            raise SessionFormatError(
                f"it holds a number of more than {sys.get_int_max_str_digits():,} digits, "
                f"which no session uses") from None
        raise SessionFormatError(f"it holds a value that cannot be read ({exc})") from None
    version = check_header(data)
    data = migrate(data, version)
    try:
        return session_from_dict(data)
    except RecursionError:
        raise SessionFormatError("it is nested too deeply to be a session") from None


def _size_text(size: int) -> str:
    """A size in MiB for a message, rounded up so a file just over the limit never reads as
    the limit itself."""
    return f"{math.ceil(size * 10 / MIB) / 10:.1f} MiB"


def _too_large(path: Path, size: int) -> SessionFileError:
    return SessionFileError(path, f"is too large to be a session ({_size_text(size)}; the "
                                  f"limit is {MAX_FILE_BYTES // MIB} MiB)")


def _not_a_file(path: Path, mode: int) -> SessionFileError:
    if stat.S_ISDIR(mode):
        return SessionFileError(path, "is a folder, not a session file")
    kind = ("a pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode)
            or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file")
    return SessionFileError(path, f"is {kind}, not a session file")


def _unreadable(path: Path, exc: OSError) -> SessionFileError:
    """What an open that failed says about the path: a looping link, a socket (which
    cannot be opened at all), or the system's words."""
    if exc.errno == errno.ELOOP:
        return SessionFileError(path, "is a link that loops back on itself, not a session "
                                      "file")
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = 0
    if stat.S_ISSOCK(mode) or (mode and not stat.S_ISREG(mode)):
        return _not_a_file(path, mode)
    return SessionFileError(path, f"cannot be read ({exc.strerror or exc})")


def _read_bounded(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file (links followed), at most MAX_FILE_BYTES of them. The file
    is opened without blocking and checked with fstat before any read, so a FIFO, a device
    such as /dev/zero or a socket is refused at once and never read from."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_a_file(path, st.st_mode)
        if st.st_size > MAX_FILE_BYTES:
            raise _too_large(path, st.st_size)
        chunks, total = [], 0
        while total <= MAX_FILE_BYTES:  # never more than the limit plus one byte
            chunk = os.read(fd, min(max(st.st_size + 1 - total, 1 << 16),
                                    MAX_FILE_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > MAX_FILE_BYTES:  # it grew while we read it
            raise _too_large(path, total)
        return b"".join(chunks), os.fstat(fd)
    finally:
        os.close(fd)


def read_session(path: str | Path) -> tuple[Session, FileStamp]:
    """Load a session file, or raise SessionFileError naming the file and the problem.
    The file is only read, never modified. Only regular files are read (a link to one is
    followed); anything else is refused before reading."""
    path = Path(path)
    try:
        raw, st = _read_bounded(path)
        stamp = FileStamp(st.st_size, st.st_mtime_ns, _digest(raw))
    except FileNotFoundError:
        if path.is_symlink():
            raise SessionFileError(path, "is a link to something that does not exist") \
                from None
        raise SessionFileError(path, "does not exist") from None
    except IsADirectoryError:  # Windows cannot open a folder
        raise SessionFileError(path, "is a folder, not a session file") from None
    except PermissionError:
        raise SessionFileError(path, "cannot be read (permission denied)") from None
    except MemoryError:
        raise SessionFileError(path, "cannot be read (not enough memory)") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    try:
        return parse_session_bytes(raw), stamp
    except SessionFormatError as exc:
        raise SessionFileError(path, str(exc)) from None
    except MemoryError:
        raise SessionFileError(path, "is too large to open (not enough memory)") from None


def parse_session_bytes(raw: bytes) -> Session:
    """A session file's bytes (UTF-8, with or without a byte order mark) to a Session, or
    SessionFormatError (phrased to follow the file name)."""
    if not raw.strip():
        raise SessionFormatError("is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SessionFormatError("is not a text file (not UTF-8): not an lpdesk session") \
            from None
    return parse_session(text)


def load_session(path: str | Path) -> Session:
    return read_session(path)[0]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a session is turned into JSON: the hundreds of
    thousands of short-lived dicts and lists would trigger full collections that walk every
    object of the app (its widgets too): half the time of an autosave snapshot of the
    largest session. Nothing made meanwhile is cyclic garbage; collection resumes after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


CHUNK = 256 * 1024  # characters one str.encode call takes (see utf8)


def _slices(text: str) -> Iterator[str]:
    return (text[i:i + CHUNK] for i in range(0, len(text), CHUNK))


def utf8(text: str) -> bytes:
    """`text.encode("utf-8")`, in slices: one call on the largest session's 5 MB keeps the
    interpreter lock ~10 ms, and the autosave worker runs it while the GUI thread waits
    for that lock; a slice takes well under a millisecond."""
    if len(text) <= CHUNK:
        return text.encode("utf-8")
    return b"".join(part.encode("utf-8") for part in _slices(text))


def storable(text: str) -> str:
    """Lone surrogates (valid JSON "\\ud800", not encodable as UTF-8) become U+FFFD: Save
    and autosave never fail on a string already in a session (phones' text is cleaned
    where it enters; this is the defence behind that, issue 24)."""
    try:
        for part in _slices(text):  # in slices, as utf8 does
            part.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps_session(session: Session) -> str:
    with gc_paused():
        return storable(json.dumps(session_to_dict(session), ensure_ascii=False, indent=1,
                                   allow_nan=False) + "\n")


_UMASK: list[int] = []


def _umask() -> int:
    """The process's umask, without changing it where the system can tell (Linux): setting
    and restoring it would race with files made meanwhile by other threads."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    if not _UMASK:  # elsewhere: once, and remembered
        _UMASK.append(os.umask(0o022))
        os.umask(_UMASK[0])
    return _UMASK[0]


def new_file_mode() -> int:
    """The permissions any program gives a new document: read and write for everyone,
    less the user's umask (0644 with the usual umask 022)."""
    return 0o666 & ~_umask()


def save_target(path: str | Path) -> Path:
    """The file a save really replaces: symbolic links followed, as editors do, so the link
    stays a link and the file it names gets the new content (a dangling link: the file it
    would name)."""
    return Path(os.path.realpath(path))


def _keep_metadata(tmp: str, target: Path, old: os.stat_result | None,
                   mode: int | None) -> None:
    """Give the new file what can be kept of the one it replaces: owner and group (when we
    may), the permission bits and the extended attributes (ACLs, tags, labels; where the
    file system has them). Each is best effort: a save never fails over metadata."""
    if old is not None and hasattr(os, "chown"):
        mine = os.stat(tmp)
        if (old.st_uid, old.st_gid) != (mine.st_uid, mine.st_gid):
            try:
                os.chown(tmp, old.st_uid, old.st_gid)
            except OSError:
                with contextlib.suppress(OSError):  # a group we belong to, at least
                    os.chown(tmp, -1, old.st_gid)
    if mode is None and old is not None:
        mode = stat.S_IMODE(old.st_mode)
    if mode is not None:
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
    if old is not None and hasattr(os, "listxattr"):
        try:
            names = os.listxattr(target)
        except OSError:
            names = []
        for name in names:
            with contextlib.suppress(OSError):
                os.setxattr(tmp, name, os.getxattr(target, name))


def _write_in_place(target: Path, data: bytes) -> None:
    """Rewrite a file that has several hard links without breaking them: first a backup
    copy of the old content beside it (`.NAME.XXXXXXXX.bak`, flushed to disk), then the new
    content written into the file itself. If that write fails the old content is put back
    and the backup removed; if even that fails, the backup is kept and the error names it."""
    old = target.read_bytes()
    fd, backup = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".bak",
                                  dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(old)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(backup)
        raise
    try:
        with open(target, "r+b") as fh:
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException as exc:
        try:
            with open(target, "r+b") as fh:
                fh.write(old)
                fh.truncate()
                fh.flush()
                os.fsync(fh.fileno())
        except OSError:
            if isinstance(exc, OSError):
                raise OSError(exc.errno, f"{exc.strerror or exc}; the previous version is "
                                         f"in {Path(backup).name}") from None
            raise
        with contextlib.suppress(OSError):
            os.unlink(backup)
        raise
    with contextlib.suppress(OSError):
        os.unlink(backup)


def write_text_atomic(path: Path, text: str | bytes, mode: int | None = None) -> None:
    """Write next to the target, flush to disk, then rename over it: a crash or a full disk
    mid-write leaves the old file as it was. A symbolic link is followed (the temporary file
    goes beside the real file, and the link stays). The new file keeps the owner, group,
    permission bits and extended attributes of the file it replaces (or gets `mode`); a
    new file gets `mode`, or else the mode of any new document (`new_file_mode`).
    A file with several hard links is rewritten in place after a backup copy
    (`_write_in_place`), so every name keeps seeing the same file."""
    data = utf8(text) if isinstance(text, str) else text
    target = save_target(path)
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    if old is not None and stat.S_ISREG(old.st_mode) and old.st_nlink > 1:
        _write_in_place(target, data)
        return
    stale.sweep(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    lock = os.dup(fd)  # the same open file: its lock lasts until the rename is done
    stale.hold(lock)  # another lpdesk's sweep sees that this file is being written
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _keep_metadata(tmp, target, old, new_file_mode() if old is None and mode is None
                       else mode)
        os.replace(tmp, target)
    except BaseException:
        stale.discard(tmp)  # or at least emptied, in a folder that forbids removing
        raise
    finally:
        os.close(lock)


_VANISHED = "the folder no longer exists (was a USB stick or network drive removed?)"
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EROFS: "the disk is read-only (write-protected)",
    errno.EIO: "the disk reported an input/output error (was it removed?)",
    errno.ENAMETOOLONG: "the file name is too long for this disk",
}
# Windows also says "permission denied" for a file another program holds open; elsewhere
# an open file never stops a save, so the message does not suggest it.
_PERMISSION = ("permission denied (the folder or the file is read-only, or another program "
               "has the file open)" if os.name == "nt" else
               "permission denied (the folder or the file is read-only for you)")
_NOT_A_FOLDER = ("no files can be created in this folder (it is not an ordinary folder, "
                 "e.g. /proc)")


def _missing(path: Path, was_there: bool) -> str:
    """Why a save found no folder: it vanished (a file we opened or saved there), or it
    never existed (a new name given on the command line)."""
    folder = save_target(path).parent
    if was_there:
        return _VANISHED
    return f"the folder {folder} does not exist"


def save_error(path: Path, exc: OSError, was_there: bool = True) -> SessionFileError:
    """A clear one-line message for an OS error while saving, saying only what that error
    means: a missing folder is called removed only when it was there before (`was_there`)
    and is gone now; a folder that is there but takes no files (/proc) says so."""
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return SessionFileError(path, f"cannot be saved: {_PERMISSION}")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        folder = save_target(path).parent
        reason = _NOT_A_FOLDER if folder.is_dir() else _missing(path, was_there)
        return SessionFileError(path, f"cannot be saved: {reason}")
    reason = _REASONS.get(exc.errno) if exc.errno is not None else None
    return SessionFileError(path, f"cannot be saved: {reason or exc.strerror or exc}")


def write_protection(path: str | Path) -> str:
    """Why the file at `path` (links followed) must not be replaced without asking: it is
    marked read-only (no write permission for its owner, e.g. 0444), or it belongs to
    another user (a FileProtectedError kind); '' when neither, or when there is no file.
    Decided from the file's mode and owner, not from os.access: a folder we may write lets a
    rename replace a file we could not write, and an administrator may write anything."""
    try:
        st = os.stat(save_target(path))
    except OSError:
        return ""
    if not stat.S_ISREG(st.st_mode):
        return ""
    if not st.st_mode & stat.S_IWUSR:
        return FileProtectedError.READ_ONLY
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return FileProtectedError.OTHER_USER
    return ""


def save_session(session: Session, path: str | Path, *, overwrite_protected: bool = False,
                 was_there: bool = False) -> FileStamp:
    """Save atomically; raise SessionFileError with a clear problem on failure, in which
    case the file that was there before is untouched. A write-protected file is replaced
    only with `overwrite_protected` (else FileProtectedError: ask the user first); the new
    file keeps its permission bits. `was_there`: the file was opened or saved at this path
    before (then a missing folder has been removed, e.g. a USB stick pulled)."""
    path = Path(path)
    target = save_target(path)
    if not overwrite_protected:
        kind = write_protection(target)
        if kind:
            raise FileProtectedError(path, kind)
    try:
        if not target.parent.is_dir():
            raise SessionFileError(path, f"cannot be saved: {_missing(path, was_there)}")
        if target.is_dir():
            raise SessionFileError(path, "cannot be saved: a folder has that name")
        over = first_problem(session)
        if over is not None:  # never write a file that lpdesk would refuse to open again
            raise SessionFileError(path, f"cannot be saved: {over[0]}: {over[1]}")
        data = dumps_session(session).encode("utf-8")
        write_text_atomic(path, data)
        return FileStamp.of(path, data)
    except SessionFileError:
        raise
    except OSError as exc:
        raise save_error(path, exc, was_there) from None
