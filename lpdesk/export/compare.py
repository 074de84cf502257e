"""The comparison of workshops as a document: what the client reads, in any format.

`build_comparison_report` turns a `lpdesk.model.compare.Comparison` into sections of
paragraphs, tables and charts; `document.build_comparison_document` lays them out once as
blocks, which the PDF (compare_pdf.py), HTML and Markdown renderers draw, and the CSV and
PNG (here and compare_pdf.py) draw from the same report, so every format shows the same
figures and words. Anonymising renames the
participants and groups of every session (P1 ..., G1 ...) before comparing; session titles
stay, as they name the workshops being compared, but with the same names scrubbed from
them (and from every other text and file name) as in an anonymised summary.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lpdesk.export.tables import Table
from lpdesk.export.wording import fmt_date, fmt_gap, fmt_position, fmt_share, tr
from lpdesk.model.compare import Comparison, compare
from lpdesk.model.session import Session
from lpdesk.model.statistics import Spread

DASH = "\u2013"


@dataclass(frozen=True)
class ChartRow:
    label: str
    now: Spread
    target: Spread


@dataclass(frozen=True)
class CompareChart:
    """One area, one row per session (or group): now and target medians with the middle
    half, drawn in the continuum chart's language."""

    title: str
    stages: tuple[tuple[str, float, float], ...]  # (name, start, end)
    rows: tuple[ChartRow, ...]


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[tuple[str, Table], ...] = ()  # (caption, table)
    chart: CompareChart | None = None
    level: int = 2


@dataclass(frozen=True)
class ComparisonReport:
    title: str
    subtitle: str
    words: tuple[str, ...]
    sessions: Table
    sections: tuple[Section, ...]
    left_out: tuple[str, ...]
    comparison: Comparison = field(repr=False)


def anonymised(session: Session, others: Sequence[Session] = ()) -> Session:
    """A copy as an anonymised summary shows it (lpdesk.export.anonymise: labels for
    people and groups, names scrubbed from every free text); the file's session is not
    touched."""
    from lpdesk.export.anonymise import anonymised_session
    return anonymised_session(session, others)


def left_out_lines(left_out: Sequence[object], sessions: Sequence[Session],
                   anonymise: bool) -> list[str]:
    """The report's lines for the files left out; anonymised, they name no one either."""
    lines = [str(x) for x in left_out]
    if anonymise and lines:
        scrub = scrubber(sessions)
        lines = [scrub(x) for x in lines]
    return lines


def scrubber(sessions: Sequence[Session]) -> Callable[[str], str]:
    """Text (a file name, a file's problem) with every compared session's participant and
    group names replaced by "[participant]" and "[group]"."""
    from lpdesk.export.anonymise import Names
    return Names(Session(), True, sessions).text


def compare_files(sessions: Sequence[tuple[str, Session]], *, anonymise: bool = False,
                  series: Sequence[tuple[str, str]] | None = None) -> Comparison:
    """Compare with the bundled quiz and stages (content errors: no quiz, no stage names)."""
    from lpdesk.content import ContentError
    from lpdesk.content.quiz import quiz_content
    from lpdesk.content.stages import continuum_content

    try:
        questions = quiz_content().questions
    except ContentError:
        questions = ()
    try:
        content = continuum_content()
        stage = lambda v: content.stage_at(v).name  # noqa: E731
    except ContentError:
        stage = lambda _v: ""  # noqa: E731
    if anonymise:  # file names are scrubbed too: "ben-okafor.lpdesk" -> "P1.lpdesk"
        from lpdesk.export.anonymise import Names
        everyone = [s for _, s in sessions]
        pairs = [(Names(s, True, everyone).text(name), anonymised(s, everyone))
                 for name, s in sessions]
    else:
        pairs = list(sessions)
    return compare(pairs, questions=questions, stage=stage, series=series)


def _middle(spread: Spread) -> str:
    return DASH if spread.q1 is None else \
        f"{fmt_position(spread.q1)}{DASH}{fmt_position(spread.q3)}"


def _stages() -> tuple[tuple[str, float, float], ...]:
    from lpdesk.content import ContentError
    from lpdesk.content.stages import continuum_content
    try:
        return tuple((s.name, s.start, s.end) for s in continuum_content().stages)
    except ContentError:
        return ()


