"""Comparing workshops: several teams of one client, or the same team months later.

Pure functions of sessions that were read from files (the files are never changed). Areas
are matched across sessions by name (case and surrounding or repeated spaces ignored);
sessions are ordered by date, undated ones last. A *series* is the same client and title run
more than once: proposed here, confirmed by the facilitator, and then read over time
(did the room move, was the earlier target reached?).

Figures use the continuum statistics of `lpdesk.model.statistics` (medians, middle half),
so a comparison row says exactly what the session's own summary says.
"""
from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from lpdesk.model.continuum_words import format_position
from lpdesk.model.matrix import Board, Cell
from lpdesk.model.matrix_stats import Agreement, agreement_in_rows
from lpdesk.model.quiz_scoring import Question, position_scorer
from lpdesk.model.session import Session
from lpdesk.model.statistics import AreaSummary, Spread, summarise, summarise_area

StageName = Callable[[float], str]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
REACHED_SLACK = 2.5  # a later 'now' this close to the earlier target counts as reached


def match_key(name: str) -> str:
    """How names are matched across sessions: case and extra spaces ignored."""
    return " ".join(name.split()).casefold()


def fmt(value: float | None) -> str:
    """A position as everywhere in lpdesk (one decimal, none when whole: 37, 24.6), so a
    median of 24.6 never reads 25 beside the stage that ends at 25."""
    return format_position(value)


def month_year(iso: str) -> str:
    try:
        d = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{MONTHS[d.month - 1]} {d.year}"


# -- what is compared ---------------------------------------------------------------------
@dataclass(frozen=True)
class SessionInfo:
    """One compared session: `label` tells it apart from the others in every row."""

    index: int  # position in date order
    label: str
    title: str
    client: str
    date: str
    source: str  # the file it came from (its name, for lists and messages)


@dataclass(frozen=True)
class AreaRow:
    session: SessionInfo
    summary: AreaSummary

    @property
    def now(self) -> float | None:
        return self.summary.now.median

    @property
    def target(self) -> float | None:
        return self.summary.target.median

    @property
    def move(self) -> float | None:
        """How far the room wants to go: the target's median minus today's."""
        if self.now is None or self.target is None:
            return None
        return self.target - self.now

    @property
    def placed(self) -> int:
        return max(self.summary.now.count, self.summary.target.count)


@dataclass(frozen=True)
class AreaComparison:
    name: str  # as the first session (in date order) spells it
    rows: tuple[AreaRow, ...]  # the sessions that have this area, in date order
    missing: tuple[SessionInfo, ...]  # the sessions that do not


@dataclass(frozen=True)
class SeriesStep:
    """From one session of a series to the next, in one area."""

    area: str
    earlier: AreaRow
    later: AreaRow

    @property
    def now_change(self) -> float | None:
        if self.earlier.now is None or self.later.now is None:
            return None
        return self.later.now - self.earlier.now

    @property
    def target_change(self) -> float | None:
        if self.earlier.target is None or self.later.target is None:
            return None
        return self.later.target - self.earlier.target

    @property
    def target_reached(self) -> bool | None:
        """Whether today's position in the later session got to the earlier target
        (in the direction the room wanted to move); None when that cannot be said."""
        before, wanted, after = self.earlier.now, self.earlier.target, self.later.now
        if before is None or wanted is None or after is None:
            return None
        if wanted >= before:
            return after >= wanted - REACHED_SLACK
        return after <= wanted + REACHED_SLACK


@dataclass(frozen=True)
class Series:
    client: str
    title: str
    sessions: tuple[SessionInfo, ...]  # date order, two or more
    steps: tuple[SeriesStep, ...]

    @property
    def key(self) -> tuple[str, str]:
        return series_key(self.client, self.title)


@dataclass(frozen=True)
class GroupRow:
    name: str
    summary: AreaSummary


