"""A small page layout engine: measured text, tables that break between rows, drawings,
and a paginator that never cuts text off. This file holds the pieces a page is made of
(items in cells, rows, and the flowables: blocks, drawings, spacers, page breaks); the text
they measure is in `lpdesk.export.text`, the paginator in `lpdesk.export.pages`.

Why our own and not QTextDocument: the same pages must be painted on a QPdfWriter (vector
text and charts) and on QImages (the export dialog's preview; QtPdf is not in
PySide6-Essentials), page numbers and a contents list need the final page of each heading,
and a board picture must break between grid rows with its header repeated.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from lpdesk.export.text import PT, Rich, TextBox, TextStyle


class Item:
    """An unbreakable strip of a cell's content (one text line, one gap)."""

    height: float = 0.0

    def paint(self, painter: QPainter, x: float, y: float, width: float) -> None:
        raise NotImplementedError


class LineItem(Item):
    def __init__(self, box: TextBox, index: int, dx: float = 0.0,
                 marker: TextBox | None = None) -> None:
        self.box, self.index, self.dx, self.marker = box, index, dx, marker
        self.height = box.line_height

    def paint(self, painter: QPainter, x: float, y: float, width: float) -> None:
        if self.marker is not None:  # a bullet or a number in the indent
            self.marker.draw(painter, x, y)
        self.box.draw(painter, x + self.dx, y, self.index, self.index + 1)


class Gap(Item):
    def __init__(self, height: float) -> None:
        self.height = height

    def paint(self, painter: QPainter, x: float, y: float, width: float) -> None:
        pass


class PaintItem(Item):
    """A fixed-height drawing inside a cell (a colour swatch, a badge)."""

    def __init__(self, height: float, paint: Callable[[QPainter, QRectF], None]) -> None:
        self.height = height
        self._paint = paint

    def paint(self, painter: QPainter, x: float, y: float, width: float) -> None:
        self._paint(painter, QRectF(x, y, width, self.height))


_shared = threading.local()


@contextlib.contextmanager
def shared_boxes() -> Iterator[None]:
    """While a document is laid out: equal texts (the same words, style and width) share one
    TextBox. A comparison's tables say the same things again and again (area names, numbers,
    labels: 3,600 different texts in 9,900 cells for 50 workshops), and laying each out
    once is most of building the document. Per thread, and only while the document is
    built: a TextBox is never shared with another thread or another document."""
    previous = getattr(_shared, "boxes", None)
    _shared.boxes = {}
    try:
        yield
    finally:
        _shared.boxes = previous


def _box(text: Rich, style: TextStyle, width: float) -> TextBox:
    boxes = getattr(_shared, "boxes", None)
    if boxes is None:
        return TextBox(text, style, width)
    key = (text if isinstance(text, str) else tuple(map(tuple, text)), style, width)
    box = boxes.get(key)
    if box is None:
        box = boxes[key] = TextBox(text, style, width)
    return box


def text_items(text: Rich, style: TextStyle, width: float, dx: float = 0.0,
               marker: str = "") -> list[Item]:
    """Lines of wrapped text, indented by `dx`, with `marker` (a bullet) in the indent."""
    box = _box(text, style, width - dx)
    mark = _box(marker, style, max(dx, 1.0)) if marker else None
    return [LineItem(box, i, dx, mark if i == 0 else None) for i in range(len(box.lines))]


@dataclass
class Cell:
    items: list[Item]
    background: str | None = None
    pad_x: float = 4 * PT
    pad_y: float = 3 * PT
    _summed: tuple[list[Item], int, float] | None = field(default=None, init=False,
                                                          repr=False, compare=False)

    @property
    def content_height(self) -> float:
        # asked for every row at every step of pagination: summed once per list of items
        items = self.items
        if self._summed is None or self._summed[0] is not items or \
                self._summed[1] != len(items):
            self._summed = (items, len(items), sum(i.height for i in items))
        return self._summed[2]

    @property
    def height(self) -> float:
        return self.content_height + 2 * self.pad_y


def text_cell(text: Rich, style: TextStyle, width: float, background: str | None = None,
              pad_x: float = 4 * PT, pad_y: float = 3 * PT) -> Cell:
    return Cell(text_items(text, style, width - 2 * pad_x), background, pad_x, pad_y)


