"""Windows and dialogs that fit the screen they open on, down to a 1024x600 netbook or a
1280x720 projector: a window never opens taller or wider than the free area of its screen
(task bars excluded), title bar and frame included, and opens centred on it."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractScrollArea, QWidget
from shiboken6 import isValid

# Before a window is first shown its frame is unknown: reserve a usual title bar and border.
FRAME_GUESS = QMargins(4, 32, 4, 4)


def available(widget: QWidget | None = None) -> QRect:
    """The free area of the screen `widget` is on (else the primary screen)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 600)


def scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area `widget` sits in (the main window's page scroller, a dock's),
    or None: what a page or panel sizes itself to, rather than its own size, which the
    scroll area may have grown to the page's minimum."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def frame_margins(widget: QWidget) -> QMargins:
    """The window frame around `widget`'s client area (a guess until it is shown)."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    if widget.isVisible() and frame != inner:
        return QMargins(inner.left() - frame.left(), inner.top() - frame.top(),
                        frame.right() - inner.right(), frame.bottom() - inner.bottom())
    return FRAME_GUESS


def fitted_size(wanted: QSize, free: QRect, margins: QMargins = FRAME_GUESS) -> QSize:
    """`wanted`, shrunk so that with its frame it fits in `free`."""
    room = free.size().shrunkBy(margins)
    return wanted.boundedTo(room)


class _RefitOnShow(QObject):
    """Fits a window once more when it is first shown: panels that size themselves to the
    screen (the agenda list) settle only then, and the window kept the larger minimum."""

    def __init__(self, widget: QWidget, wanted: QSize, centre: bool) -> None:
        super().__init__(widget)
        self.wanted, self.centre = wanted, centre
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show:
            obj.removeEventFilter(self)
            # named context: if this filter (a child of the window) is gone first, Qt drops
            # the call instead of running it on a deleted window
            QTimer.singleShot(0, self, lambda: self._refit(obj))
        return False

    def _refit(self, widget: QWidget) -> None:
        if isValid(widget) and not widget.isFullScreen() and not widget.isMaximized():
            free = available(widget)
            if not free.contains(widget.frameGeometry()):
                fit_to_screen(widget, self.wanted, self.centre, again=False)
        self.deleteLater()


def fit_to_screen(widget: QWidget, wanted: QSize, centre: bool = True,
                  again: bool = False) -> QSize:
    """Resize a window (before or after showing it) to `wanted` or less so that it fits
    its screen, and centre it there. The minimum size may have to give way: a window
    bigger than the screen is worse than a cramped one. With `again`, a window not shown
    yet is checked once more when it shows (for panels that settle only then)."""
    if again and not widget.isVisible():
        _RefitOnShow(widget, wanted, centre)
    free = available(widget)
    margins = frame_margins(widget)
    size = fitted_size(wanted, free, margins)
    minimum = widget.minimumSize()
    if minimum.width() > size.width() or minimum.height() > size.height():
        widget.setMinimumSize(minimum.boundedTo(size))
    widget.resize(size)
    if centre:
        outer = QRect(0, 0, size.width() + margins.left() + margins.right(),
                      size.height() + margins.top() + margins.bottom())
        outer.moveCenter(free.center())
        widget.move(outer.topLeft())  # move() places the frame's top-left corner
    return size
