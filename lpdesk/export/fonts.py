"""The fonts the exported documents are written in.

The PDF embeds whatever fonts the text is drawn with, so a summary should not depend on the
fonts of the facilitator's laptop. Latin, Greek and Cyrillic text uses the system's sans-serif
(Segoe UI, Helvetica Neue, Arial, Liberation Sans or DejaVu Sans); for the scripts those lack,
lpdesk bundles Noto Sans script fonts (SIL Open Font License, resources/fonts/OFL.txt):
Devanagari, Bengali, Arabic, Hebrew, Thai (regular and bold), Tamil, Telugu, Gujarati,
Gurmukhi, Kannada, Malayalam, Georgian and Armenian (regular; bold is drawn from it), 2.3 MB
in all. Chinese, Japanese and Korean come from the system (every desktop system has a CJK
font; Noto's would add 16 MB or more). A character that no font can show (most colour emoji)
is drawn as the replacement mark U+FFFD by `lpdesk.export.text.TextBox`, never as an empty box
or a black bar.
"""
from __future__ import annotations

import threading

from PySide6.QtGui import QFontDatabase

SYSTEM_FAMILIES = ["Segoe UI", "Helvetica Neue", "Arial", "Liberation Sans", "DejaVu Sans"]
BUNDLED_FAMILIES = ["Noto Sans Devanagari", "Noto Sans Bengali", "Noto Sans Arabic",
                    "Noto Sans Hebrew", "Noto Sans Thai", "Noto Sans Tamil", "Noto Sans Telugu",
                    "Noto Sans Gujarati", "Noto Sans Gurmukhi", "Noto Sans Kannada",
                    "Noto Sans Malayalam", "Noto Sans Georgian", "Noto Sans Armenian"]
FONT_FAMILIES = SYSTEM_FAMILIES + BUNDLED_FAMILIES  # in the order Qt tries them per character
MISSING_MARK = "\ufffd"

_lock = threading.Lock()
_registered: list[str] | None = None


def register_bundled_fonts() -> list[str]:
    """Make the bundled fonts known to Qt (once per process; needs a QGuiApplication).
    Returns the families registered; a font file that is missing or broken is skipped (the
    system's fonts are used instead)."""
    global _registered
    with _lock:
        if _registered is None:
            from lpdesk.content import resources_dir

            families: list[str] = []
            folder = resources_dir() / "fonts"
            for path in sorted(folder.glob("*.ttf")) if folder.is_dir() else ():
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id >= 0:
                    families += QFontDatabase.applicationFontFamilies(font_id)
            _registered = sorted(set(families))
        return _registered
