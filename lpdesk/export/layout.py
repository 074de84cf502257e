"""A small page layout engine: measured text, tables that break between rows, drawings,
and a paginator that never cuts text off.

Why our own and not QTextDocument: the same pages must be painted on a QPdfWriter (vector
text and charts) and on QImages (the export dialog's preview; QtPdf is not in
PySide6-Essentials), page numbers and a contents list need the final page of each heading,
and a board picture must break between grid rows with its header repeated.

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
import sys
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPageSize,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

PT = 10.0  # layout units per point
MM = 72 / 25.4 * PT  # layout units per millimetre
FONT_FAMILIES = ["Segoe UI", "Helvetica Neue", "Arial", "Liberation Sans", "DejaVu Sans"]
PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}

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


def paper_size(paper: str) -> tuple[float, float]:
    """Page width and height in layout units."""
    size = QPageSize(PAPERS[paper]).size(QPageSize.Unit.Point)
    return size.width() * PT, size.height() * PT


_fonts = threading.local()


def font(size_pt: float, bold: bool = False, italic: bool = False) -> QFont:
    """A cached font. One cache per thread: a QFont resolves its glyph engines lazily and
    is not safe to share between threads painting at the same time."""
    cache = getattr(_fonts, "cache", None)
    if cache is None:
        cache = _fonts.cache = {}
    key = (size_pt, bold, italic)
    if key not in cache:
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

    Long words wrap anywhere rather than run past the edge: nothing is ever cut off."""

    def __init__(self, text: Rich, style: TextStyle, width: float) -> None:
        if isinstance(text, str):
            spans: Sequence[Span] = [(text, "")]
        else:
            spans = text
        plain = "".join(s for s, _ in spans).replace("\r\n", "\n").replace("\n", "\u2028")
        self.style = style
        self.width = max(1.0, width)
        self.layout = QTextLayout(plain, font(style.size, style.bold, style.italic))
        option = QTextOption(style.align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.layout.setTextOption(option)
        formats = []
        start = 0
        for text_part, how in spans:
            length = len(text_part.replace("\r\n", "\n"))
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
        self.line_height = style.size * PT * style.leading
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
        painter.setPen(QColor(self.style.colour))
        offset = QPointF(x, y - self.lines[first] if first < len(self.lines) else y)
        for i in range(first, min(last, self.layout.lineCount())):
            self.layout.lineAt(i).draw(painter, offset)


# -- items in cells ----------------------------------------------------------------------------
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


def text_items(text: Rich, style: TextStyle, width: float, dx: float = 0.0,
               marker: str = "") -> list[Item]:
    """Lines of wrapped text, indented by `dx`, with `marker` (a bullet) in the indent."""
    box = TextBox(text, style, width - dx)
    mark = TextBox(marker, style, max(dx, 1.0)) if marker else None
    return [LineItem(box, i, dx, mark if i == 0 else None) for i in range(len(box.lines))]


@dataclass
class Cell:
    items: list[Item]
    background: str | None = None
    pad_x: float = 4 * PT
    pad_y: float = 3 * PT

    @property
    def content_height(self) -> float:
        return sum(i.height for i in self.items)

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
        """Cut the row so the head fits in `avail`; each cell keeps whole items."""
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


class Block(Flowable):
    """Rows of cells (a paragraph is one row of one cell; a table has a header row that is
    repeated on every page it continues on). Breaks between rows; a row breaks inside only
    when it is taller than a page; paragraphs keep two lines together at a break."""

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
            if paragraph or too_tall:
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


# -- pagination --------------------------------------------------------------------------------
@dataclass
class Page:
    placed: list[tuple[Flowable, float]] = field(default_factory=list)


@dataclass
class Pagination:
    pages: list[Page]
    anchors: dict[str, int]  # anchor -> page index (0-based, in these pages)


def paginate(flowables: Sequence[Flowable], page_height: float) -> Pagination:
    pages = [Page()]
    anchors: dict[str, int] = {}
    y = 0.0
    queue: deque[Flowable] = deque(flowables)

    def new_page() -> None:
        nonlocal y
        pages.append(Page())
        y = 0.0

    while queue:
        f = queue.popleft()
        if isinstance(f, PageBreak):
            if pages[-1].placed:
                new_page()
            continue
        if isinstance(f, Spacer):
            if y == 0 and not f.keep:
                continue
            if y + f.h > page_height:
                new_page()
                continue
            pages[-1].placed.append((f, y))
            y += f.h
            continue
        h = f.height()
        if f.keep_with_next and queue and y > 0:
            chain = h
            for nxt in queue:  # headings chain: heading, sub-heading, first lines
                if isinstance(nxt, Spacer):
                    chain += nxt.h
                    continue
                chain += nxt.min_height()
                if not nxt.keep_with_next:
                    break
            if y + chain > page_height and chain <= page_height:
                new_page()
        if y + h <= page_height:
            if f.anchor:
                anchors.setdefault(f.anchor, len(pages) - 1)
            pages[-1].placed.append((f, y))
            y += h
            continue
        head, tail = f.split(page_height - y, page_height)
        if head is None:
            if y == 0:  # cannot happen for our flowables; never loop forever
                head, tail = f, None
            else:
                new_page()
                queue.appendleft(f)
                continue
        if f.anchor:
            anchors.setdefault(f.anchor, len(pages) - 1)
        pages[-1].placed.append((head, y))
        y += head.height()
        if tail is not None:
            new_page()
            queue.appendleft(tail)
    if not pages[-1].placed and len(pages) > 1:
        pages.pop()
    return Pagination(pages, anchors)


def paint_page(painter: QPainter, page: Page, x: float, y: float) -> None:
    for flowable, top in page.placed:
        flowable.paint(painter, x, y + top)


def prepare_painter(painter: QPainter) -> None:
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
