"""Errors that reach the user as one clear line: `FILE: what is wrong`."""
from __future__ import annotations

from pathlib import Path


class SessionFormatError(ValueError):
    """The data is not a valid session; `field` names where (e.g. 'participants[2].name')."""

    def __init__(self, problem: str, field: str = "") -> None:
        self.problem = problem
        self.field = field
        super().__init__(f"{field}: {problem}" if field else problem)


class SessionFileError(Exception):
    """A session file could not be read or written. str() is `FILE: problem`."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class FileChangedError(SessionFileError):
    """The file on disk is no longer the one we read or last saved: someone else (another
    lpdesk, a sync tool, a colleague) changed it. Saving over it would lose their work."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "was changed by someone else since you opened or last saved "
                               "it")


class FileProtectedError(SessionFileError):
    """The file to be replaced is write-protected (marked read-only, or another user's): a
    save replaces it only when the user says so. `kind` says which: READ_ONLY or
    OTHER_USER (the UI words its own question from it)."""

    READ_ONLY, OTHER_USER = "read_only", "other_user"
    REASONS = {READ_ONLY: "it is marked read-only", OTHER_USER: "it belongs to another user"}

    def __init__(self, path: str | Path, kind: str) -> None:
        self.kind = kind
        super().__init__(path, f"is write-protected ({self.REASONS[kind]})")
