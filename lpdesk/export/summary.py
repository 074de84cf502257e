"""Building the session summary (`Report`, in `lpdesk.export.report`) from a session:
the figures, the sentences that say them, and the key findings, with participants
anonymised by `lpdesk.export.anonymise.Names` when asked.
"""
from __future__ import annotations

from collections.abc import Iterable

from lpdesk.content.stages import ContinuumContent, continuum_content
from lpdesk.export.anonymise import Names
from lpdesk.export.report import (
    ActionItem,
    AreaReport,
    BoardReport,
    CardPosition,
    CardView,
    ConsensusReport,
    DisputedCard,
    Mismatch,
    Person,
    Position,
    QuizAnswerRow,
    QuizReport,
    QuizRunReport,
    Report,
    StageInfo,
)
from lpdesk.export.wording import fmt_date, fmt_gap, fmt_position, fmt_share, plural, tr
from lpdesk.model import continuum_words
from lpdesk.model.continuum import Placement
from lpdesk.model.matrix import Board, Cell
from lpdesk.model.matrix_stats import (
    agreement_in_rows,
    board_agreement,
    compared_boards,
    consensus_overview,
)
from lpdesk.model.room import action_line
from lpdesk.model.session import Session
from lpdesk.model.statistics import AreaSummary, Spread, counts_groups, summarise

MOST_DISPUTED = 10  # disputed cards listed per consensus view
MATRIX_CREDIT = "Traditional vs New Workplace Learning: Jane Hart"


def _stage_name(content: ContinuumContent, value: float | None) -> str:
    return "" if value is None else content.stage_at(value).name


def _position(content: ContinuumContent, subject: str, kind: str, group: str, colour: str,
              p: Placement) -> Position:
    return Position(subject, kind, group, colour, p.now, p.target,
                    _stage_name(content, p.now), _stage_name(content, p.target))


def _spread_words(spread: Spread, what: str) -> str:
    iqr = spread.iqr or 0.0
    if spread.count < 3:
        return ""
    if iqr <= 10:
        return tr("Views on {what} are close: the middle half of the answers lies within "
                  "{iqr} points.").format(what=what, iqr=fmt_position(iqr))
    if iqr <= 25:
        return tr("Views on {what} differ somewhat: the middle half of the answers spans "
                  "{iqr} points.").format(what=what, iqr=fmt_position(iqr))
    return tr("Views on {what} differ widely: the middle half of the answers spans {iqr} "
              "points, which is worth a conversation.").format(what=what, iqr=fmt_position(iqr))


