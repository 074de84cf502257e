"""The summary's pictures as PNG images: one per continuum area (and the quiz), per board
and per consensus view. Used by the PNG export and embedded in the HTML file.

`lpdesk export s.lpdesk -o x.png` writes x-continuum-<area>.png, x-quiz.png,
x-board-<board>.png and x-consensus-<name>.png next to each other (names made safe for any
file system; a repeated name gets -2, -3 ...).
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from lpdesk.export.board_chart import board_block, consensus_block
from lpdesk.export.continuum_chart import ContinuumChart
from lpdesk.export.layout import Flowable
from lpdesk.export.pages import prepare_painter
from lpdesk.export.palette import INK, MUTED
from lpdesk.export.report import Report
from lpdesk.export.tables import board_title
from lpdesk.export.text import MM, PT, TextBox, TextStyle
from lpdesk.export.wording import tr

WIDTH = 170 * MM  # the PDF's text width, so PNGs and PDF pages show the same picture
PNG_DPI = 200
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class Picture:
    kind: str  # continuum, quiz, board, consensus
    name: str  # the area, board or view it shows
    image: QImage
    alt: str  # a text alternative (HTML alt attribute)


def slug(text: str) -> str:
    """A file-name-safe form: 'Chloé's board!' -> 'chloes-board'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:60].strip("-") or "untitled"


def _render(draw: Callable[[QPainter, QRectF], None], height: float, dpi: float,
            caption: str | None) -> QImage:
    pad = 8 * PT
    cap_box = TextBox(caption, TextStyle(11, bold=True, colour=INK), WIDTH) if caption else None
    cap_h = cap_box.height + 6 * PT if cap_box else 0.0
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


def _block_drawer(block: Flowable) -> Callable[[QPainter, QRectF], None]:
    def draw(painter: QPainter, rect: QRectF) -> None:
        block.paint(painter, rect.left(), rect.top())
    return draw


def pictures(report: Report, dpi: float = PNG_DPI, captions: bool = True,
             progress: Progress | None = None, boards: bool = True) -> list[Picture]:
    """Every chart (and, with `boards`, every board and consensus view) of the report,
    rendered; progress: (done, total) -> go on?"""
    jobs: list[tuple[str, str, Callable[[], tuple[Callable, float]], str]] = []
    for area in report.areas:
        def job(area=area):
            chart = ContinuumChart(report, area, WIDTH)
            return chart.paint, chart.height
        alt = tr("Continuum chart for {area}: today median {now} ({ns}), target median "
                 "{target} ({ts})").format(
            area=area.name, now=_num(area.stats.now.median), ns=area.now_stage or "\u2013",
            target=_num(area.stats.target.median), ts=area.target_stage or "\u2013")
        jobs.append(("continuum", area.name, job, alt))
    if report.quiz.chart is not None:
        quiz_area = report.quiz.chart

        def quiz_job():
            chart = ContinuumChart(report, quiz_area, WIDTH)
            return chart.paint, chart.height
        jobs.append(("quiz", quiz_area.name, quiz_job,
                     tr("Quiz results on the continuum: median {m} ({s})").format(
                         m=_num(quiz_area.stats.now.median), s=quiz_area.now_stage or "\u2013")))
    for board in report.boards if boards else ():
        def board_job(board=board):
            block = board_block(board, WIDTH)
            return _block_drawer(block), block.height()
        jobs.append(("board", board_title(board), board_job,
                     tr("Board {name}: {words}").format(name=board_title(board),
                                                        words=" ".join(board.words))))
    for view in report.consensus if boards else ():
        def view_job(view=view):
            block = consensus_block(view, WIDTH)
            return _block_drawer(block), block.height()
        jobs.append(("consensus", view.name, view_job,
                     tr("Consensus heat map: {words}").format(words=" ".join(view.words))))
    out = []
    for i, (kind, name, job, alt) in enumerate(jobs):
        draw, height = job()
        caption = None
        if captions:
            caption = {"continuum": name, "quiz": name,
                       "board": tr("Board: {name}").format(name=name),
                       "consensus": tr("Consensus across groups: {name}").format(name=name)}[kind]
        out.append(Picture(kind, name, _render(draw, height, dpi, caption), alt))
        if progress is not None and not progress(i + 1, len(jobs)):
            from lpdesk.export.pdf import Cancelled
            raise Cancelled()
    return out


def _num(value: float | None) -> str:
    return "\u2013" if value is None else f"{value:.1f}"


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
    names = []
    rendered = pictures(report, progress=progress)
    for picture in rendered:
        base = f"{stem}-{picture.kind}" + ("" if picture.kind == "quiz"
                                           else f"-{slug(picture.name)}")
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        names.append(out.with_name(name + ".png"))
    # PNG compression is most of the time for tall boards; Qt releases the interpreter
    # lock while it compresses, so the pictures are encoded side by side
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        encoded = list(pool.map(png_bytes, [p.image for p in rendered]))
    files = list(zip(names, encoded, strict=True))
    if not files:  # nothing to draw: say so in a picture rather than write nothing
        files.append((out.with_name(f"{stem}-empty.png"), png_bytes(_empty(report))))
    return files


def _empty(report: Report) -> QImage:
    def draw(painter: QPainter, rect: QRectF) -> None:
        TextBox(tr("This session has no charts or boards yet."), TextStyle(10, colour=MUTED),
                rect.width()).draw(painter, rect.left(), rect.top())
    return _render(draw, 20 * PT, PNG_DPI, report.display_title)
