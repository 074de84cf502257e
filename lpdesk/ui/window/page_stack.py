"""The main window's activity pages, one at a time, in a scroll area: no page raises the
window's minimum size.

A plain QStackedWidget asks for the largest minimum of every page it ever held, so after
one visit to a wide page (the quiz) the whole window stayed too wide for a 1024x600 screen.
Here only the page shown counts, and if it needs more than the window gives, it scrolls
instead of pushing the window off the screen.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
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


def scrolling(stack: PageStack) -> QScrollArea:
    """`stack` in a frameless scroll area that gives it all the room it has."""
    area = QScrollArea()
    area.setObjectName("PageScroller")
    area.setAccessibleName(QCoreApplication.translate("MainWindow", "Activity"))
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(stack)
    return area
