"""The session summary as one document of blocks, built once from the `Report`.

The order of the sections, which of them appear, and what each holds (headings, sentences,
lists, tables, charts, boards) is decided here and only here; the PDF, HTML and Markdown
writers are renderers of these blocks, each drawing a block in its own way (a `Figure` is a
chart in the PDF, an embedded picture in HTML and nothing in Markdown, which has the tables).
Adding a section or a column to a table is one edit here (or in `tables.py`), not three.

Heading levels: 1 is the title (not a block), 2 a section (with an anchor: a new page in the
PDF and an entry in the contents), 3 a part of a section, 4 a part of a part. The comparison
of workshops (`build_comparison_document`) is a document of the same blocks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from lpdesk import __version__
from lpdesk.export.report import AreaReport, BoardReport, ConsensusReport, Report
from lpdesk.export.tables import (
    Table,
    action_line,
    action_rows,
    appendix_table,
    area_table,
    board_title,
    continuum_intro,
    details,
    disputed_note,
    disputed_table,
    group_table,
    matrix_intro,
    mismatch_table,
    quiz_table,
    sections,
    stages_table,
)
from lpdesk.export.wording import tr

if TYPE_CHECKING:  # compare.py renders through this module: no import back at run time
    from lpdesk.export.compare import CompareChart, ComparisonReport


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 2 section, 3 part, 4 part of a part
    anchor: str | None = None  # sections only: the contents' link target


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["body", "small", "caption"] = "body"  # caption: names the table below
    keep_with_next: bool = False  # an introduction never ends a page without its picture


@dataclass(frozen=True)
class Prose:
    """Free text written by a person: paragraphs separated by blank lines, line breaks
    kept (the facilitator's notes)."""

    text: str


@dataclass(frozen=True)
class ItemList:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class TableBlock:
    table: Table
    bold_first: bool = True  # the first column names the row
    space_after: float = 8.0  # points after it on paper: less when a note belongs to it


@dataclass(frozen=True)
class Figure:
    """A continuum chart of an area (kind "continuum") or of the quiz results ("quiz")."""

    kind: Literal["continuum", "quiz"]
    area: AreaReport


@dataclass(frozen=True)
class ChartFigure:
    """A comparison's chart: one row per session (or group), medians and middle halves."""

    chart: CompareChart


@dataclass(frozen=True)
class BoardGrid:
    board: BoardReport


@dataclass(frozen=True)
class ConsensusGrid:
    view: ConsensusReport


Block = (Heading | Paragraph | Prose | ItemList | TableBlock | Figure | ChartFigure | BoardGrid
         | ConsensusGrid)


@dataclass(frozen=True)
class Document:
    title: str
    client: str
    details: tuple[tuple[str, str], ...]  # the title page's facts: (label, value)
    contents: tuple[tuple[str, str], ...]  # (anchor, title) of the sections, in order
    credits: str
    blocks: tuple[Block, ...] = field(default=())


def build_document(report: Report) -> Document:
    """The summary's blocks, in reading order."""
    r = report
    titles = dict(sections(r))
    out: list[Block] = []
    add = out.append

    def section(anchor: str) -> None:
        add(Heading(titles[anchor], 2, anchor))

    section("summary")
    if r.highlights:
        add(ItemList(r.highlights))
    else:
        add(Paragraph(tr("Nothing was recorded in this session yet.")))
    if r.actions:
        out += _actions(r)
    add(Heading(tr("About the continuum"), 3))
    add(Paragraph(continuum_intro(r)))
    add(TableBlock(stages_table(r)))

    section("continuum")
    if not r.areas:
        add(Paragraph(tr("No areas of learning were placed.")))
    for area in r.areas:
        add(Heading(area.name, 3))
        add(Figure("continuum", area))
        add(Paragraph(" ".join(area.words)))
        add(TableBlock(area_table(area), space_after=6.0))
        groups = group_table(area)
        if groups is not None:
            add(TableBlock(groups))

    if r.quiz.runs:
        section("quiz")
        out += [Paragraph(w) for w in r.quiz.words]
        if r.quiz.chart is not None:
            add(Figure("quiz", r.quiz.chart))
        add(TableBlock(quiz_table(r.quiz)))
        add(Paragraph(tr("How the quiz is scored: ") + r.quiz.rule, "small"))

    if r.boards:
        section("matrix")
        add(Paragraph(matrix_intro()))
        for board in r.boards:
            add(Heading(board_title(board), 3))
            add(Paragraph(" ".join(board.words), keep_with_next=True))
            add(BoardGrid(board))
            mismatches = mismatch_table(board)
            if mismatches is not None:
                add(Heading(tr("Cards placed away from the reference"), 4))
                add(TableBlock(mismatches, bold_first=False))

    if r.consensus:
        section("consensus")
        for view in r.consensus:
            if len(r.consensus) > 1:
                add(Heading(view.name, 3))
            add(Paragraph(" ".join(view.words), keep_with_next=True))
            add(ConsensusGrid(view))
            disputed = disputed_table(view)
            if disputed is not None:
                add(Heading(tr("Most disputed cards"), 4))
                add(TableBlock(disputed, bold_first=False, space_after=3.0))
                add(Paragraph(disputed_note(), "small"))

    section("notes")
    if not (r.actions or r.comments or r.notes):
        add(Paragraph(tr("No notes or actions were recorded.")))
    if r.actions:
        out += _actions(r)
    if r.comments:
        add(Heading(tr("Comments from the room"), 3))
        add(ItemList(r.comments))
    if r.notes:
        add(Heading(tr("Facilitator\u2019s notes"), 3))
        add(Prose(r.notes))

    if r.people:
        section("appendix")
        add(Paragraph(tr("Each participant\u2019s positions, today \u2192 target, on the "
                         "0\u2013100 scale."), "small"))
        add(TableBlock(appendix_table(r)))
    credits = tr("Models used with credit: {c}. Prepared with lpdesk {v}.").format(
        c="; ".join(r.credits), v=__version__)
    return Document(r.display_title, r.client, tuple(details(r)), tuple(sections(r)),
                    credits, tuple(out))


def _actions(report: Report) -> list[Block]:
    """The agreed actions as a numbered list (in the summary and again with the notes);
    what one action shows is `tables.action_rows` and `action_line`, shared with the CSV."""
    return [Heading(tr("Agreed actions"), 3),
            ItemList(tuple(action_line(a) for a in action_rows(report)), numbered=True)]


def build_comparison_document(report: ComparisonReport) -> Document:
    """The comparison of workshops as blocks: what compared, then a section per area,
    series, session's groups, matrix template and the quiz, then the files left out."""
    out: list[Block] = []
    if report.words:
        out.append(ItemList(report.words))
    out += [Heading(tr("Sessions compared"), 2), TableBlock(report.sessions)]
    for section in report.sections:
        out.append(Heading(section.title, section.level))
        out += [Paragraph(p) for p in section.paragraphs]
        if section.chart is not None and section.chart.rows:
            out.append(ChartFigure(section.chart))
        for caption, table in section.tables:
            out += [Paragraph(caption, "caption"), TableBlock(table)]
    if report.left_out:
        out += [Heading(tr("Files left out"), 2), ItemList(report.left_out)]
    return Document(report.title, report.subtitle, (), (), "", tuple(out))
