"""The join slide on the room's screen (presentation mode and the audience window): a large
QR code, the address in large type for those who cannot scan, the room code, and how many
have placed. Nothing private: no names, no notes."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lpdesk.ui.live.panel import placed_text
from lpdesk.ui.live.qr import QrCode
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.theme import theme, theme_state


def _label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class JoinSlide(QWidget):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("JoinSlide")
        self.setAccessibleName(self.tr("How to join from your phone"))
        self.setAutoFillBackground(True)
        root = QHBoxLayout(self)
        root.setContentsMargins(48, 32, 48, 32)
        root.setSpacing(48)
        self.qr = QrCode()
        root.addWidget(self.qr, 5)
        column = QVBoxLayout()
        root.addLayout(column, 6)
        self.heading = _label("JoinHeading")
        self.step1 = _label("JoinStep1")
        self.step2 = _label("JoinStep2")
        self.address = _label("JoinSlideAddress")
        self.code = _label("JoinSlideCode")
        self.placed = _label("JoinSlidePlaced")
        column.addStretch(1)
        for w in (self.heading, self.step1, self.step2, self.address, self.code, self.placed):
            column.addWidget(w)
        column.addStretch(1)
        # Bound methods of the slide only: Qt drops a connection when its receiver dies,
        # and a model event drops a dead view's slot, so nothing outlives the slide (a
        # lambda on `started` once did, and raised on the next start).
        controller.started.connect(self.refresh)
        controller.stopped.connect(self.refresh)
        self._session = controller.doc.session
        listen(self, self._session.continuum.changed, self.refresh)
        listen(self, self._session.changed, self.refresh)
        theme_state().theme_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        c, t = self.controller, theme()
        on = c.running
        self.heading.setText(self.tr("Join from your phone") if on
                             else self.tr("Joining from phones is off"))
        self.step1.setText(self.tr("1. Join the same Wi-Fi as this laptop."))
        self.step2.setText(self.tr("2. Scan the code, or open this address:"))
        self.address.setText(c.url.removeprefix("http://").rstrip("/") if on else "")
        self.code.setText(self.tr("Room code  %s") % c.room.code if on else "")
        self.placed.setText(placed_text(c.doc.session))
        self.qr.set_text(c.join_url() if on else "")
        self.setStyleSheet(f"#JoinSlide {{ background: {t.background}; }} "
                           f"#JoinSlide QLabel {{ color: {t.text}; }} "
                           f"#JoinStep1, #JoinStep2, #JoinSlidePlaced {{ color: {t.muted_text}; }}")
        self._fit()

    def _fit(self) -> None:
        h = max(240, self.height())
        for label, share, bold in ((self.heading, 0.08, True), (self.step1, 0.035, False),
                                   (self.step2, 0.035, False), (self.address, 0.075, True),
                                   (self.code, 0.075, True), (self.placed, 0.04, False)):
            font = QFont(label.font())
            font.setPixelSize(max(12, int(h * share)))
            font.setBold(bold)
            label.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()
