"""The matrix under phones' traffic (issue 28): the board and its page redraw once after a
phones' slice, and a refresh changes only what changed."""
import pytest
from PySide6.QtCore import QEvent, QObject, QRectF
from shown import shown

from lpdesk.commands.matrix import MoveCardsFromPhonesCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.base.frames import phones_applying
from lpdesk.ui.matrix.page import MatrixPage
from lpdesk.ui.matrix.reveal import reveal_info
from lpdesk.ui.style.theme import theme


@pytest.fixture
def page(qtbot):
    return shown(qtbot, MatrixPage(SessionDocument(demo_session())), (1280, 800))


def phones_move(page, moves, board=None):
    board = board or page.matrix.current_board
    page.doc.apply(MoveCardsFromPhonesCommand(page.matrix, board.id, moves))


def test_a_phones_slice_lays_the_board_out_once_after_it(page, qtbot):
    board, scene = page.matrix.current_board, page.scene
    first, second = [c.id for c in board.cards_in(None)][:2]
    cell = (board.rows[0].id, board.columns[0].id)
    runs, page_runs = scene._refresh.runs, page._refresh.runs
    with phones_applying():
        phones_move(page, [(first, cell)])
        phones_move(page, [(second, cell)])  # two commands in one slice
        # nothing redrawn inside the slice: the card still shows in the deck
        assert scene.cards[first].parentItem() is scene.containers[None].content
    qtbot.waitUntil(lambda: scene._refresh.runs == runs + 1)
    qtbot.wait(20)
    assert scene._refresh.runs == runs + 1 and page._refresh.runs == page_runs + 1
    for card in (first, second):
        assert scene.cards[card].parentItem() is scene.containers[cell].content


def test_a_drop_while_a_phones_refresh_is_due_uses_the_board_as_it_is(page):
    """The facilitator's drop reads the layout: a refresh still due runs first."""
    board, scene = page.matrix.current_board, page.scene
    card = board.cards_in(None)[0].id
    cell = (board.rows[-1].id, board.columns[-1].id)
    with phones_applying():
        phones_move(page, [(card, (board.rows[0].id, board.columns[0].id))])
    assert scene._refresh.pending()
    assert scene.drop_card(card, scene.layout.containers[cell].rect.center())
    assert not scene._refresh.pending()
    assert board.cell_of(card) == cell
    assert scene.cards[card].parentItem() is scene.containers[cell].content


def test_a_refresh_with_nothing_changed_repaints_nothing(page, qtbot):
    scene = page.scene
    qtbot.wait(50)  # the first paints are over
    regions = []
    scene.changed.connect(regions.extend)
    scene.refresh()
    page.refresh()
    qtbot.wait(50)
    assert [r for r in regions if not r.isEmpty()] == []


def test_a_phones_move_sets_again_only_the_cells_and_headers_it_changed(page, qtbot):
    """Cells whose frame and cards stay as they were, and headers whose place and text
    stay, are not set again (so not repainted) when a phone moves a card."""
    page.resize(1920, 1080)  # the board fits at its largest text before and after
    qtbot.wait(20)
    board, scene = page.matrix.current_board, page.scene
    card = next(c.id for c in board.cards if board.cell_of(c.id) is not None)
    here = board.cell_of(card)
    there = next((r.id, c.id) for r in board.rows for c in board.columns
                 if r.id == here[0] and (r.id, c.id) != here)
    scale = scene.layout.scale

    def shown():
        layout = scene.layout
        cells = {k: (c.rect, [r for _, r in c.cards]) for k, c in layout.containers.items()}
        heads = {a: (r, scene.headers[a].note) for a, r in
                 (*layout.row_headers, *layout.column_headers)}
        return cells, heads

    cells_before, heads_before = shown()
    touched = []
    for key, item in scene.containers.items():
        item.setRect = lambda *a, key=key: touched.append(key)
    for header in scene.headers.values():
        header.update = lambda *a, axis=header.axis_id: touched.append(axis)
    with phones_applying():
        phones_move(page, [(card, there)])
    qtbot.waitUntil(lambda: not scene._refresh.pending())
    cells_after, heads_after = shown()
    assert scene.layout.scale == scale
    same = {k for k in cells_after if cells_before.get(k) == cells_after[k]}
    same |= {a for a in heads_after if heads_before.get(a) == heads_after[a]}
    assert same, "the move should leave some cells or headers as they were"
    assert not same & set(touched)
    assert here in touched or there in touched


