"""Every preference lpdesk remembers between runs, declared once: key, type, default, range.

Readers go through `get`, writers through `put`, never through a raw `QSettings()`: the
settings file is outside our control (hand-edited, written by an older lpdesk, stored as
text by the INI format), so each value is parsed here by one rule and an unusable one
(`live/port` of "", "abc" or 70000) falls back to the default with a log line instead of
raising at start-up. Adding a preference is one `Setting(...)` line below.

It sits on the package floor (QtCore only, no widgets) so that `ui/style` can read the
theme and zoom without knowing any other ui package, and it loads nothing heavy at start.
"""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True, eq=False)  # one object per key: hashed by identity
class Setting(Generic[T]):
    """One remembered preference. `kind` is str, int, float, bool or list (of str)."""

    key: str
    kind: type
    default: T
    why: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    clamp: bool = False  # out of range: the nearest end instead of the default
    max_items: int = field(default=0)  # lists: keep the first n (0 = all)

    def parse(self, raw: Any) -> T:
        """The stored value as `kind`; ValueError when it cannot be one."""
        if self.kind is list:
            items = [raw] if isinstance(raw, str) else raw  # INI returns one item as text
            if not isinstance(items, (list, tuple)):
                raise ValueError("not a list")
            out = [str(v) for v in items if isinstance(v, str) and v]
            return out[:self.max_items] if self.max_items else out  # type: ignore[return-value]
        if self.kind is bool:
            if isinstance(raw, bool):
                return raw  # type: ignore[return-value]
            text = str(raw).strip().lower()
            if text in ("true", "1"):
                return True  # type: ignore[return-value]
            if text in ("false", "0"):
                return False  # type: ignore[return-value]
            raise ValueError("not true or false")
        if self.kind in (int, float):
            if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
                raise ValueError("not a number")
            number = float(raw)  # "", "abc" raise ValueError
            if not math.isfinite(number) or (self.kind is int and number != int(number)):
                raise ValueError("not a whole number" if self.kind is int else "not finite")
            low = self.minimum if self.minimum is not None else -math.inf
            high = self.maximum if self.maximum is not None else math.inf
            if not low <= number <= high:
                if not self.clamp:
                    raise ValueError(f"outside {self.minimum}..{self.maximum}")
                number = min(max(number, low), high)
            return int(number) if self.kind is int else number  # type: ignore[return-value]
        if not isinstance(raw, str):
            raise ValueError("not text")
        if self.choices and raw not in self.choices:
            raise ValueError(f"not one of {', '.join(self.choices)}")
        return raw  # type: ignore[return-value]


# -- every key lpdesk stores --------------------------------------------------------------
RECENT_FILES: Setting[list[str]] = Setting(
    "recent_files", list, [], "File > Open Recent and the start page, newest first",
    max_items=8)
LAST_DIR: Setting[str] = Setting(
    "last_dir", str, "", "where Open and Save As start (the home folder when empty)")
THEME: Setting[str] = Setting(
    "view/theme", str, "normal", "the theme chosen last (View > Theme)",
    choices=("normal", "high_contrast"))
ZOOM: Setting[float] = Setting(
    "view/zoom", float, 1.0, "View > Zoom, within the zoom steps", minimum=0.8, maximum=2.0,
    clamp=True)
EXPORT_FORMAT: Setting[str] = Setting(
    "export/format", str, "pdf", "the export dialog's last format",
    choices=("pdf", "html", "markdown", "csv", "png"))
EXPORT_PAPER: Setting[str] = Setting(
    "export/paper", str, "a4", "the export dialog's last paper size", choices=("a4", "letter"))
EXPORT_ANONYMISE: Setting[bool] = Setting(
    "export/anonymise", bool, False, "the export dialog's 'replace names' box")
EXPORT_LAST_DIR: Setting[str] = Setting(
    "export/last_dir", str, "", "where an unsaved session's export is offered")
COMPARE_FOLDER: Setting[str] = Setting(
    "compare/folder", str, "", "where File > Compare Sessions starts")
LIVE_PORT: Setting[int] = Setting(
    "live/port", int, 8470, "the phones' server port, kept so phones' bookmarks still work",
    minimum=1, maximum=65535)
CONTENT_CHECKED: Setting[list[str]] = Setting(
    "content/checked", list, [], "the content files (path, size, time modified) as they were "
    "when last found whole: unchanged, they are not read and checked again at start-up")

ALL: tuple[Setting[Any], ...] = (RECENT_FILES, LAST_DIR, THEME, ZOOM, EXPORT_FORMAT,
                                 EXPORT_PAPER, EXPORT_ANONYMISE, EXPORT_LAST_DIR,
                                 COMPARE_FOLDER, LIVE_PORT, CONTENT_CHECKED)


def get(setting: Setting[T]) -> T:
    """The stored value, or the default when there is none or it is unusable (logged)."""
    raw = QSettings().value(setting.key)
    if raw is None:
        return _copy(setting.default)
    try:
        return setting.parse(raw)
    except (TypeError, ValueError, OverflowError) as exc:
        log.warning("setting %s=%r is not usable (%s); using %r", setting.key, raw, exc,
                    setting.default)
        return _copy(setting.default)


def put(setting: Setting[T], value: T) -> None:
    """Remember `value` (stored as text for bools, so every format reads it back alike)."""
    put_all({setting: value})


def put_all(values: dict[Setting[Any], Any]) -> None:
    """Remember several values with one write of the settings file (each QSettings writes
    and syncs the whole file when it goes: 7-25 ms of the GUI thread on a busy disk)."""
    store = QSettings()
    for setting, value in values.items():
        if setting.kind is list:
            value = list(value)[:setting.max_items or None]
        stored: Any = ("true" if value else "false") if setting.kind is bool else value
        store.setValue(setting.key, stored)


def _copy(value: T) -> T:
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]
