"""Session files: format, validation, migration, atomic writes (autosave lives here too)."""
from lpdesk.storage.errors import SessionFileError, SessionFormatError
from lpdesk.storage.files import (
    EXTENSION,
    FileStamp,
    dumps_session,
    load_session,
    parse_session,
    read_session,
    save_session,
)

__all__ = [
    "EXTENSION", "FileStamp", "SessionFileError", "SessionFormatError", "dumps_session",
    "load_session", "parse_session", "read_session", "save_session",
]
