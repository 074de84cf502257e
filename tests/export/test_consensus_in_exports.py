"""The exported summary's consensus follows the same rule as the screen: only boards with
cards placed are compared (and the words say how many were left out), and no card that
fewer than two boards placed is listed as disputed."""
from export_sessions import with_boards

from lpdesk.export.summary import build_report
from lpdesk.model.matrix_stats import consensus_overview


def test_one_board_with_cards_gives_no_consensus_section():
    session = with_boards(participants=6, groups=3, cards=8)
    for board in session.matrix.boards[1:]:
        board.positions.clear()
    assert session.matrix.boards[0].positions
    assert not build_report(session).consensus


def test_untouched_board_is_left_out_and_named_as_such():
    session = with_boards(participants=6, groups=3, cards=8)
    boards = session.matrix.boards
    boards[2].positions.clear()
    report = build_report(session)
    assert len(report.consensus) == 1
    view = report.consensus[0]
    assert len(view.boards) == 2  # the untouched board is not compared
    assert "1 board without cards placed is left out." in view.words
    overview, per_card = consensus_overview(boards)
    assert overview.compared == 2
    disputed = {cc.text for cc in per_card if cc.disputed}
    assert {d.text for d in view.most_disputed} <= disputed
    for card in view.most_disputed:
        assert card.placed_by >= 2
