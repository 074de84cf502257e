"""The summary as Markdown (text and tables; the charts are in the PDF, HTML and PNG exports).

Everything that came from the session is escaped so it reads literally in any renderer:
emphasis, code, link and table characters get a backslash, `<`, `>` and entity-like `&`
become HTML entities (some renderers do not honour a backslash before `<`, and raw HTML
would pass through), and a line that would start a heading, list or quote is neutralised.
Control characters are dropped first (lpdesk.export.plain), and bare web addresses are cut
so no renderer makes them live links. CommonMark ends a line at CR, LF or CR LF, so all
three count as line ends here; leading white space is dropped from every line (a
paragraph's renderer drops it too) so no text can indent itself into a code block, and
fields that are one line in the document (the client,
names, cells, sentences) have their line ends folded into spaces.
"""
from __future__ import annotations

import re

from lpdesk import __version__
from lpdesk.export.plain import printable
from lpdesk.export.report import Report
from lpdesk.export.tables import (
    Table,
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

_INLINE = re.compile(r"([\\`*_\[\]|~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)([#=+-])(?=[\s#=+-]|$)", re.MULTILINE)
_NUMBERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)", re.MULTILINE)
_LINE_END = re.compile(r"\r\n?|\n")
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# GitHub-flavoured Markdown makes live links of bare `http://...`, `https://...`,
# `ftp://...`, `www.x.org` and `ben@x.org` (its "extended autolinks"): a backslash before the
# scheme's colon, the dot after `www` and the at sign cuts each into separate text nodes,
# which no autolinker joins again; the text reads the same.
_SCHEME_COLON = re.compile(r"(?<=[A-Za-z0-9]):(?=//)")
_WWW_DOT = re.compile(r"(?<![^\W_])([Ww]{3})\.")
_EMAIL_AT = re.compile(r"(?<=[\w.+-])@(?=[\w-])")


def _no_autolinks(text: str) -> str:
    text = _SCHEME_COLON.sub(r"\\:", text)
    return _EMAIL_AT.sub(r"\\@", _WWW_DOT.sub(r"\1\\.", text))


def lines_of(text: str) -> str:
    """`text` with every CommonMark line end (CR LF, CR, LF) as LF."""
    return _LINE_END.sub("\n", text)


def escape_md(text: str) -> str:
    """User text as literal Markdown (inline: newlines kept)."""
    text = _INDENT.sub("", lines_of(printable(text)))
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\1\\\2", text)  # no heading, list item or rule
    text = _NUMBERED.sub(r"\1\\\2", text)  # "1." would start a numbered list
    return _no_autolinks(text)


def _cell(text: str) -> str:
    return escape_md(" ".join(printable(text).split()))  # \x1c-\x1f split as spaces


def _table(data: Table | None) -> list[str]:
    if data is None:
        return []
    lines = ["| " + " | ".join(_cell(h) for h in data.headers) + " |",
             "|" + "|".join("---:" if i in data.numeric else "---"
                            for i in range(len(data.headers))) + "|"]
    lines += ["| " + " | ".join(_cell(v) or " " for v in row) + " |" for row in data.rows]
    return lines + [""]


def _actions(actions: list[str] | tuple[str, ...]) -> list[str]:
    """The agreed actions as a numbered list (in the summary and again with the notes)."""
    return [f"### {tr('Agreed actions')}", "",
            *(f"{i}. {_cell(a)}" for i, a in enumerate(actions, 1)), ""]


def export_markdown(report: Report) -> bytes:
    r = report
    out: list[str] = []
    add = out.append
    add(f"# {_cell(r.display_title)}")
    add("")
    if r.client:
        add(f"**{_cell(r.client)}**")
        add("")
    for label, value in details(r):
        add(f"- **{escape_md(label)}:** {_cell(value)}")
    add("")
    titles = dict(sections(r))

    add(f"## {titles['summary']}")
    add("")
    for h in r.highlights or (tr("Nothing was recorded in this session yet."),):
        add(f"- {_cell(h)}")
    add("")
    if r.actions:
        out.extend(_actions(r.actions))
    add(f"### {tr('About the continuum')}")
    add("")
    add(_cell(continuum_intro(r)))
    add("")
    out.extend(_table(stages_table(r)))

    add(f"## {titles['continuum']}")
    add("")
    if not r.areas:
        add(tr("No areas of learning were placed."))
        add("")
    for area in r.areas:
        add(f"### {_cell(area.name)}")
        add("")
        add(_cell(" ".join(area.words)))
        add("")
        out.extend(_table(area_table(area)))
        out.extend(_table(group_table(area)))

    if r.quiz.runs:
        add(f"## {titles['quiz']}")
        add("")
        for w in r.quiz.words:
            add(_cell(w))
            add("")
        out.extend(_table(quiz_table(r.quiz)))
        add(f"*{_cell(tr('How the quiz is scored: ') + r.quiz.rule)}*")
        add("")

    if r.boards:
        add(f"## {titles['matrix']}")
        add("")
        add(_cell(matrix_intro()))
        add("")
        for board in r.boards:
            add(f"### {_cell(board_title(board))}")
            add("")
            add(_cell(" ".join(board.words)))
            add("")
            for row_index, row in enumerate(board.rows):
                for col_index, col in enumerate(board.columns):
                    cards = board.cells[row_index][col_index]
                    if not cards:
                        continue
                    add(f"- **{_cell(row)} / {_cell(col)}:** "
                        + "; ".join(_card(c.text, c.match) for c in cards))
            if board.deck:
                add(f"- **{tr('Not placed')}:** " + "; ".join(_cell(c.text) for c in board.deck))
            add("")
            mismatches = mismatch_table(board)
            if mismatches is not None:
                add(f"#### {tr('Cards placed away from the reference')}")
                add("")
                out.extend(_table(mismatches))

    if r.consensus:
        add(f"## {titles['consensus']}")
        add("")
        for view in r.consensus:
            if len(r.consensus) > 1:
                add(f"### {_cell(view.name)}")
                add("")
            add(_cell(" ".join(view.words)))
            add("")
            disputed = disputed_table(view)
            if disputed is not None:
                add(f"#### {tr('Most disputed cards')}")
                add("")
                out.extend(_table(disputed))
                add(f"*{_cell(disputed_note())}*")
                add("")

    add(f"## {titles['notes']}")
    add("")
    if not (r.actions or r.comments or r.notes):
        add(tr("No notes or actions were recorded."))
        add("")
    if r.actions:
        out.extend(_actions(r.actions))
    if r.comments:
        add(f"### {tr('Comments from the room')}")
        add("")
        out.extend(f"- {_cell(c)}" for c in r.comments)
        add("")
    if r.notes:
        add(f"### {tr('Facilitator’s notes')}")
        add("")
        for part in [p.strip() for p in _BLANK_LINE.split(lines_of(r.notes)) if p.strip()]:
            add(escape_md(part).replace("\n", "  \n"))
            add("")

    if r.people:
        add(f"## {titles['appendix']}")
        add("")
        out.extend(_table(appendix_table(r)))
    add("---")
    add("")
    add(escape_md(tr("Models used with credit: {c}. Prepared with lpdesk {v}.").format(
        c="; ".join(r.credits), v=__version__)))
    return ("\n".join(out) + "\n").encode("utf-8")


def _card(text: str, match: bool | None) -> str:
    mark = {True: " \u2713", False: " \u2717", None: ""}[match]
    return _cell(text) + mark
