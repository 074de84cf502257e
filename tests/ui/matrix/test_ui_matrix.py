"""The practices matrix page: drag and drop (handler and real mouse), keyboard, reveal,
consensus, board switching, facilitator edits, and the save/open round trip."""
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from shown import shown

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.model.matrix_stats import consensus
from lpdesk.storage import dumps_session, parse_session
from lpdesk.ui.matrix.dialogs import EACH_GROUP, CardChoice, NewBoardChoice
from lpdesk.ui.matrix.items import MATCH, MISMATCH
from lpdesk.ui.matrix.layout import layout_board
from lpdesk.ui.matrix.page import MatrixPage


@pytest.fixture
def page(qtbot):
    return shown(qtbot, MatrixPage(SessionDocument(demo_session())), (1280, 800))


def board_of(page):
    return page.matrix.current_board


def loose_cards(board):
    return [c.id for c in board.cards_in(None)]


def cell_centre(page, cell) -> QPointF:
    return page.scene.layout.containers[cell].rect.center()


def test_page_shows_the_current_board_with_every_card(page):
    board = board_of(page)
    assert page.scene.board_id == board.id
    assert set(page.scene.cards) == {c.id for c in board.cards}
    for card in board.cards:  # each card sits in the container of its cell
        item = page.scene.cards[card.id]
        assert item.parentItem() is page.scene.containers[board.cell_of(card.id)].content
    assert "<b>Harbour board</b>" in page.title.text()


def test_drop_handler_moves_one_card_in_one_undo_step(page):
    board, stack = board_of(page), page.doc.undo_stack
    card = loose_cards(board)[0]
    assert page.scene.drop_card(card, cell_centre(page, ("design", "traditional")))
    assert board.cell_of(card) == ("design", "traditional") and stack.count() == 1
    assert page.scene.cards[card].parentItem() is \
        page.scene.containers[("design", "traditional")].content
    assert page.scene.drop_card(card, cell_centre(page, ("design", "new")))  # between cells
    assert page.scene.drop_card(card, page.scene.layout.containers[None].rect.center())
    assert board.cell_of(card) is None and stack.count() == 3
    stack.undo()
    assert board.cell_of(card) == ("design", "new")


def test_drop_between_two_cards_lands_between_them(page):
    board, scene = board_of(page), page.scene
    a, b, c = loose_cards(board)[:3]
    cell = ("mindset", "bolted-on")
    scene.move_card(a, cell)
    scene.move_card(b, cell)
    rect_a, rect_b = (r for cid, r in scene.layout.containers[cell].cards if cid in (a, b))
    offset = scene.containers[cell].content.scenePos()
    between = QPointF(rect_a.center().x(), (rect_a.bottom() + rect_b.top()) / 2) + offset
    assert scene.drop_card(c, between)
    assert [x.id for x in board.cards_in(cell)] == [a, c, b]


def test_drop_outside_or_on_the_same_place_pushes_nothing(page):
    board, scene, stack = board_of(page), page.scene, page.doc.undo_stack
    card = loose_cards(board)[0]
    assert not scene.drop_card(card, QPointF(2, 2))  # the top-left corner: no cell there
    placed = next(c.id for c in board.cards if board.cell_of(c.id))
    own = scene.cards[placed].sceneBoundingRect().center()
    assert not scene.drop_card(placed, own)  # let go where it already is
    assert stack.count() == 0
    assert scene.cards[card].parentItem() is scene.containers[None].content


def test_real_mouse_drag_from_the_deck_into_a_cell_is_one_command(page, qtbot):
    board, scene, view = board_of(page), page.scene, page.view
    card = loose_cards(board)[0]
    item = scene.cards[card]
    start = view.mapFromScene(item.sceneBoundingRect().center())
    target_cell = ("systems", "new")
    end = view.mapFromScene(cell_centre(page, target_cell))
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 11):
        QTest.mouseMove(viewport, start + (end - start) * step / 10)
    assert scene.dragging is item  # dragging, not yet committed
    assert scene.containers[target_cell].highlighted
    assert page.doc.undo_stack.count() == 0
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       end)
    assert board.cell_of(card) == target_cell
    assert page.doc.undo_stack.count() == 1
    assert not scene.containers[target_cell].highlighted
    assert item.parentItem() is scene.containers[target_cell].content