def words_tr(text: str) -> str:
    """The shared continuum wording (lpdesk.model.continuum_words), as on the screen."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ContinuumWords", text)


def _area_words(name: str, basis: str, total: int, stats: AreaSummary,
                plotted: tuple[Position, ...], groups: tuple[Position, ...],
                agreed: Position | None, content: ContinuumContent) -> tuple[str, ...]:
    """The area in sentences: who placed, then the same words the room saw on the
    continuum page (lpdesk.model.continuum_words), then the spread and the groups."""
    out: list[str] = []
    if stats.now.count == 0 and stats.target.count == 0:
        out.append(tr("No placements were made for this area."))
    else:
        count = max(stats.now.count, stats.target.count)
        if basis == "participants":
            text = tr("{n} of {total} participants placed a marker for {area}.") \
                if count < total else \
                plural(total, tr("The participant placed a marker for {area}."),
                       tr("All {total} participants placed a marker for {area}."))
        else:
            text = tr("{n} of {total} groups placed a marker for {area}.") \
                if count < total else \
                plural(total, tr("The group placed a marker for {area}."),
                       tr("All {total} groups placed a marker for {area}."))
        out.append(text.format(n=count, total=total, area=name))
        now = [p.now for p in plotted if p.now is not None]
        target = [p.target for p in plotted if p.target is not None]
        out.append(continuum_words.room_sentence(now, target, content, basis == "groups",
                                                 words_tr))
        standing = continuum_words.standing_line(stats.now, stats.target, content,
                                                 words_tr)
        if standing:
            out.append(tr("Medians: {standing}.").format(standing=standing))
        gap = continuum_words.gap_sentence(stats.gap, words_tr)
        if gap:
            out.append(gap)
        for spread, what in ((stats.now, tr("today\u2019s position")),
                             (stats.target, tr("the target"))):
            sentence = _spread_words(spread, what)
            if sentence:
                out.append(sentence)
    placed_groups = [g for g in groups if g.now is not None]
    if len(placed_groups) >= 2:
        low = min(placed_groups, key=lambda g: g.now or 0.0)
        high = max(placed_groups, key=lambda g: g.now or 0.0)
        out.append(tr("Group positions for today run from {lo} ({lg}) to {hi} ({hg}).").format(
            lo=fmt_position(low.now), lg=low.subject, hi=fmt_position(high.now),
            hg=high.subject))
    if agreed is not None:
        sentence = continuum_words.agreed_sentence(Placement(agreed.now, agreed.target),
                                                   content, words_tr)
        if sentence:
            out.append(sentence)
    return tuple(out)


def _areas(session: Session, names: Names, content: ContinuumContent) -> list[AreaReport]:
    result = []
    for area in session.continuum.areas:
        people = []
        for p in session.participants:
            placement = area.placements.get(p.id)
            if placement is None or placement.is_empty():
                continue
            group = names.group.get(p.group_id or "", "")
            people.append(_position(content, names.label[p.id], "participant", group,
                                    p.colour, placement))
        group_positions = []
        for g in session.groups:
            placement = area.group_placements.get(g.id)
            if placement is not None and not placement.is_empty():
                group_positions.append(_position(content, names.group[g.id], "group",
                                                 names.group[g.id], g.colour,
                                                 placement))
        agreed = None
        if not area.consensus.is_empty():
            agreed = _position(content, tr("Agreed by the room"), "consensus", "", "#000000",
                               area.consensus)
        by_groups = counts_groups(area)  # the area's own switch, as its page shows
        basis = "groups" if by_groups else "participants"
        plotted = people if basis == "participants" else group_positions
        stats = summarise(Placement(p.now, p.target) for p in plotted)
        now_stage = _stage_name(content, stats.now.median)
        target_stage = _stage_name(content, stats.target.median)
        area_name = names.text(area.name)
        total = len(session.participants) if basis == "participants" else len(session.groups)
        result.append(AreaReport(
            area_name, basis, stats, now_stage, target_stage, tuple(people),
            tuple(group_positions), agreed,
            _area_words(area_name, basis, total, stats, tuple(plotted),
                        tuple(group_positions), agreed, content)))
    return result


def _quiz(session: Session, names: Names, content: ContinuumContent) -> QuizReport:
    from lpdesk.content.quiz import quiz_content
    from lpdesk.model.quiz_scoring import score

    quiz = quiz_content()
    groups = names.group
    runs = []
    for run in session.quiz.runs:
        if run.subject_kind == "participant":
            subject = names.label.get(run.subject_id or "", tr("(removed participant)"))
        elif run.subject_kind == "group":
            subject = groups.get(run.subject_id or "", tr("(removed group)"))
        else:
            subject = tr("The whole room")
        result = score(quiz.questions, run.answers)
        answers = []
        for number, question in enumerate(quiz.questions, 1):
            answer_id = run.answers.get(question.id)
            if answer_id is None:
                continue
            answer = question.answer(answer_id)
            answers.append(QuizAnswerRow(
                number, question.text, answer.text if answer else tr("(answer no longer in "
                                                                     "the quiz)"),
                answer.score if answer else None))
        runs.append(QuizRunReport(subject, run.subject_kind, run.purpose, result.answered,
                                  result.total, result.position,
                                  _stage_name(content, result.position), tuple(answers)))
    quiz_words: list[str] = []
    scored = [r for r in runs if r.position is not None]
    for purpose, label in (("now", tr("today")), ("target", tr("the target"))):
        values = sorted(r.position for r in scored if r.purpose == purpose and r.position
                        is not None)
        if values:
            median = Spread.of(values).median
            stage = _stage_name(content, median)
            lo, hi = fmt_position(values[0]), fmt_position(values[-1])
            if len(values) == 1:
                text = tr("1 quiz result for {what}: {m}, in the {stage} stage.")
            elif lo == hi:
                text = tr("{n} quiz results for {what}, all at {m}, in the {stage} stage.")
            else:
                text = tr("{n} quiz results for {what}: median {m}, in the {stage} stage "
                          "(from {lo} to {hi}).")
            quiz_words.append(text.format(n=len(values), what=label, m=fmt_position(median),
                                          stage=stage, lo=lo, hi=hi))
    if runs and not scored:
        quiz_words.append(tr("The quiz was started but no answer was counted yet."))
    return QuizReport(tuple(runs), tuple(quiz_words), quiz.scoring_rule,
                      _quiz_chart(runs, content))


def _quiz_chart(runs: list[QuizRunReport], content: ContinuumContent) -> AreaReport | None:
    """The quiz results as an area: one now/target pair per subject (their latest runs)."""
    pairs: dict[tuple[str, str], list[float | None]] = {}
    for run in runs:
        if run.position is not None:
            pair = pairs.setdefault((run.kind, run.subject), [None, None])
            pair[0 if run.purpose == "now" else 1] = run.position
    if not pairs:
        return None
    positions = tuple(_position(content, subject, kind, "", "#000000", Placement(now, target))
                      for (kind, subject), (now, target) in pairs.items())
    stats = summarise(Placement(p.now, p.target) for p in positions)
    return AreaReport(tr("Quick quiz results"), "participants", stats,
                      _stage_name(content, stats.now.median),
                      _stage_name(content, stats.target.median), positions, (), None, ())


AxisNames = tuple[dict[str, str], dict[str, str]]  # row id -> name, column id -> name


def _axis_names(board: Board) -> AxisNames:
    return {r.id: r.name for r in board.rows}, {c.id: c.name for c in board.columns}


def _cell_name(board: Board, cell: Cell | None, axes: AxisNames | None = None) -> str:
    if cell is None:
        return tr("not placed")
    rows, cols = axes or _axis_names(board)
    return f"{rows.get(cell[0], '?')} / {cols.get(cell[1], '?')}"


def _reference_of(board: Board, card, axes: AxisNames | None = None) -> tuple[str, str, str]:
    """(display, reference row name, reference column name) of a card's reference."""
    rows, cols = axes or _axis_names(board)
    if card.reference is not None:
        r, c = rows.get(card.reference[0], ""), cols.get(card.reference[1], "")
        return f"{r} / {c}", r, c
    column = getattr(card, "reference_column", None)
    if column is not None:
        c = cols.get(column, "")
        return tr("{column} (any row)").format(column=c), "", c
    return "", "", ""


