"""The session summary as plain data: what the client reads, independent of the format.

Every exporter (PDF, HTML, Markdown, CSV, PNG) draws from one `Report`, so the figures and the
wording agree everywhere. The report is a snapshot: built on the GUI thread from the session
(`lpdesk.export.summary.build_report`), it can then be rendered on a worker thread while the
facilitator keeps working.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lpdesk.export.wording import tr
from lpdesk.model.matrix_stats import Agreement
from lpdesk.model.statistics import AreaSummary


@dataclass(frozen=True)
class StageInfo:
    name: str
    start: float
    end: float
    description: str


@dataclass(frozen=True)
class Position:
    """One subject's placement on an area, as shown (labels already anonymised)."""

    subject: str
    kind: str  # 'participant', 'group' or 'consensus'
    group: str  # the participant's group name ('' if none)
    colour: str
    now: float | None
    target: float | None
    now_stage: str
    target_stage: str

    @property
    def gap(self) -> float | None:
        return None if self.now is None or self.target is None else self.target - self.now


@dataclass(frozen=True)
class AreaReport:
    name: str
    basis: str  # 'participants' or 'groups': whose placements the statistics summarise
    stats: AreaSummary
    now_stage: str  # stage of the median now ('' when nobody placed)
    target_stage: str
    placements: tuple[Position, ...]  # participants
    groups: tuple[Position, ...]
    consensus: Position | None
    words: tuple[str, ...]  # the statistics in sentences

    @property
    def plotted(self) -> tuple[Position, ...]:
        """The positions the statistics and the chart's distribution describe."""
        return self.placements if self.basis == "participants" else self.groups


@dataclass(frozen=True)
class QuizAnswerRow:
    number: int  # question number in the quiz (1-based)
    question: str
    answer: str
    score: float | None


@dataclass(frozen=True)
class QuizRunReport:
    subject: str
    kind: str  # participant, group, room
    purpose: str  # now, target
    answered: int
    total: int
    position: float | None
    stage: str
    answers: tuple[QuizAnswerRow, ...]


@dataclass(frozen=True)
class QuizReport:
    runs: tuple[QuizRunReport, ...]
    words: tuple[str, ...]
    rule: str
    chart: AreaReport | None = None  # the results on the continuum, drawn like an area


@dataclass(frozen=True)
class CardView:
    text: str
    match: bool | None  # matches the reference model; None: cannot be judged


@dataclass(frozen=True)
class Mismatch:
    text: str
    placed: str  # "Row / Column"
    reference: str


@dataclass(frozen=True)
class CardPosition:
    """Where one card of a board is (for the CSV: one row per card)."""

    card_id: str
    text: str
    row: str  # '' when in the deck
    column: str
    reference_row: str
    reference_column: str
    match: bool | None


@dataclass(frozen=True)
class BoardReport:
    name: str
    group: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[tuple[CardView, ...], ...], ...]  # [row][column] -> cards
    deck: tuple[CardView, ...]
    agreement: Agreement
    has_reference: bool
    row_agreement: tuple[tuple[str, Agreement], ...]
    mismatches: tuple[Mismatch, ...]
    positions: tuple[CardPosition, ...]  # in board order
    words: tuple[str, ...]

    @property
    def card_count(self) -> int:
        return sum(len(c) for row in self.cells for c in row) + len(self.deck)


@dataclass(frozen=True)
class DisputedCard:
    text: str
    spread: tuple[tuple[str, int], ...]  # "Row / Column" or "not placed" -> boards
    placed_by: int
    disagreement: float


@dataclass(frozen=True)
class ActionItem:
    """An agreed action with who takes it on and by when ('' when not said); `line` is the
    one wording every format prints (model.room.action_line)."""

    text: str
    owner: str
    due: str  # 'YYYY-MM-DD' or ''
    line: str


@dataclass(frozen=True)
class ConsensusReport:
    """The same template's boards compared card by card."""

    name: str
    boards: tuple[str, ...]
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    grid: tuple[tuple[tuple[tuple[str, int], ...], ...], ...]  # [row][column] -> (card text,
    # boards that put it there), most boards first: the heat map
    cells: tuple[str, ...]  # "Row / Column" in grid order
    cards: tuple[str, ...]  # card texts, most disputed first
    counts: tuple[tuple[int, ...], ...]  # [card][cell] -> number of boards
    disagreement: tuple[float, ...]  # per card
    most_disputed: tuple[DisputedCard, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    label: str
    group: str
    colour: str


@dataclass(frozen=True)
class Report:
    title: str
    client: str
    date: str  # as shown
    iso_date: str
    facilitator: str
    anonymised: bool
    people: tuple[Person, ...]
    groups: tuple[tuple[str, str, tuple[str, ...]], ...]  # name, colour, member labels
    stages: tuple[StageInfo, ...]
    left_label: str
    right_label: str
    by_groups: bool
    areas: tuple[AreaReport, ...]
    quiz: QuizReport
    boards: tuple[BoardReport, ...]
    consensus: tuple[ConsensusReport, ...]
    notes: str
    actions: tuple[str, ...]  # each with its owner and due date: room.action_line
    comments: tuple[str, ...]
    highlights: tuple[str, ...]  # the key findings, for the first page of the summary
    credits: tuple[str, ...]
    stage_names_used: frozenset[str] = field(default_factory=frozenset)
    action_items: tuple[ActionItem, ...] = ()  # the same actions, their parts apart

    @property
    def display_title(self) -> str:
        return self.title or tr("Workshop summary")