def test_a_click_without_moving_only_selects(page):
    board, scene, view = board_of(page), page.scene, page.view
    card = loose_cards(board)[0]
    pos = view.mapFromScene(scene.cards[card].sceneBoundingRect().center())
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, pos)
    assert scene.cards[card].isSelected() and page.doc.undo_stack.count() == 0


def test_keyboard_moves_the_selected_card(page, qtbot):
    board, scene, view = board_of(page), page.scene, page.view
    page.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: view.hasFocus())
    card = loose_cards(board)[0]
    scene.select_card(card)
    rows, cols = [r.id for r in board.rows], [c.id for c in board.columns]
    QTest.keyClick(view, Qt.Key.Key_Left)  # from the deck into the grid: top row, last column
    assert board.cell_of(card) == (rows[0], cols[-1])
    QTest.keyClick(view, Qt.Key.Key_Down)
    QTest.keyClick(view, Qt.Key.Key_Left)
    assert board.cell_of(card) == (rows[1], cols[-2])
    QTest.keyClick(view, Qt.Key.Key_Up)
    QTest.keyClick(view, Qt.Key.Key_Up)  # already in the top row: nothing happens
    assert board.cell_of(card) == (rows[0], cols[-2])
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Right)  # right of the last column: the deck
    assert board.cell_of(card) is None
    assert page.doc.undo_stack.count() == 6  # the blocked Up pushed nothing
    assert scene.cards[card].isSelected()  # the card stays selected through its moves
    QTest.keyClick(view, Qt.Key.Key_Left)
    QTest.keyClick(view, Qt.Key.Key_Delete)  # back to the deck
    assert board.cell_of(card) is None


def test_shift_up_reorders_and_tab_walks_cards_in_reading_order(page):
    board, scene = board_of(page), page.scene
    cell = ("approach", "traditional")
    first = board.cards_in(cell)[0].id
    extra = loose_cards(board)[0]
    scene.move_card(extra, cell)
    assert [c.id for c in board.cards_in(cell)][-1] == extra
    assert scene.move_within(extra, -1)
    assert [c.id for c in board.cards_in(cell)][0] == extra
    scene.select_card(extra)
    scene.select_next(extra)
    assert scene.cards[first].isSelected()


def test_move_to_menu(page):
    board, scene = board_of(page), page.scene
    card = loose_cards(board)[0]
    menu = scene.build_card_menu(card)
    move = menu.actions()[0].menu()
    row_menu = next(a.menu() for a in move.actions() if a.text() == "Autonomy")
    next(a for a in row_menu.actions() if a.text() == "Traditional").trigger()
    assert board.cell_of(card) == ("autonomy", "traditional")
    menu = scene.build_card_menu(card)  # keep the menu alive while using its actions
    deck = next(a for a in menu.actions()[0].menu().actions()
                if a.text() == "Back to the deck")
    deck.trigger()
    assert board.cell_of(card) is None and page.doc.undo_stack.count() == 2


def test_reveal_marks_cards_and_shows_agreement_then_hides_again(page):
    board, scene = board_of(page), page.scene
    page.reveal_action.trigger()
    assert all(b.revealed for b in page.matrix.boards)  # every group board, one step
    assert page.doc.undo_stack.count() == 1
    for card in board.cards:
        cell = board.cell_of(card.id)
        expected = None if cell is None else MATCH if cell == card.reference else MISMATCH
        assert scene.cards[card.id].state == expected
        if expected == MISMATCH:
            assert scene.cards[card.id].hint.startswith("Model: ")
    assert "Matches the model: " in page.figure.text()
    assert "match" in scene.headers["approach"].note
    page.reveal_action.trigger()
    assert not any(b.revealed for b in page.matrix.boards)
    assert all(item.state is None and item.hint == "" for item in scene.cards.values())
    assert page.figure.text() == ""


