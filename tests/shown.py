"""A page or panel shown as the test's own window: added to qtbot (closed at the end),
resized, shown, exposed, and the events of its first show handled."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget


def shown(qtbot, widget: QWidget, size: tuple[int, int] = (1280, 720)) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    return widget
