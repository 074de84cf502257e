"""Where everything on a practices board goes, for a given view size: pure geometry.

The grid always fills the view. Cards get the largest font (from a size that grows with the
view, down to a still-legible minimum) at which every cell AND the deck show all their
cards; to get there a long deck widens and puts its cards side by side. If nothing fits at
the minimum, the largest font at which the grid fits wins and the deck scrolls; a grid that
does not fit even then lets only its fullest rows scroll, each row still as tall as its
tallest card (a card is never cut). Headers (row and column names, the deck's title) are
measured with the font they are drawn in and are never narrower than their longest word,
so they never run into the grid; every length grows with the card font, so a big card
keeps its shape. Kept apart from the scene so the rules are easy to read and to test.

That is the room's screen, where no placed card may hide. The facilitator's board is
`steady`: the same rules choose its frame (text size, rows, columns, deck) for the board's
capacity, every cell holding its even share of the cards (the tallest among them), never
for where they are; a cell holding more scrolls a line at a time. So a card a phone moves
moves only the cards of the two cells it changes, and a room sorting at once never makes
the board jump under the facilitator's hand (docs/architecture.md, "The frame budget").
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont

from lpdesk.model.matrix import Board, Cell
from lpdesk.ui.matrix.flow import (
    CARD_GAP,
    MEASURE,
    MIN_CARD_W,
    PAD_X,
    PAD_Y,
    card_height,
    flow,
    font_px,
)

MARGIN = 8.0
GAP = 5.0  # between cells, and between the grid and the deck
CELL_PAD = 4.0
MIN_FONT = 12.0  # px at font scale 1: the smallest card text we still call legible
DECK_SHARES = (0.2, 0.27, 0.34, 0.41)  # of the width: a long deck widens (more cards a
# line) rather than scroll, as long as the grid still fits
ROOM_DECK_SHARES = (0.2, 0.17, 0.14)  # a tight room's screen: a narrower deck (it may
# scroll) before smaller card text
HEADER_RATIO = 1.1  # header text to card text: names stand out without eating the grid
NOTE_RATIO = 0.85  # a row's second line (its agreement) to card text
HINT_RATIO = 0.82  # "Model: ..." under a card, to card text
ROW_HEAD_SHARE = 0.13  # of the width: row names longer than this wrap (never mid-word)

DeckKey = None  # the deck is the container whose key is None, like a card's "no cell"


@dataclass
class Container:
    """A cell or the deck: its frame in the scene, and its cards in content coordinates."""

    key: Cell | None
    rect: QRectF
    cards: list[tuple[str, QRectF]] = field(default_factory=list)
    content_height: float = 0.0

    @property
    def overflows(self) -> bool:
        return self.content_height > self.rect.height() + 0.5


@dataclass
class BoardLayout:
    scale: float  # the lengths above are multiplied by this (card font px / 16)
    card_font: QFont
    hint_font: QFont
    header_font: QFont
    deck_title: QRectF
    row_headers: list[tuple[str, QRectF]]
    column_headers: list[tuple[str, QRectF]]
    containers: dict[Cell | None, Container]
    note_font: QFont = field(default_factory=QFont)
    deck_title_text: str = ""
    deck_columns: int = 1
    marks: bool = False  # cards keep MARK_W free on the right (the model is revealed)
    size: int = 16  # the card text size (px) chosen: the next layout's `near`

    def container_at(self, x: float, y: float) -> Container | None:
        for container in self.containers.values():
            if container.rect.contains(x, y):
                return container
        return None


def base_font_size(width: float, height: float, scale: float) -> float:
    """Bigger views get bigger cards: the room reads the projector from far away."""
    return max(14.0, min(26.0, 16.0 * min(width / 1040.0, height / 600.0))) * scale


def min_card_font(scale: float) -> int:
    """The smallest card text (px) the layout may use to fit a board at `scale`."""
    return math.floor(MIN_FONT * scale + 1e-6)


def share_height(needs: list[float], room: float) -> list[float]:
    """Heights for rows that need more than `room` in all: rows needing less than an even
    share get all they need, the rest share what is left evenly. So a short row never
    scrolls because a long one elsewhere is too long."""
    heights = [0.0] * len(needs)
    left, open_rows = room, sorted(range(len(needs)), key=lambda i: needs[i])
    while open_rows:
        share = left / len(open_rows)
        i = open_rows[0]
        if needs[i] > share:
            for j in open_rows:
                heights[j] = share
            break
        heights[i] = needs[i]
        left -= needs[i]
        open_rows.pop(0)
    return heights


@dataclass
class _Plan:
    """One try: the board laid out at one card font size with the deck at one width."""

    size: float
    s: float
    fonts: tuple[QFont, QFont, QFont, QFont]  # card, hint, header, note
    row_head_w: float
    col_w: float
    head_h: float
    title_h: float
    deck_w: float
    grid_h: float
    deck_h: float
    row_need: list[float]  # to show every card of the row
    row_least: list[float]  # to show the row's name and its tallest card whole
    flows: dict[Cell, tuple[list[tuple[str, QRectF]], float]]
    deck_flow: tuple[list[tuple[str, QRectF]], float]
    deck_columns: int
    headers_fit: bool

    @property
    def grid_fits(self) -> bool:
        return self.headers_fit and sum(self.row_need) + (len(self.row_need) - 1) * GAP \
            <= self.grid_h + 0.5

    @property
    def least_fits(self) -> bool:
        """Every row can show its name and its tallest card whole (fuller cells scroll)."""
        return sum(self.row_least) + (len(self.row_least) - 1) * GAP <= self.grid_h + 0.5

    @property
    def deck_fits(self) -> bool:
        return _deck_holds(self.deck_flow[1], self.s, self.deck_h)


def _deck_holds(content_h: float, s: float, deck_h: float) -> bool:
    """Whether cards `content_h` tall show whole in a deck `deck_h` tall at scale `s`."""
    return content_h + 2 * CELL_PAD * s <= deck_h + 0.5


def _fonts(size: float) -> tuple[QFont, QFont, QFont, QFont]:
    """The card, hint, header and note fonts of a board at card text `size`."""
    return (font_px(size), font_px(size * HINT_RATIO, italic=True),
            font_px(size * HEADER_RATIO, bold=True), font_px(size * NOTE_RATIO))


def _deck_part(width: float, height: float, size: float, deck_share: float,
               deck: list[tuple[str, str, str]], deck_title: str,
               ) -> tuple[float, float, float, tuple[list[tuple[str, QRectF]], float]]:
    """The deck at `size` and `deck_share`: (its width, its title's height, its height, its
    cards' flow). It does not depend on the grid, so whether the deck shows every card is
    known without laying the grid out (`_deck_fits`)."""
    s = size / 16.0
    card_font, hint_font, header_font, _note_font = _fonts(size)
    pad_x = 2 * PAD_X * s + 2  # +2: a pixel each side for rounding of text advances
    deck_w = max(170 * s, width * deck_share, MEASURE.word_width(header_font, deck_title) + pad_x)
    title_h = MEASURE.height(header_font, deck_w - pad_x, deck_title) + 2 * PAD_Y * s
    deck_h = max(40.0, height - 2 * MARGIN - title_h)
    deck_inner = deck_w - 2 * CELL_PAD * s  # no marks in the deck: it is never judged
    return deck_w, title_h, deck_h, flow(deck, deck_inner, card_font, hint_font, s, False)


def _deck_fits(width: float, height: float, size: float, deck_share: float,
               deck: list[tuple[str, str, str]], deck_title: str) -> bool:
    """Whether the deck shows every card at `size` and `deck_share` (`_Plan.deck_fits`)."""
    _w, _title_h, deck_h, (_, content_h) = _deck_part(width, height, size, deck_share, deck,
                                                      deck_title)
    return _deck_holds(content_h, size / 16.0, deck_h)


def _plan(board: Board, width: float, height: float, size: float, deck_share: float,
          by_cell: dict[Cell, list[tuple[str, str, str]]], deck: list[tuple[str, str, str]],
          row_notes: dict[str, str], deck_title: str, marks: bool,
          capacity: int = 0) -> _Plan:
    """One try at `size` and `deck_share`. With `capacity` (a steady board), every cell is
    planned as if it held `capacity` cards (the board's tallest, then its median ones)
    and the deck as if it held them all: the plan then says nothing of where cards are."""
    s = size / 16.0  # paddings and marks grow with the text, so big cards keep their shape
    card_font, hint_font, header_font, note_font = _fonts(size)
    pad_x = 2 * PAD_X * s + 2  # +2: a pixel each side for rounding of text advances
    notes = [row_notes[r.id] for r in board.rows if row_notes.get(r.id)]
    words = max([MEASURE.word_width(header_font, r.name) for r in board.rows]
                + [MEASURE.word_width(note_font, n) for n in notes] + [40 * s])
    lines = max([MEASURE.width(header_font, r.name) for r in board.rows]
                + [MEASURE.width(note_font, n) for n in notes] + [40 * s])
    row_head_w = max(words + pad_x, min(lines + pad_x, width * ROW_HEAD_SHARE))
    deck_w, title_h, deck_h, deck_flow = _deck_part(width, height, size, deck_share, deck,
                                                    deck_title)
    grid_x = MARGIN + row_head_w + GAP
    grid_w = width - grid_x - GAP - deck_w - MARGIN
    n_cols = max(1, len(board.columns))
    col_w = max(1.0, (grid_w - (n_cols - 1) * GAP) / n_cols)
    head_w = col_w - pad_x
    headers_fit = grid_w >= n_cols * 60 * s and all(
        MEASURE.word_width(header_font, c.name) <= head_w for c in board.columns)
    head_h = max((MEASURE.height(header_font, head_w, c.name) for c in board.columns),
                 default=20.0) + 2 * PAD_Y * s
    grid_h = max(60.0, height - (MARGIN + head_h + GAP) - MARGIN)
    inner_w = col_w - 2 * CELL_PAD * s
    if capacity:
        by_cell, deck = _capacity_cells(board, by_cell, deck, inner_w, card_font, hint_font,
                                        s, marks, capacity)
    flows = {cell: flow(items, inner_w, card_font, hint_font, s, marks)
             for cell, items in by_cell.items()}
    row_need, row_least = [], []
    for r in board.rows:
        label = MEASURE.height(header_font, row_head_w - pad_x, r.name)
        if row_notes.get(r.id):
            label += MEASURE.height(note_font, row_head_w - pad_x, row_notes[r.id])
        floor = [label + 2 * PAD_Y * s, 40 * s]
        cells = [flows[(r.id, c.id)] for c in board.columns if (r.id, c.id) in flows]
        row_need.append(max(floor + [h + 2 * CELL_PAD * s for _, h in cells]))
        row_least.append(max(floor + [rect.height() + 2 * CELL_PAD * s
                                      for rects, _ in cells for _, rect in rects]))
    deck_inner = deck_w - 2 * CELL_PAD * s
    deck_columns = max(1, int((deck_inner + CARD_GAP * s) // ((MIN_CARD_W + CARD_GAP) * s)))
    return _Plan(size, s, (card_font, hint_font, header_font, note_font),
                 row_head_w, col_w, head_h, title_h, deck_w, grid_h, deck_h, row_need,
                 row_least, flows, deck_flow, deck_columns, headers_fit)


def _capacity_cells(board: Board, by_cell: dict[Cell, list[tuple[str, str, str]]],
                    deck: list[tuple[str, str, str]], inner_w: float, font: QFont,
                    hint_font: QFont, s: float, marks: bool, capacity: int,
                    ) -> tuple[dict[Cell, list[tuple[str, str, str]]], list[tuple[str, str, str]]]:
    """Every cell of the board holding `capacity` cards (the board's tallest card, so no
    card is ever cut wherever it goes, then its median one), and an empty deck (it
    scrolls when full: it never makes the text smaller). Only texts and the view decide
    it, never where the cards are."""
    cards = [*deck, *(item for held in by_cell.values() for item in held)]
    cells = [(r.id, c.id) for r in board.rows for c in board.columns]
    if not cards:
        return {cell: [] for cell in cells}, []
    per_line = max(1, int((inner_w + CARD_GAP * s) // ((MIN_CARD_W + CARD_GAP) * s)))
    card_w = (inner_w - (per_line - 1) * CARD_GAP * s) / per_line
    by_height = sorted(sorted(cards), key=lambda i: card_height(
        i[1], i[2], card_w, font, hint_font, s, marks))
    held = [by_height[-1]] + [by_height[len(by_height) // 2]] * (capacity - 1)
    return {cell: held for cell in cells}, []


def _largest(low: int, high: int, attempt, near: int | None = None) -> _Plan | None:
    """The plan for the largest size in low..high that `attempt` accepts (None: it
    accepts none). Bisects: a board that fits at a size fits at any smaller one.

    `near` is where the answer was last time (the room's board after a card moved). The
    search starts there and gallops away from it (1, 2, 4, ... sizes) until the answer
    lies between two tries, then bisects between them: a size that holds or moves by one
    costs two tries, not five, and one far away costs about what bisection does. A `near`
    outside low..high starts at the nearer end. The answer is the one bisection gives."""
    best = None
    if near is not None and low <= high:
        near = min(max(near, low), high)
        plan = attempt(near)
        if plan is not None:  # the answer is near or above it
            best, low = plan, near + 1
            step = 1
            while low <= high:
                probe = min(near + step, high)
                plan = attempt(probe)
                if plan is None:
                    high = probe - 1
                    break
                best, low, step = plan, probe + 1, step * 2
        else:  # below it
            high = near - 1
            step = 1
            while low <= high:
                probe = max(near - step, low)
                plan = attempt(probe)
                if plan is not None:
                    best, low = plan, probe + 1
                    break
                high, step = probe - 1, step * 2
    while low <= high:
        middle = (low + high + 1) // 2
        plan = attempt(middle)
        if plan is not None:
            best, low = plan, middle + 1
        else:
            high = middle - 1
    return best


def room_floor(scale: float) -> int:
    """The smallest card text (px) a room's screen may shrink to so that every placed card
    shows: smaller than the usual minimum, still readable close up."""
    return max(8, math.floor(MIN_FONT * scale * 0.62 + 1e-6))


def _sizes(width: float, height: float, scale: float,
           at_most: int | None = None) -> tuple[int, int, int]:
    """The card text sizes `_choose` searches for a view: (the room's floor, the usual
    minimum, the full size, or `at_most` if smaller)."""
    base = round(base_font_size(width, height, scale))
    if at_most is not None:
        base = max(1, min(base, at_most))
    minimum = min(base, min_card_font(scale))
    return min(minimum, room_floor(scale)), minimum, base


def _remembered(make):
    """`make` (a plan for a size and deck share), asked each pair once."""
    plans: dict[tuple[float, float], _Plan] = {}

    def remembered(size: float, share: float) -> _Plan:
        if (size, share) not in plans:
            plans[(size, share)] = make(size, share)
        return plans[(size, share)]

    return remembered


def _choose(width: float, height: float, scale: float, make,
            show_every_card: bool = False, near: int | None = None,
            at_most: int | None = None, deck_fits=None) -> _Plan:
    """The largest card font at which everything shows (the deck as narrow as lets it);
    failing that, the largest at which the grid fits and the deck scrolls; failing that,
    the minimum, where only the fullest rows scroll (smaller still if even one card a row
    would not fit whole: a card is never cut). With `show_every_card` (the room's
    screen: a hidden card is a card the room cannot discuss) the text shrinks below the
    minimum, down to `room_floor`, before any cell scrolls.

    `make(size, share)`: the plan at a size and deck share, remembered by the caller
    (`_remembered`, `LayoutJob`): the stages below ask some pairs again.
    `near`: the size chosen last time for this board and view, where each search starts
    (`_largest`); the choice is the same with or without it, only found in fewer tries.
    `at_most`: no larger than this (the room's text grows back only once the board is
    still: `BoardScene`). `deck_fits(size, share)`: whether the deck alone shows every
    card (`_deck_fits`), so a deck too narrow costs no plan of the grid."""
    floor_size, minimum, base = _sizes(width, height, scale, at_most)

    def everything(size: int) -> _Plan | None:
        """The narrowest deck that shows every card, if the grid fits beside it. (A size
        where the grid fits but no deck shows every card planned the grid at each of the
        four deck widths: most of the 19 plans of a room whose text dropped 9 sizes.)"""
        for share in DECK_SHARES:
            if deck_fits is not None and not deck_fits(size, share):
                continue
            plan = make(size, share)
            if not plan.grid_fits:  # a wider deck leaves the grid even less room
                return None
            if plan.deck_fits:
                return plan
        return None

    def grid(size: int) -> _Plan | None:
        plan = make(size, DECK_SHARES[0])
        return plan if plan.grid_fits else None

    if near is None or near >= base:  # the full text size first: most boards show at it
        best = everything(base)
        if best is not None:
            return best
        floor = everything(minimum) if minimum < base else None
        if floor is not None:  # (if not even the smallest font shows everything, don't bisect)
            return _largest(minimum + 1, base - 1, everything, near) or floor
    else:  # it was smaller last time: if the minimum shows everything, search above it
        floor = everything(minimum)
        if floor is not None:
            return _largest(minimum + 1, base, everything, near) or floor
    found = _largest(minimum, base, grid, near)
    if found is None and show_every_card:
        def narrow_deck_grid(size: int) -> _Plan | None:
            # the deck may scroll, a placed card may not: the deck gives the grid width
            for share in ROOM_DECK_SHARES:
                plan = make(size, share)
                if plan.grid_fits:
                    return plan
            return None

        found = _largest(floor_size, base, narrow_deck_grid, near) or make(
            floor_size, ROOM_DECK_SHARES[-1])
    if found is None:
        found = make(minimum, DECK_SHARES[0])
        if not found.least_fits:  # a card would be cut mid-line: smaller text instead

            def whole(size: int) -> _Plan | None:
                plan = make(size, DECK_SHARES[0])
                return plan if plan.least_fits else None

            found = _largest(floor_size, minimum - 1, whole, near) or make(floor_size,
                                                                           DECK_SHARES[0])
    return found


def room_warm_ups(board: Board, width: float, height: float, scale: float, size: int,
                  hints: dict[str, str], row_notes: dict[str, str], deck_title: str,
                  ) -> list:
    """What the room's board will measure when its text size next changes, as pieces to
    run while the window is idle: one callable per (size, deck share) next to `size`.

    The room's text shrinks as phones fill the cells (a card placed must show) and grows
    as they empty. A size change measures every card at the new size, in a cell and in the
    deck, at each deck width the search tries: 160-250 new measures, 10-20 ms inside the
    layout of the refresh after a phones' slice. Each piece plans the board at one of the
    sizes next to it with every card in every cell and in the deck, which measures each
    card (and its hint) at both widths and the headers at that size: the real layout then
    finds them measured. Only measures are kept (ui/matrix/flow.py); the plans are thrown
    away."""
    items = [(card.id, card.text, hints.get(card.id, "")) for card in board.cards]
    if not items:
        return []
    everywhere = {(r.id, c.id): items for r in board.rows for c in board.columns}
    floor, minimum, base = _sizes(width, height, scale)

    def piece(at: int, share: float):
        return lambda: _plan(board, width, height, at, share, everywhere, items, row_notes,
                             deck_title, board.revealed)

    return [piece(at, share) for at in (size - 1, size - 2, size + 1) if floor <= at <= base
            # the deck widths `_choose` tries at that size: wider ones only where all may show
            for share in (*ROOM_DECK_SHARES, *(DECK_SHARES[1:] if at >= minimum else ()))]


_STEADY: dict[tuple, _Plan] = {}


def steady_plan(board: Board, width: float, height: float, scale: float,
                by_cell: dict[Cell, list[tuple[str, str, str]]],
                deck: list[tuple[str, str, str]], row_notes: dict[str, str], deck_title: str,
                marks: bool) -> _Plan:
    """The frame of a board sized for its capacity: the text size, deck width and row
    heights `_choose` picks for the board with every cell holding its even share of the
    cards (the tallest card among them: none is ever cut), the deck then as wide as that
    text size allows. Cells holding more scroll a line at a time. Remembered by what
    decides it (the view, the texts, the axes, the deck's title with its count as zeros),
    so a phone's move re-uses it and lays out only the two cells it changed."""
    cells = max(1, len(board.rows) * len(board.columns))
    capacity = -(-len(board.cards) // cells)  # (rounded up)
    title = re.sub(r"\d", "0", deck_title)
    key = (width, height, scale, tuple((a.id, a.name) for a in board.rows),
           tuple((a.id, a.name) for a in board.columns), tuple(sorted(row_notes.items())),
           tuple(sorted([*deck, *(i for items in by_cell.values() for i in items)])),
           title, marks, capacity)
    found = _STEADY.get(key)
    if found is None:
        if len(_STEADY) > 2_000:  # many resizes and boards: start afresh rather than grow
            _STEADY.clear()

        make = _remembered(lambda size, share: _plan(
            board, width, height, size, share, by_cell, deck, row_notes, title, marks,
            capacity))
        found = _choose(width, height, scale, make)
        for share in reversed(DECK_SHARES[1:]):  # the deck as wide as the text size allows
            wider = make(found.size, share)
            if wider.grid_fits:
                found = wider
                break
        _STEADY[key] = found
    return found


def row_heights(need: list[float], least: list[float], room: float) -> list[float]:
    """Row heights filling `room`: all rows get what they need and share the rest evenly
    (an even grid reads calmly); if that is too much, every row still gets its `least`
    (its tallest card whole: a card is never cut, a fuller cell scrolls) and the rest is
    shared so that a short row never scrolls because a long one elsewhere is too long."""
    n = max(1, len(need))
    total = sum(need)
    if total <= room:
        return [x + (room - total) / n for x in need]
    if sum(least) > room:  # not even one card a row fits: nothing better than even shares
        return share_height(need, room)
    extra = share_height([x - y for x, y in zip(need, least, strict=True)],
                         room - sum(least))
    return [y + e for y, e in zip(least, extra, strict=True)]


def layout_board(board: Board, width: float, height: float, scale: float = 1.0,
                 hints: dict[str, str] | None = None,
                 row_notes: dict[str, str] | None = None,
                 deck_title: str = "Cards to sort",
                 show_every_card: bool = False, steady: bool = False,
                 near: int | None = None, at_most: int | None = None) -> BoardLayout:
    """The layout of `board` in a view of `width` x `height` pixels.

    `hints` are extra lines under some cards (e.g. where the model puts them); `row_notes`
    a second line under row names (e.g. the row's agreement figure); `deck_title` the
    heading over the deck, as it will be shown. `show_every_card`: the room's screen,
    where no placed card may hide in a scrolling cell (the text shrinks instead).
    `steady`: the facilitator's board, whose frame (text size, rows, columns, deck) is
    sized for the board's capacity (`steady_plan`), never for where its cards are: a card
    entering a cell moves only the cards of that cell and of the one it left.
    `near`: the card text size (px) of this board's last layout, where the search for
    the size starts (`_choose`): the same layout, found sooner when the size holds.
    `at_most`: the largest card text size (px) the search may choose (the room's board
    while cards are moving: its text shrinks when it must, and grows back once they stop).
    The same layout in pieces: `LayoutJob`."""
    layout = LayoutJob(board, width, height, scale, hints, row_notes, deck_title,
                       show_every_card, steady, near, at_most).run()
    assert layout is not None  # (no out_of_time: never paused)
    return layout


class _PausedError(Exception):
    """A layout's piece ran out of time before a plan it had not made yet."""


class LayoutJob:
    """One `layout_board`, which may be done in pieces (the room's board after a phones'
    slice: a text size drop measures every card at several sizes, 10-25 ms in one go).

    `run(out_of_time)` returns the layout, or None when `out_of_time()` said stop before a
    plan (or a deck's measure) not made yet; a run makes at least one. The next `run` goes
    on from there: the search asks the same questions in the same order and finds the
    answers it already has, so the layout is the one `layout_board` gives at once. It lays
    out the cards where they were when the job was made (rows, columns and texts change
    only by the facilitator's own edit, whose refresh makes a new job)."""

    def __init__(self, board: Board, width: float, height: float, scale: float = 1.0,
                 hints: dict[str, str] | None = None,
                 row_notes: dict[str, str] | None = None,
                 deck_title: str = "Cards to sort",
                 show_every_card: bool = False, steady: bool = False,
                 near: int | None = None, at_most: int | None = None) -> None:
        self.board, self.width, self.height, self.scale = board, width, height, scale
        self.hints, self.row_notes = hints or {}, row_notes or {}
        self.deck_title, self.show_every_card, self.steady = deck_title, show_every_card, steady
        self.near, self.at_most = near, at_most
        self.marks = board.revealed
        self.by_cell: dict[Cell, list[tuple[str, str, str]]] = {}
        self.deck: list[tuple[str, str, str]] = []
        for card in board.cards:
            cell = board.positions.get(card.id)
            entry = (card.id, card.text, self.hints.get(card.id, ""))
            (self.by_cell.setdefault(cell, []) if cell is not None else self.deck).append(entry)
        self._plans: dict[tuple[float, float], _Plan] = {}
        self._fits: dict[tuple[float, float], bool] = {}

    def run(self, out_of_time=None) -> BoardLayout | None:
        made = [0]

        def remembered(answers: dict, work):
            def ask(size: float, share: float):
                if (size, share) not in answers:
                    if made[0] and out_of_time is not None and out_of_time():
                        raise _PausedError
                    answers[(size, share)] = work(size, share)
                    made[0] += 1
                return answers[(size, share)]
            return ask

        try:
            return self._layout(
                remembered(self._plans, lambda size, share: _plan(
                    self.board, self.width, self.height, size, share, self.by_cell,
                    self.deck, self.row_notes, self.deck_title, self.marks)),
                remembered(self._fits, lambda size, share: _deck_fits(
                    self.width, self.height, size, share, self.deck, self.deck_title)))
        except _PausedError:
            return None

    def _layout(self, make, deck_fits) -> BoardLayout:
        board, width, height, scale = self.board, self.width, self.height, self.scale
        row_notes, deck_title, marks = self.row_notes, self.deck_title, self.marks
        by_cell, deck = self.by_cell, self.deck
        if self.steady and not self.show_every_card:
            p = steady_plan(board, width, height, scale, by_cell, deck, row_notes, deck_title,
                            marks)
            card_font, hint_font = p.fonts[:2]
            inner_w = p.col_w - 2 * CELL_PAD * p.s
            flows = {cell: flow(items, inner_w, card_font, hint_font, p.s, marks)
                     for cell, items in by_cell.items()}
            deck_flow = flow(deck, p.deck_w - 2 * CELL_PAD * p.s, card_font, hint_font, p.s,
                             False)
        else:
            p = _choose(width, height, scale, make, self.show_every_card, self.near,
                        self.at_most, deck_fits)
            flows, deck_flow = p.flows, p.deck_flow
        s = p.s
        heights = row_heights(p.row_need, p.row_least, p.grid_h - (len(board.rows) - 1) * GAP)

        grid_x = MARGIN + p.row_head_w + GAP
        grid_y = MARGIN + p.head_h + GAP
        containers: dict[Cell | None, Container] = {}
        row_headers, column_headers = [], []
        for j, c in enumerate(board.columns):
            column_headers.append((c.id, QRectF(grid_x + j * (p.col_w + GAP), MARGIN, p.col_w,
                                                p.head_h)))
        y = grid_y
        for i, r in enumerate(board.rows):
            row_headers.append((r.id, QRectF(MARGIN, y, p.row_head_w, heights[i])))
            for j, c in enumerate(board.columns):
                rect = QRectF(grid_x + j * (p.col_w + GAP), y, p.col_w, heights[i])
                cards, content_h = flows.get((r.id, c.id), ([], 0.0))
                containers[(r.id, c.id)] = Container((r.id, c.id), rect, cards,
                                                     content_h + 2 * CELL_PAD * s)
            y += heights[i] + GAP

        deck_x = width - MARGIN - p.deck_w
        deck_top = MARGIN + p.title_h
        deck_rect = QRectF(deck_x, deck_top, p.deck_w, p.deck_h)
        cards, content_h = deck_flow
        containers[DeckKey] = Container(DeckKey, deck_rect, cards, content_h + 2 * CELL_PAD * s)
        card_font, hint_font, header_font, note_font = p.fonts
        return BoardLayout(s, card_font, hint_font, header_font,
                           QRectF(deck_x, MARGIN, p.deck_w, p.title_h), row_headers,
                           column_headers, containers, note_font, deck_title, p.deck_columns,
                           marks, round(p.size))
