"""The scroll area around the pages answers one resize of its page at a time (page_stack.py).

Found by the journeys on a 1920x1080 screen: the continuum page's least height depends on
its width, and Qt's scroll area, answering the page's resize from inside that resize,
nested answers until the stack overflowed (a crash in the facilitator's window). `Flip`
below is that page reduced to its rule: at the area's full width it needs more height than
the area has (so a scroll bar), at the width left beside the bar it needs none.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lpdesk.ui.window.page_stack import PageStack, scrolling


class Flip(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.edge = 0  # at least this wide: needs `tall`; narrower: needs nothing
        self.tall = 900
        QVBoxLayout(self).addWidget(QLabel("a page"))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.setMinimumHeight(self.tall if self.width() >= self.edge else 0)


class Resizes(QObject):
    """Counts the stack's resizes; past `cap` it swallows them (an unguarded area would
    otherwise recurse until the test process crashes)."""

    def __init__(self, cap: int = 50) -> None:
        super().__init__()
        self.count = 0
        self.cap = cap

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize:
            self.count += 1
            return self.count > self.cap
        return False


def _area_around(qtbot, page: QWidget):
    """`page` in the window's page stack and scroll area, 600x400, shown."""
    stack = PageStack()
    stack.addWidget(page)
    area = scrolling(stack)
    qtbot.addWidget(area)
    area.resize(600, 400)
    area.show()
    qtbot.waitExposed(area)
    qtbot.wait(20)
    return area, stack


def _flipping_area(qtbot):
    page = Flip()
    area, stack = _area_around(qtbot, page)
    page.edge = area.maximumViewportSize().width()  # the full width needs a scroll bar
    resizes = Resizes()
    stack.installEventFilter(resizes)  # installed last: sees each resize first
    return area, stack, page, resizes


def test_a_page_whose_height_flips_with_the_scroll_bar_does_not_nest_resizes(qtbot):
    area, stack, page, resizes = _flipping_area(qtbot)
    area.resize(601, 400)  # one resize of the window, as a dock coming back makes
    assert resizes.count <= 6, f"{resizes.count} resizes of the page stack in one"


def test_the_flipping_page_settles_with_the_bar_kept_shown_and_nothing_cut(qtbot):
    area, stack, page, resizes = _flipping_area(qtbot)
    area.resize(601, 400)
    qtbot.wait(50)  # the answers that waited for the next turns
    bar = area.verticalScrollBar()
    assert area.pinned and bar.isVisible()
    assert stack.width() == area.viewport().width()  # no sideways scrolling
    assert not area.horizontalScrollBar().isVisible()
    assert page.height() >= page.minimumHeight()  # all of the page can be scrolled to
    settled = resizes.count
    qtbot.wait(50)
    assert resizes.count == settled  # no resize on every turn: it has stopped flipping


def test_the_bar_comes_and_goes_with_need_again_when_the_window_changes(qtbot):
    area, stack, page, resizes = _flipping_area(qtbot)
    area.resize(601, 400)
    qtbot.wait(50)
    assert area.pinned
    page.edge = 10_000  # the page no longer needs the room it flipped over
    area.resize(700, 400)
    qtbot.wait(50)
    assert not area.pinned
    assert not area.verticalScrollBar().isVisible()
    assert stack.width() == area.viewport().width() == area.width()


def test_a_page_that_needs_scrolling_still_scrolls_at_once(qtbot):
    """The guard changes nothing for a page whose height does not depend on the bar."""
    page = QWidget()
    page.setMinimumHeight(1200)
    area, stack = _area_around(qtbot, page)
    assert area.verticalScrollBar().isVisible() and not area.pinned
    assert stack.height() == 1200
    assert stack.width() == area.viewport().width()
