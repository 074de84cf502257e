"""Fusion with frames you can see in every theme and a focus ring you can see from across
the room. Fusion draws frame outlines a shade darker than the window, which vanishes on the
high-contrast theme's black (frames, check boxes, radio buttons, spin boxes, combo boxes);
keyboard-only facilitators need to see where the focus is."""
from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

_FRAMES = (QStyle.PrimitiveElement.PE_Frame, QStyle.PrimitiveElement.PE_FrameLineEdit)
_INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
               QStyle.PrimitiveElement.PE_IndicatorRadioButton)
_FRAMED_CONTROLS = (QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox)


def _outline(option: QStyleOption, painter: QPainter, round_: bool = False) -> None:
    """A 1 px (2 px with the focus) outline in the palette's Mid (the theme's grid
    colour), which stands out on white and on black alike."""
    focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
    role = QPalette.ColorRole.Highlight if focused else QPalette.ColorRole.Mid
    width = 2.0 if focused else 1.0
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(option.palette.color(role), width))
    painter.setBrush(QPalette().brush(QPalette.ColorRole.NoRole))
    rect = QRectF(option.rect).adjusted(width / 2, width / 2, -width / 2, -width / 2)
    if round_:
        painter.drawEllipse(rect)
    else:
        painter.drawRoundedRect(rect, 2.0, 2.0)
    painter.restore()


class FrameStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.setObjectName("lpdesk-fusion")

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,  # noqa: N802
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _FRAMES:
            _outline(option, painter)
        elif element in _INDICATORS:
            _outline(option, painter,
                     round_=element == QStyle.PrimitiveElement.PE_IndicatorRadioButton)

    def drawComplexControl(self, control: QStyle.ComplexControl,  # noqa: N802
                           option: QStyleOptionComplex, painter: QPainter,
                           widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _FRAMED_CONTROLS and getattr(option, "frame", True):
            _outline(option, painter)


_style: FrameStyle | None = None


def frame_style() -> FrameStyle:
    """One shared instance (QApplication.setStyle keeps a pointer, Python must keep it)."""
    global _style
    if _style is None:
        _style = FrameStyle()
    return _style
