"""Reading the session files to compare: several files, or every session file in a folder.

Only reads: a file is never written, renamed or touched. A file that cannot be read (broken,
foreign, newer version, not a session) is listed with its problem and left out; the others
are compared. Two files of one workshop (the same session id, or the very same bytes) are
noticed: the first is kept, the copy listed.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lpdesk.model.session import Session
from lpdesk.storage.errors import SessionFileError
from lpdesk.storage.files import EXTENSION, read_session

MAX_FILES = 200  # a comparison of more workshops than this is not a room's question


@dataclass(frozen=True)
class LeftOut:
    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.problem}"


@dataclass
class SessionsToCompare:
    sessions: list[tuple[Path, Session]] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return len(self.sessions) >= 2

    def labelled(self) -> list[tuple[str, Session]]:
        """(file name, session) pairs, as `lpdesk.model.compare.compare` takes them."""
        return [(path.name, session) for path, session in self.sessions]


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, with a folder standing for every entry directly in it named like a
    session file (sorted by name): files, and also folders, pipes, devices, sockets and
    broken or looping links, which the reader then lists as left out with their reason
    rather than passing over them in silence. The same file named twice counts once."""
    result: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        found = sorted(p for p in path.iterdir() if p.suffix.lower() == EXTENSION) \
            if path.is_dir() else [path]
        for p in found:
            key = p.resolve() if p.exists() else p.absolute()
            if key not in seen:
                seen.add(key)
                result.append(p)
    return result


def expand_quietly(paths: Iterable[str | Path]) -> list[Path]:
    """`expand`, or the paths as named when a folder cannot be listed (the caller only
    wants to know which files are inputs; the reading says what went wrong)."""
    try:
        return expand(paths)
    except OSError:
        return [Path(p) for p in paths]


def read_sessions(paths: Iterable[str | Path]) -> SessionsToCompare:
    result = SessionsToCompare()
    try:
        files = expand(paths)
    except OSError as exc:
        result.left_out.append(LeftOut(Path(getattr(exc, "filename", "") or "?"),
                                       f"cannot be read ({exc.strerror or exc})"))
        return result
    ids: dict[str, Path] = {}
    digests: dict[str, Path] = {}
    for path in files:
        if len(result.sessions) >= MAX_FILES:
            result.left_out.append(LeftOut(path, f"not compared: at most {MAX_FILES} "
                                                 f"sessions are compared at once"))
            continue
        try:
            session, stamp = read_session(path)
        except SessionFileError as exc:
            result.left_out.append(LeftOut(path, exc.problem))
            continue
        except (OSError, MemoryError) as exc:
            result.left_out.append(LeftOut(path, f"cannot be read ({exc})"))
            continue
        twin = ids.get(session.id) if session.id else None
        twin = twin or digests.get(stamp.digest)
        if twin is not None:
            result.left_out.append(LeftOut(path, f"is a copy of the same session as "
                                                 f"{twin.name}; compared once"))
            continue
        if session.id:
            ids[session.id] = path
        digests[stamp.digest] = path
        result.sessions.append((path, session))
    return result