def build_comparison_report(comparison: Comparison, left_out: Sequence[str] = ()
                            ) -> ComparisonReport:
    c = comparison
    stages = _stages()
    sessions = Table(
        (tr("Session"), tr("Client"), tr("Date"), tr("File")),
        tuple((i.label, i.client or DASH, fmt_date(i.date) if i.date else DASH, i.source)
              for i in c.sessions), frozenset(), (0.34, 0.24, 0.18, 0.24))
    sections: list[Section] = []
    for area in c.areas:
        table = Table(
            (tr("Session"), tr("Placed"), tr("Today"), tr("Middle half"), tr("Target"),
             tr("Middle half"), tr("Move")),
            tuple((r.session.label, str(r.placed), fmt_position(r.now),
                   _middle(r.summary.now), fmt_position(r.target), _middle(r.summary.target),
                   fmt_gap(r.move)) for r in area.rows),
            frozenset({1, 2, 4, 6}), (0.3, 0.09, 0.1, 0.15, 0.1, 0.15, 0.11))
        notes = ()
        if area.missing:
            notes = (tr("Not placed in: {names}.").format(
                names=", ".join(i.label for i in area.missing)),)
        chart = CompareChart(area.name, stages, tuple(
            ChartRow(r.session.label, r.summary.now, r.summary.target) for r in area.rows))
        sections.append(Section(tr("Continuum: {area}").format(area=area.name), notes,
                                ((tr("Medians per session, in date order"), table),), chart))
    for s in c.series:
        rows = tuple((step.area, f"{step.earlier.session.label} \u2192 "
                      f"{step.later.session.label}",
                      fmt_gap(step.now_change), fmt_gap(step.target_change),
                      DASH if step.target_reached is None else
                      (tr("yes") if step.target_reached else tr("not yet")))
                     for step in s.steps)
        sections.append(Section(
            tr("Over time: {title}").format(title=s.title or s.client),
            (tr("{n} sessions of {client}, from {first} to {last}.").format(
                n=len(s.sessions), client=s.client,
                first=fmt_date(s.sessions[0].date) or s.sessions[0].label,
                last=fmt_date(s.sessions[-1].date) or s.sessions[-1].label),),
            ((tr("Change between consecutive sessions"),
              Table((tr("Area"), tr("From \u2192 to"), tr("Today moved"), tr("Target moved"),
                     tr("Earlier target reached")), rows, frozenset({2, 3}),
                    (0.2, 0.38, 0.13, 0.13, 0.16))),)))
    by_session: dict[int, list] = {}
    for g in c.groups:
        by_session.setdefault(g.session.index, []).append(g)
    for comparisons in by_session.values():
        first = comparisons[0]
        rows, words = [], []
        for g in comparisons:
            rows += [(g.area, r.name, str(max(r.summary.now.count, r.summary.target.count)),
                      fmt_position(r.summary.now.median), _middle(r.summary.now),
                      fmt_position(r.summary.target.median), _middle(r.summary.target))
                     for r in g.rows]
            words.append(tr("{area}: the groups' medians lie {now} points apart today and "
                            "{target} points apart for the target.").format(
                area=g.area, now=fmt_position(g.now_gap), target=fmt_position(g.target_gap)))
        table = Table((tr("Area"), tr("Group"), tr("Placed"), tr("Today"), tr("Middle half"),
                       tr("Target"), tr("Middle half")), tuple(rows), frozenset({2, 3, 5}),
                      (0.17, 0.2, 0.09, 0.1, 0.17, 0.1, 0.17))
        chart = CompareChart(f"{first.session.label} \u00b7 {first.area}", stages, tuple(
            ChartRow(r.name, r.summary.now, r.summary.target) for r in first.rows))
        sections.append(Section(tr("Groups of {session}").format(session=first.session.label),
                                tuple(words), ((tr("Medians per group"), table),), chart))
    for t in c.templates:
        headers = (tr("Row"), *(i.label for i in t.sessions))
        rows = [(tr("All rows"), *(fmt_share(a.share) for a in t.overall))]
        rows += [(r.name, *(DASH if a is None else f"{fmt_share(a.share)} ({a.matching}/"
                            f"{a.placed})" for a in r.per_session)) for r in t.rows]
        tables = [(tr("Agreement with the reference model"),
                   Table(headers, tuple(rows), frozenset(range(1, len(headers)))))]
        if t.disputed:
            tables.append((tr("Cards the sessions placed differently"), Table(
                (tr("Card"), *(i.label for i in t.sessions)),
                tuple((d.text, *(cell or tr("not placed") for cell in d.cells))
                      for d in t.disputed[:15]))))
        sections.append(Section(tr("Practices matrix: {template}").format(
            template=_template_name(t.template_id)), (), tuple(tables)))
    if any(q.results.count for q in c.quiz):
        sections.append(Section(tr("Quick quiz"), (), ((tr("Results per session"), Table(
            (tr("Session"), tr("Runs"), tr("Mean result"), tr("Middle half"), tr("Range")),
            tuple((q.session.label, str(q.results.count), fmt_position(q.mean),
                   _middle(q.results),
                   DASH if q.results.low is None else
                   f"{fmt_position(q.results.low)}{DASH}{fmt_position(q.results.high)}")
                  for q in c.quiz), frozenset({1, 2}), (0.36, 0.1, 0.16, 0.2, 0.18))),)))
    dates = [i.date for i in c.sessions if i.date]
    span = ""
    if dates:
        span = fmt_date(dates[0]) if dates[0] == dates[-1] else \
            f"{fmt_date(dates[0])} {DASH} {fmt_date(dates[-1])}"
    clients = sorted({i.client for i in c.sessions if i.client})
    subtitle = " \u00b7 ".join(x for x in (", ".join(clients), span,
                                            tr("{n} sessions").format(n=len(c.sessions))) if x)
    return ComparisonReport(tr("Comparison of workshops"), subtitle, c.words, sessions,
                            tuple(sections), tuple(left_out), c)