def test_a_refresh_sets_the_page_s_style_sheets_and_boards_list_only_when_they_differ(
        page, monkeypatch):
    calls = []
    monkeypatch.setattr(page.title, "setStyleSheet", lambda s: calls.append(s))
    monkeypatch.setattr(page.figure, "setStyleSheet", lambda s: calls.append(s))
    monkeypatch.setattr(page.board_combo, "clear", lambda: calls.append("clear"))
    page.refresh()
    assert calls == []
    # a renamed board changes the list
    board = page.matrix.boards[1]
    board.name = "Renamed board"
    page.refresh()
    assert calls == ["clear"]


def test_other_boards_moved_by_phones_do_not_lay_this_board_out(page, qtbot):
    scene = page.scene
    other = next(b for b in page.matrix.boards if b is not page.matrix.current_board)
    card = other.cards_in(None)[0].id
    runs = scene._refresh.runs
    with phones_applying():
        phones_move(page, [(card, (other.rows[0].id, other.columns[0].id))], other)
    qtbot.wait(30)
    assert scene._refresh.runs == runs and not scene._refresh.pending()


def accent_pixels(page, card_id) -> int:
    from PySide6.QtGui import QColor

    from lpdesk.ui.style.theme import theme

    item = page.scene.cards[card_id]
    rect = page.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    image = page.view.viewport().grab(rect).toImage()
    accent = QColor(theme().accent)
    return sum(1 for x in range(image.width()) for y in range(image.height())
               if abs(QColor(image.pixel(x, y)).red() - accent.red()) < 8
               and abs(QColor(image.pixel(x, y)).green() - accent.green()) < 8
               and abs(QColor(image.pixel(x, y)).blue() - accent.blue()) < 8)


def test_a_card_shows_when_it_is_selected_and_when_it_no_longer_is(page, qtbot):
    """Qt repaints an item whose selection changes (its cached pixmap too): cards need no
    itemChange hook of their own, which cost a Python call for every move of every card."""
    card = page.matrix.current_board.cards[0].id
    qtbot.wait(20)
    assert accent_pixels(page, card) == 0
    page.scene.select_card(card)
    qtbot.wait(20)
    assert accent_pixels(page, card) > 20  # the accent border
    page.scene.clearSelection()
    qtbot.wait(20)
    assert accent_pixels(page, card) == 0


def test_a_new_page_lays_its_board_out_for_the_view_s_size_only(qtbot, monkeypatch):
    from lpdesk.ui.matrix import scene as scene_module

    sizes = []
    job = scene_module.LayoutJob
    monkeypatch.setattr(scene_module, "LayoutJob", lambda board, w, h, *a, **k: (
        sizes.append((w, h)), job(board, w, h, *a, **k))[1])
    page = MatrixPage(SessionDocument(demo_session()))
    qtbot.addWidget(page)
    assert sizes == []  # nothing laid out before the view has its size
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    view = page.view.viewport().size()
    assert sizes and set(sizes) == {(view.width(), view.height())}


def test_the_consensus_view_is_built_when_first_shown(page):
    assert page._consensus is None
    page.consensus_action.trigger()
    assert page.stack.currentWidget() is page.consensus
    assert page.consensus.items  # it counted the groups' boards
    page.consensus_action.trigger()
    assert page.stack.currentWidget() is page.view


def test_a_hidden_board_is_laid_out_when_shown_again(page, qtbot):
    """While the consensus shows, phones' moves do not lay the board out; back on the
    board, it shows them."""
    board, scene = page.matrix.current_board, page.scene
    page.consensus_action.trigger()
    qtbot.wait(20)
    card = board.cards_in(None)[0].id
    cell = (board.rows[0].id, board.columns[0].id)
    runs = scene._refresh.runs
    with phones_applying():
        phones_move(page, [(card, cell)])
    qtbot.wait(30)
    assert scene._refresh.runs == runs  # nothing laid out for a board no one sees
    assert scene.cards[card].parentItem() is scene.containers[None].content
    page.consensus_action.trigger()
    assert page.stack.currentWidget() is page.view
    assert scene.cards[card].parentItem() is scene.containers[cell].content


def test_a_header_measures_its_text_again_when_its_content_changes(page):
    """Headers keep their text's rects between paints: a new name or note is measured."""
    scene = page.scene
    row = page.matrix.current_board.rows[0]
    header = scene.headers[row.id]
    rect = QRectF(header.pos(), header.rect().size())
    before = header.text_rects()
    assert header.text_rects() == before  # kept
    header.set_content(rect, header.name + " and much more", header.font, theme(),
                       centred=False, pad=header.pad, note="a long second line here",
                       note_font=header.note_font)
    after = header.text_rects()
    assert len(after) == 2 and sum(r.height() for r in after) > sum(
        r.height() for r in before)