@dataclass
class RowStyle:
    rule: str | None = "#D5DCE3"  # the line under the row
    rule_width: float = 0.6 * PT
    background: str | None = None
    vertical_rules: str | None = None  # colour of lines between cells
    outline: str | None = None  # colour of the left/right outer edges


@dataclass
class Row:
    cells: list[Cell]
    widths: list[float]
    style: RowStyle = field(default_factory=RowStyle)

    @property
    def height(self) -> float:
        return max((c.height for c in self.cells), default=0.0)

    @property
    def min_height(self) -> float:
        """The least of this row a page can hold: its first item of each cell."""
        return max((c.pad_y * 2 + (c.items[0].height if c.items else 0) for c in self.cells),
                   default=0.0)

    def split(self, avail: float) -> tuple[Row | None, Row]:
        """Cut the row so the head fits in `avail`; each cell keeps whole items. The first
        cell's first line (a board row's name) is repeated on the continuation."""
        heads, tails = [], []
        any_item = False
        for cell in self.cells:
            room = avail - 2 * cell.pad_y
            used, n = 0.0, 0
            while n < len(cell.items) and used + cell.items[n].height <= room:
                used += cell.items[n].height
                n += 1
            any_item |= n > 0
            heads.append(Cell(cell.items[:n], cell.background, cell.pad_x, cell.pad_y))
            tails.append(Cell(cell.items[n:], cell.background, cell.pad_x, cell.pad_y))
        if not any_item:
            return None, self
        if len(tails) > 1 and not tails[0].items and heads[0].items and \
                any(t.items for t in tails[1:]):
            first = tails[0]
            tails[0] = Cell(heads[0].items[:1], first.background, first.pad_x, first.pad_y)
        return Row(heads, self.widths, self.style), Row(tails, self.widths, self.style)

    def paint(self, painter: QPainter, x: float, y: float, height: float | None = None) -> None:
        h = self.height if height is None else height
        total = sum(self.widths)
        if self.style.background:
            painter.fillRect(QRectF(x, y, total, h), QColor(self.style.background))
        cx = x
        for cell, w in zip(self.cells, self.widths, strict=True):
            if cell.background:
                painter.fillRect(QRectF(cx, y, w, h), QColor(cell.background))
            iy = y + cell.pad_y
            for item in cell.items:
                item.paint(painter, cx + cell.pad_x, iy, w - 2 * cell.pad_x)
                iy += item.height
            cx += w
        if self.style.vertical_rules:
            painter.setPen(QPen(QColor(self.style.vertical_rules), self.style.rule_width))
            cx = x
            for w in self.widths[:-1]:
                cx += w
                painter.drawLine(QPointF(cx, y), QPointF(cx, y + h))
        if self.style.outline:
            painter.setPen(QPen(QColor(self.style.outline), self.style.rule_width))
            painter.drawLine(QPointF(x, y), QPointF(x, y + h))
            painter.drawLine(QPointF(x + total, y), QPointF(x + total, y + h))
        if self.style.rule:
            painter.setPen(QPen(QColor(self.style.rule), self.style.rule_width))
            painter.drawLine(QPointF(x, y + h), QPointF(x + total, y + h))


# -- flowables ---------------------------------------------------------------------------------
class Flowable:
    keep_with_next = False
    anchor: str | None = None  # a contents entry: the paginator records its page

    def height(self) -> float:
        raise NotImplementedError

    def min_height(self) -> float:
        """The smallest head this flowable can start a page region with."""
        return self.height()

    def split(self, avail: float, page_height: float) -> tuple[Flowable | None, Flowable | None]:
        """(head that fits in `avail`, the rest); head None: nothing fits there."""
        return None, self

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        raise NotImplementedError


class Spacer(Flowable):
    """Vertical space; dropped at the top of a page unless `keep` (a title page's margin)."""

    def __init__(self, h: float, keep: bool = False) -> None:
        self.h = h
        self.keep = keep

    def height(self) -> float:
        return self.h

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        pass


class PageBreak(Flowable):
    def height(self) -> float:
        return 0.0

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        pass


