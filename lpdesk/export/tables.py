"""The summary's tables and fixed texts, shared by the PDF, HTML and Markdown exports, so
the three show the same columns, figures and words."""
from __future__ import annotations

from dataclasses import dataclass

from lpdesk.export.report import (
    AreaReport,
    BoardReport,
    ConsensusReport,
    QuizReport,
    Report,
)
from lpdesk.export.wording import fmt_gap, fmt_position, fmt_share, plural, tr


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()  # columns aligned right
    widths: tuple[float, ...] = ()  # relative column widths for paged output


DASH = "\u2013"


def stages_table(report: Report) -> Table:
    return Table((tr("Stage"), tr("Range"), tr("What it looks like")),
                 tuple((s.name, f"{s.start:g}{DASH}{s.end:g}", s.description)
                       for s in report.stages), frozenset(), (0.2, 0.12, 0.68))


def area_table(area: AreaReport) -> Table:
    s = area.stats
    rows = []
    for label, spread, stage in ((tr("Today"), s.now, area.now_stage),
                                 (tr("Target"), s.target, area.target_stage)):
        middle = DASH if spread.q1 is None else \
            f"{fmt_position(spread.q1)}{DASH}{fmt_position(spread.q3)}"
        rng = DASH if spread.low is None else \
            f"{fmt_position(spread.low)}{DASH}{fmt_position(spread.high)}"
        rows.append((label, str(spread.count), fmt_position(spread.median), middle,
                     fmt_position(spread.iqr), rng, stage or DASH))
    g = s.gap
    rows.append((tr("Gap"), str(g.count), fmt_gap(g.median),
                 DASH if g.q1 is None else tr("{a} to {b}").format(a=fmt_gap(g.q1),
                                                                   b=fmt_gap(g.q3)),
                 fmt_position(g.iqr),
                 DASH if g.low is None else tr("{a} to {b}").format(a=fmt_gap(g.low),
                                                                    b=fmt_gap(g.high)),
                 ""))
    who = tr("Placed") if area.basis == "participants" else tr("Groups")
    return Table((tr("Position"), who, tr("Median"), tr("Middle half"), tr("IQR"), tr("Range"),
                  tr("Stage of median")), tuple(rows), frozenset({1, 2, 4}),
                 (0.13, 0.09, 0.1, 0.2, 0.08, 0.22, 0.18))


def group_table(area: AreaReport) -> Table | None:
    subjects = (*area.groups, *((area.consensus,) if area.consensus else ()))
    if not subjects:
        return None
    rows = tuple((p.subject, fmt_position(p.now), p.now_stage or DASH, fmt_position(p.target),
                  p.target_stage or DASH, fmt_gap(p.gap)) for p in subjects)
    return Table((tr("Group position"), tr("Today"), tr("Stage"), tr("Target"), tr("Stage"),
                  tr("Gap")), rows, frozenset({1, 3, 5}), (0.28, 0.1, 0.18, 0.1, 0.18, 0.1))


def quiz_table(quiz: QuizReport) -> Table:
    purposes = {"now": tr("Today"), "target": tr("Target")}
    kinds = {"participant": tr("participant"), "group": tr("group"), "room": tr("room")}
    rows = tuple((q.subject, kinds.get(q.kind, q.kind), purposes.get(q.purpose, q.purpose),
                  f"{q.answered} / {q.total}", fmt_position(q.position), q.stage or DASH)
                 for q in quiz.runs)
    return Table((tr("Who"), tr("Kind"), tr("For"), tr("Answered"), tr("Position"),
                  tr("Stage")), rows, frozenset({3, 4}), (0.3, 0.13, 0.12, 0.14, 0.13, 0.18))


def mismatch_table(board: BoardReport) -> Table | None:
    if not board.mismatches:
        return None
    return Table((tr("Card"), tr("Placed in"), tr("The model puts it in")),
                 tuple((m.text, m.placed, m.reference) for m in board.mismatches),
                 frozenset(), (0.46, 0.27, 0.27))


def disputed_table(view: ConsensusReport) -> Table | None:
    if not view.most_disputed:
        return None
    rows = tuple((d.text, "; ".join(f"{cell} ({n})" for cell, n in d.spread),
                  fmt_share(1 - d.disagreement)) for d in view.most_disputed)
    return Table((tr("Card"), tr("Where the boards put it (boards)"), tr("Agreement")),
                 rows, frozenset({2}), (0.4, 0.45, 0.15))


