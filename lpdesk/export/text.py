"""Measured text for the exported pages: the units, the fonts and wrapped text boxes.

Units: everything is laid out in tenths of a typographic point (`PT` = 10 units, 720 units per
inch). Fonts use pixel sizes in those units, so a measurement does not depend on the screen
or printer resolution: the PDF is written at 720 dpi (one unit per device pixel) and a preview
is the same page scaled. Text is laid out with QTextLayout, which works on a worker thread
(painting on QPdfWriter/QImage only, never on widgets) with one rule: lay out, paint and
drop a document on the SAME thread. Qt's glyph caches are per thread, and a layout shaped
on a thread that has ended points at freed font engines.
"""
from __future__ import annotations

import os
import re
import sys
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from lpdesk.export.fonts import FONT_FAMILIES, MISSING_MARK, register_bundled_fonts

PT = 10.0  # layout units per point
MM = 72 / 25.4 * PT  # layout units per millimetre

_app: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    """Fonts need a QGuiApplication; with no display (a server, CI) use the offscreen one."""
    global _app
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    if (sys.platform.startswith("linux") and not os.environ.get("DISPLAY")
            and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1] or ["lpdesk"])
    return _app


_fonts = threading.local()


def font(size_pt: float, bold: bool = False, italic: bool = False) -> QFont:
    """A cached font. One cache per thread: a QFont resolves its glyph engines lazily and
    is not safe to share between threads painting at the same time."""
    cache = getattr(_fonts, "cache", None)
    if cache is None:
        cache = _fonts.cache = {}
    key = (size_pt, bold, italic)
    if key not in cache:
        register_bundled_fonts()
        cache[key] = _make_font(size_pt, bold, italic)
    return cache[key]


def _make_font(size_pt: float, bold: bool, italic: bool) -> QFont:
    f = QFont()
    f.setFamilies(FONT_FAMILIES)
    f.setPixelSize(max(1, round(size_pt * PT)))
    f.setBold(bold)
    f.setItalic(italic)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


# -- text --------------------------------------------------------------------------------------
Span = tuple[str, str]  # (text, style): style is '' or a mix of 'b' (bold), 'i', 'm' (muted)
Rich = str | Sequence[Span]


# text every system font shows (ASCII, Latin-1, Latin Extended, general punctuation): no
# need to look for missing glyphs
_SHOWN = re.compile(r"[\n\t -~\u00a0-\u024f\u2000-\u2027\u2030-\u205e]*")


# joiners, variation selectors, combining marks, skin tones: kept with the character before
_ATTACHED = {"Cf", "Mn", "Me", "Mc", "Sk"}
_MARKS = {"Mn", "Me", "Mc"}


def _mark_stray_marks(text: str, style: TextStyle) -> str:
    """In each word that cannot be drawn whole, the combining marks replaced by the missing
    mark: Qt shapes a mark with its letter, in the letter's font, which may lack it."""
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if _shows(word[:64], style.bold, style.italic):
            return word
        return "".join(MISSING_MARK if unicodedata.category(c) in _MARKS else c for c in word)
    return re.sub(r"\S+", fix, text)


@lru_cache(maxsize=4096)
def _shows(chars: str, bold: bool, italic: bool) -> bool:
    """Whether some font draws `chars` (laid out alone) with real glyphs, not glyph 0 (the
    'missing' glyph: an empty box, or a black bar in some fonts)."""
    layout = QTextLayout(chars, font(10.0, bold, italic))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return all(glyph for run in layout.glyphRuns() for glyph in run.glyphIndexes())


def _utf16_len(text: str) -> int:
    if text.isascii():  # most text: Python knows it without looking at the characters
        return len(text)
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def _mark_missing(text: str, style: TextStyle) -> str:
    """`text` with each character no font can show replaced by the missing mark (and the
    joiners, variation selectors and modifiers that went with it dropped)."""
    out: list[str] = []
    replaced = False
    for char in text:
        if _SHOWN.fullmatch(char):
            out.append(char)
            replaced = False
        elif unicodedata.category(char) in _ATTACHED:
            if replaced:
                continue  # went with the character replaced
            # a mark is shaped with the letter before it, in that letter's font
            if _shows((out[-1] if out else "") + char, style.bold, style.italic):
                out.append(char)
            else:
                out.append(MISSING_MARK)
                replaced = True
        elif _shows(char, style.bold, style.italic):
            out.append(char)
            replaced = False
        else:
            out.append(MISSING_MARK)
            replaced = True
    return "".join(out)


