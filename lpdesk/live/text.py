"""Text from a phone, cleaned once where it enters (protocol validation), and the key by
which two names are "the same person". Pure Python, no Qt.

`clean` is applied by every text field check in protocol.py and live/activities.py, so
nothing stored in a session from a phone holds a lone surrogate (valid JSON "\\ud800" is
not valid UTF-8: Save would fail), a control character, or an invisible character
(zero-width space or joiner, direction marks, soft hyphen, BOM, Braille blank, Hangul
fillers...). Text is NFC. Blank-after-cleaning is refused by the field checks.

`name_key` compares names look-alike-insensitively: NFKC and casefold, combining accents
dropped, common Cyrillic and Greek letters that look Latin mapped to the Latin letter
(a small confusables skeleton, after Unicode TR39), spaces collapsed. "Аlice" (Cyrillic
A), "alice\\u200b", "Alíce" and "ALICE" are all Alice; a phone typing one of them gets
Alice (and "taken" if another phone holds her), never a second Alice.
"""
from __future__ import annotations

import re
import unicodedata

# Characters that show nothing (or only move text) yet make two strings differ. Format
# characters (category Cf) are removed by category; these are the visible-as-blank rest.
_BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5")
_VARIATION = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef\u180b-\u180f]")

# Cyrillic and Greek letters that look like Latin ones (lower case, after casefold).
_CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i",
    "ј": "j", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g", "ı": "i",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j", "ѵ": "v", "ԍ": "g",
})


class BrokenTextError(ValueError):
    """Text that cannot be stored: a lone surrogate (not encodable as UTF-8)."""


def clean(value: str, *, newlines: bool = False) -> str:
    """NFC text with no control, format or blank-looking characters; runs of spaces become
    one (line breaks kept, at most one blank line, when `newlines`). Raise BrokenTextError for
    a lone surrogate: refused, never stored."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BrokenTextError("a broken character (a lone surrogate)") from None
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[str] = []
    for ch in _VARIATION.sub("", value):
        if ch == "\n" and newlines:
            out.append(ch)
        elif ch in _BLANK_LOOKING:
            continue
        else:
            cat = unicodedata.category(ch)
            if cat == "Cf":  # zero-width, direction marks, soft hyphen, BOM, tags...
                continue
            out.append(" " if cat in ("Cc", "Zl", "Zp", "Zs") else ch)
    text = "".join(out)
    if not newlines:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def name_key(name: str) -> str:
    """The look-alike-insensitive key of a name (see the module's docstring)."""
    try:
        text = clean(name)
    except BrokenTextError:
        text = name.encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(ch))
    return " ".join(text.translate(_CONFUSABLES).split())