def test_consensus_view_lists_most_disputed_first_with_counts(page):
    page.consensus_action.trigger()
    assert page.stack.currentWidget() is page.consensus
    expected = consensus(page.matrix.siblings(board_of(page).id))
    view = page.consensus
    assert [i.card_id for i in view.items] == [c.card_id for c in expected]
    assert view.current_card_id() == expected[0].card_id
    board = board_of(page)
    rows, cols = [r.id for r in board.rows], [c.id for c in board.columns]
    assert [view.heat.item(0, k + 1).text() for k in range(len(cols))] == \
        [c.name for c in board.columns]
    assert view.heat.item(1, 0).text() == board.rows[0].name
    for cell, count in expected[0].counts.items():
        if cell is not None:  # row and column 0 hold the names
            text = view.heat.item(rows.index(cell[0]) + 1, cols.index(cell[1]) + 1).text()
            assert text.split(" ")[0] == str(count)
    page.consensus_action.trigger()
    assert page.stack.currentWidget() is page.view


def test_switching_boards_shows_the_other_groups_board(page):
    first, second = page.matrix.boards[0], page.matrix.boards[1]
    page.step_board(1)
    assert page.matrix.current_board is second and page.scene.board_id == second.id
    for card in second.cards:
        item = page.scene.cards[card.id]
        assert item.parentItem() is page.scene.containers[second.cell_of(card.id)].content
    page.board_combo.activated.emit(0)
    assert page.scene.board_id == first.id
    assert page.doc.undo_stack.count() == 0  # switching is not an edit


def test_new_boards_per_group_and_remove_are_single_undo_steps(page, monkeypatch):
    monkeypatch.setattr(page, "ask_new_board", lambda: NewBoardChoice(
        "today-and-tomorrow", "Today", EACH_GROUP))
    before = len(page.matrix.boards)
    page.new_board()
    assert len(page.matrix.boards) == before + 3
    assert board_of(page).name == "Today \u2014 Harbour"
    assert not page.reveal_action.isEnabled()  # no model answers on this template
    page.remove_board()
    assert len(page.matrix.boards) == before + 2
    page.doc.undo_stack.undo()
    page.doc.undo_stack.undo()
    assert len(page.matrix.boards) == before
    monkeypatch.setattr(page, "ask_new_board", lambda: NewBoardChoice(None, "Mine", None))
    page.new_board()
    assert [r.name for r in board_of(page).rows] == ["Row 1", "Row 2", "Row 3"]
    assert board_of(page).cards == []


def test_card_and_grid_edits_apply_to_every_group_board(page, monkeypatch):
    boards = page.matrix.boards
    monkeypatch.setattr(page, "ask_card", lambda card_id: CardChoice(
        "Peer coaching circles", ("approach", "new"), ("approach", "new"), None, True))
    page.add_card()
    added = boards[0].cards[-1]
    assert added.custom and all(b.cards[-1].id == added.id for b in boards)
    assert boards[0].cell_of(added.id) == ("approach", "new")
    assert boards[1].cell_of(added.id) is None  # other groups place it themselves
    monkeypatch.setattr(page, "ask_card", lambda card_id: CardChoice(
        "Peer coaching", None, None, "new"))
    page.edit_card(added.id)
    assert all(b.card(added.id).text == "Peer coaching" for b in boards)
    assert boards[2].card(added.id).reference_column == "new"
    monkeypatch.setattr(page, "ask_axis_name", lambda title, current="": "Modern")
    page.rename_axis("new")
    assert all(b.axis("new")[2].name == "Modern" for b in boards)
    page.add_axis("row", after="approach")
    assert all(b.rows[1].name == "Modern" for b in boards)
    page.remove_axis(boards[0].rows[1].id)
    page.delete_card(added.id)
    assert all(added.id not in {c.id for c in b.cards} for b in boards)
    assert page.doc.undo_stack.count() == 6
    while page.doc.undo_stack.canUndo():
        page.doc.undo_stack.undo()
    assert dumps_session(page.doc.session) == dumps_session(demo_session())
    page.together_action.setChecked(False)
    page.rename_axis("new")
    assert [b.axis("new")[2].name for b in boards] == ["Modern", "New workplace learning",
                                                      "New workplace learning"]


