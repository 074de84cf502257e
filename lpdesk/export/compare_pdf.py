"""The comparison of workshops on paper (PDF) and as pictures (PNG).

The chart is the continuum chart's language on one page width: the four stage bands, and per
session (or group) a row with today's median (a circle) and the target's (a square), each
with its middle half as a bar, and an arrow for the move.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter

from lpdesk.export.compare import CompareChart, ComparisonReport
from lpdesk.export.document import ChartFigure, build_comparison_document
from lpdesk.export.layout import Drawing, Flowable
from lpdesk.export.pages import PAPERS, paginate, paint_page, paper_size, prepare_painter
from lpdesk.export.palette import ACCENT, INK, MUTED, NOW, RULE, STAGE_TINTS, TARGET, line_pen
from lpdesk.export.pdf import BODY, H1, SMALL, Heading, block_flowables, paragraph, write_pages
from lpdesk.export.text import MM, PT, TextBox, TextStyle
from lpdesk.export.wording import tr

LABEL_W = 0.27  # share of the width for the row labels
ROW_H = 16 * PT
AXIS_H = 26 * PT
LABEL = TextStyle(8.5, colour=INK)
TICK = TextStyle(7.5, colour=MUTED)
STAGE = TextStyle(8.0, bold=True, colour=MUTED, align=Qt.AlignmentFlag.AlignHCenter)


def _one_line(text: str, style: TextStyle, width: float) -> str:
    """A row's label on its one line (the tables below give it whole)."""
    from PySide6.QtGui import QFontMetricsF

    from lpdesk.export.text import font
    metrics = QFontMetricsF(font(style.size, style.bold))
    return metrics.elidedText(" ".join(text.split()), Qt.TextElideMode.ElideRight, width)


def chart_height(chart: CompareChart) -> float:
    return AXIS_H + ROW_H * max(1, len(chart.rows)) + 18 * PT


def paint_chart(chart: CompareChart, painter: QPainter, rect: QRectF) -> None:
    label_w = rect.width() * LABEL_W
    x0, x1 = rect.left() + label_w, rect.right() - 6 * PT
    top = rect.top() + AXIS_H
    bottom = top + ROW_H * max(1, len(chart.rows))

    def x(value: float) -> float:
        return x0 + (x1 - x0) * value / 100.0

    for i, (name, start, end) in enumerate(chart.stages):
        band = QRectF(x(start), rect.top() + 12 * PT, x(end) - x(start),
                      bottom - rect.top() - 12 * PT)
        painter.fillRect(band, QColor(STAGE_TINTS[i % len(STAGE_TINTS)]))
        TextBox(name, STAGE, band.width()).draw(painter, band.left(), rect.top())
    painter.setPen(line_pen(RULE, 0.6))
    for value in (0, 25, 50, 75, 100):
        painter.drawLine(QPointF(x(value), top - 2 * PT), QPointF(x(value), bottom))
        TextBox(str(value), TICK, 20 * PT).draw(painter, x(value) - 3 * PT, bottom + 2 * PT)
    r = 3.6 * PT
    for n, row in enumerate(chart.rows):
        cy = top + ROW_H * (n + 0.5)
        box = TextBox(_one_line(row.label, LABEL, label_w - 6 * PT), LABEL, label_w - 6 * PT)
        box.draw(painter, rect.left(), cy - box.height / 2)
        for spread, colour, dy in ((row.now, NOW, -2.5 * PT), (row.target, TARGET, 2.5 * PT)):
            if spread.q1 is not None and spread.q3 is not None:
                painter.fillRect(QRectF(x(spread.q1), cy + dy - 1.2 * PT,
                                        max(0.8 * PT, x(spread.q3) - x(spread.q1)), 2.4 * PT),
                                 QColor(colour).lighter(160))
        now, target = row.now.median, row.target.median
        if now is not None and target is not None and abs(target - now) > 1:
            painter.setPen(line_pen(MUTED, 0.9))
            painter.drawLine(QPointF(x(now), cy), QPointF(x(target), cy))
        painter.setPen(line_pen("#FFFFFF", 0.8))
        if now is not None:
            painter.setBrush(QBrush(QColor(NOW)))
            painter.drawEllipse(QPointF(x(now), cy), r, r)
        if target is not None:
            painter.setBrush(QBrush(QColor(TARGET)))
            painter.drawRect(QRectF(x(target) - r, cy - r, 2 * r, 2 * r))
    legend = tr("\u25cf today (median)   \u25a0 target (median)   bars: middle half")
    TextBox(legend, TICK, rect.width()).draw(painter, x0, bottom + 10 * PT)


def chart_picture(chart: CompareChart, dpi: float = 200) -> QImage:
    from lpdesk.export.images import _render

    return _render(lambda p, r: paint_chart(chart, p, r), chart_height(chart), dpi,
                   chart.title)


class ComparisonDocument:
    def __init__(self, report: ComparisonReport, paper: str = "a4") -> None:
        if paper not in PAPERS:
            raise ValueError(f"unknown paper {paper!r}")
        self.report, self.paper = report, paper
        self.page_w, self.page_h = paper_size(paper)
        self.margin_x, self.margin_top, self.margin_bottom = 20 * MM, 22 * MM, 20 * MM
        self.width = self.page_w - 2 * self.margin_x
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