@dataclass(frozen=True)
class TextStyle:
    size: float = 10.0
    bold: bool = False
    italic: bool = False
    colour: str = "#1F2933"
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
    leading: float = 1.25  # line height as a multiple of the font size
    muted: str = "#5F6B7A"


class TextBox:
    """Text wrapped to a width, as lines that can be drawn in slices (for page breaks).

    Long words wrap anywhere rather than run past the edge: nothing is ever cut off. A
    character no font can show is drawn as the replacement mark (see `lpdesk.export.fonts`)."""

    def __init__(self, text: Rich, style: TextStyle, width: float) -> None:
        if isinstance(text, str):
            spans: Sequence[Span] = [(text, "")]
        else:
            spans = text
        spans = [(part.replace("\r\n", "\n"), how) for part, how in spans]
        self.style = style
        self._ink = QColor(style.colour)  # made once: every line is drawn on its own
        self.width = max(1.0, width)
        self.line_height = style.size * PT * style.leading
        if not all(_SHOWN.fullmatch(part) for part, _ in spans):
            spans = [(_mark_missing(part, style), how) for part, how in spans]
            self._lay_out(spans)
            if self._has_missing_glyphs():  # a mark on a letter of another script
                spans = [(_mark_stray_marks(part, style), how) for part, how in spans]
                self._lay_out(spans)
        else:
            self._lay_out(spans)

    def _has_missing_glyphs(self) -> bool:
        return any(not glyph for run in self.layout.glyphRuns() for glyph in run.glyphIndexes())

    def _lay_out(self, spans: Sequence[Span]) -> None:
        style = self.style
        plain = "".join(s for s, _ in spans).replace("\n", "\u2028")
        self.text = plain
        self.layout = QTextLayout(plain, font(style.size, style.bold, style.italic))
        option = QTextOption(style.align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.layout.setTextOption(option)
        formats = []
        start = 0
        for text_part, how in spans:
            length = _utf16_len(text_part)  # Qt counts UTF-16 code units
            if how and length:
                rng = QTextLayout.FormatRange()
                rng.start, rng.length = start, length
                fmt = QTextCharFormat()
                if "b" in how:
                    fmt.setFontWeight(QFont.Weight.Bold)
                if "i" in how:
                    fmt.setFontItalic(True)
                if "m" in how:
                    fmt.setForeground(QColor(style.muted))
                rng.format = fmt
                formats.append(rng)
            start += length
        if formats:
            self.layout.setFormats(formats)
        self.layout.beginLayout()
        self.lines: list[float] = []  # top of each line
        y = 0.0
        while True:
            line = self.layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(self.width)
            # centre the font's natural height in our fixed line pitch
            line.setPosition(QPointF(0, y + (self.line_height - line.height()) / 2))
            self.lines.append(y)
            y += self.line_height
        self.layout.endLayout()
        if not self.lines:
            self.lines.append(0.0)
        self.height = len(self.lines) * self.line_height

    @property
    def natural_width(self) -> float:
        return max((self.layout.lineAt(i).naturalTextWidth()
                    for i in range(self.layout.lineCount())), default=0.0)

    def draw(self, painter: QPainter, x: float, y: float, first: int = 0,
             last: int | None = None) -> None:
        """Draw lines[first:last] with the top of line `first` at y."""
        last = self.layout.lineCount() if last is None else last
        painter.setPen(self._ink)
        offset = QPointF(x, y - self.lines[first] if first < len(self.lines) else y)
        for i in range(first, min(last, self.layout.lineCount())):
            self.layout.lineAt(i).draw(painter, offset)