def disputed_note() -> str:
    return tr("Agreement: of the boards that placed the card, the share that chose its most "
              "common cell. Cards every group placed alike are not listed.")


def appendix_table(report: Report) -> Table:
    """Everyone's positions: one column per area (one row per placement past 4 areas)."""
    areas = report.areas
    by_person: dict[str, dict[int, str]] = {}
    for i, area in enumerate(areas):
        for p in area.placements:
            by_person.setdefault(p.subject, {})[i] = \
                f"{fmt_position(p.now)} \u2192 {fmt_position(p.target)}"
    if len(areas) <= 4:
        headers = (tr("Participant"), tr("Group"), *(a.name for a in areas))
        widths = (0.26, 0.18, *([0.56 / max(1, len(areas))] * len(areas)))
        rows = tuple((p.label, p.group or DASH,
                      *(by_person.get(p.label, {}).get(i, DASH) for i in range(len(areas))))
                     for p in report.people)
    else:
        headers = (tr("Participant"), tr("Group"), tr("Area"), tr("Today \u2192 target"))
        widths = (0.26, 0.2, 0.34, 0.2)
        rows = tuple((p.label, p.group or DASH, a.name, by_person.get(p.label, {}).get(i, DASH))
                     for p in report.people for i, a in enumerate(areas))
    return Table(headers, rows, frozenset(), widths)


def continuum_intro(report: Report) -> str:
    return tr("The Learner Power continuum runs from \u201c{left}\u201d (0) to \u201c{right}\u201d "
              "(100), through four stages. No stage is right or wrong: what matters is where "
              "the organisation is today, where it wants to be, and how long the move may take. "
              "Each participant (or group) could place a today and a target position for each "
              "area of learning; each area says how many did.").format(
        left=report.left_label, right=report.right_label)


def matrix_intro() -> str:
    return tr("Groups sorted practice cards into the grid. A tick marks a card placed where the "
              "reference model puts it, a cross a card placed elsewhere: a difference is a "
              "conversation about this organisation, not a wrong answer.")


def board_title(board: BoardReport) -> str:
    if board.group and board.group not in board.name:
        return f"{board.name} \u2014 {board.group}"
    return board.name


def sections(report: Report) -> list[tuple[str, str]]:
    """(anchor, title) of the summary's sections, in order: the contents list."""
    out = [("summary", tr("Summary")), ("continuum", tr("Where the organisation stands"))]
    if report.quiz.runs:
        out.append(("quiz", tr("Quick quiz")))
    if report.boards:
        out.append(("matrix", tr("Practices matrix")))
    if report.consensus:
        out.append(("consensus", tr("Consensus across groups")))
    out.append(("notes", tr("Notes and actions")))
    if report.people:
        out.append(("appendix", tr("Appendix: participants and their placements")))
    return out


def details(report: Report) -> list[tuple[str, str]]:
    """The title page's facts: (label, value)."""
    out = []
    if report.date:
        out.append((tr("Date"), report.date))
    if report.facilitator:
        out.append((tr("Facilitator"), report.facilitator))
    people = plural(len(report.people), tr("1 participant"),
                    tr("{n} participants")).format(n=len(report.people))
    if not report.people:
        people = tr("none recorded")
    if report.groups:
        people += plural(len(report.groups), tr(" in 1 group"),
                         tr(" in {g} groups")).format(g=len(report.groups))
    out.append((tr("Participants"), people))
    if report.anonymised:
        out.append((tr("Names"), tr("Participants appear as P1, P2 ... and groups as G1, "
                                    "G2 ... in this summary.")))
    return out


@dataclass(frozen=True)
class ActionRow:
    """One agreed action as every format shows it. The one place for an action's fields:
    a new one (an owner, a due date) is added here, to `action_line` and to `ACTION_CSV`,
    and the PDF, HTML, Markdown and CSV exports all follow."""

    number: int
    text: str


ACTION_CSV = ("text",)  # the CSV columns an action row fills, in `ActionRow` field names


def action_rows(report: Report) -> tuple[ActionRow, ...]:
    return tuple(ActionRow(n, text) for n, text in enumerate(report.actions, 1))


def action_line(row: ActionRow) -> str:
    """An action on one line of the numbered list (PDF, HTML, Markdown)."""
    return row.text
