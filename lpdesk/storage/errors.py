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