@dataclass(frozen=True)
class GroupComparison:
    """The groups of one session in one area: the perception gap between them."""

    session: SessionInfo
    area: str
    rows: tuple[GroupRow, ...]

    def _gap(self, which: str) -> tuple[float | None, GroupRow | None, GroupRow | None]:
        placed = [r for r in self.rows if getattr(r.summary, which).median is not None]
        if len(placed) < 2:
            return None, None, None
        low = min(placed, key=lambda r: getattr(r.summary, which).median)
        high = max(placed, key=lambda r: getattr(r.summary, which).median)
        return (getattr(high.summary, which).median - getattr(low.summary, which).median,
                low, high)

    @property
    def now_gap(self) -> float | None:
        return self._gap("now")[0]

    @property
    def target_gap(self) -> float | None:
        return self._gap("target")[0]

    def now_extremes(self) -> tuple[GroupRow | None, GroupRow | None]:
        _, low, high = self._gap("now")
        return low, high


@dataclass(frozen=True)
class RowAgreement:
    name: str
    per_session: tuple[Agreement | None, ...]  # None: that session placed no such card


@dataclass(frozen=True)
class CardDispute:
    card_id: str
    text: str
    cells: tuple[str | None, ...]  # per session: where it put the card (None: not placed)
    disagreement: float  # 0 when every session put it in the same cell


@dataclass(frozen=True)
class TemplateComparison:
    template_id: str
    sessions: tuple[SessionInfo, ...]
    overall: tuple[Agreement, ...]
    rows: tuple[RowAgreement, ...]
    disputed: tuple[CardDispute, ...]  # most disputed first; only cards placed by two or more


@dataclass(frozen=True)
class QuizRow:
    session: SessionInfo
    results: Spread  # of the quiz results of the session's runs with at least one answer
    mean: float | None


@dataclass(frozen=True)
class Comparison:
    sessions: tuple[SessionInfo, ...]
    areas: tuple[AreaComparison, ...]
    series: tuple[Series, ...]
    proposed_series: tuple[tuple[str, str], ...]  # keys of every series the files suggest
    groups: tuple[GroupComparison, ...]
    templates: tuple[TemplateComparison, ...]
    quiz: tuple[QuizRow, ...]
    words: tuple[str, ...]


# -- building it ----------------------------------------------------------------------------
def series_key(client: str, title: str) -> tuple[str, str]:
    return match_key(client), match_key(title)


def _labels(sessions: Sequence[tuple[str, Session]]) -> list[str]:
    """The title, or the file name for an untitled session; a date or the file name is
    added where two sessions would otherwise read the same."""
    base = [s.title.strip() or source for source, s in sessions]
    counts = Counter(match_key(label) for label in base)
    labels = []
    for (_source, s), label in zip(sessions, base, strict=True):
        if counts[match_key(label)] > 1 and s.date:
            label = f"{label} ({s.date})"
        labels.append(label)
    counts = Counter(match_key(label) for label in labels)
    return [f"{label} [{source}]" if counts[match_key(label)] > 1 else label
            for (source, _), label in zip(sessions, labels, strict=True)]


def order(sessions: Sequence[tuple[str, Session]]) -> list[tuple[str, Session]]:
    """Date order; undated sessions last, in the order given."""
    indexed = list(enumerate(sessions))
    indexed.sort(key=lambda item: (item[1][1].date == "", item[1][1].date, item[0]))
    return [pair for _, pair in indexed]


def _area_summary(session: Session, area) -> AreaSummary:
    return summarise_area(area, by_groups=area.by_groups)


def _areas(infos: Sequence[SessionInfo], sessions: Sequence[Session]) -> list[AreaComparison]:
    names: dict[str, str] = {}
    rows: dict[str, list[AreaRow]] = {}
    for info, session in zip(infos, sessions, strict=True):
        seen: set[str] = set()
        for area in session.continuum.areas:
            key = match_key(area.name)
            if key in seen:  # two areas of one session with one name: the first counts
                continue
            seen.add(key)
            names.setdefault(key, " ".join(area.name.split()))
            rows.setdefault(key, []).append(AreaRow(info, _area_summary(session, area)))
    result = []
    for key, area_rows in rows.items():
        present = {r.session.index for r in area_rows}
        result.append(AreaComparison(names[key], tuple(area_rows),
                                     tuple(i for i in infos if i.index not in present)))
    return result


def propose_series(sessions: Sequence[tuple[str, Session]]) -> list[tuple[str, str]]:
    """Keys (client, title) shared by two or more sessions with a client: the series the
    facilitator is asked to confirm."""
    counts = Counter(series_key(s.client, s.title) for _, s in sessions if s.client.strip())
    return [key for key, n in counts.items() if n >= 2]


