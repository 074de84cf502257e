"""Where everything on a practices board goes, for a given view size: pure geometry.

The grid always fills the view. Cards keep the largest font (from a size that grows with the
view, down to a still-legible minimum) at which every cell shows all its cards; a cell that
still overflows at the minimum scrolls. The deck beside the grid scrolls when it is long.
Kept apart from the scene so the rules are easy to read and to test.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from lpdesk.model.matrix import Board, Cell

MARGIN = 8.0
GAP = 5.0  # between cells, and between the grid and the deck
CELL_PAD = 4.0
CARD_GAP = 4.0
PAD_X, PAD_Y = 7.0, 5.0  # inside a card
MARK_W = 16.0  # right of a card's text: room for the reveal mark
MIN_CARD_W = 190.0  # a cell wider than two of these shows its cards side by side
WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)

DeckKey = None  # the deck is the container whose key is None, like a card's "no cell"


@dataclass
class Container:
    """A cell or the deck: its frame in the scene, and its cards in content coordinates."""

    key: Cell | None
    rect: QRectF
    cards: list[tuple[str, QRectF]] = field(default_factory=list)
    content_height: float = 0.0

    @property
    def overflows(self) -> bool:
        return self.content_height > self.rect.height() + 0.5


@dataclass
class BoardLayout:
    scale: float  # the lengths above are multiplied by this (base card font px / 16)
    card_font: QFont
    hint_font: QFont
    header_font: QFont
    deck_title: QRectF
    row_headers: list[tuple[str, QRectF]]
    column_headers: list[tuple[str, QRectF]]
    containers: dict[Cell | None, Container]

    def container_at(self, x: float, y: float) -> Container | None:
        for container in self.containers.values():
            if container.rect.contains(x, y):
                return container
        return None


def font_px(size: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    font.setItalic(italic)
    return font


class _Measure:
    """Text heights, cached: layouts are recomputed on every resize and change."""

    def __init__(self) -> None:
        self.cache: dict[tuple[int, bool, bool, float, str], float] = {}
        self.metrics: dict[tuple[int, bool, bool], QFontMetricsF] = {}

    def height(self, font: QFont, width: float, text: str) -> float:
        key = (font.pixelSize(), font.bold(), font.italic(), round(width, 1), text)
        if key not in self.cache:
            if len(self.cache) > 50_000:  # many resizes: start afresh rather than grow
                self.cache.clear()
            fkey = key[:3]
            if fkey not in self.metrics:
                self.metrics[fkey] = QFontMetricsF(font)
            self.cache[key] = self.metrics[fkey].boundingRect(
                QRectF(0, 0, max(1.0, width), 1e6), WRAP, text).height()
        return self.cache[key]

    def width(self, font: QFont, text: str) -> float:
        return QFontMetricsF(font).horizontalAdvance(text)


MEASURE = _Measure()


def card_text_width(card_width: float, s: float) -> float:
    return card_width - 2 * PAD_X * s - MARK_W * s


def card_height(text: str, hint: str, width: float, font: QFont, hint_font: QFont,
                s: float) -> float:
    tw = card_text_width(width, s)
    h = MEASURE.height(font, tw, text) + 2 * PAD_Y * s
    if hint:
        h += MEASURE.height(hint_font, tw, hint) + 2 * s
    return h


def flow(items: list[tuple[str, str, str]], width: float, font: QFont, hint_font: QFont,
         s: float) -> tuple[list[tuple[str, QRectF]], float]:
    """Lay cards (id, text, hint) out in lines across `width`; return rects and height."""
    per_line = max(1, int((width + CARD_GAP * s) // ((MIN_CARD_W + CARD_GAP) * s)))
    card_w = (width - (per_line - 1) * CARD_GAP * s) / per_line
    rects, y = [], 0.0
    for start in range(0, len(items), per_line):
        line = items[start:start + per_line]
        heights = [card_height(t, h, card_w, font, hint_font, s) for _, t, h in line]
        line_h = max(heights)
        for i, (cid, _, _) in enumerate(line):
            rects.append((cid, QRectF(i * (card_w + CARD_GAP * s), y, card_w, line_h)))
        y += line_h + CARD_GAP * s
    return rects, max(0.0, y - CARD_GAP * s)


def base_font_size(width: float, height: float, scale: float) -> float:
    """Bigger views get bigger cards: the room reads the projector from far away."""
    return max(14.0, min(26.0, 16.0 * min(width / 1040.0, height / 600.0))) * scale


def share_height(needs: list[float], room: float) -> list[float]:
    """Heights for rows that need more than `room` in all: rows needing less than an even
    share get all they need, the rest share what is left evenly. So a short row never
    scrolls because a long one elsewhere is too long."""
    heights = [0.0] * len(needs)
    left, open_rows = room, sorted(range(len(needs)), key=lambda i: needs[i])
    while open_rows:
        share = left / len(open_rows)
        i = open_rows[0]
        if needs[i] > share:
            for j in open_rows:
                heights[j] = share
            break
        heights[i] = needs[i]
        left -= needs[i]
        open_rows.pop(0)
    return heights


def layout_board(board: Board, width: float, height: float, scale: float = 1.0,
                 hints: dict[str, str] | None = None,
                 row_notes: dict[str, str] | None = None) -> BoardLayout:
    """The layout of `board` in a view of `width` x `height` pixels.

    `hints` are extra lines under some cards (e.g. where the model puts them); `row_notes`
    a second line under row names (e.g. the row's agreement figure)."""
    hints, row_notes = hints or {}, row_notes or {}
    base = base_font_size(width, height, scale)
    s = base / 16.0  # paddings and marks grow with the text, so big cards keep their shape
    header_font = font_px(base, bold=True)
    deck_w = max(170 * s, min(340 * s, width * 0.2))
    widest = max((MEASURE.width(header_font, r.name) for r in board.rows), default=60.0)
    row_head_w = max(80 * s, min(widest + 2 * PAD_X * s, width * 0.13))
    grid_x = MARGIN + row_head_w + GAP
    grid_w = max(100.0, width - grid_x - GAP - deck_w - MARGIN)
    n_cols, n_rows = max(1, len(board.columns)), max(1, len(board.rows))
    col_w = (grid_w - (n_cols - 1) * GAP) / n_cols
    head_h = max((MEASURE.height(header_font, col_w - 2 * PAD_X * s, c.name)
                  for c in board.columns), default=20.0) + 2 * PAD_Y * s
    grid_y = MARGIN + head_h + GAP
    grid_h = max(60.0, height - grid_y - MARGIN)
    inner_w = col_w - 2 * CELL_PAD * s

    by_cell: dict[Cell, list[tuple[str, str, str]]] = {}
    deck: list[tuple[str, str, str]] = []
    for card in board.cards:
        cell = board.positions.get(card.id)
        entry = (card.id, card.text, hints.get(card.id, ""))
        (by_cell.setdefault(cell, []) if cell is not None else deck).append(entry)

    def needs(size: float) -> tuple[list[float], dict[Cell, tuple]]:
        font, hint_font = font_px(size), font_px(size * 0.82, italic=True)
        flows = {cell: flow(items, inner_w, font, hint_font, s)
                 for cell, items in by_cell.items()}
        row_need = []
        for r in board.rows:
            label = MEASURE.height(header_font, row_head_w - 2 * PAD_X * s, r.name)
            if row_notes.get(r.id):
                label += MEASURE.height(hint_font, row_head_w - 2 * PAD_X * s, row_notes[r.id])
            need = max([label + 2 * PAD_Y * s, 40 * s]
                       + [flows[(r.id, c.id)][1] + 2 * CELL_PAD * s
                          for c in board.columns if (r.id, c.id) in flows])
            row_need.append(need)
        return row_need, flows

    size = base
    minimum = min(base, 12.0 * scale)
    while True:
        row_need, flows = needs(size)
        if sum(row_need) + (n_rows - 1) * GAP <= grid_h or size <= minimum:
            break
        size = max(minimum, size - 1)
    room = grid_h - (n_rows - 1) * GAP
    total = sum(row_need) or 1.0
    if total <= room:  # share the spare height evenly: an even grid reads calmly
        heights = [n + (room - total) / n_rows for n in row_need]
    else:  # still too much at the smallest font: only the fullest rows scroll
        heights = share_height(row_need, room)

    card_font, hint_font = font_px(size), font_px(size * 0.82, italic=True)
    containers: dict[Cell | None, Container] = {}
    row_headers, column_headers = [], []
    for j, c in enumerate(board.columns):
        column_headers.append((c.id, QRectF(grid_x + j * (col_w + GAP), MARGIN, col_w, head_h)))
    y = grid_y
    for i, r in enumerate(board.rows):
        row_headers.append((r.id, QRectF(MARGIN, y, row_head_w, heights[i])))
        for j, c in enumerate(board.columns):
            rect = QRectF(grid_x + j * (col_w + GAP), y, col_w, heights[i])
            cards, content_h = flows.get((r.id, c.id), ([], 0.0))
            containers[(r.id, c.id)] = Container((r.id, c.id), rect, cards,
                                                 content_h + 2 * CELL_PAD * s)
        y += heights[i] + GAP

    deck_x = width - MARGIN - deck_w
    title_h = MEASURE.height(header_font, deck_w, "Xg") + 2 * PAD_Y * s
    deck_rect = QRectF(deck_x, MARGIN + title_h, deck_w, max(40.0, height - 2 * MARGIN - title_h))
    cards, content_h = flow(deck, deck_w - 2 * CELL_PAD * s, card_font, hint_font, s)
    containers[DeckKey] = Container(DeckKey, deck_rect, cards, content_h + 2 * CELL_PAD * s)
    return BoardLayout(s, card_font, hint_font, header_font,
                       QRectF(deck_x, MARGIN, deck_w, title_h), row_headers, column_headers,
                       containers)