def _board(board: Board, names: Names, groups: dict[str, str]) -> BoardReport:
    """The board's report, in time linear in its cards (a board may hold thousands)."""
    t = names.text
    axes = _axis_names(board)
    judged: dict[str, bool | None] = {}  # as matches_reference, without its search by id
    in_cell: dict[Cell | None, list] = {}  # as board.cards_in, in board order
    for card in board.cards:
        cell = board.positions.get(card.id)
        judged.setdefault(card.id, card.matches(cell))
        in_cell.setdefault(cell, []).append(card)
    cells = []
    for row in board.rows:
        cells.append(tuple(
            tuple(CardView(t(card.text), judged[card.id])
                  for card in in_cell.get((row.id, col.id), ()))
            for col in board.columns))
    deck = tuple(CardView(t(c.text), None) for c in in_cell.get(None, ()))
    agreement = board_agreement(board)
    has_reference = any(c.reference is not None or getattr(c, "reference_column", None)
                        for c in board.cards)
    rows, cols = axes
    row_agree = tuple((t(rows[rid]), a) for rid, a in agreement_in_rows(board).items()
                      if a.placed)  # the cards shown in the row, as on the board
    mismatches = []
    positions = []
    for card in board.cards:
        cell = board.positions.get(card.id)
        ref_display, ref_row, ref_col = _reference_of(board, card, axes)
        if judged[card.id] is False:
            mismatches.append(Mismatch(t(card.text), t(_cell_name(board, cell, axes)),
                                       t(ref_display)))
        row_name = col_name = ""
        if cell is not None:
            row_name = rows.get(cell[0], "")
            col_name = cols.get(cell[1], "")
        positions.append(CardPosition(card.id, t(card.text), t(row_name), t(col_name),
                                      t(ref_row), t(ref_col), judged[card.id]))
    words = []
    placed = sum(1 for c in board.cards if c.id in board.positions)
    words.append(tr("{placed} of {total} cards were placed.").format(
        placed=placed, total=len(board.cards)))
    if not has_reference:
        words.append(tr("This board has no reference positions to compare with."))
    elif agreement.placed == 0:
        words.append(tr("No card with a reference position has been placed yet."))
    else:
        words.append(tr("{m} of {p} placed cards sit where the reference model puts them "
                        "({share} agreement).").format(
            m=agreement.matching, p=agreement.placed, share=fmt_share(agreement.share)))
    group = groups.get(board.group_id or "", "")
    return BoardReport(t(board.name), group, tuple(t(r.name) for r in board.rows),
                       tuple(t(c.name) for c in board.columns), tuple(cells), deck, agreement,
                       has_reference, row_agree, tuple(mismatches), tuple(positions),
                       tuple(words))


