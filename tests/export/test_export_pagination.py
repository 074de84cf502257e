"""PDF pagination: pages are filled. A table of tall rows (a board full of cards) used to move
each row that did not fit whole to the next page, so a page held two rows and up to a third of
it stayed empty; such a row now starts on the page it reaches, keeping whole lines and cards,
with the row's name repeated where it continues."""
from lpdesk.demo import demo_session
from lpdesk.export.layout import Block, Cell, Gap, Row, text_cell
from lpdesk.export.pages import paginate
from lpdesk.export.pdf import SummaryDocument
from lpdesk.export.summary import build_report
from lpdesk.export.text import PT, TextStyle

PAGE = 7000.0  # about an A4 page's body in the layout's units
WIDTHS = [120 * PT, 330 * PT]
CARD = 400.0  # a card's height: six make a row of more than a third of a page


def card_row(name: str, cards: int, card_h: float = CARD) -> Row:
    label = text_cell(name, TextStyle(10.0, bold=True), WIDTHS[0])
    return Row([label, Cell([Gap(card_h) for _ in range(cards)])], WIDTHS)


def table(rows: list[Row]) -> Block:
    return Block(rows, text_cell_row("Row", "Cards"))


def text_cell_row(*heads: str) -> Row:
    return Row([text_cell(h, TextStyle(10.0), w) for h, w in zip(heads, WIDTHS, strict=True)],
               WIDTHS)


def test_tall_rows_fill_the_pages(qapp):
    rows = [card_row(f"Row {i}", 6) for i in range(12)]  # each ~2,400: 2 whole rows a page
    pages = paginate([table(rows)], PAGE).pages
    fill = [sum(f.height() for f, _y in page.placed) / PAGE for page in pages]
    assert all(f >= 0.85 for f in fill[:-1]), fill
    assert len(pages) <= 5  # 12 rows of ~2,400 in pages of 7,000: 5 pages, not 6


def test_a_continued_row_repeats_its_name_and_keeps_whole_cards(qapp):
    rows = [card_row("Content", 6), card_row("Design", 12)]
    pages = paginate([table(rows)], PAGE).pages
    assert len(pages) == 2
    second = pages[1].placed[0][0]
    continued = second.rows[0]
    assert continued.cells[0].items  # the row's name again on the new page
    first_part = pages[0].placed[0][0].rows[-1]
    cards = len(first_part.cells[1].items) + len(continued.cells[1].items)
    assert cards == 12 and all(i.height == CARD for i in continued.cells[1].items)


def test_short_rows_are_never_broken(qapp):
    rows = [text_cell_row(f"Person {i}", "Blended") for i in range(200)]
    assert rows[0].height * 30 < PAGE
    pages = paginate([table(rows)], PAGE).pages
    per_page = [len(page.placed[0][0].rows) for page in pages]
    assert min(per_page[:-1]) >= 20  # a page holds many short rows...
    for page in pages:
        for row in page.placed[0][0].rows:
            assert len(row.cells[0].items) == 1  # ...each whole


def test_demo_pdf_pages_that_run_on_are_full(qapp):
    """On the demo, every page whose content runs on to the next page (the next page does
    not start a section, which always starts a page) is at least 85% full; the demo has such
    pages, tables continued on a new page among them, so this cannot hold vacuously."""
    doc = SummaryDocument(build_report(demo_session()))
    pages = doc.pagination.pages
    section_starts = set(doc.pagination.anchors.values())
    run_on = [i for i in range(1, len(pages) - 1) if i + 1 not in section_starts]
    assert len(run_on) >= 4
    fill = {i: max(y + f.height() for f, y in pages[i].placed) / doc.body_h for i in run_on}
    assert all(f >= 0.85 for f in fill.values()), fill
    continued = [i for i in range(1, len(pages)) if isinstance(pages[i].placed[0][0], Block)
                 and pages[i].placed[0][0].header is not None]
    assert continued, "no table runs on to a new page in the demo any more"
