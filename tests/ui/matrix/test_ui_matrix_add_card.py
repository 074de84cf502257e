"""Ctrl+Shift+C adds a card to the board shown (every group board only when chosen in the
dialog), then shows where it went: selected, scrolled into view, said in the status bar."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox

from lpdesk.demo import demo_session
from lpdesk.ui.matrix.dialogs import CardChoice, CardDialog


def matrix_window(w):
    w.resize(1280, 720)
    w.show_activity(next(i.id for i in w.doc.session.agenda.items if i.kind == "matrix"))
    QApplication.processEvents()
    return w, w.stack.currentWidget()


def test_ctrl_shift_c_adds_to_the_board_shown_and_shows_where(qtbot, monkeypatch, demo_window):
    w, page = matrix_window(demo_window)
    boards = page.matrix.boards
    shown = page.matrix.current_board
    before = {b.id: len(b.cards) for b in boards}
    monkeypatch.setattr(page, "ask_card", lambda card_id: CardChoice(
        "Peer coaching circles", None, ("approach", "new"), None))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    added = shown.cards[-1]
    assert added.text == "Peer coaching circles"
    assert {b.id: len(b.cards) for b in boards} == {
        b.id: before[b.id] + (1 if b is shown else 0) for b in boards}
    item = page.scene.cards[added.id]
    assert item.isSelected() and item.hasFocus()
    message = w.statusBar().currentMessage()
    assert shown.name in message and "in the deck" in message
    # scrolled into view: the card is inside the deck's visible part
    viewport = page.scene.containers[None].viewport
    shown_rect = item.mapRectToItem(viewport, item.boundingRect())
    assert viewport.rect().adjusted(-1, -1, 1, 1).contains(shown_rect)
    w.doc.undo_stack.undo()
    assert {b.id: len(b.cards) for b in boards} == before


def test_all_boards_is_offered_explicitly_and_off_by_default(qtbot):
    session = demo_session()
    board = session.matrix.boards[0]
    dialog = CardDialog(board, None, sibling_boards=3)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QCheckBox)
    assert box is not None and box.isVisibleTo(dialog) and "all 3 group boards" in box.text()
    dialog.text.setPlainText("Mentoring")
    assert dialog.choice().all_boards is False
    box.setChecked(True)
    assert dialog.choice().all_boards is True
    alone = CardDialog(board, None, sibling_boards=1)
    qtbot.addWidget(alone)
    assert alone.findChild(QCheckBox) is None  # one board: nothing to choose
    assert alone.choice().all_boards is False


def test_all_boards_when_chosen_puts_it_in_every_deck(qtbot, monkeypatch, demo_window):
    w, page = matrix_window(demo_window)
    shown = page.matrix.current_board
    monkeypatch.setattr(page, "ask_card", lambda card_id: CardChoice(
        "Job shadowing", ("approach", "new"), None, None, True))
    page.add_card_action.trigger()
    card_id = shown.cards[-1].id
    assert all(b.cards[-1].id == card_id for b in page.matrix.siblings(shown.id))
    assert shown.cell_of(card_id) == ("approach", "new")
    assert "3 boards" in w.statusBar().currentMessage()
    assert page.scene.cards[card_id].isSelected()
