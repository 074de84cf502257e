"""The session's data as tidy tables in one CSV file, for a client's own analysis.

One file, one header, and a first column `table` naming the table each row belongs to
(filter on it in Excel): a single file travels by e-mail as one attachment and opens with a
double click, where several files would need a zip. The tables:

- `placement`: one row per placement (participant, group, or the agreed position) per area;
- `area_statistics`: one row per area and measure (now, target, gap): count, median,
  quartiles (inclusive method, as Excel's QUARTILE.INC), IQR, lowest, highest;
- `quiz_answer`: one row per answer of each quiz run, with the run's position;
- `card_position`: one row per card per board: where it is, where the model puts it, match;
- `action`, `comment`: the room's notes;
- `facilitator_notes`: the facilitator's private notes, only when the export includes them.

Columns that do not apply to a table are left empty. Numbers are written in full precision
(Python's shortest exact form), so positions read back equal to the session's; derived
figures (gaps, statistics, quiz positions) are rounded to 6 decimals. Positions are on the
0-100 scale. The file is UTF-8 with a byte order mark, so Excel keeps names like Chloé
and Søren intact.

Against CSV injection (OWASP): every cell that is not one of our plain numbers and starts
with a character a spreadsheet may read as the start of a formula gets a leading apostrophe:
= + - @ and their full-width forms ＝ ＋ － ＠, and any leading white space or control
character (space, tab, CR, LF ...), which spreadsheets skip before looking for a formula.
Control characters are dropped from every cell first (lpdesk.export.plain). The guard runs on
every cell as the rows are written, card ids included, so a column added
later cannot miss it.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata

from lpdesk.export.plain import printable
from lpdesk.export.report import Report
from lpdesk.export.tables import ACTION_CSV, action_rows

COLUMNS = (
    "table", "area", "subject_kind", "subject", "group", "measure", "now", "target", "gap",
    "now_stage", "target_stage", "count", "median", "q1", "q3", "iqr", "low", "high",
    "run", "purpose", "position", "stage", "question_number", "question", "answer", "score",
    "board", "card_id", "card", "row", "column", "reference_row", "reference_column",
    "matches_reference", "text",
)
FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?")  # as _num writes them


def _num(value: float | int | None, derived: bool = False) -> str:
    """A number in its shortest exact form; a derived one (gap, statistics) rounded to 6
    decimals, so 67.3 - 40.5 reads 26.8 rather than 26.799999999999997."""
    if value is None:
        return ""
    value = round(float(value), 6) if derived else float(value)
    if value.is_integer():
        return str(int(value))
    return repr(value)


def _text(value: str) -> str:
    return printable(value or "")


def guard(cell: str) -> str:
    """The cell as written: with a leading apostrophe when a spreadsheet could take it
    for a formula (see the module's note); our own numbers are left as they are."""
    if not cell:
        return cell
    first = cell[0]
    if first.isalnum() or first in "'\"(./":  # the common case, quickly
        return cell
    if first in FORMULA_START or first.isspace() or unicodedata.category(first)[0] == "C":
        return cell if PLAIN_NUMBER.fullmatch(cell) else "'" + cell
    return cell


def rows(report: Report) -> list[dict[str, str]]:
    """Every row of every table, as column -> text."""
    out: list[dict[str, str]] = []

    def add(table: str, **values: str) -> None:
        out.append({"table": table, **values})

    for area in report.areas:
        for p in (*area.placements, *area.groups, *((area.consensus,) if area.consensus
                                                      else ())):
            add("placement", area=_text(area.name), subject_kind=p.kind,
                subject=_text(p.subject), group=_text(p.group), now=_num(p.now),
                target=_num(p.target), gap=_num(p.gap, True), now_stage=p.now_stage,
                target_stage=p.target_stage)
        for measure, spread in (("now", area.stats.now), ("target", area.stats.target),
                                ("gap", area.stats.gap)):
            add("area_statistics", area=_text(area.name), subject_kind=area.basis,
                measure=measure, count=str(spread.count), median=_num(spread.median, True),
                q1=_num(spread.q1, True), q3=_num(spread.q3, True),
                iqr=_num(spread.iqr, True), low=_num(spread.low, True),
                high=_num(spread.high, True),
                stage={"now": area.now_stage, "target": area.target_stage}.get(measure, ""))
    for number, run in enumerate(report.quiz.runs, 1):
        base = dict(subject_kind=run.kind, subject=_text(run.subject), run=str(number),
                    purpose=run.purpose, position=_num(run.position, True), stage=run.stage)
        if not run.answers:
            add("quiz_answer", **base)
        for answer in run.answers:
            add("quiz_answer", **base, question_number=str(answer.number),
                question=_text(answer.question), answer=_text(answer.answer),
                score=_num(answer.score))
    for board in report.boards:
        for pos in board.positions:
            add("card_position", board=_text(board.name), group=_text(board.group),
                card_id=pos.card_id, card=_text(pos.text), row=_text(pos.row),
                column=_text(pos.column), reference_row=_text(pos.reference_row),
                reference_column=_text(pos.reference_column),
                matches_reference="" if pos.match is None else ("yes" if pos.match else "no"))
    for action in action_rows(report):  # the columns: tables.ACTION_CSV
        add("action", **{c: _text(str(getattr(action, c))) for c in ACTION_CSV})
    for text in report.comments:
        add("comment", text=_text(text))
    if report.notes:  # only there when the facilitator chose to include them
        add("facilitator_notes", text=_text(report.notes))
    return out


def export_csv(report: Report) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: guard(printable(value)) for key, value in row.items()}
                     for row in rows(report))
    return buffer.getvalue().encode("utf-8-sig")