TALL_ROW = 0.2  # a row taller than this share of the page may break inside...
WORTH = 0.12  # ...when at least this share of the page is left for its first part


class Block(Flowable):
    """Rows of cells (a paragraph is one row of one cell; a table has a header row that is
    repeated on every page it continues on). Breaks between rows; a row breaks inside (whole
    lines and cards kept) when it is taller than a page, or when it is tall and much of the
    page is left; paragraphs keep two lines together at a break."""

    def __init__(self, rows: list[Row], header: Row | None = None, space_after: float = 0.0,
                 orphans: int = 2) -> None:
        self.rows = rows
        self.header = header
        self.space_after = space_after
        self.orphans = orphans

    def height(self) -> float:
        head = self.header.height if self.header else 0.0
        return head + sum(r.height for r in self.rows) + self.space_after

    def min_height(self) -> float:
        head = self.header.height if self.header else 0.0
        if not self.rows:
            return head
        first = self.rows[0]
        if len(self.rows) == 1 and len(first.cells) == 1:
            items = first.cells[0].items[:self.orphans]
            return head + first.cells[0].pad_y * 2 + sum(i.height for i in items)
        return head + first.height

    def split(self, avail: float, page_height: float) -> tuple[Flowable | None, Flowable | None]:
        head_h = self.header.height if self.header else 0.0
        used = head_h
        taken: list[Row] = []
        rest = list(self.rows)
        while rest and used + rest[0].height <= avail:
            used += rest[0].height
            taken.append(rest.pop(0))
        if rest:
            row = rest[0]
            paragraph = len(self.rows) == 1 and len(row.cells) == 1
            too_tall = row.height + head_h > page_height  # would not fit a fresh page either
            # A tall row (a board row full of cards) moved whole to the next page would
            # leave up to a third of this one empty, page after page: two rows a page. It
            # starts here instead when a good part of the page is left.
            tall = row.height > page_height * TALL_ROW and avail - used > page_height * WORTH
            if paragraph or too_tall or tall:
                head_row, tail_row = row.split(avail - used)
                if head_row is not None and paragraph:
                    head_row, tail_row = self._widow_control(row, head_row, tail_row)
                if head_row is not None:
                    taken.append(head_row)
                    rest[0] = tail_row
        if not taken:
            return None, self
        head = Block(taken, self.header, 0.0, self.orphans)
        if not rest:
            head.space_after = self.space_after
            return head, None
        return head, Block(rest, self.header, self.space_after, self.orphans)

    def _widow_control(self, row: Row, head: Row, tail: Row) -> tuple[Row | None, Row]:
        cell_h, cell_t = head.cells[0], tail.cells[0]
        n_head, n_tail = len(cell_h.items), len(cell_t.items)
        if n_head < self.orphans and n_head + n_tail > n_head:
            return None, row
        if 0 < n_tail < self.orphans:
            move = self.orphans - n_tail
            if n_head - move < self.orphans:
                return None, row
            items = row.cells[0].items
            keep = n_head - move
            c = row.cells[0]
            return (Row([Cell(items[:keep], c.background, c.pad_x, c.pad_y)], row.widths,
                        row.style),
                    Row([Cell(items[keep:], c.background, c.pad_x, c.pad_y)], row.widths,
                        row.style))
        return head, tail

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        if self.header:
            self.header.paint(painter, x, y)
            y += self.header.height
        for row in self.rows:
            row.paint(painter, x, y)
            y += row.height


class Drawing(Flowable):
    """A chart: never split; shrunk to the page when taller (charts draw to any rect)."""

    def __init__(self, width: float, h: float, draw: Callable[[QPainter, QRectF], None],
                 space_after: float = 0.0) -> None:
        self.width, self.h, self.draw, self.space_after = width, h, draw, space_after

    def height(self) -> float:
        return self.h + self.space_after

    def split(self, avail: float, page_height: float) -> tuple[Flowable | None, Flowable | None]:
        if self.h + self.space_after > page_height and avail >= page_height:
            return Drawing(self.width, page_height - self.space_after, self.draw,
                           self.space_after), None
        return None, self

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        painter.save()
        self.draw(painter, QRectF(x, y, self.width, self.h))
        painter.restore()
