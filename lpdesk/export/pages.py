"""Paper sizes, and the paginator: flowables laid onto pages of a height, recording the
page of each contents entry, and painted page by page."""
from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import QPageSize, QPainter

from lpdesk.export.layout import Flowable, PageBreak, Spacer
from lpdesk.export.text import PT

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


def paper_size(paper: str) -> tuple[float, float]:
    """Page width and height in layout units."""
    size = QPageSize(PAPERS[paper]).size(QPageSize.Unit.Point)
    return size.width() * PT, size.height() * PT


@dataclass
class Page:
    placed: list[tuple[Flowable, float]] = field(default_factory=list)


@dataclass
class Pagination:
    pages: list[Page]
    anchors: dict[str, int]  # anchor -> page index (0-based, in these pages)


def paginate(flowables: Sequence[Flowable], page_height: float) -> Pagination:
    pages = [Page()]
    anchors: dict[str, int] = {}
    y = 0.0
    queue: deque[Flowable] = deque(flowables)

    def new_page() -> None:
        nonlocal y
        pages.append(Page())
        y = 0.0

    while queue:
        f = queue.popleft()
        if isinstance(f, PageBreak):
            if pages[-1].placed:
                new_page()
            continue
        if isinstance(f, Spacer):
            if y == 0 and not f.keep:
                continue
            if y + f.h > page_height:
                new_page()
                continue
            pages[-1].placed.append((f, y))
            y += f.h
            continue
        h = f.height()
        if f.keep_with_next and queue and y > 0:
            chain = h
            for nxt in queue:  # headings chain: heading, sub-heading, first lines
                if isinstance(nxt, Spacer):
                    chain += nxt.h
                    continue
                chain += nxt.min_height()
                if not nxt.keep_with_next:
                    break
            if y + chain > page_height and chain <= page_height:
                new_page()
        if y + h <= page_height:
            if f.anchor:
                anchors.setdefault(f.anchor, len(pages) - 1)
            pages[-1].placed.append((f, y))
            y += h
            continue
        head, tail = f.split(page_height - y, page_height)
        if head is None:
            if y == 0:  # cannot happen for our flowables; never loop forever
                head, tail = f, None
            else:
                new_page()
                queue.appendleft(f)
                continue
        if f.anchor:
            anchors.setdefault(f.anchor, len(pages) - 1)
        pages[-1].placed.append((head, y))
        y += head.height()
        if tail is not None:
            new_page()
            queue.appendleft(tail)
    if not pages[-1].placed and len(pages) > 1:
        pages.pop()
    return Pagination(pages, anchors)


def paint_page(painter: QPainter, page: Page, x: float, y: float) -> None:
    for flowable, top in page.placed:
        flowable.paint(painter, x, y + top)


def prepare_painter(painter: QPainter) -> None:
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing
                           | QPainter.RenderHint.SmoothPixmapTransform)
