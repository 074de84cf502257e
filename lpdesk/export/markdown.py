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

from lpdesk.export.document import (
    Block,
    BoardGrid,
    Document,
    Heading,
    ItemList,
    Paragraph,
    Prose,
    TableBlock,
    build_document,
)
from lpdesk.export.plain import printable
from lpdesk.export.report import BoardReport, Report
from lpdesk.export.tables import Table
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


def _block(block: Block) -> list[str]:
    """One block's lines, a blank line after it."""
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _cell(block.text), ""]
    if isinstance(block, Paragraph):
        text = _cell(block.text)
        return [text if block.style == "body" else f"*{text}*", ""]
    if isinstance(block, Prose):
        out = []
        for part in [p.strip() for p in _BLANK_LINE.split(lines_of(block.text)) if p.strip()]:
            out += [escape_md(part).replace("\n", "  \n"), ""]
        return out
    if isinstance(block, ItemList):
        return [f"{f'{i}.' if block.numbered else '-'} {_cell(item)}"
                for i, item in enumerate(block.items, 1)] + [""]
    if isinstance(block, TableBlock):
        return _table(block.table)
    if isinstance(block, BoardGrid):
        return _board(block.board)
    return []  # figures and the consensus grid: the PDF, HTML and PNG show them


def _board(board: BoardReport) -> list[str]:
    """A board as a list of its cells and the cards in them, then the deck."""
    out = []
    for row_index, row in enumerate(board.rows):
        for col_index, col in enumerate(board.columns):
            cards = board.cells[row_index][col_index]
            if cards:
                out.append(f"- **{_cell(row)} / {_cell(col)}:** "
                           + "; ".join(_card(c.text, c.match) for c in cards))
    if board.deck:
        out.append(f"- **{tr('Not placed')}:** " + "; ".join(_cell(c.text) for c in board.deck))
    return out + [""]


def export_markdown(report: Report) -> bytes:
    doc = build_document(report)
    out = [f"# {_cell(doc.title)}", ""]
    if doc.client:
        out += [f"**{_cell(doc.client)}**", ""]
    out += [f"- **{escape_md(label)}:** {_cell(value)}" for label, value in doc.details]
    out.append("")
    for block in doc.blocks:
        out += _block(block)
    out += ["---", "", escape_md(doc.credits)]
    return ("\n".join(out) + "\n").encode("utf-8")


def comparison_page(doc: Document) -> bytes:
    """The comparison of workshops (document.build_comparison_document) as Markdown."""
    out = [f"# {_cell(doc.title)}", "", _cell(doc.client), ""]
    for block in doc.blocks:
        out += _block(block)
    return "\n".join(out).encode("utf-8")


def _card(text: str, match: bool | None) -> str:
    mark = {True: " \u2713", False: " \u2717", None: ""}[match]
    return _cell(text) + mark