def _template_name(template_id: str) -> str:
    from lpdesk.content import ContentError
    from lpdesk.content.templates import template
    try:
        return template(template_id).name
    except (ContentError, KeyError):
        return template_id


# -- text formats ---------------------------------------------------------------------------
def comparison_markdown(report: ComparisonReport) -> bytes:
    from lpdesk.export.document import build_comparison_document
    from lpdesk.export.markdown import comparison_page
    return comparison_page(build_comparison_document(report))


def comparison_html(report: ComparisonReport) -> bytes:
    from lpdesk.export.document import build_comparison_document
    from lpdesk.export.html import comparison_page
    return comparison_page(build_comparison_document(report), _chart_images(report))


def _chart_images(report: ComparisonReport) -> dict[int, str]:
    import base64

    from lpdesk.export.compare_chart import chart_picture
    from lpdesk.export.images import png_bytes
    return {id(s.chart): base64.b64encode(png_bytes(chart_picture(s.chart))).decode("ascii")
            for s in report.sections if s.chart is not None and s.chart.rows}


def comparison_csv(report: ComparisonReport) -> bytes:
    """One tidy table with a `table` column: area_row, series_step, group_row,
    matrix_agreement, disputed_card, quiz, left_out."""
    from lpdesk.export.csv_export import _num, _text, guard
    from lpdesk.export.plain import printable

    c = report.comparison
    columns = ("table", "session", "client", "date", "file", "area", "group", "count",
               "now_median", "now_q1", "now_q3", "target_median", "target_q1", "target_q3",
               "move", "from_session", "to_session", "now_change", "target_change",
               "target_reached", "template", "row", "matching", "placed", "share", "card_id",
               "card", "cell", "disagreement", "quiz_mean", "problem")
    out: list[dict[str, str]] = []

    def add(table: str, **values: object) -> None:
        row = {"table": table}
        for key, value in values.items():
            row[key] = _num(value, derived=True) if isinstance(value, float) else \
                _text(str(value)) if value is not None else ""
        out.append(row)

    def figures(summary) -> dict[str, object]:
        return {"count": max(summary.now.count, summary.target.count),
                "now_median": summary.now.median, "now_q1": summary.now.q1,
                "now_q3": summary.now.q3, "target_median": summary.target.median,
                "target_q1": summary.target.q1, "target_q3": summary.target.q3}

    for area in c.areas:
        for r in area.rows:
            add("area_row", session=r.session.label, client=r.session.client,
                date=r.session.date, file=r.session.source, area=area.name,
                move=r.move, **figures(r.summary))
    for s in c.series:
        for step in s.steps:
            add("series_step", area=step.area, from_session=step.earlier.session.label,
                to_session=step.later.session.label, now_change=step.now_change,
                target_change=step.target_change,
                target_reached="" if step.target_reached is None else
                ("yes" if step.target_reached else "no"))
    for g in c.groups:
        for r in g.rows:
            add("group_row", session=g.session.label, area=g.area, group=r.name,
                **figures(r.summary))
    for t in c.templates:
        for info, a in zip(t.sessions, t.overall, strict=True):
            add("matrix_agreement", session=info.label, template=t.template_id, row="",
                matching=a.matching, placed=a.placed, share=a.share)
        for row in t.rows:
            for info, a in zip(t.sessions, row.per_session, strict=True):
                if a is not None:
                    add("matrix_agreement", session=info.label, template=t.template_id,
                        row=row.name, matching=a.matching, placed=a.placed, share=a.share)
        for d in t.disputed:
            for info, cell in zip(t.sessions, d.cells, strict=True):
                add("disputed_card", session=info.label, template=t.template_id,
                    card_id=d.card_id, card=d.text, cell=cell or "",
                    disagreement=d.disagreement)
    for q in c.quiz:
        add("quiz", session=q.session.label, count=q.results.count, quiz_mean=q.mean)
    for problem in report.left_out:
        add("left_out", problem=problem)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: guard(printable(value)) for key, value in row.items()}
                     for row in out)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
