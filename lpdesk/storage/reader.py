"""A small strict reader for decoded JSON that names the field when something is wrong."""
from __future__ import annotations

import math
from typing import Any

from lpdesk.model.limits import TEXT, Count, too_long, too_many
from lpdesk.storage.errors import SessionFormatError

MAX_TEXT = TEXT  # characters in one text field (lpdesk.model.limits)
MAX_ITEMS = 100_000  # entries in one list or table


def _key(key: str) -> str:
    """A key from the file as it appears in a field path: short and on one line, however
    long or odd the key is (messages are one readable line)."""
    if len(key) <= 64 and key.isprintable():
        return key
    return repr(key)[:40] + ("\u2026" if len(repr(key)) > 40 else "")


def _number(value: int | float) -> str:
    """A number for a message: whole numbers with thousands of digits are abbreviated."""
    if isinstance(value, int) and abs(value) >= 10**15:
        return f"{'-' if value < 0 else ''}a {len(str(abs(value)))}-digit number"
    return f"{value:g}" if isinstance(value, float) else str(value)


def is_unicode(text: str) -> bool:
    """False for text with lone surrogates (a JSON file can spell them as \\ud800): such
    text cannot be saved as UTF-8 again."""
    if text.isascii():  # a flag Python keeps on every string: no surrogate, nothing to scan
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class Reader:
    """Wraps one JSON object; every getter checks the type and reports the field path."""

    def __init__(self, data: Any, path: str = "") -> None:
        if not isinstance(data, dict):
            raise SessionFormatError(f"expected an object, found {_kind(data)}", path or "file")
        self.data = data
        self.path = path

    def field(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str) -> SessionFormatError:
        return SessionFormatError(problem, self.field(key))

    def _get(self, key: str, default: Any, required: bool) -> Any:
        if key not in self.data:
            if required:
                raise self.fail(key, "is missing")
            return default
        return self.data[key]

    def text(self, key: str, default: str = "", *, required: bool = False,
             max_len: int = MAX_TEXT, non_empty: bool = False) -> str:
        value = self._get(key, default, required)
        if not isinstance(value, str):
            raise self.fail(key, f"expected text, found {_kind(value)}")
        if len(value) > max_len:
            raise self.fail(key, too_long(len(value), max_len))
        if not is_unicode(value):
            raise self.fail(key, "holds a broken character (an unpaired surrogate)")
        if non_empty and not value.strip():
            raise self.fail(key, "must not be empty")
        return value

    def optional_text(self, key: str, *, max_len: int = MAX_TEXT) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        return self.text(key, max_len=max_len)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self._get(key, default, False)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, found {_kind(value)}")
        return value

    def integer(self, key: str, default: int = 0, *, low: int, high: int,
                required: bool = False) -> int:
        value = self._get(key, default, required)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # 10.0 is the whole number 10, in JSON as in its schema
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected a whole number, found {_kind(value)}")
        if not low <= value <= high:
            raise self.fail(key, f"{_number(value)} is outside {low}-{high}")
        return value

    def number(self, key: str, *, low: float, high: float) -> float | None:
        """An optional number in [low, high]; None when absent or null."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"expected a number, found {_kind(value)}")
        if isinstance(value, int) and not low <= value <= high:  # may not fit in a float
            raise self.fail(key, f"{_number(value)} is outside {low:g}-{high:g}")
        value = float(value)
        if math.isnan(value) or math.isinf(value):
            raise self.fail(key, "is not a finite number")
        if not low <= value <= high:
            raise self.fail(key, f"{value:g} is outside {low:g}-{high:g}")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self._get(key, default, default is None)
        if value not in choices:
            raise self.fail(key, f"expected one of {', '.join(choices)}, found {value!r:.40}")
        return value

    def _count(self, key: str, count: int, limit: Count | None) -> None:
        """Refuse more entries than lpdesk supports (lpdesk.model.limits), naming the field."""
        if limit is not None and count > limit.most:
            raise self.fail(key, too_many(count, limit))
        if count > MAX_ITEMS:
            raise self.fail(key, f"has {count} entries, at most {MAX_ITEMS}")

    def items(self, key: str, *, required: bool = False,
              limit: Count | None = None) -> list[Reader]:
        """A list of objects, each wrapped in a Reader with its index in the path."""
        value = self._get(key, [], required)
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, found {_kind(value)}")
        self._count(key, len(value), limit)
        return [Reader(v, f"{self.field(key)}[{i}]") for i, v in enumerate(value)]

    def table(self, key: str, *, limit: Count | None = None) -> list[tuple[str, Reader]]:
        """An object whose keys are ids and whose values are objects."""
        value = self._get(key, {}, False)
        if not isinstance(value, dict):
            raise self.fail(key, f"expected an object, found {_kind(value)}")
        self._count(key, len(value), limit)
        return [(k, Reader(v, f"{self.field(key)}.{_key(k)}")) for k, v in value.items()]

    def string_table(self, key: str, *, limit: Count | None = None) -> dict[str, str]:
        value = self._get(key, {}, False)
        if not isinstance(value, dict):
            raise self.fail(key, f"expected an object, found {_kind(value)}")
        self._count(key, len(value), limit)
        for k, v in value.items():
            if len(k) > 200 or not is_unicode(k):
                raise SessionFormatError("is not a valid key (too long or broken)",
                                         f"{self.field(key)}.{_key(k)}")
            if not isinstance(v, str) or len(v) > 200 or not is_unicode(v):
                raise SessionFormatError(f"expected a short text, found {_kind(v)}",
                                         f"{self.field(key)}.{_key(k)}")
        return dict(value)

    def pair(self, key: str) -> tuple[str, str] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, str) and len(v) <= 64 for v in value)):
            raise self.fail(key, "expected [row id, column id]")
        return (value[0], value[1])