def _template_name(template_id: str) -> str:
    """The template's name when the matrix content is part of this build."""
    try:
        from lpdesk.content.templates import templates
    except ImportError:
        return tr("Boards from the same template")
    for template in templates():
        if getattr(template, "id", None) == template_id:
            return str(getattr(template, "name", "")) or template_id
    return tr("Boards from the same template")


def _consensus(session: Session, names: Names,
               groups: dict[str, str]) -> list[ConsensusReport]:
    by_template: dict[str, list[Board]] = {}
    for board in session.matrix.boards:
        if board.template_id is not None:
            by_template.setdefault(board.template_id, []).append(board)
    result = []
    t = names.text
    for siblings in by_template.values():
        # only boards with cards placed are compared, and a card no group placed is never
        # disputed (matrix_stats); the words say how many boards were left out
        overview, per_card = consensus_overview(siblings)
        if not overview.possible:
            continue
        boards = compared_boards(siblings)
        first = boards[0]
        grid = [(r.id, c.id) for r in first.rows for c in first.columns]
        cell_names = tuple(t(_cell_name(first, cell)) for cell in grid)
        counts = tuple(tuple(cc.counts.get(cell, 0) for cell in grid) for cc in per_card)
        disputed = []
        for cc in per_card:
            if not cc.disputed or len(disputed) >= MOST_DISPUTED:
                continue
            spread = sorted(((t(_cell_name(first, cell)), n) for cell, n in cc.counts.items()),
                            key=lambda x: -x[1])
            disputed.append(DisputedCard(t(cc.text), tuple(spread), cc.placed_by,
                                         cc.disagreement))
        board_names = tuple(t(groups.get(b.group_id or "", "") or b.name) for b in boards)
        agreed, judged = overview.agreed, overview.judged
        words = [tr("{n} boards compared card by card: {names}.").format(
            n=len(boards), names=tr(", ").join(board_names))]
        if overview.left_out:
            words.append(tr("1 board without cards placed is left out.")
                         if overview.left_out == 1 else
                         tr("{n} boards without cards placed are left out.").format(
                             n=overview.left_out))
        if judged:
            words.append(tr("Of the {j} cards placed by two boards or more, {a} sit in the same "
                            "cell on every board that placed them.").format(j=judged, a=agreed))
        grid_cards = []
        for r in first.rows:
            grid_row = []
            for c in first.columns:
                here = [(t(cc.text), cc.counts.get((r.id, c.id), 0)) for cc in per_card]
                grid_row.append(tuple(sorted((x for x in here if x[1]), key=lambda x: -x[1])))
            grid_cards.append(tuple(grid_row))
        result.append(ConsensusReport(_template_name(first.template_id or ""),
                                      board_names, tuple(t(r.name) for r in first.rows),
                                      tuple(t(c.name) for c in first.columns),
                                      tuple(grid_cards), cell_names,
                                      tuple(t(cc.text) for cc in per_card), counts,
                                      tuple(cc.disagreement for cc in per_card),
                                      tuple(disputed), tuple(words)))
    return result


