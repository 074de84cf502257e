"""Painted pieces of the quiz view: big answer buttons, the progress strip and a small
continuum strip for the result. Drawn with QPainter (no pyqtgraph), so the quiz page loads
fast; all sizes follow `unit` (the page's projector scale) and colours follow the theme."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from lpdesk.model.continuum_words import format_position
from lpdesk.ui.style.theme import theme


def readable_on(background: str | QColor) -> QColor:
    """Black or white, whichever reads better on `background` (WCAG relative luminance)."""
    c = QColor(background)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
    return QColor("#000000") if lum > 0.179 else QColor("#FFFFFF")


def pixel_font(base: QFont, px: float, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(9, round(px)))
    font.setBold(bold)
    return font


class AnswerButton(QAbstractButton):
    """One answer as a large button: a letter badge and the answer text, word-wrapped.
    Checkable for screen readers, but a click does not toggle it: the page sets the
    checked state from the model after the answer command ran."""

    def __init__(self, letter: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.letter = letter
        self.unit = 1.0
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def nextCheckState(self) -> None:  # the model decides what is checked
        pass

    def set_answer(self, text: str, checked: bool) -> None:
        self.setText(text)
        self.setChecked(checked)
        self.setAccessibleName(f"{self.letter}: {text}")
        self.updateGeometry()
        self.update()

    # -- geometry ---------------------------------------------------------------------
    def _pad(self) -> int:
        return round(14 * self.unit)

    def _badge(self) -> int:
        return round(QFontMetrics(self.font()).height() * 1.6)

    def _text_width(self, width: int) -> int:
        return max(40, width - self._badge() - 4 * self._pad())

    def heightForWidth(self, width: int) -> int:
        fm = QFontMetrics(self.font())
        text = fm.boundingRect(QRect(0, 0, self._text_width(width), 100000),
                               Qt.TextFlag.TextWordWrap, self.text())
        return max(text.height(), self._badge()) + 2 * self._pad()

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        width = max(300, self.width())
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self._badge() + 2 * self._pad())

    # -- painting ---------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        t = theme()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pad, badge = self._pad(), self._badge()
        radius = 10 * self.unit
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        checked = self.isChecked()
        fill = QColor(t.accent) if checked else QColor(t.surface)
        if not checked and self.underMouse():
            fill = QColor(t.accent).lighter(185) if QColor(t.surface).lightness() > 128 \
                else QColor(t.surface).lighter(130)
        border = QColor(t.accent) if checked or self.hasFocus() else QColor(t.grid)
        p.setPen(QPen(border, 3 if self.hasFocus() else 1.5))
        p.setBrush(fill)
        p.drawRoundedRect(rect, radius, radius)
        ink = readable_on(fill)
        circle = QRectF(rect.left() + pad, rect.center().y() - badge / 2, badge, badge)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ink if checked else QColor(t.accent))
        p.drawEllipse(circle)
        p.setFont(pixel_font(self.font(), self.font().pixelSize(), bold=True))
        p.setPen(QColor(t.accent) if checked else readable_on(t.accent))
        p.drawText(circle, Qt.AlignmentFlag.AlignCenter, self.letter)
        p.setFont(self.font())
        p.setPen(ink)
        text_rect = QRectF(circle.right() + 1.5 * pad, rect.top() + pad,
                           self._text_width(self.width()), rect.height() - 2 * pad)
        p.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
                                  | Qt.TextFlag.TextWordWrap), self.text())
        p.end()


class QuizProgress(QWidget):
    """One segment per question: filled when answered, the current one marked. Clicking a
    segment asks to go to that question (`jump`)."""

    jump = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = 1.0
        self.answered: list[bool] = []
        self.current = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_state(self, answered: list[bool], current: int) -> None:
        self.answered, self.current = answered, current
        self.setFixedHeight(round(16 * self.unit))
        self.update()

    def _segment(self, index: int) -> QRectF:
        n = max(1, len(self.answered))
        gap = 6 * self.unit
        width = (self.width() - gap * (n - 1)) / n
        return QRectF(index * (width + gap), 2, width, self.height() - 4)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        for i in range(len(self.answered)):
            if self._segment(i).contains(event.position()):
                self.jump.emit(i)
                return

    def paintEvent(self, _event: QPaintEvent) -> None:
        t = theme()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        for i, done in enumerate(self.answered):
            r = self._segment(i)
            p.setBrush(QColor(t.accent) if done else QColor(t.surface))
            current = i == self.current
            p.setPen(QPen(QColor(t.text if current else t.grid), 3 if current else 1))
            p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 4, 4)
        p.end()


class QuizStrip(QWidget):
    """The continuum as four stage bands with the quiz result's point on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = 1.0
        self.position: float | None = None
        self.which = "now"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Result on the continuum"))

    def set_point(self, position: float | None, which: str) -> None:
        self.position, self.which = position, which
        self.setFixedHeight(round(136 * self.unit))
        self.setAccessibleDescription("" if position is None
                                      else f"{format_position(position)} / 100")
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        from lpdesk.content.stages import continuum_content
        content = continuum_content()
        t, u = theme(), self.unit
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        margin = 24 * u
        left, right = margin, self.width() - margin
        span = right - left
        label_h, pointer_h, bar_h = 30 * u, 12 * u, 30 * u
        bar = QRectF(left, label_h + pointer_h, span, bar_h)

        def x_of(value: float) -> float:
            return left + span * value / 100

        # Stage names sit under their bands, so the result's line never crosses them.
        names = QRectF(left, bar.bottom() + 4 * u, span, 24 * u)
        p.setFont(pixel_font(self.font(), 17 * u, bold=True))
        for i, stage in enumerate(content.stages):
            band = QRectF(x_of(stage.start), bar.top(), x_of(stage.end) - x_of(stage.start),
                          bar_h)
            p.setPen(QPen(QColor(t.grid), 1))
            p.setBrush(QColor(t.stage_fills[i % len(t.stage_fills)]))
            p.drawRect(band)
            p.setPen(QColor(t.text))
            p.drawText(QRectF(band.left(), names.top(), band.width(), names.height()),
                       Qt.AlignmentFlag.AlignCenter, stage.name)
        p.setFont(pixel_font(self.font(), 14 * u))
        p.setPen(QColor(t.muted_text))
        below = QRectF(left, names.bottom() + 2 * u, span, 20 * u)
        p.drawText(below, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                   "\u2190 " + content.left_label)
        p.drawText(below, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                   content.right_label + " \u2192")
        if self.position is not None:
            colour = QColor(t.target if self.which == "target" else t.now)
            x = x_of(self.position)
            p.setPen(QPen(colour, 4 * u))
            p.drawLine(QPointF(x, bar.top() - 2), QPointF(x, bar.bottom() + 3 * u))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            tip = bar.top() - 1
            p.drawPolygon([QPointF(x - pointer_h, tip - pointer_h), QPointF(x + pointer_h,
                          tip - pointer_h), QPointF(x, tip)])
            value_font = pixel_font(self.font(), 20 * u, bold=True)
            text = format_position(self.position)
            width = QFontMetrics(value_font).horizontalAdvance(text) + 20 * u
            box_x = min(max(x - width / 2, 0), self.width() - width)
            box = QRectF(box_x, 0, width, label_h - 1)
            p.drawRoundedRect(box, 6 * u, 6 * u)
            p.setFont(value_font)
            p.setPen(readable_on(colour))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        p.end()
