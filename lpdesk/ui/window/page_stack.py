"""The main window's activity pages, one at a time, in a scroll area: no page raises the
window's minimum size.

A plain QStackedWidget asks for the largest minimum of every page it ever held, so after
one visit to a wide page (the quiz) the whole window stayed too wide for a 1024x600 screen.
Here only the page shown counts, and if it needs more than the window gives, it scrolls
instead of pushing the window off the screen.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QStackedWidget, QWidget


class PageStack(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The layout would otherwise fix the stack's minimum at the largest page's
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        return page.minimumSizeHint().expandedTo(page.minimumSize()) if page else QSize()

    def heightForWidth(self, _width: int) -> int:  # noqa: N802
        # A page's wrapped labels give the height they would like, not the least they
        # need: the scroll area would scroll a page that fits. The minimum decides.
        return -1

    def sizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        return page.sizeHint() if page else QSize()


class PageScroller(QScrollArea):
    """The scroll area around the page stack: it answers one resize of its page at a time.

    Qt's scroll area answers every resize of its page by working out the page's size again
    and resizing it, from inside that resize (QScrollArea::eventFilter -> updateScrollBars).
    A page whose least height depends on its width (the continuum page reflows and fits its
    summary's text to the room it has) can make two answers disagree: at the full width it
    needs a scroll bar, at the width left beside the bar it does not. Each answer then
    nests inside the one before, until the stack overflows: the window crashed so on a
    1920x1080 screen. Here a resize that arrives while the area is answering one is
    answered on the next turn of the event loop; if the answers keep flipping, the
    vertical scroll bar stays shown (so the page's width no longer depends on it) until
    the area's size or its page changes."""

    FLIPS = 3  # turns in a row that found a new size before the bar is pinned

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._answering = False
        self._again = False  # a resize came while answering: answer it next turn
        self._flips = 0
        self.pinned = False  # the vertical bar kept shown to stop a flip-flop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.Resize or watched is not self.widget():
            return super().eventFilter(watched, event)
        if self._answering:
            if not self._again:
                self._again = True
                QTimer.singleShot(0, self, self._answer_again)
            return False  # the page still gets its resize; only the answer waits
        self._answering = True
        try:
            return super().eventFilter(watched, event)
        finally:
            self._answering = False
            if not self._again:
                self._flips = 0  # the answer held: the sizes agree

    def _answer_again(self) -> None:
        self._again = False
        self._flips += 1
        if self._flips > self.FLIPS and not self.pinned:
            self.pinned = True
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        QCoreApplication.sendEvent(self, QEvent(QEvent.Type.LayoutRequest))  # answer now

    def unpin(self) -> None:
        """The room or the page changed: the bar comes and goes with need again."""
        self._flips = 0
        if self.pinned:
            self.pinned = False
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        if event.size() != event.oldSize():
            self.unpin()
        super().resizeEvent(event)


def scrolling(stack: PageStack) -> PageScroller:
    """`stack` in a frameless scroll area that gives it all the room it has."""
    area = PageScroller()
    area.setObjectName("PageScroller")
    area.setAccessibleName(QCoreApplication.translate("MainWindow", "Activity"))
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(stack)
    stack.currentChanged.connect(lambda _i: area.unpin())
    return area
