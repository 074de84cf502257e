"""Session text made inert for files: what every export format does to text from a session
or a phone before it writes it.

Control characters (C0 but tab, line feed and carriage return; DEL; C1) are dropped: NUL
cuts text short in C programs, ESC sequences recolour or retitle a terminal that `cat`s a
Markdown or CSV file, BEL rings, VT and FF break lines in some viewers and not others, and
none of them is text a person wrote. A lone surrogate (valid JSON, not valid UTF-8) becomes
U+FFFD, so writing the file can never fail on it.
"""
from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without control characters (tab and line ends kept) or lone surrogates."""
    text = _CONTROLS.sub("", text)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text
