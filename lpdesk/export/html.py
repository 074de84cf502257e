"""The summary as one self-contained HTML file: styles inline, pictures embedded as PNG
data URIs, no scripts and no external links, so it opens offline in any browser and can be
mailed as is. Every text that came from the session is cleared of control characters
(lpdesk.export.plain) and escaped with html.escape: a name
like `<script>alert(1)</script>` is shown, never run.
"""
from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from lpdesk import __version__
from lpdesk.export.document import (
    Block,
    BoardGrid,
    ChartFigure,
    ConsensusGrid,
    Document,
    Figure,
    Heading,
    ItemList,
    Paragraph,
    Prose,
    TableBlock,
    build_document,
)
from lpdesk.export.images import Picture, pictures, png_bytes
from lpdesk.export.plain import printable
from lpdesk.export.report import BoardReport, ConsensusReport, Report
from lpdesk.export.tables import Table
from lpdesk.export.wording import tr

if TYPE_CHECKING:
    from lpdesk.export.compare import CompareChart

HTML_DPI = 192  # twice a screen's 96 dpi: sharp on high-density screens

CSS = """
:root { --ink:#1F2933; --muted:#5F6B7A; --rule:#D5DCE3; --accent:#0B4F7C; }
* { box-sizing: border-box; }
body { margin: 0; background: #F3F6F9; color: var(--ink);
  font: 16px/1.5 "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
main { max-width: 60rem; margin: 0 auto; background: #fff; padding: 2.5rem 3rem 3rem;
  box-shadow: 0 0 0 1px var(--rule); }
header.title { border-top: 0.6rem solid #DDE8F1; margin: -2.5rem -3rem 2rem;
  padding: 2.5rem 3rem 1rem; }
.kicker { color: var(--accent); font-weight: 700; letter-spacing: .06em; font-size: .85rem; }
h1 { font-size: 2.2rem; line-height: 1.15; margin: .3rem 0; overflow-wrap: anywhere; }
.client { color: var(--muted); font-size: 1.3rem; margin: 0 0 1rem; }
h2 { color: var(--accent); border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
  margin-top: 2.5rem; }
h3 { margin: 1.8rem 0 .4rem; }
h4 { margin: 1.2rem 0 .3rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.5rem; }
dl.facts dt { color: var(--muted); font-weight: 700; }
dl.facts dd { margin: 0; }
nav ol { padding-left: 1.4rem; }
p, li { overflow-wrap: anywhere; }
.small { color: var(--muted); font-size: .85rem; }
figure { margin: .8rem 0 1rem; }
figure img { width: 100%; height: auto; display: block; }
.table-wrap { overflow-x: auto; margin: .6rem 0 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; }
th { text-align: left; background: #EEF2F6; color: var(--muted); font-weight: 700;
  border-bottom: 1px solid #9AA5B1; padding: .35rem .5rem; }
td { border-bottom: 1px solid var(--rule); padding: .35rem .5rem; vertical-align: top;
  overflow-wrap: anywhere; }
td.num, th.num { text-align: right; white-space: nowrap; }
td:first-child { font-weight: 600; }
table.grid { table-layout: fixed; font-size: .8rem; border: 1px solid #C3CCD5; }
table.grid thead th { background: var(--accent); color: #fff; border: 1px solid #C3CCD5; }
table.grid tbody th { background: #F3F6F9; text-align: left; vertical-align: top;
  width: 18%; padding: .4rem; border: 1px solid #C3CCD5; overflow-wrap: anywhere; }
table.grid td { border: 1px solid #C3CCD5; padding: .3rem; font-weight: normal; }
.note { display: block; color: var(--muted); font-size: .75rem; }
.card { border: 1px solid #C3CCD5; border-left: 4px solid #9AA5B1; background: #fff;
  padding: .2rem .35rem; margin: 0 0 .3rem; overflow-wrap: anywhere; }
.card.match { border-left-color: #1B7F4B; background: #E9F5EE; }
.card.mismatch { border-left-color: #B7410E; background: #FCEDE6; }
.card .mark { float: right; font-weight: 700; margin-left: .3rem; }
.card.match .mark { color: #1B7F4B; } .card.mismatch .mark { color: #B7410E; }
.card.heat { border-left-color: #5D8FB8; }
.badge { float: right; font-weight: 700; margin-left: .3rem; }
.deck { font-size: .85rem; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: .6rem; }
@media print { body { background: #fff; } main { box-shadow: none; max-width: none; }
  figure, tr { break-inside: avoid; } h2, h3 { break-after: avoid; } }
"""


