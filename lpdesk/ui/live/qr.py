"""A QR code drawn by Qt: segno computes the modules, QPainter paints them as squares (no
image file, crisp at any size, black on white whatever the theme: scanners need it)."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def qr_modules(text: str) -> list[list[bool]]:
    """The code's dark (True) and light modules, row by row (medium error correction: a
    projected code survives a little glare)."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return [[bool(v) for v in row] for row in code.matrix]


class QrCode(QWidget):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JoinQrCode")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self.modules: list[list[bool]] = []
        self.text = ""
        self.set_text(text)

    def set_text(self, text: str) -> None:
        if text == self.text:
            return
        self.text = text
        self.modules = qr_modules(text) if text else []
        self.setAccessibleName(self.tr("QR code of %s") % text if text else self.tr("QR code"))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 260)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return width

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self.modules:
            return
        n = len(self.modules) + 2 * QUIET_ZONE
        side = min(self.width(), self.height())
        cell = max(1, side // n)  # whole pixels per module: no blurred edges
        size = cell * n
        x0, y0 = (self.width() - size) // 2, (self.height() - size) // 2
        p = QPainter(self)
        p.fillRect(QRectF(x0, y0, size, size), QColor("#FFFFFF"))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#000000"))
        for r, row in enumerate(self.modules):
            y = y0 + (r + QUIET_ZONE) * cell
            for c, dark in enumerate(row):
                if dark:
                    p.drawRect(x0 + (c + QUIET_ZONE) * cell, y, cell, cell)
        p.end()