def test_round_trip_keeps_boards_custom_cards_and_renamed_axes(page, monkeypatch, qtbot):
    scene = page.scene
    monkeypatch.setattr(page, "ask_card", lambda card_id: CardChoice(
        "Lunch & learn \u2615", ("content", "new"), None, None))
    page.add_card()
    monkeypatch.setattr(page, "ask_axis_name", lambda title, current="": "How we design")
    page.rename_axis("design")
    scene.move_card(loose_cards(board_of(page))[0], ("design", "bolted-on"))
    page.reveal_action.trigger()
    page.step_board(1)
    text = dumps_session(page.doc.session)
    reopened = parse_session(text)
    assert reopened.matrix.boards == page.matrix.boards
    assert reopened.matrix.current_board_id == page.matrix.current_board_id
    assert dumps_session(reopened) == text
    again = MatrixPage(SessionDocument(reopened))
    qtbot.addWidget(again)
    again.resize(page.size())
    again.show()
    qtbot.waitExposed(again)
    assert again.scene.board_id == page.scene.board_id
    for card_id, item in page.scene.cards.items():  # the screen is identical
        other = again.scene.cards[card_id]
        assert other.scenePos() == item.scenePos()
        assert (other.state, other.hint, other.text) == (item.state, item.hint, item.text)


def test_audience_page_has_no_editing_chrome_but_follows_the_facilitator(page, qtbot):
    audience = MatrixPage(page.doc, audience=True)
    qtbot.addWidget(audience)
    audience.resize(1280, 720)
    audience.show()
    assert not hasattr(audience, "board_combo")
    assert not audience.scene.build_card_menu(loose_cards(board_of(page))[0]).actions()[2:]
    page.step_board(1)
    assert audience.scene.board_id == page.matrix.boards[1].id
    page.reveal_action.trigger()
    assert "Matches the model" in audience.figure.text()


def test_theme_change_rerenders(page):
    from lpdesk.ui.style.theme import HIGH_CONTRAST, NORMAL, set_theme
    card = next(iter(page.scene.cards.values()))
    try:
        set_theme(HIGH_CONTRAST)
        assert card.theme == HIGH_CONTRAST
        assert page.scene.backgroundBrush().color().name() == HIGH_CONTRAST.background.lower()
    finally:
        set_theme(NORMAL)


def test_layout_never_overlaps_and_a_full_cell_scrolls_at_a_legible_size(page):
    board = board_of(page)
    for card in board.cards:  # everything into one cell
        board.positions[card.id] = ("approach", "traditional")
    layout = layout_board(board, 1000, 560)
    assert layout.card_font.pixelSize() >= 12
    full = layout.containers[("approach", "traditional")]
    assert full.overflows and len(full.cards) == len(board.cards)
    rects = [c.rect for c in layout.containers.values()]
    for i, a in enumerate(rects):
        assert a.right() <= 1000 and a.bottom() <= 560
        for b in rects[i + 1:]:
            assert not a.intersects(b)
    tops = [r.top() for _, r in full.cards]
    assert tops == sorted(tops)
    for (_, a), (_, b) in zip(full.cards, full.cards[1:], strict=False):
        assert a.bottom() <= b.top()
    page.scene.refresh()
    container = page.scene.containers[("approach", "traditional")]
    assert container.max_scroll > 0 and container.bar.isVisible()
    last = board.cards[-1].id
    page.scene.select_card(last)  # selecting scrolls the card into view
    assert container.scroll > 0


def test_empty_session_shows_the_empty_state(qtbot):
    from lpdesk.content.defaults import new_session
    page = MatrixPage(SessionDocument(new_session()))
    qtbot.addWidget(page)
    assert page.stack.currentWidget() is page.empty
    assert not page.add_card_action.isEnabled()
    assert page.scene.drop_card("nothing", QPointF(10, 10)) is False
