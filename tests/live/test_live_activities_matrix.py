"""The practices matrix on the phones: each group's phones see their group's board, every
move is a command on the GUI thread, every phone of the group sees it, the last move wins,
the reveal marks reach the phones, the facilitator locks boards; hostile moves change
nothing."""
from __future__ import annotations

import copy

import pytest
from live_helpers import Phone

from lpdesk.commands.matrix import SetRevealedCommand
from lpdesk.storage.codec import session_to_dict

pytestmark = pytest.mark.filterwarnings("ignore:connect\\(\\) must be used:DeprecationWarning")


@pytest.fixture
def matrix_room(demo_window, qtbot):
    w = demo_window
    assert w.live.start("127.0.0.1")
    yield w
    w.live.stop()


def open_matrix(w):
    item = next(i for i in w.visible_items() if i.kind == "matrix")
    w.show_activity(item.id)
    return w.pages[item.id]


def where(section, card_id):
    return next(c for c in section["cards"] if c["id"] == card_id)["cell"]


def test_a_groups_phones_sort_their_board_and_see_each_others_moves(matrix_room, qtbot):
    w = matrix_room
    s = w.doc.session
    c = w.live.controller
    harbour = next(b for b in s.matrix.boards if b.group_id == "g-harbour")
    lighthouse = next(b for b in s.matrix.boards if b.group_id == "g-lighthouse")
    a = Phone(qtbot, c.url).join(c.room.code, "p-01")
    b = Phone(qtbot, c.url).join(c.room.code, "p-02")
    other = Phone(qtbot, c.url).join(c.room.code, "p-05")
    a.drain(100)
    assert not a.sections.get("board")  # not before the facilitator opens the matrix
    open_matrix(w)
    mine = a.wait_section("board", lambda x: x and x["id"] == harbour.id)
    assert len(mine["cards"]) == len(harbour.cards) and "match" not in mine["cards"][0]
    assert other.wait_section("board", lambda x: x and x["id"] == lighthouse.id)
    card = next(k for k in harbour.cards if k.id not in harbour.positions)
    cell = (harbour.rows[0].id, harbour.columns[2].id)
    theirs = dict(lighthouse.positions)
    seq = a.send({"type": "card_move", "board": harbour.id, "card": card.id,
                  "row": cell[0], "column": cell[1]})
    a.wait_type("ack", seq=seq)
    assert harbour.positions[card.id] == cell
    assert b.wait_section("board", lambda x: where(x, card.id) == list(cell))
    assert lighthouse.positions == theirs  # the other group's board is untouched
    # both move the same card at once: the last one wins and everyone ends the same
    cell_a = (harbour.rows[1].id, harbour.columns[0].id)
    cell_b = (harbour.rows[2].id, harbour.columns[1].id)
    a.send({"type": "card_move", "board": harbour.id, "card": card.id, "row": cell_a[0],
            "column": cell_a[1]})
    last = b.send({"type": "card_move", "board": harbour.id, "card": card.id,
                   "row": cell_b[0], "column": cell_b[1]})
    b.wait_type("ack", seq=last)
    a.drain(200)
    b.drain(100)
    final = harbour.positions.get(card.id)
    assert final in (cell_a, cell_b)
    assert where(a.sections["board"], card.id) == list(final)
    assert where(b.sections["board"], card.id) == list(final)
    # back to the deck
    b.wait_type("ack", seq=b.send({"type": "card_move", "board": harbour.id, "card": card.id,
                                   "row": None, "column": None}))
    assert card.id not in harbour.positions
    assert a.wait_section("board", lambda x: where(x, card.id) is None)
    # the reveal reaches the group's phones with match marks
    w.doc.push(SetRevealedCommand(s.matrix, [harbour.id], True))
    shown = a.wait_section("board", lambda x: x["revealed"])
    placed = next(k for k in harbour.cards if k.id in harbour.positions)
    assert next(x for x in shown["cards"] if x["id"] == placed.id)["match"] == \
        placed.matches(harbour.positions[placed.id])
    # locked: refused, and the phones say so
    c.activities.set_locked([harbour.id], True)
    assert a.wait_section("board", lambda x: x["locked"])
    seq = a.send({"type": "card_move", "board": harbour.id, "card": card.id,
                  "row": cell[0], "column": cell[1]})
    assert a.wait_type("error", seq=seq)["code"] == "locked"
    assert card.id not in harbour.positions
    c.activities.set_locked([harbour.id], False)
    assert not a.wait_section("board", lambda x: not x["locked"])["locked"]
    # the facilitator's "lock all boards" on the matrix page
    bar = open_matrix(w).phones_bar
    assert not bar.isHidden()
    bar.lock_all.click()
    assert c.activities.locked_boards == {x.id for x in s.matrix.boards}
    assert other.wait_section("board", lambda x: x["locked"])
    bar.lock_all.click()
    assert not c.activities.locked_boards