def _e(text: str) -> str:
    return escape(printable(text), quote=True)


def _paragraphs(text: str) -> str:
    parts = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{_e(p).replace(chr(10), '<br>')}</p>" for p in parts)


def _table(data: Table | None) -> str:
    if data is None:
        return ""
    head = "".join(f'<th scope="col"{" class=num" if i in data.numeric else ""}>{_e(h)}</th>'
                   for i, h in enumerate(data.headers))
    rows = []
    for row in data.rows:
        cells = "".join(f'<td{" class=num" if i in data.numeric else ""}>{_e(v)}</td>'
                        for i, v in enumerate(row))
        rows.append(f"<tr>{cells}</tr>")
    return (f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _figure(picture: Picture | None) -> str:
    if picture is None:
        return ""
    data = base64.b64encode(png_bytes(picture.image)).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{_e(picture.alt)}">'
            f"</figure>")


def _grid(columns: tuple[str, ...], corner: str, rows: list[tuple[str, str, list[str]]],
          extra: str = "") -> str:
    """A board-like grid as an HTML table: text stays text (searchable, read aloud, crisp
    at any zoom) and a board of 150 cards weighs kilobytes, not megabytes of image."""
    head = f'<th scope="col">{_e(corner)}</th>' + "".join(
        f'<th scope="col">{_e(c)}</th>' for c in columns)
    body = []
    for label, note, cells in rows:
        note_html = f'<span class="note">{_e(note)}</span>' if note else ""
        body.append(f'<tr><th scope="row">{_e(label)}{note_html}</th>'
                    + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (f'<div class="table-wrap"><table class="grid"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>{extra}')


MARKS = {True: ("match", "\u2713", "matches the reference model"),
         False: ("mismatch", "\u2717", "placed elsewhere than the reference model"),
         None: ("unjudged", "", "")}


def _card(text: str, match: bool | None) -> str:
    css, mark, meaning = MARKS[match]
    label = f' <span class="mark" title="{_e(tr(meaning))}" aria-label="{_e(tr(meaning))}">' \
        f"{mark}</span>" if mark else ""
    return f'<div class="card {css}">{_e(text)}{label}</div>'


def _board_grid(board: BoardReport) -> str:
    agreement = dict(board.row_agreement)
    rows = []
    for r, name in enumerate(board.rows):
        a = agreement.get(name)
        note = tr("{m} of {p} match").format(m=a.matching, p=a.placed) \
            if a is not None and a.placed else ""
        rows.append((name, note, ["".join(_card(c.text, c.match) for c in cell)
                                  for cell in board.cells[r]]))
    extra = ""
    if board.deck:
        extra = (f'<p class="deck"><b>{_e(tr("Not placed ({n})").format(n=len(board.deck)))}:'
                 f"</b> " + "; ".join(_e(c.text) for c in board.deck) + "</p>")
    return _grid(board.columns, board.group, rows, extra)


def _heat_colour(count: int, boards: int) -> str:
    """The PDF's shades: palest for one board, darkest when every board agrees."""
    share = 1.0 if boards <= 1 else (count - 1) / (boards - 1)
    low, high = (0xEE, 0xF3, 0xF8), (0x6F, 0xA6, 0xD6)
    rgb = (round(lo + (hi - lo) * max(0.0, min(1.0, share))) for lo, hi in zip(low, high,
                                                                               strict=True))
    return "#" + "".join(f"{v:02X}" for v in rgb)


def _consensus_grid(view: ConsensusReport) -> str:
    n = max(1, len(view.boards))
    rows = []
    for r, name in enumerate(view.rows):
        cells = []
        for entries in view.grid[r]:
            cells.append("".join(
                f'<div class="card heat" style="background:{_heat_colour(count, n)}">'
                f'{_e(text)} <span class="badge">{count}/{n}</span></div>'
                for text, count in entries))
        rows.append((name, "", cells))
    note = tr("Shade and count: how many boards put the card in that cell. A disputed card "
              "shows in several cells.")
    legend = f'<p class="small">{_e(note)}</p>'
    return _grid(view.columns, "", rows, legend)


def _block(block: Block, next_picture: Callable[[str], Picture | None],
           chart_png: Callable[[CompareChart], str | None] | None = None) -> str:
    """One block as HTML (`chart_png`: a comparison chart's PNG, base64)."""
    if isinstance(block, Heading):
        return f"<h{block.level}>{_e(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        css = "" if block.style == "body" else f' class="{block.style}"'
        return f"<p{css}>{_e(block.text)}</p>"
    if isinstance(block, ChartFigure):
        data = chart_png(block.chart) if chart_png is not None else None
        return "" if data is None else (f'<figure><img src="data:image/png;base64,{data}" '
                                        f'alt="{_e(block.chart.title)}"></figure>')
    if isinstance(block, Prose):
        return _paragraphs(block.text)
    if isinstance(block, ItemList):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{_e(i)}</li>" for i in block.items) + f"</{tag}>"
    if isinstance(block, TableBlock):
        return _table(block.table)
    if isinstance(block, Figure):
        return _figure(next_picture(block.kind))
    if isinstance(block, BoardGrid):
        return _board_grid(block.board)
    if isinstance(block, ConsensusGrid):
        return _consensus_grid(block.view)
    return ""


def comparison_page(doc: Document, charts: dict[int, str]) -> bytes:
    """The comparison of workshops (document.build_comparison_document) as one HTML file;
    `charts`: each chart's PNG (base64) by id() of the chart."""
    parts = [f"<h1>{_e(doc.title)}</h1>", f'<p class="subtitle">{_e(doc.client)}</p>']
    parts += [html for html in (_block(b, lambda _kind: None, lambda c: charts.get(id(c)))
                                for b in doc.blocks) if html]
    body = "\n".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(doc.title)}</title><style>{CSS}</style></head>"
            f"<body><main>{body}</main></body></html>\n").encode()