def test_the_rooms_board_starts_its_search_from_the_size_it_shows(qtbot, monkeypatch):
    """The room's board re-searches its text size whenever a card moves (every placed card
    must show); it starts where its last layout ended, and the search (layout.py) gives
    the same size from there in fewer tries."""
    from lpdesk.ui.matrix import scene as scene_module
    from lpdesk.ui.matrix.scene import BoardScene

    doc = SessionDocument(demo_session())
    board = doc.session.matrix.current_board
    scene = BoardScene(doc, editable=False)
    scene.set_board(board.id)
    scene.set_size(1000, 560)
    shown_size = scene.layout.size
    starts = []
    job = scene_module.LayoutJob
    monkeypatch.setattr(scene_module, "LayoutJob", lambda *a, **k: (
        starts.append(k.get("near")), job(*a, **k))[1])
    card = board.cards_in(None)[0]
    doc.apply(MoveCardsFromPhonesCommand(doc.session.matrix, board.id,
                                         [(card.id, (board.rows[0].id, board.columns[0].id))]))
    scene.up_to_date()
    assert starts == [shown_size]


class PaintRegions(QObject):
    """The region of each repaint of `view`'s viewport."""

    def __init__(self, view) -> None:
        super().__init__(view)
        self.seen: list = []
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.seen.append(event.region())
        return False


def room_board(qtbot, doc):
    """The room's board (every placed card shows: its text shrinks) in a view of its own."""
    from lpdesk.ui.matrix.scene import BoardScene
    from lpdesk.ui.matrix.view import BoardView

    scene = BoardScene(doc, editable=False)
    scene.set_board(doc.session.matrix.current_board.id)
    shown(qtbot, BoardView(scene), (1000, 600))
    return scene


def test_the_rooms_board_measures_the_sizes_next_to_its_own_while_idle(qtbot):
    """A change of the room's text size measured every card anew inside the refresh after a
    phones' slice (10-20 ms of a 50-80 ms stall at 1920x1080). While the window is idle the
    room's board measures the sizes next to its own, so the layout one size smaller (a
    cell filled up) or larger (one emptied) makes no new measure."""
    from lpdesk.ui.matrix import layout as layout_module
    from lpdesk.ui.matrix.flow import MEASURE

    doc = SessionDocument(demo_session())
    board = doc.session.matrix.current_board
    scene = room_board(qtbot, doc)
    scene.set_text_scale(1.37)  # sizes nobody measured before in this test run
    size, (width, height) = scene.layout.size, scene.size
    assert scene.warm.left()  # due, not run inside the refresh
    qtbot.waitUntil(lambda: not scene.warm.left(), timeout=3000)
    _states, hints, notes = reveal_info(board)
    row_notes = {row: note for row, (note, _) in notes.items()}
    measured = len(MEASURE.cache)
    for near in (size - 1, size + 1):
        for share in layout_module.ROOM_DECK_SHARES:
            by_cell, deck = {}, []
            for card in board.cards:  # the cards where they are now
                cell = board.positions.get(card.id)
                entry = (card.id, card.text, hints.get(card.id, ""))
                (by_cell.setdefault(cell, []) if cell else deck).append(entry)
            layout_module._plan(board, width, height, near, share, by_cell, deck, row_notes,
                                scene.layout.deck_title_text, board.revealed)
    assert len(MEASURE.cache) == measured


def test_the_rooms_warm_up_takes_its_turn_and_stops_when_nobody_sees_the_board(qtbot):
    from lpdesk.ui.base import frames

    scene = room_board(qtbot, SessionDocument(demo_session()))
    view = scene.views()[0]
    scene.set_text_scale(1.21)
    left = scene.warm.left()
    frames.piece_ended()  # a phones' piece just ended: the window's turn first
    scene.warm._turn()
    assert scene.warm.left() == left
    qtbot.waitUntil(lambda: scene.warm.left() < left, timeout=2000)
    ran = []
    scene.warm.start([lambda: ran.append(1)] * scene.warm.left())
    view.hide()
    qtbot.waitUntil(lambda: not scene.warm.left(), timeout=2000)
    assert ran == [] and scene._warm_for is None  # dropped, not run