def _series(keys: Iterable[tuple[str, str]], infos: Sequence[SessionInfo],
            sessions: Sequence[Session], areas: Sequence[AreaComparison]) -> list[Series]:
    result = []
    for key in keys:
        members = [(i, s) for i, s in zip(infos, sessions, strict=True)
                   if series_key(s.client, s.title) == key]
        if len(members) < 2:
            continue
        indexes = [i.index for i, _ in members]
        steps = []
        for area in areas:
            in_series = [r for r in area.rows if r.session.index in indexes]
            steps.extend(SeriesStep(area.name, a, b)
                         for a, b in zip(in_series, in_series[1:], strict=False))
        first = members[0][1]
        result.append(Series(first.client.strip(), first.title.strip(),
                             tuple(i for i, _ in members), tuple(steps)))
    return result


def _groups(infos: Sequence[SessionInfo], sessions: Sequence[Session]) -> list[GroupComparison]:
    result = []
    for info, session in zip(infos, sessions, strict=True):
        if len(session.groups) < 2:
            continue
        for area in session.continuum.areas:
            rows = []
            for group in session.groups:
                if area.by_groups:
                    placements = [area.group_placements[group.id]] \
                        if group.id in area.group_placements else []
                else:
                    placements = [area.placements[p.id] for p in session.members(group.id)
                                  if p.id in area.placements]
                rows.append(GroupRow(group.name, summarise(placements)))
            comparison = GroupComparison(info, area.name, tuple(rows))
            if comparison.now_gap is not None or comparison.target_gap is not None:
                result.append(comparison)
    return result


def _cell_name(board: Board, cell: Cell) -> str:
    rows = {r.id: r.name for r in board.rows}
    columns = {c.id: c.name for c in board.columns}
    return f"{rows.get(cell[0], cell[0])} / {columns.get(cell[1], cell[1])}"


def _modal_cell(boards: Sequence[Board], card_id: str) -> tuple[Cell | None, str | None]:
    cells = Counter(b.positions[card_id] for b in boards if card_id in b.positions)
    if not cells:
        return None, None
    cell = cells.most_common(1)[0][0]
    board = next(b for b in boards if b.positions.get(card_id) == cell)
    return cell, _cell_name(board, cell)


def _templates(infos: Sequence[SessionInfo], sessions: Sequence[Session]
               ) -> list[TemplateComparison]:
    by_template: dict[str, list[tuple[SessionInfo, list[Board]]]] = {}
    for info, session in zip(infos, sessions, strict=True):
        boards: dict[str, list[Board]] = {}
        for board in session.matrix.boards:
            if board.template_id:
                boards.setdefault(board.template_id, []).append(board)
        for template_id, bs in boards.items():
            by_template.setdefault(template_id, []).append((info, bs))
    result = []
    for template_id, entries in by_template.items():
        if len(entries) < 2:
            continue
        overall = []
        row_names: dict[str, str] = {}
        per_row: dict[str, list[Agreement | None]] = {}
        for n, (_, boards) in enumerate(entries):
            matching = placed = 0
            rows: dict[str, list[int]] = {}
            for board in boards:
                for row in board.rows:
                    row_names.setdefault(row.id, row.name)
                for row_id, agreement in agreement_in_rows(board).items():
                    total = rows.setdefault(row_id, [0, 0])
                    total[0] += agreement.matching
                    total[1] += agreement.placed
                    matching += agreement.matching
                    placed += agreement.placed
            overall.append(Agreement(matching, placed))
            for row_id in rows:
                per_row.setdefault(row_id, [None] * len(entries))
            for row_id, (m, p) in rows.items():
                per_row[row_id][n] = Agreement(m, p) if p else None
        texts: dict[str, str] = {}
        for _, boards in entries:
            for board in boards:
                for card in board.cards:
                    texts.setdefault(card.id, card.text)
        disputes = []
        for card_id, text in texts.items():
            modal = [_modal_cell(boards, card_id) for _, boards in entries]
            placed_cells = [cell for cell, _ in modal if cell is not None]
            if len(placed_cells) < 2:
                continue
            top = Counter(placed_cells).most_common(1)[0][1]
            disputes.append(CardDispute(card_id, text, tuple(name for _, name in modal),
                                        1.0 - top / len(placed_cells)))
        rank = {cid: i for i, cid in enumerate(texts)}
        disputes.sort(key=lambda d: (-d.disagreement, rank[d.card_id]))
        result.append(TemplateComparison(
            template_id, tuple(info for info, _ in entries), tuple(overall),
            tuple(RowAgreement(row_names.get(r, r), tuple(a)) for r, a in per_row.items()),
            tuple(d for d in disputes if d.disagreement > 0)))
    return result