def _highlights(areas: Iterable[AreaReport], quiz: QuizReport, boards: Iterable[BoardReport],
                actions: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for area in areas:
        s = area.stats
        if s.now.median is None:
            continue
        text = tr("{area}: today {stage} ({m})").format(area=area.name, stage=area.now_stage,
                                                         m=fmt_position(s.now.median))
        if s.target.median is not None:
            text += tr(", target {stage} ({m})").format(stage=area.target_stage,
                                                        m=fmt_position(s.target.median))
        if s.gap.median is not None:
            text += tr(", median gap {g}").format(g=fmt_gap(s.gap.median))
        out.append(text + ".")
    out.extend(quiz.words[:1])
    judged = [b for b in boards if b.agreement.placed]
    if judged:
        matching = sum(b.agreement.matching for b in judged)
        placed = sum(b.agreement.placed for b in judged)
        out.append(plural(len(judged), tr(
            "Practices matrix: {share} of placed cards agree with the reference model."), tr(
            "Practices matrix: {share} of placed cards agree with the reference model across "
            "{n} boards.")).format(share=fmt_share(matching / placed), n=len(judged)))
    if actions:
        out.append(plural(len(actions), tr("1 action agreed."),
                          tr("{n} actions agreed.")).format(n=len(actions)))
    return tuple(out)


def build_report(session: Session, anonymise: bool = False,
                 include_notes: bool = False) -> Report:
    """The summary of `session`, with participants as P1, P2 ... when `anonymise`. The
    set-up page's notes are the facilitator's private notes: they reach the client only
    with `include_notes` (the export dialog's "Include my private notes", default off)."""
    content = continuum_content()
    names = Names(session, anonymise)
    t = names.text
    group_names = names.group
    people = tuple(Person(names.label[p.id], group_names.get(p.group_id or "", ""), p.colour)
                   for p in session.participants)
    groups = tuple((names.group[g.id], g.colour,
                    tuple(names.label[p.id] for p in session.members(g.id)))
                   for g in session.groups)
    areas = _areas(session, names, content)
    quiz = _quiz(session, names, content)
    boards = [_board(b, names, group_names) for b in session.matrix.boards]
    agreed = _consensus(session, names, group_names)
    # only what the facilitator accepted: a phone's pending or rejected note stays out
    # an action's owner and due date ride in its line, one wording for every format
    # (model.room.action_line); action_items keeps the parts apart for tables
    action_items = tuple(
        ActionItem(t(n.text), t(n.owner), n.due, t(action_line(n, words_tr)))
        for n in session.room.accepted("action") if n.text.strip())
    actions = tuple(item.line for item in action_items)
    comments = tuple(t(n.text) for n in session.room.accepted("comment") if n.text.strip())
    used = {a.now_stage for a in areas} | {a.target_stage for a in areas}
    for area in areas:
        for pos in (*area.placements, *area.groups,
                    *((area.consensus,) if area.consensus else ())):
            used |= {pos.now_stage, pos.target_stage}
    used |= {r.stage for r in quiz.runs}
    used.discard("")
    credits = (content.credit, MATRIX_CREDIT)
    return Report(
        title=t(session.title), client=t(session.client), date=fmt_date(session.date),
        iso_date=session.date, facilitator=session.facilitator, anonymised=anonymise,
        people=people, groups=groups,
        stages=tuple(StageInfo(s.name, s.start, s.end, s.description) for s in content.stages),
        left_label=content.left_label, right_label=content.right_label,
        by_groups=any(a.by_groups for a in session.continuum.areas), areas=tuple(areas),
        quiz=quiz,
        boards=tuple(boards), consensus=tuple(agreed),
        notes=t(session.notes.strip()) if include_notes else "",
        actions=actions, comments=comments,
        highlights=_highlights(areas, quiz, boards, actions), credits=credits,
        stage_names_used=frozenset(used), action_items=action_items)