def test_a_phones_move_repaints_one_rectangle_of_the_board_not_a_region(qtbot):
    """A phones' move that rebalances the grid changes dozens of items. Repainting the
    exact region they cover made Qt's raster engine clip every fill and card to a region of
    many rectangles, span by span: half of the room's repaint at 1920x1080 (median 6.7 ms,
    3.0 ms with one rectangle). The board repaints the rectangle round what changed."""
    doc = SessionDocument(demo_session())
    board = doc.session.matrix.current_board
    scene = room_board(qtbot, doc)
    view = scene.views()[0]
    qtbot.wait(50)  # the first paints are over

    regions = PaintRegions(view)
    cells = [(r.id, c.id) for r in board.rows for c in board.columns]
    moves = [(card.id, cells[(i * 3) % len(cells)]) for i, card in enumerate(board.cards[:12])]
    doc.apply(MoveCardsFromPhonesCommand(doc.session.matrix, board.id, moves))
    qtbot.waitUntil(lambda: bool(regions.seen), timeout=2000)
    qtbot.wait(20)
    assert {r.rectCount() for r in regions.seen} == {1}


def _pieces_of(scene):
    """Record each piece of the room's refresh after a phones' slice: (laid out?, shown?,
    start, end), the layout being done (`_laid_out`) or the items set (`_show`) in it."""
    import time

    pieces, seen = [], []
    refresh = scene._refresh
    next_piece, laid_out, show = refresh._next_piece, scene._laid_out, scene._show

    def timed():
        seen.clear()
        start = time.perf_counter()
        next_piece()
        pieces.append(("laid out" in seen, "shown" in seen, start, time.perf_counter()))

    refresh._next_piece = timed
    scene._laid_out = lambda *a: (seen.append("laid out"), laid_out(*a))[1]
    scene._show = lambda *a: (seen.append("shown"), show(*a))[1]
    return pieces


def test_the_rooms_board_lays_out_and_shows_a_phones_move_in_two_pieces(qtbot):
    """The room's refresh after a phones' slice was one stall: the text size search, then
    every card set and repainted at the new size (20-28 ms at 1920x1080). The layout is one
    piece of phones' work and the items set to it the next, with the window's turn between;
    both show the board as it was when laid out."""
    from lpdesk.ui.base.frames import BREATH_MS

    doc = SessionDocument(demo_session())
    board = doc.session.matrix.current_board
    scene = room_board(qtbot, doc)
    pieces = _pieces_of(scene)
    card = board.cards_in(None)[0].id
    cell = (board.rows[-1].id, board.columns[-1].id)
    with phones_applying():
        doc.apply(MoveCardsFromPhonesCommand(doc.session.matrix, board.id, [(card, cell)]))
    qtbot.waitUntil(lambda: not scene._refresh.pending(), timeout=2000)
    assert [p[:2] for p in pieces] == [(True, False), (False, True)]
    assert pieces[1][2] - pieces[0][3] >= BREATH_MS / 1000 * 0.9  # the window's turn between
    assert scene.cards[card].parentItem() is scene.containers[cell].content


def test_a_drop_of_the_rooms_text_is_laid_out_in_pieces_and_a_move_meanwhile_follows(
        qtbot, monkeypatch):
    """A phones' move that drops the room's text several sizes measured every card at each
    size in one piece (10-25 ms in the F5 matrix burst). The layout is now pieces of
    phones' work of its own, the window's turn between each; a move that arrives while
    they run lets them finish (the board is still shown while phones keep moving cards),
    then shows too."""
    from lpdesk.ui.base import frames
    from lpdesk.ui.matrix import scene as scene_module

    monkeypatch.setattr(scene_module, "LAYOUT_PIECE_MS", 0.0)  # one plan a piece
    monkeypatch.setattr(frames, "BREATH_MS", 40.0)  # time to move a card between pieces
    doc = SessionDocument(demo_session())
    board = doc.session.matrix.current_board
    scene = room_board(qtbot, doc)
    before = scene.layout.size
    pieces = _pieces_of(scene)
    deck = [c.id for c in board.cards_in(None)]
    cell = (board.rows[0].id, board.columns[0].id)
    with phones_applying():  # a cell fills up: the text must drop
        doc.apply(MoveCardsFromPhonesCommand(doc.session.matrix, board.id,
                                             [(c, cell) for c in deck[:-1]]))
    qtbot.waitUntil(lambda: len(pieces) >= 1, timeout=2000)
    last = deck[-1]
    other = (board.rows[-1].id, board.columns[-1].id)
    assert scene._refresh.under_way()
    with phones_applying():  # a phone moves a card while the layout is under way
        doc.apply(MoveCardsFromPhonesCommand(doc.session.matrix, board.id, [(last, other)]))
    qtbot.waitUntil(lambda: not scene._refresh.pending()
                    and scene.cards[last].parentItem() is scene.containers[other].content,
                    timeout=3000)
    assert scene.layout.size < before - 2  # (the text did drop several sizes)
    first = pieces[:next(i for i, p in enumerate(pieces) if p[1]) + 1]  # the first refresh
    # layout pieces, the last of them finishing the layout, then the items set
    assert [p[:2] for p in first] == [(False, False)] * (len(first) - 2) + [(True, False),
                                                                            (False, True)]
    assert len(first) >= 4  # several plans, one a piece, then the items
    for (*_, end), (_, _, start, _) in zip(first, first[1:], strict=False):
        assert start - end >= frames.BREATH_MS / 1000 * 0.9  # the window's turn between
    assert all(scene.cards[c].parentItem() is scene.containers[cell].content
               for c in deck[:-1])
    assert scene.layout.size == fresh_room_size(scene)