def test_hostile_card_moves_are_refused_and_the_session_is_unchanged(matrix_room, qtbot):
    w = matrix_room
    s = w.doc.session
    c = w.live.controller
    harbour = next(b for b in s.matrix.boards if b.group_id == "g-harbour")
    lighthouse = next(b for b in s.matrix.boards if b.group_id == "g-lighthouse")
    a = Phone(qtbot, c.url).join(c.room.code, "p-01")
    card = harbour.cards[0].id
    row, col = harbour.rows[0].id, harbour.columns[0].id
    seq = a.send({"type": "card_move", "board": harbour.id, "card": card, "row": row,
                  "column": col})
    assert a.wait_type("error", seq=seq)["code"] == "activity"  # the matrix is not open
    open_matrix(w)
    a.wait_section("board", lambda x: x and x["id"] == harbour.id)
    before = copy.deepcopy(session_to_dict(s))
    for bad, code in (
            ({"board": harbour.id, "card": "no-such-card", "row": row, "column": col}, "card"),
            ({"board": harbour.id, "card": card, "row": "nowhere", "column": col}, "cell"),
            ({"board": harbour.id, "card": card, "row": row, "column": None}, "cell"),
            ({"board": lighthouse.id, "card": card, "row": row, "column": col}, "board"),
            ({"board": "no-board", "card": card, "row": row, "column": col}, "board"),
            ({"board": harbour.id, "card": {"x": 1}, "row": row, "column": col}, "field"),
            ({"board": harbour.id, "card": card, "row": "r" * 65, "column": col}, "field"),
            ({"board": harbour.id, "card": card}, "field")):
        seq = a.send({"type": "card_move", **bad})
        assert a.wait_type("error", seq=seq)["code"] == code, bad
    assert session_to_dict(s) == before
    # a flood of moves: the server's rate limit refuses the excess, the model stays sane
    for i in range(60):
        a.send({"type": "card_move", "board": harbour.id, "card": card,
                "row": harbour.rows[i % len(harbour.rows)].id, "column": col})
    a.drain(400)
    assert harbour.positions[card][1] == col
    assert len(harbour.cards) == len(before["matrix"]["boards"][0]["cards"])


def test_a_batch_of_phone_moves_is_one_change_undone_exactly(qtbot):
    from lpdesk.commands.matrix import MoveCardsFromPhonesCommand
    from lpdesk.demo import demo_session
    from lpdesk.document import SessionDocument

    doc = SessionDocument(demo_session())
    matrix = doc.session.matrix
    board = matrix.boards[0]
    order, positions = [c.id for c in board.cards], dict(board.positions)
    events = []
    matrix.changed.connect(events.append)
    a, b = board.cards[0].id, board.cards[1].id
    cell = (board.rows[2].id, board.columns[1].id)
    command = MoveCardsFromPhonesCommand(matrix, board.id, [(a, cell), (b, None)])
    doc.apply(command)
    assert events == [board.id]  # laid out once
    assert board.positions[a] == cell and b not in board.positions
    assert [c.id for c in board.cards][-2:] == [a, b]
    command.undo()
    assert [c.id for c in board.cards] == order and board.positions == positions
    with pytest.raises(KeyError):  # nothing half-done with a bad move in the batch
        matrix.place_many(board.id, [(a, cell), ("no-such-card", None)])
    assert board.positions == positions
