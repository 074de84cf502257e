"""The summary's pictures as PNG images: one per continuum area (and the quiz), per board
and per consensus view. Used by the PNG export and embedded in the HTML file.

`lpdesk export s.lpdesk -o x.png` writes x-continuum-<area>.png, x-quiz.png,
x-board-<board>.png and x-consensus-<name>.png next to each other (names made safe for any
file system; a repeated name gets -2, -3 ...).

No image is taller than `MAX_IMAGE_PX`: a board or heat map that would be taller is cut
between grid rows (its header repeated) into x-board-<board>-part-1-of-3.png ..., each part
captioned "(part 1 of 3)"; a continuum chart that would be taller is drawn smaller. Pictures
are rendered and compressed a few at a time, so memory stays bounded however long a board is.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from lpdesk.export.board_chart import board_block, consensus_block
from lpdesk.export.continuum_chart import ContinuumChart
from lpdesk.export.layout import Flowable
from lpdesk.export.pages import Page, paginate, paint_page, prepare_painter
from lpdesk.export.palette import INK, MUTED
from lpdesk.export.report import Report
from lpdesk.export.tables import board_title
from lpdesk.export.text import MM, PT, TextBox, TextStyle
from lpdesk.export.wording import fmt_position, tr

WIDTH = 170 * MM  # the PDF's text width, so PNGs and PDF pages show the same picture
PNG_DPI = 200
MAX_IMAGE_PX = 10_000  # the tallest image written: viewers and memory stay comfortable
PAD = 8 * PT
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class Picture:
    kind: str  # continuum, quiz, board, consensus
    name: str  # the area, board or view it shows
    image: QImage
    alt: str  # a text alternative (HTML alt attribute)
    part: int = 1  # a tall board is cut into parts: this one's number, of `parts`
    parts: int = 1


def slug(text: str) -> str:
    """A file-name-safe form: 'Chloé's board!' -> 'chloes-board'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:60].strip("-") or "untitled"


def _caption_box(caption: str | None) -> TextBox | None:
    return TextBox(caption, TextStyle(11, bold=True, colour=INK), WIDTH) if caption else None


def _caption_height(box: TextBox | None) -> float:
    return box.height + 6 * PT if box else 0.0


def _max_content_height(dpi: float, caption: str | None) -> float:
    """The tallest drawing (layout units) an image of at most MAX_IMAGE_PX can hold."""
    scale = dpi / 72 / PT
    return MAX_IMAGE_PX / scale - _caption_height(_caption_box(caption)) - 2 * PAD - 1