def test_a_room_layout_not_shown_yet_is_shown_before_anything_reads_the_board(
        qtbot, monkeypatch):
    """Between its pieces the room's board has a layout it does not show yet: a reader
    (`up_to_date`) shows the board first, and the facilitator's own edit shows at once."""
    from lpdesk.ui.base import frames

    monkeypatch.setattr(frames, "BREATH_MS", 150.0)  # time to read between two pieces
    doc = SessionDocument(demo_session())
    board = doc.session.matrix.current_board
    scene = room_board(qtbot, doc)
    pieces = _pieces_of(scene)
    first, second = [c.id for c in board.cards_in(None)][:2]
    cell = (board.rows[0].id, board.columns[0].id)
    with phones_applying():
        doc.apply(MoveCardsFromPhonesCommand(doc.session.matrix, board.id, [(first, cell)]))
    qtbot.waitUntil(lambda: len(pieces) == 1, timeout=2000)
    assert scene._refresh.under_way()  # laid out, not shown
    assert scene.cards[first].parentItem() is not scene.containers[cell].content
    scene.up_to_date()
    assert not scene._refresh.pending()
    assert scene.cards[first].parentItem() is scene.containers[cell].content
    doc.apply(MoveCardsFromPhonesCommand(doc.session.matrix, board.id, [(second, cell)]))
    assert scene.cards[second].parentItem() is scene.containers[cell].content
    qtbot.wait(400)
    assert len(pieces) == 1  # the pieces left were dropped


def test_a_room_board_hidden_between_pieces_stops_and_is_laid_out_when_shown(
        qtbot, monkeypatch):
    """The room's screen turns to another page while its board's refresh is under way in
    pieces: the pieces left do not run (nobody sees the board), and the board is laid out
    as it is now once a view shows it again."""
    from lpdesk.ui.base import frames

    monkeypatch.setattr(frames, "BREATH_MS", 150.0)  # time to hide it between two pieces
    doc = SessionDocument(demo_session())
    board = doc.session.matrix.current_board
    scene = room_board(qtbot, doc)
    pieces = _pieces_of(scene)
    card = board.cards_in(None)[0].id
    cell = (board.rows[0].id, board.columns[0].id)
    with phones_applying():
        doc.apply(MoveCardsFromPhonesCommand(doc.session.matrix, board.id, [(card, cell)]))
    qtbot.waitUntil(lambda: len(pieces) == 1, timeout=2000)
    view = scene.views()[0]
    view.hide()
    qtbot.waitUntil(lambda: not scene._refresh.pending(), timeout=2000)
    assert [p[1] for p in pieces] == [False, False]  # never shown hidden
    assert scene.cards[card].parentItem() is not scene.containers[cell].content
    view.show()
    assert scene.cards[card].parentItem() is scene.containers[cell].content


def fresh_room_size(scene) -> int:
    """The card text size a room's layout from nothing gives for the board as it is now."""
    from lpdesk.ui.matrix.layout import layout_board

    board, t = scene.board, theme()
    _states, hints, notes = reveal_info(board)
    return layout_board(board, *scene.size, max(t.font_scale, scene.text_scale), hints,
                        {row: note for row, (note, _) in notes.items()},
                        scene.layout.deck_title_text, show_every_card=True,
                        steady=True).size


