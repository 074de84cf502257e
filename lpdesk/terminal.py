"""Text from files and file names made safe for one terminal line.

A session's title, a participant's name or a file name can hold control characters: an
escape sequence retitles the terminal or clears the screen, `\\r` overwrites what was
printed, a newline adds a line that looks like our own output ("all files OK"), and a
right-to-left override reorders what follows. Every command-line line that repeats such
text passes it through `printable`, which shows those characters escaped, as Python does.
"""
from __future__ import annotations

# Control (Cc), format (Cf), surrogate (Cs), private use (Co), line and paragraph
# separators (Zl, Zp): never written raw to a terminal.
ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
# Joiners are format characters that scripts and emoji need; they move nothing.
HARMLESS = frozenset({"\u200c", "\u200d"})
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch in NAMED:
        return NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: object) -> str:
    """`text` (or its str()) with every control, format and separator character escaped:
    the result is one line that moves no cursor and changes no terminal setting."""
    text = str(text)
    if text.isprintable():
        return text
    import unicodedata  # only when there is something to look at: start-up stays light
    return "".join(_escape(ch) if unicodedata.category(ch) in ESCAPED_CATEGORIES
                   and ch not in HARMLESS else ch for ch in text)


def say(*parts: object, sep: str = " ", file=None) -> None:
    """print() for one line of the command line's output, with every part made printable."""
    import sys
    print(printable(sep.join(str(p) for p in parts)), file=file or sys.stdout)