def export_html(report: Report, progress: Callable[[int, int], bool] | None = None) -> bytes:
    doc = build_document(report)
    pics = pictures(report, dpi=HTML_DPI, captions=False, progress=progress, boards=False)
    by_kind: dict[str, list[Picture]] = {}
    for p in pics:
        by_kind.setdefault(p.kind, []).append(p)
    take = {k: iter(v) for k, v in by_kind.items()}

    def next_picture(kind: str) -> Picture | None:
        return next(take.get(kind, iter(())), None)

    out: list[str] = []
    add = out.append
    add("<!DOCTYPE html>")
    add('<html lang="en"><head><meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f'<meta name="generator" content="lpdesk {_e(__version__)}">')
    add(f"<title>{_e(doc.title)}</title><style>{CSS}</style></head><body><main>")
    add('<header class="title">')
    add(f'<div class="kicker">{_e(tr("WORKSHOP SUMMARY"))}</div>')
    add(f"<h1>{_e(doc.title)}</h1>")
    if doc.client:
        add(f'<p class="client">{_e(doc.client)}</p>')
    add('<dl class="facts">')
    for label, value in doc.details:
        add(f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>")
    add("</dl></header>")
    add(f'<nav aria-label="{_e(tr("Contents"))}"><h3>{_e(tr("Contents"))}</h3><ol>')
    for anchor, title in doc.contents:
        add(f'<li><a href="#{anchor}">{_e(title)}</a></li>')
    add("</ol></nav>")
    in_section = False
    for block in doc.blocks:
        if isinstance(block, Heading) and block.anchor is not None:  # a section starts
            if in_section:
                add("</section>")
            add(f'<section id="{block.anchor}"><h2>{_e(block.text)}</h2>')
            in_section = True
            continue
        html = _block(block, next_picture)
        if html:
            add(html)
    if in_section:
        add("</section>")
    add(f'<footer class="small">{_e(doc.credits)}</footer></main></body></html>')
    return ("\n".join(out) + "\n").encode("utf-8")