def test_the_rooms_text_shrinks_at_once_and_grows_back_once_the_board_is_still(
        qtbot, monkeypatch):
    """Every placed card shows on the room's screen, so its text shrinks as soon as a cell
    fills. It used to grow back at the next move that emptied one, and swing by a size at
    every few moves of a busy room (each swing re-lays out and repaints every card). While
    cards move it now only shrinks; it grows back once the board has been still, to its
    best size at once (a size at a time, it repainted every card at each size)."""
    doc, board, scene, cell, ids = moving_room(qtbot, monkeypatch, grow_after_ms=150)
    sizes = []
    for k in range(0, len(ids), 2):  # a cell fills: the text shrinks at once
        phones_move_on(doc, board, [(card, cell) for card in ids[k:k + 2]])
        assert scene.layout.size == fresh_room_size(scene)
        sizes.append(scene.layout.size)
    assert sizes[-1] < sizes[0]
    held = scene.layout.size
    for k in range(0, len(ids), 2):  # it empties: the text holds while cards move
        phones_move_on(doc, board, [(card, None) for card in ids[k:k + 2]])
        assert scene.layout.size == held
        assert not any(c.overflows for c in scene.layout.containers.values()
                       if c.key is not None)  # every placed card still shows
    assert fresh_room_size(scene) > held + 1
    shown_sizes = []
    scene.layout_done.connect(lambda: shown_sizes.append(scene.layout.size))
    qtbot.waitUntil(lambda: scene.layout.size == fresh_room_size(scene), timeout=3000)
    qtbot.wait(100)  # and no further
    assert shown_sizes == [fresh_room_size(scene)]  # one layout shown, at the best size


def test_the_rooms_text_takes_its_size_at_once_for_a_new_view_size(qtbot, monkeypatch):
    """Held back while cards move, the text still takes the best size at once when the
    view changes (a resize, a text scale): only the board's moves wait."""
    doc, board, scene, cell, ids = moving_room(qtbot, monkeypatch, grow_after_ms=60_000)
    phones_move_on(doc, board, [(card, cell) for card in ids])
    phones_move_on(doc, board, [(card, None) for card in ids])
    assert scene.layout.size < fresh_room_size(scene)  # held
    scene.set_size(scene.size[0] + 40, scene.size[1])
    assert scene.layout.size == fresh_room_size(scene)


def moving_room(qtbot, monkeypatch, grow_after_ms: int):
    """The room's board of the demo session, its text growing back `grow_after_ms` after
    the last move: (doc, board, scene, its first cell, 12 cards)."""
    from lpdesk.ui.matrix import scene as scene_module

    monkeypatch.setattr(scene_module, "GROW_AFTER_MS", grow_after_ms)
    doc = SessionDocument(demo_session())
    board = doc.session.matrix.current_board
    scene = room_board(qtbot, doc)
    return doc, board, scene, (board.rows[0].id, board.columns[0].id), \
        [c.id for c in board.cards][:12]


def phones_move_on(doc, board, moves) -> None:
    """A phones' move applied as the facilitator's own edit: laid out and shown at once."""
    doc.apply(MoveCardsFromPhonesCommand(doc.session.matrix, board.id, moves))


def test_a_phones_move_on_the_facilitators_board_repaints_only_the_cells_it_changed(
        page, qtbot):
    """The facilitator's board is steady: a move changes two cells, and only they are
    repainted, not the rectangle round them (on a full board, most of it)."""
    board, scene = page.matrix.current_board, page.scene
    qtbot.wait(50)  # the first paints are over
    first = scene.containers[(board.rows[0].id, board.columns[0].id)]
    last = scene.containers[(board.rows[-1].id, board.columns[-1].id)]

    regions = PaintRegions(page.view)
    card = board.cards_in(None)[0].id
    phones_move(page, [(card, first.key)])
    qtbot.waitUntil(lambda: bool(regions.seen), timeout=2000)
    qtbot.wait(20)
    regions.seen.clear()
    phones_move(page, [(card, last.key)])  # from the top left cell to the bottom right
    qtbot.waitUntil(lambda: bool(regions.seen), timeout=2000)
    qtbot.wait(20)
    painted = regions.seen[0]
    for r in regions.seen[1:]:
        painted = painted.united(r)
    for cell in (first, last):
        assert painted.contains(page.view.mapFromScene(cell.sceneBoundingRect().center()))
    middle = scene.containers[(board.rows[len(board.rows) // 2].id,
                               board.columns[len(board.columns) // 2].id)]
    assert not painted.contains(page.view.mapFromScene(middle.sceneBoundingRect().center()))