def _render(draw: Callable[[QPainter, QRectF], None], height: float, dpi: float,
            caption: str | None) -> QImage:
    pad = PAD
    cap_box = _caption_box(caption)
    cap_h = _caption_height(cap_box)
    total_w, total_h = WIDTH + 2 * pad, height + cap_h + 2 * pad
    scale = dpi / 72 / PT
    image = QImage(max(1, round(total_w * scale)), max(1, round(total_h * scale)),
                   QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    prepare_painter(painter)
    painter.scale(scale, scale)
    if cap_box:
        cap_box.draw(painter, pad, pad)
    draw(painter, QRectF(pad, pad + cap_h, WIDTH, height))
    painter.end()
    return image


def _page_drawer(page: Page) -> Callable[[QPainter, QRectF], None]:
    def draw(painter: QPainter, rect: QRectF) -> None:
        paint_page(painter, page, rect.left(), rect.top())
    return draw


def _page_height(page: Page) -> float:
    return max((top + flowable.height() for flowable, top in page.placed), default=0.0)


def _parts(block: Flowable, limit: float) -> list[tuple[Callable, float]]:
    """(draw, height) of the block in parts no taller than `limit`, cut between rows."""
    if block.height() <= limit:
        return [(_page_drawer(Page([(block, 0.0)])), block.height())]
    return [(_page_drawer(page), _page_height(page))
            for page in paginate([block], limit).pages]


def pictures(report: Report, dpi: float = PNG_DPI, captions: bool = True,
             progress: Progress | None = None, boards: bool = True) -> list[Picture]:
    """Every chart (and, with `boards`, every board and consensus view) of the report,
    rendered; progress: (done, total) -> go on?"""
    return list(iter_pictures(report, dpi, captions, progress, boards))


def _captions(kind: str, name: str, part: int, parts: int) -> str:
    caption = {"continuum": name, "quiz": name,
               "board": tr("Board: {name}").format(name=name),
               "consensus": tr("Consensus across groups: {name}").format(name=name)}[kind]
    if parts > 1:
        caption += " " + tr("(part {n} of {total})").format(n=part, total=parts)
    return caption


def iter_pictures(report: Report, dpi: float = PNG_DPI, captions: bool = True,
                  progress: Progress | None = None, boards: bool = True) -> Iterator[Picture]:
    """The pictures of `pictures`, rendered one at a time (a long board's parts too), so
    a caller that writes each before asking for the next holds only one in memory."""
    jobs: list[tuple[str, str, Callable[[float], list[tuple[Callable, float]]], str]] = []
    for area in report.areas:
        def job(limit, area=area):
            chart = ContinuumChart(report, area, WIDTH)
            return [(chart.paint, min(chart.height, limit))]  # drawn smaller if taller
        alt = tr("Continuum chart for {area}: today median {now} ({ns}), target median "
                 "{target} ({ts})").format(
            area=area.name, now=_num(area.stats.now.median), ns=area.now_stage or "\u2013",
            target=_num(area.stats.target.median), ts=area.target_stage or "\u2013")
        jobs.append(("continuum", area.name, job, alt))
    if report.quiz.chart is not None:
        quiz_area = report.quiz.chart

        def quiz_job(limit):
            chart = ContinuumChart(report, quiz_area, WIDTH)
            return [(chart.paint, min(chart.height, limit))]
        jobs.append(("quiz", quiz_area.name, quiz_job,
                     tr("Quiz results on the continuum: median {m} ({s})").format(
                         m=_num(quiz_area.stats.now.median), s=quiz_area.now_stage or "\u2013")))
    for board in report.boards if boards else ():
        def board_job(limit, board=board):
            return _parts(board_block(board, WIDTH), limit)
        jobs.append(("board", board_title(board), board_job,
                     tr("Board {name}: {words}").format(name=board_title(board),
                                                        words=" ".join(board.words))))
    for view in report.consensus if boards else ():
        def view_job(limit, view=view):
            return _parts(consensus_block(view, WIDTH), limit)
        jobs.append(("consensus", view.name, view_job,
                     tr("Consensus heat map: {words}").format(words=" ".join(view.words))))
    for i, (kind, name, job, alt) in enumerate(jobs):
        # the tallest drawing that fits under the cap with the longest caption a part has
        parts = job(_max_content_height(dpi, _captions(kind, name, 999, 999) if captions
                                        else None))
        for part, (draw, height) in enumerate(parts, 1):
            caption = _captions(kind, name, part, len(parts)) if captions else None
            yield Picture(kind, name, _render(draw, height, dpi, caption), alt, part,
                          len(parts))
        del parts
        if progress is not None and not progress(i + 1, len(jobs)):
            from lpdesk.export.pdf import Cancelled
            raise Cancelled()


def _num(value: float | None) -> str:
    return fmt_position(value)  # the one rule: '37', '24.6', '–'


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def png_files(report: Report, out: Path, progress: Progress | None = None
              ) -> list[tuple[Path, bytes]]:
    """(path, PNG bytes) for every picture, named after `out` (x.png -> x-board-....png)."""
    out = Path(out)
    stem = out.stem if out.suffix.lower() == ".png" else out.name
    taken: set[str] = set()
    files: list[tuple[Path, bytes]] = []
    # PNG compression is most of the time for tall boards; Qt releases the interpreter
    # lock while it compresses, so pictures are encoded side by side, a few at a time
    workers = max(1, min(2, os.cpu_count() or 1))
    pending: deque[tuple[Path, Future[bytes]]] = deque()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for picture in iter_pictures(report, progress=progress):
            base = f"{stem}-{picture.kind}" + ("" if picture.kind == "quiz"
                                               else f"-{slug(picture.name)}")
            if picture.parts > 1:
                base += f"-part-{picture.part}-of-{picture.parts}"
            name, n = base, 2
            while name in taken:
                name, n = f"{base}-{n}", n + 1
            taken.add(name)
            pending.append((out.with_name(name + ".png"), pool.submit(png_bytes, picture.image)))
            del picture
            while len(pending) > workers:
                path, future = pending.popleft()
                files.append((path, future.result()))
        files += [(path, future.result()) for path, future in pending]
    if not files:  # nothing to draw: say so in a picture rather than write nothing
        files.append((out.with_name(f"{stem}-empty.png"), png_bytes(_empty(report))))
    return files


def _empty(report: Report) -> QImage:
    def draw(painter: QPainter, rect: QRectF) -> None:
        TextBox(tr("This session has no charts or boards yet."), TextStyle(10, colour=MUTED),
                rect.width()).draw(painter, rect.left(), rect.top())
    return _render(draw, 20 * PT, PNG_DPI, report.display_title)
