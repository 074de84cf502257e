"""The PDF summary: the document the client receives (A4 or Letter).

A title page (title, client, date, facilitator, contents with page numbers, credits), then
the summary, the continuum per area (chart, words, tables), the quiz, each board with its
agreement, the consensus across groups, notes and actions, and an appendix of everyone's
placements. Pages are laid out once (`SummaryDocument`) and then painted page by page: on a
QPdfWriter for the file, or on QImages for the export dialog's preview. Both may run on a
worker thread; `progress` is called after each page and may cancel by returning False.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from lpdesk import __version__
from lpdesk.export import document as blocks
from lpdesk.export.board_chart import board_block, consensus_block
from lpdesk.export.continuum_chart import ContinuumChart
from lpdesk.export.layout import (
    Block,
    Cell,
    Drawing,
    Flowable,
    PageBreak,
    Row,
    RowStyle,
    Spacer,
    text_cell,
    text_items,
)
from lpdesk.export.pages import (
    PAPERS,
    Pagination,
    paginate,
    paint_page,
    paper_size,
    prepare_painter,
)
from lpdesk.export.palette import ACCENT, INK, MUTED, RULE, STAGE_TINTS
from lpdesk.export.report import Report
from lpdesk.export.tables import Table
from lpdesk.export.text import MM, PT, TextBox, TextStyle
from lpdesk.export.wording import tr

Progress = Callable[[int, int], bool]  # (pages done, pages) -> keep going?
PDF_DPI = 720  # one layout unit per device pixel


class Cancelled(Exception):  # noqa: N818 (a state, not an error)
    """The facilitator cancelled the export."""


BODY = TextStyle(10.0, colour=INK, leading=1.38)
SMALL = TextStyle(8.5, colour=MUTED, leading=1.3)
H1 = TextStyle(17.0, bold=True, colour=ACCENT, leading=1.2)
H2 = TextStyle(12.5, bold=True, colour=INK, leading=1.25)
H3 = TextStyle(10.5, bold=True, colour=INK, leading=1.3)
CELL = TextStyle(8.5, colour=INK, leading=1.3)
CELL_BOLD = TextStyle(8.5, bold=True, colour=INK, leading=1.3)
HEAD = TextStyle(8.0, bold=True, colour=MUTED, leading=1.3)
CAPTION = TextStyle(9.0, bold=True, colour=MUTED)
RIGHT = Qt.AlignmentFlag.AlignRight


class Heading(Block):
    keep_with_next = True

    def __init__(self, text: str, style: TextStyle, width: float, anchor: str | None = None,
                 rule: str | None = None) -> None:
        cell = text_cell(text, style, width, pad_x=0, pad_y=2 * PT)
        super().__init__([Row([cell], [width], RowStyle(rule=rule, rule_width=1.0 * PT))],
                         space_after=4 * PT if rule else 2 * PT)
        self.anchor = anchor


def paragraph(text, width: float, style: TextStyle = BODY, space_after: float = 5 * PT,
              indent: float = 0.0, bullet: str = "") -> Block:
    """Text that may break across pages (two lines kept together at a break)."""
    items = text_items(text, style, width, dx=indent, marker=bullet)
    return Block([Row([Cell(items, None, 0, 0)], [width], RowStyle(rule=None))],
                 space_after=space_after)


def table(data: Table, width: float, bold_first: bool = True,
          space_after: float = 8 * PT) -> Block:
    """A table with a header row repeated on each page; rows never split unless a single
    row is taller than a page."""
    headers, rows, align_right = data.headers, data.rows, data.numeric
    fractions = data.widths or (1.0,) * len(headers)
    total = sum(fractions)
    widths = [width * f / total for f in fractions]

    def style(col: int, base: TextStyle) -> TextStyle:
        if col in align_right:
            return TextStyle(base.size, base.bold, base.italic, base.colour, RIGHT, base.leading)
        return base

    header = Row([text_cell(h, style(i, HEAD), w) for i, (h, w) in
                  enumerate(zip(headers, widths, strict=True))], widths,
                 RowStyle(rule="#9AA5B1", rule_width=0.8 * PT, background="#EEF2F6"))
    body = []
    for r in rows:
        cells = []
        for i, (value, w) in enumerate(zip(r, widths, strict=True)):
            base = CELL_BOLD if bold_first and i == 0 else CELL
            cells.append(text_cell(value, style(i, base), w))
        body.append(Row(cells, widths, RowStyle(rule=RULE)))
    return Block(body, header, space_after=space_after)


class Contents(Flowable):
    """The contents list; page numbers are filled in after pagination."""

    def __init__(self, entries: list[tuple[str, str]], width: float) -> None:
        self.entries = entries  # (anchor, title)
        self.width = width
        self.pages: dict[str, int] = {}
        self.boxes = [TextBox(title, BODY, width - 40 * PT) for _, title in entries]
        self.h = sum(b.height + 3 * PT for b in self.boxes)

    def height(self) -> float:
        return self.h

    def paint(self, painter: QPainter, x: float, y: float) -> None:
        number_style = TextStyle(BODY.size, colour=INK, align=RIGHT)
        for (anchor, _), box in zip(self.entries, self.boxes, strict=True):
            box.draw(painter, x, y)
            last = box.layout.lineAt(box.layout.lineCount() - 1)
            lx = x + last.naturalTextWidth() + 4 * PT
            ly = y + box.height - box.line_height * 0.32
            page = self.pages.get(anchor)
            num = TextBox(str(page + 1) if page is not None else "", number_style, 30 * PT)
            pen = QPen(QColor("#AEB8C2"), 0.8 * PT)
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(lx, ly), QPointF(x + self.width - 34 * PT, ly))
            num.draw(painter, x + self.width - 30 * PT, y + box.height - box.line_height)
            y += box.height + 3 * PT


class SummaryDocument:
    """The summary laid out on pages of one paper size."""

    def __init__(self, report: Report, paper: str = "a4") -> None:
        if paper not in PAPERS:
            raise ValueError(f"unknown paper {paper!r}")
        self.report, self.paper = report, paper
        self.page_w, self.page_h = paper_size(paper)
        self.margin_x = 20 * MM
        self.margin_top = 24 * MM
        self.margin_bottom = 22 * MM
        self.width = self.page_w - 2 * self.margin_x
        self.body_h = self.page_h - self.margin_top - self.margin_bottom
        self.contents: Contents | None = None
        self.credits = ""
        flowables = self._flowables()
        self.pagination: Pagination = paginate(flowables, self.body_h)
        if self.contents is not None:
            self.contents.pages = self.pagination.anchors

    @property
    def page_count(self) -> int:
        return len(self.pagination.pages)

    # -- content -------------------------------------------------------------------------
    def _flowables(self) -> list[Flowable]:
        doc = blocks.build_document(self.report)
        self.credits = doc.credits
        out = self._title_page(doc)
        for block in doc.blocks:
            out += block_flowables(block, self.width, self.report)
        return out

    def _title_page(self, doc: blocks.Document) -> list[Flowable]:
        w = self.width
        out: list[Flowable] = [Spacer(58 * MM - self.margin_top, keep=True)]
        out.append(paragraph(tr("WORKSHOP SUMMARY"), w, TextStyle(10, bold=True, colour=ACCENT),
                             6 * PT))
        out.append(paragraph(doc.title, w, TextStyle(28, bold=True, colour=INK,
                                                     leading=1.15), 6 * PT))
        if doc.client:
            out.append(paragraph(doc.client, w, TextStyle(16, colour=MUTED, leading=1.25),
                                 14 * PT))
        out.append(Spacer(6 * PT))
        for label, value in doc.details:
            out.append(_pair(label, value, w))
        out.append(Spacer(22 * PT))
        out.append(Heading(tr("Contents"), H3, w, rule=RULE))
        out.append(Spacer(4 * PT))
        self.contents = Contents(list(doc.contents), w)
        out.append(self.contents)
        return out

    # -- painting ------------------------------------------------------------------------
    def paint_page(self, painter: QPainter, index: int) -> None:
        """Paint page `index` (0-based) in layout units with the page's top-left at 0,0."""
        prepare_painter(painter)
        painter.fillRect(QRectF(0, 0, self.page_w, self.page_h), QColor("#FFFFFF"))
        if index == 0:
            self._title_decoration(painter)
        else:
            self._header_footer(painter, index)
        paint_page(painter, self.pagination.pages[index], self.margin_x, self.margin_top)

    def _title_decoration(self, painter: QPainter) -> None:
        band = 9 * MM
        for i, tint in enumerate(STAGE_TINTS):
            x = self.page_w * i / len(STAGE_TINTS)
            painter.fillRect(QRectF(x, 0, self.page_w / len(STAGE_TINTS) + 1, band),
                             QColor(tint).darker(108))
        painter.fillRect(QRectF(0, band, self.page_w, 1.2 * PT), QColor(ACCENT))
        box = TextBox(self.credits, SMALL, self.width)
        y = self.page_h - 14 * MM - box.height
        painter.setPen(QPen(QColor(RULE), 0.6 * PT))
        painter.drawLine(QPointF(self.margin_x, y - 3 * PT),
                         QPointF(self.margin_x + self.width, y - 3 * PT))
        box.draw(painter, self.margin_x, y)

    def _header_footer(self, painter: QPainter, index: int) -> None:
        r = self.report
        style = TextStyle(8.0, colour=MUTED)
        right = TextStyle(8.0, colour=MUTED, align=RIGHT)
        top = 12 * MM
        half = self.width / 2 - 6 * PT
        left_box = TextBox(_elide(r.display_title, style, half), style, half)
        right_box = TextBox(_elide(r.client, right, half), right, half)
        left_box.draw(painter, self.margin_x, top)
        right_box.draw(painter, self.margin_x + self.width - half, top)
        line_y = top + left_box.line_height + 2 * PT
        painter.setPen(QPen(QColor(RULE), 0.6 * PT))
        painter.drawLine(QPointF(self.margin_x, line_y),
                         QPointF(self.margin_x + self.width, line_y))
        bottom = self.page_h - 12 * MM - style.size * PT * style.leading
        footer_left = tr("Workshop summary") + (f" \u00b7 {r.date}" if r.date else "")
        TextBox(_elide(footer_left, style, half), style, half).draw(painter, self.margin_x,
                                                                    bottom)
        page_text = tr("Page {n} of {total}").format(n=index + 1, total=self.page_count)
        TextBox(page_text, right, half).draw(painter, self.margin_x + self.width - half, bottom)

    # -- output --------------------------------------------------------------------------
    def write_pdf(self, progress: Progress | None = None) -> bytes:
        """The PDF file's bytes (written to memory first: a bad output path is reported by
        the caller without a half-written file)."""
        return write_pages(self.paper, self.page_count, self.paint_page,
                           self.report.display_title, self.report.facilitator, progress)

    def render_page(self, index: int, dpi: float = 96.0) -> QImage:
        """Page `index` as an image (the preview)."""
        scale = dpi / 72 / PT
        image = QImage(max(1, round(self.page_w * scale)), max(1, round(self.page_h * scale)),
                       QImage.Format.Format_RGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        painter.scale(scale, scale)
        self.paint_page(painter, index)
        painter.end()
        return image


def block_flowables(block: blocks.Block, w: float, report: Report | None = None
                    ) -> list[Flowable]:
    """One block as flowables of width `w`: sections start a page, charts and boards are
    drawn (an area's chart needs its `report`; a comparison's chart is drawn by
    compare_pdf.py, which knows it)."""
    if isinstance(block, blocks.Heading):
        if block.anchor is not None:  # a section
            return [PageBreak(), Heading(block.text, H1, w, block.anchor, rule=ACCENT),
                    Spacer(4 * PT)]
        if block.level <= 3:
            return [Spacer(10 * PT), Heading(block.text, H2, w)]
        return [Spacer(5 * PT), Heading(block.text, H3, w)]
    if isinstance(block, blocks.Paragraph):
        if block.style == "caption":
            return [paragraph(block.text, w, CAPTION, space_after=2 * PT)]
        flowable = paragraph(block.text, w, SMALL if block.style == "small" else BODY)
        return [_keep(flowable) if block.keep_with_next else flowable]
    if isinstance(block, blocks.Prose):
        return [paragraph(part.strip(), w) for part in block.text.split("\n\n")
                if part.strip()]
    if isinstance(block, blocks.ItemList):
        return [paragraph(text, w, bullet=f"{i}." if block.numbered else "\u2022",
                          indent=(16 if block.numbered else 12) * PT, space_after=3 * PT)
                for i, text in enumerate(block.items, 1)]
    if isinstance(block, blocks.TableBlock):
        return [table(block.table, w, block.bold_first, block.space_after * PT)]
    if isinstance(block, blocks.Figure) and report is not None:
        chart = ContinuumChart(report, block.area, w)
        if block.kind == "quiz":
            return [Drawing(w, chart.height, chart.paint, space_after=8 * PT)]
        drawing = Drawing(w, chart.height, chart.paint, space_after=6 * PT)
        drawing.keep_with_next = True  # the chart stays with the first lines about it
        return [Spacer(3 * PT), drawing]
    if isinstance(block, blocks.BoardGrid):
        return [board_block(block.board, w)]
    if isinstance(block, blocks.ConsensusGrid):
        return [consensus_block(block.view, w)]
    return []


def write_pages(paper: str, page_count: int, paint_page: Callable[[QPainter, int], None],
                title: str, author: str = "", progress: Progress | None = None) -> bytes:
    """A PDF's bytes, its pages painted by `paint_page(painter, index)` in layout units
    (written to memory first: a bad output path is reported without a half-written file).
    `progress` is called after each page and may cancel by returning False."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(PAPERS[paper]),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title)
    writer.setCreator(f"lpdesk {__version__}")
    if hasattr(writer, "setAuthor") and author:
        writer.setAuthor(author)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("cannot start the PDF")
    try:
        for i in range(page_count):
            if i:
                writer.newPage()
            paint_page(painter, i)
            if progress is not None and not progress(i + 1, page_count):
                raise Cancelled()
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())


def _keep(flowable: Flowable) -> Flowable:
    """Keep with what follows: an introduction never ends a page without its picture."""
    flowable.keep_with_next = True
    return flowable


def _pair(label: str, value: str, width: float) -> Block:
    widths = [38 * MM, width - 38 * MM]
    cells = [text_cell(label, TextStyle(10.5, bold=True, colour=MUTED), widths[0], pad_x=0),
             text_cell(value, TextStyle(10.5, colour=INK), widths[1], pad_x=0)]
    return Block([Row(cells, widths, RowStyle(rule=None))])


def _elide(text: str, style: TextStyle, width: float) -> str:
    """Running headers only: the full text is on the title page."""
    from PySide6.QtGui import QFontMetricsF

    from lpdesk.export.text import font
    metrics = QFontMetricsF(font(style.size, style.bold))
    return metrics.elidedText(text.replace("\n", " "), Qt.TextElideMode.ElideRight, width)


def export_pdf(report: Report, paper: str = "a4", progress: Progress | None = None) -> bytes:
    return SummaryDocument(report, paper).write_pdf(progress)
