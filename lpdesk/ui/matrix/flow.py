"""Cards in lines: the text measures and the card flows a board's layout is made of
(ui/matrix/layout.py), kept apart so the layout's rules read on their own. Pure geometry,
remembered: a phone's move changes two cells, the others are the flows laid out before."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

CARD_GAP = 4.0
PAD_X, PAD_Y = 7.0, 5.0  # inside a card, and around a header's text
MARK_W = 16.0  # right of a card's text once the model is revealed: room for the mark
MIN_CARD_W = 190.0  # a cell wider than two of these shows its cards side by side
WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)


def font_px(size: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    font.setItalic(italic)
    return font


class _Measure:
    """Text sizes, cached: layouts are recomputed on every resize and change."""

    def __init__(self) -> None:
        self.cache: dict[tuple, float] = {}
        self.metrics: dict[tuple[int, bool, bool], QFontMetricsF] = {}

    def _metrics(self, font: QFont) -> QFontMetricsF:
        key = (font.pixelSize(), font.bold(), font.italic())
        if key not in self.metrics:
            self.metrics[key] = QFontMetricsF(font)
        return self.metrics[key]

    def _cached(self, key: tuple, compute) -> float:
        if key not in self.cache:
            if len(self.cache) > 50_000:  # many resizes: start afresh rather than grow
                self.cache.clear()
            self.cache[key] = compute()
        return self.cache[key]

    def height(self, font: QFont, width: float, text: str) -> float:
        """Height of `text` wrapped at word boundaries in `width`."""
        key = ("h", font.pixelSize(), font.bold(), font.italic(), round(width, 1), text)
        return self._cached(key, lambda: self._metrics(font).boundingRect(
            QRectF(0, 0, max(1.0, width), 1e6), WRAP, text).height())

    def width(self, font: QFont, text: str) -> float:
        """Width of `text` on one line."""
        key = ("w", font.pixelSize(), font.bold(), font.italic(), text)
        return self._cached(key, lambda: self._metrics(font).horizontalAdvance(text))

    def word_width(self, font: QFont, text: str) -> float:
        """Width of the longest word: wrapping never breaks a word, so no less will do."""
        return max((self.width(font, w) for w in text.split()), default=0.0)


MEASURE = _Measure()


def card_text_width(card_width: float, s: float, marks: bool = True) -> float:
    return card_width - 2 * PAD_X * s - (MARK_W * s if marks else 0.0)


def card_height(text: str, hint: str, width: float, font: QFont, hint_font: QFont,
                s: float, marks: bool = True) -> float:
    tw = card_text_width(width, s, marks)
    h = MEASURE.height(font, tw, text) + 2 * PAD_Y * s
    if hint:
        h += MEASURE.height(hint_font, tw, hint) + 2 * s
    return h


_FLOWS: dict[tuple, tuple[list[tuple[str, QRectF]], float]] = {}


def flow(items: list[tuple[str, str, str]], width: float, font: QFont, hint_font: QFont,
         s: float, marks: bool = True, per_line: int | None = None,
         ) -> tuple[list[tuple[str, QRectF]], float]:
    """Lay cards (id, text, hint) out in lines across `width` (`per_line` cards a line, or
    as many as MIN_CARD_W allows); return their rects and the height they take.

    Remembered: a card moved by a phone changes two cells, and the board's other cells
    (at each size the layout tries) are the very flows of the last layout. The rects
    returned are shared: read them, never change them."""
    key = (tuple(items), width, font.pixelSize(), font.bold(), font.italic(),
           hint_font.pixelSize(), hint_font.italic(), s, marks, per_line)
    found = _FLOWS.get(key)
    if found is None:
        if len(_FLOWS) > 20_000:  # many resizes and boards: start afresh rather than grow
            _FLOWS.clear()
        found = _FLOWS[key] = _flow(items, width, font, hint_font, s, marks, per_line)
    return found


def _flow(items: list[tuple[str, str, str]], width: float, font: QFont, hint_font: QFont,
          s: float, marks: bool, per_line: int | None,
          ) -> tuple[list[tuple[str, QRectF]], float]:
    if per_line is None:
        per_line = max(1, int((width + CARD_GAP * s) // ((MIN_CARD_W + CARD_GAP) * s)))
    card_w = (width - (per_line - 1) * CARD_GAP * s) / per_line
    rects, y = [], 0.0
    for start in range(0, len(items), per_line):
        line = items[start:start + per_line]
        heights = [card_height(t, h, card_w, font, hint_font, s, marks) for _, t, h in line]
        line_h = max(heights)
        for i, (cid, _, _) in enumerate(line):
            rects.append((cid, QRectF(i * (card_w + CARD_GAP * s), y, card_w, line_h)))
        y += line_h + CARD_GAP * s
    return rects, max(0.0, y - CARD_GAP * s)