def _quiz(infos: Sequence[SessionInfo], sessions: Sequence[Session],
          questions: Sequence[Question]) -> list[QuizRow]:
    rows = []
    position = position_scorer(questions)
    for info, session in zip(infos, sessions, strict=True):
        positions = [position(run.answers) for run in session.quiz.runs]
        values = [p for p in positions if p is not None]
        mean = sum(values) / len(values) if values else None
        rows.append(QuizRow(info, Spread.of(values), mean))
    return rows


def _words(areas: Sequence[AreaComparison], series: Sequence[Series],
           groups: Sequence[GroupComparison], stage: StageName) -> list[str]:
    out: list[str] = []
    for area in areas:
        placed = [r for r in area.rows if r.now is not None]
        if len(placed) < 2:
            continue
        low = min(placed, key=lambda r: r.now)
        high = max(placed, key=lambda r: r.now)
        if low.now == high.now:
            sentence = (f"{area.name}: every session puts the organisation at {fmt(low.now)} "
                        f"today ({stage(low.now)})")
        else:
            sentence = (f"{area.name}: {low.session.label} sits furthest towards the "
                        f"organisation today ({fmt(low.now)}, {stage(low.now)}); "
                        f"{high.session.label} furthest towards the learner ({fmt(high.now)}, "
                        f"{stage(high.now)})")
        moving = [r for r in area.rows if r.move is not None]
        biggest = max(moving, key=lambda r: abs(r.move)) if len(moving) >= 2 else None
        if biggest is not None and abs(biggest.move) >= 1:
            sentence += (f". {biggest.session.label} wants the biggest move, from "
                         f"{fmt(biggest.now)} to {fmt(biggest.target)}")
        out.append(sentence + ".")
    for s in series:
        for step in s.steps:
            if step.now_change is None:
                continue
            when = month_year(step.earlier.session.date) or step.earlier.session.label
            reached = step.target_reached
            verdict = "" if reached is None else (
                f"; the target then was {fmt(step.earlier.target)}, "
                + ("now reached" if reached else "not yet reached"))
            if round(step.now_change) == 0:
                out.append(f"{step.area}: since {when}, {s.title} has stayed "
                           f"at {fmt(step.later.now)}{verdict}.")
            else:
                out.append(f"{step.area}: since {when}, {s.title} has moved "
                           f"from {fmt(step.earlier.now)} to {fmt(step.later.now)}{verdict}.")
    for g in groups:
        low, high = g.now_extremes()
        gap = g.now_gap
        if low is None or high is None or gap is None or gap < 10:
            continue
        out.append(f"{g.session.label}, {g.area}: {low.name} and {high.name} see today "
                   f"{fmt(gap)} points apart ({fmt(low.summary.now.median)} and "
                   f"{fmt(high.summary.now.median)}).")
    return out


def compare(sessions: Sequence[tuple[str, Session]], *, questions: Sequence[Question] = (),
            stage: StageName = lambda _v: "",
            series: Iterable[tuple[str, str]] | None = None) -> Comparison:
    """Compare `(source, session)` pairs. `series` are the confirmed series keys (None: every
    proposed one); `stage` names the stage of a position for the sentences."""
    ordered = order(sessions)
    labels = _labels(ordered)
    infos = [SessionInfo(i, labels[i], s.title.strip(), s.client.strip(), s.date, source)
             for i, (source, s) in enumerate(ordered)]
    models = [s for _, s in ordered]
    areas = _areas(infos, models)
    proposed = propose_series(ordered)
    chosen = proposed if series is None else [k for k in proposed if k in set(series)]
    found_series = _series(chosen, infos, models, areas)
    groups = _groups(infos, models)
    return Comparison(tuple(infos), tuple(areas), tuple(found_series), tuple(proposed),
                      tuple(groups), tuple(_templates(infos, models)),
                      tuple(_quiz(infos, models, questions)),
                      tuple(_words(areas, found_series, groups, stage)))
