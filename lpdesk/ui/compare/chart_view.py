"""One comparison chart on screen: the same drawing as the exported PDF's, scaled to the
widget's width, so what the facilitator sees is what the client gets."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from lpdesk.export.compare import CompareChart
from lpdesk.export.compare_pdf import chart_height, paint_chart
from lpdesk.export.pages import prepare_painter
from lpdesk.export.text import MM

DESIGN_WIDTH = 170 * MM  # the chart's width on the page, in layout units
# The drawing's labels stand over its edges ("100" centred on the axis' end, the legend's
# descenders): the page margin holds them in the PDF, this margin on screen.
MARGIN = 6 * MM


class CompareChartView(QWidget):
    def __init__(self, chart: CompareChart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(960)  # past this the chart only grows its letters
        self.setAccessibleName(chart.title)
        self._fit()

    def _scale(self) -> float:
        return max(0.05, self.width() / (DESIGN_WIDTH + 2 * MARGIN))

    def _fit(self) -> None:
        self.setFixedHeight(max(60, round((chart_height(self.chart) + MARGIN)
                                          * self._scale())))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(600, round((chart_height(self.chart) + MARGIN) * 600
                                / (DESIGN_WIDTH + 2 * MARGIN)))

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        prepare_painter(painter)
        painter.fillRect(self.rect(), QColor("#FFFFFF"))
        scale = self._scale()
        painter.scale(scale, scale)
        painter.translate(MARGIN, 0)
        paint_chart(self.chart, painter, QRectF(0, 0, DESIGN_WIDTH, chart_height(self.chart)))
        painter.end()
