"""The comparison of workshops on paper (PDF) and as pictures (PNG); the chart itself is
painted by compare_chart.py."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from lpdesk.export.compare import ComparisonReport
from lpdesk.export.compare_chart import (  # noqa: F401 (names other modules use from here)
    LABEL,
    _one_line,
    chart_height,
    chart_picture,
    paint_chart,
)
from lpdesk.export.document import ChartFigure, build_comparison_document
from lpdesk.export.layout import Drawing, Flowable, shared_boxes
from lpdesk.export.pages import PAPERS, paginate, paint_page, paper_size, prepare_painter
from lpdesk.export.palette import ACCENT, MUTED
from lpdesk.export.pdf import BODY, H1, SMALL, Heading, block_flowables, paragraph, write_pages
from lpdesk.export.text import MM, PT, TextBox, TextStyle
from lpdesk.export.wording import tr


class ComparisonDocument:
    def __init__(self, report: ComparisonReport, paper: str = "a4") -> None:
        if paper not in PAPERS:
            raise ValueError(f"unknown paper {paper!r}")
        self.report, self.paper = report, paper
        self.page_w, self.page_h = paper_size(paper)
        self.margin_x, self.margin_top, self.margin_bottom = 20 * MM, 22 * MM, 20 * MM
        self.width = self.page_w - 2 * self.margin_x
        with shared_boxes():  # 50 workshops' tables repeat their texts
            self.pagination = paginate(self._flowables(),
                                       self.page_h - self.margin_top - self.margin_bottom)

    @property
    def page_count(self) -> int:
        return len(self.pagination.pages)

    def _flowables(self) -> list[Flowable]:
        r, w = self.report, self.width
        out: list[Flowable] = [
            paragraph(tr("COMPARISON OF WORKSHOPS"), w, TextStyle(10, bold=True, colour=ACCENT)),
            Heading(r.title, H1, w, rule=ACCENT), paragraph(r.subtitle, w, SMALL)]
        for block in build_comparison_document(r).blocks:
            if isinstance(block, ChartFigure):
                chart = block.chart
                drawing = Drawing(w, chart_height(chart),
                                  lambda p, rect, c=chart: paint_chart(c, p, rect),
                                  space_after=6 * PT)
                drawing.keep_with_next = True
                out.append(drawing)
            else:
                out += block_flowables(block, w)
        return out

    def paint_page(self, painter: QPainter, index: int) -> None:
        prepare_painter(painter)
        painter.fillRect(QRectF(0, 0, self.page_w, self.page_h), QColor("#FFFFFF"))
        footer = tr("Comparison of workshops \u00b7 Page {n} of {total}").format(
            n=index + 1, total=self.page_count)
        TextBox(footer, TextStyle(8, colour=MUTED), self.width).draw(
            painter, self.margin_x, self.page_h - 12 * MM)
        paint_page(painter, self.pagination.pages[index], self.margin_x, self.margin_top)

    def write_pdf(self) -> bytes:
        return write_pages(self.paper, self.page_count, self.paint_page, self.report.title)


def comparison_pdf(report: ComparisonReport, paper: str = "a4") -> bytes:
    return ComparisonDocument(report, paper).write_pdf()


def comparison_pngs(report: ComparisonReport, out: Path) -> list[tuple[Path, bytes]]:
    """One picture per chart, named after `out` (x.png -> x-01-<section>.png ...)."""
    from lpdesk.export.images import png_bytes, slug

    files = []
    charts = [s for s in report.sections if s.chart is not None and s.chart.rows]
    for n, section in enumerate(charts, 1):
        name = f"{out.stem}-{n:02d}-{slug(section.title)}.png"
        files.append((out.with_name(name), png_bytes(chart_picture(section.chart))))
    if not files:
        summary = TextBox(tr("No continuum placements to compare."), BODY, 120 * MM)
        image = QImage(1000, 200, QImage.Format.Format_RGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        painter.scale(1000 / (130 * MM), 1000 / (130 * MM))
        summary.draw(painter, 5 * MM, 5 * MM)
        painter.end()
        files.append((out, png_bytes(image)))
    return files


def render_comparison(report: ComparisonReport, out: str | Path, paper: str = "a4"
                      ) -> list[tuple[Path, bytes]]:
    """The files a comparison export to `out` consists of; the format from the extension."""
    from lpdesk.export.compare import comparison_csv, comparison_html, comparison_markdown
    from lpdesk.export.formats import format_for

    out = Path(out)
    fmt = format_for(out)
    if fmt == "pdf":
        return [(out, comparison_pdf(report, paper))]
    if fmt == "html":
        return [(out, comparison_html(report))]
    if fmt == "markdown":
        return [(out, comparison_markdown(report))]
    if fmt == "csv":
        return [(out, comparison_csv(report))]
    return comparison_pngs(report, out)
