"""The colours of the exported summary's pictures and pages, and the pen they draw lines with."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from lpdesk.export.text import PT

INK = "#1F2933"
MUTED = "#5F6B7A"
RULE = "#D5DCE3"
ACCENT = "#0B4F7C"
NOW = "#0072B2"  # Okabe-Ito blue
TARGET = "#D55E00"  # Okabe-Ito vermillion: tells apart from blue for colour-blind readers
STAGE_TINTS = ("#F3F6F9", "#E8EFF5", "#DDE8F1", "#D2E1EC")
MATCH = ("#1B7F4B", "#E9F5EE")  # stripe, fill
MISMATCH = ("#B7410E", "#FCEDE6")
UNJUDGED = ("#9AA5B1", "#FFFFFF")
HEAT_LOW, HEAT_HIGH = QColor("#EEF3F8"), QColor("#6FA6D6")


def line_pen(colour: str | QColor, width_pt: float = 0.8) -> QPen:
    pen = QPen(QColor(colour), width_pt * PT)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen
