"""The facilitator's board keeps its frame while the room sorts (issue 28): its text size,
rows, columns and deck are sized for the board's capacity, not for where the cards are,
so a card entering a cell moves no card outside that cell and the one it left; and a
board refreshed move after move shows exactly what a board built afresh shows."""
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication
from shown import shown

from lpdesk.commands.matrix import MoveCardsFromPhonesCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.base.frames import phones_applying
from lpdesk.ui.matrix.layout import layout_board
from lpdesk.ui.matrix.page import MatrixPage


def cards_shown(scene) -> dict[str, tuple]:
    """Where each card shows (scene rect), in which container, and how."""
    return {card_id: (item.sceneBoundingRect().getRect(),
                      next(k for k, c in scene.containers.items()
                           if item.parentItem() is c.content),
                      item.text, item.hint, item.state, item.font.pixelSize())
            for card_id, item in scene.cards.items()}


def frame_shown(scene) -> dict:
    """Where the cells, the deck and the headers are."""
    return {**{key: c.sceneBoundingRect().getRect() for key, c in scene.containers.items()},
            **{("header", a): h.sceneBoundingRect().getRect()
               for a, h in scene.headers.items()}}


def phones_slice(page, moves) -> None:
    board = page.matrix.current_board
    with phones_applying():
        page.doc.apply(MoveCardsFromPhonesCommand(page.matrix, board.id, moves))
    page.scene.up_to_date()  # what the event loop's next turn does
    QApplication.processEvents()


def test_the_facilitator_s_frame_does_not_depend_on_where_the_cards_are(qapp):
    board = demo_session().matrix.current_board
    cells = [(r.id, c.id) for r in board.rows for c in board.columns]
    before = layout_board(board, 1268, 640, steady=True)
    rnd = random.Random(7)
    for card in board.cards:  # a quite different sorting
        board.positions[card.id] = rnd.choice(cells)
    after = layout_board(board, 1268, 640, steady=True)
    assert after.card_font.pixelSize() == before.card_font.pixelSize()
    assert {k: c.rect for k, c in after.containers.items()} == \
        {k: c.rect for k, c in before.containers.items()}
    assert after.row_headers == before.row_headers
    # the room's screen still fits its text to the cards placed (none may hide)
    assert layout_board(board, 1268, 640, show_every_card=True, steady=True).containers[
        cells[0]].rect != before.containers[cells[0]].rect


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_card_entering_a_cell_moves_no_card_outside_it_and_the_cell_it_left(qtbot, size):
    page = shown(qtbot, MatrixPage(SessionDocument(demo_session())), size)
    board, scene = page.matrix.current_board, page.scene
    rnd = random.Random(3)
    cells = [(r.id, c.id) for r in board.rows for c in board.columns]
    for step in range(12):
        card = rnd.choice(board.cards).id
        here, there = board.cell_of(card), rnd.choice([*cells, None])
        if here == there:
            continue
        cards, frame = cards_shown(scene), frame_shown(scene)
        phones_slice(page, [(card, there)])
        assert board.cell_of(card) == there
        assert frame_shown(scene) == frame, f"step {step}: the frame moved"
        now = cards_shown(scene)
        for other, (_rect, key, *_look) in cards.items():
            if key not in (here, there):
                assert now[other] == cards[other], f"step {step}: {other} moved"
        assert now[card][1] == there


@pytest.fixture(scope="module")
def moved_page():
    page = MatrixPage(SessionDocument(demo_session()))
    page.resize(1280, 720)
    page.show()
    QApplication.processEvents()
    yield page
    page.close()
    page.deleteLater()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)),
                         min_size=1, max_size=4), min_size=1, max_size=4))
def test_a_board_moved_by_phones_shows_what_a_board_built_afresh_shows(moved_page, slices):
    page = moved_page
    board = page.matrix.current_board
    places = [(r.id, c.id) for r in board.rows for c in board.columns] + [None]
    for moves in slices:
        phones_slice(page, [(board.cards[c % len(board.cards)].id, places[p % len(places)])
                            for c, p in moves])
    fresh = MatrixPage(SessionDocument(page.doc.session))
    try:
        fresh.resize(page.size())
        fresh.show()
        QApplication.processEvents()
        assert fresh.scene.size == page.scene.size
        assert cards_shown(page.scene) == cards_shown(fresh.scene)
        assert frame_shown(page.scene) == frame_shown(fresh.scene)
        assert {k: (c.scroll, c.max_scroll) for k, c in page.scene.containers.items()} == \
            {k: (c.scroll, c.max_scroll) for k, c in fresh.scene.containers.items()}
    finally:
        fresh.close()
        fresh.deleteLater()


def test_a_card_dragged_and_let_go_where_it_was_goes_back_into_its_cell(qtbot):
    """Cells the board did not change are not touched by a refresh; a card lifted out of
    one by a drag still goes back into it when the drop changes nothing."""
    page = shown(qtbot, MatrixPage(SessionDocument(demo_session())), (1280, 720))
    board, scene = page.matrix.current_board, page.scene
    card = next(c.id for c in board.cards if board.cell_of(c.id) is not None)
    item, cell = scene.cards[card], board.cell_of(card)
    where = item.sceneBoundingRect().getRect()
    other = next(c.id for c in board.cards_in(None))
    scene.refresh()  # every cell as shown: refreshes from now on skip those unchanged
    steps = page.doc.undo_stack.count()
    start = item.sceneBoundingRect().center()
    scene.press_card(item, start)
    scene.drag_card(item, start + QPointF(40, 30))
    assert item.parentItem() is None  # lifted
    phones_slice(page, [(other, (board.rows[-1].id, board.columns[-1].id))])
    assert item.parentItem() is None  # still in the facilitator's hand
    scene.release_card(item, start)
    assert page.doc.undo_stack.count() == steps  # nothing changed
    assert item.parentItem() is scene.containers[cell].content
    assert item.sceneBoundingRect().getRect() == where
