"""The closing recap on the 'Actions and summary' page: where the room stands, the move it
wants, the boards' agreement with the model, the actions, legible on the room's screen."""
from PySide6.QtWidgets import QApplication, QLabel

from lpdesk.commands.continuum import SetHiddenCommand
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.export.summary import build_report
from lpdesk.model.continuum_words import format_gap, format_position
from lpdesk.model.matrix_stats import board_agreement
from lpdesk.ui.summary.page import SummaryPage


def make_page(qtbot, audience=True, session=None):
    doc = SessionDocument(session or demo_session())
    page = SummaryPage(doc, audience=audience)
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    return doc, page


def test_recap_shows_the_exports_figures_for_every_area_and_board(qtbot):
    doc, page = make_page(qtbot)
    said = page.recap.texts()
    report = build_report(doc.session)
    for area in report.areas:  # the export's figures, computed its own way
        s = area.stats
        assert area.name in said
        assert f"{format_position(s.now.median)} ({area.now_stage})" in said
        assert f"{format_position(s.target.median)} ({area.target_stage})" in said
        assert f"{format_gap(s.gap.median)} towards the learner" in said
    boards = [b for b in doc.session.matrix.boards if any(c.has_reference for c in b.cards)]
    assert boards
    for board in boards:
        a = board_agreement(board)
        assert f"{a.matching} of {a.placed} placed cards match " \
            f"({round(100 * a.share)}%)" in said
    assert "Agreed: 35 (Blended) today, 62 (Facilitated) as the target." in said
    # the actions, with their owners, numbered for the room
    actions = page.lists["action"]
    assert actions.item(0).text().startswith("1. ")
    assert actions.item(0).text().endswith("\u2014 Eva, by 2027-01-15")  # owner and due


def test_recap_follows_the_session_and_keeps_a_private_vote_private(qtbot):
    doc, page = make_page(qtbot)
    doc.push(SetHiddenCommand(doc.session.continuum, True))
    said = " ".join(page.recap.texts())
    assert "still private" in said
    assert "(Blended)" not in said and "towards the learner" not in said
    doc.undo_stack.undo()
    assert "(Blended)" in " ".join(page.recap.texts())


def test_recap_shows_session_texts_as_plain_text(qtbot):
    session = demo_session()
    session.continuum.areas[0].name = "<b>Bold</b> area"
    doc, page = make_page(qtbot, session=session)
    label = next(w for w in page.recap.findChildren(QLabel) if "Bold" in w.text())
    assert label.text() == "<b>Bold</b> area"
    assert label.textFormat().name == "PlainText"


def test_recap_is_legible_on_the_room_screen_and_fits(qtbot):
    """Audience text is larger than the facilitator's; nothing is cut at 1280x720."""
    _doc, room = make_page(qtbot, audience=True)
    _doc2, desk = make_page(qtbot, audience=False)
    QApplication.processEvents()
    room_size = room.recap.cells[0][0].fontInfo().pointSizeF()
    desk_size = desk.recap.cells[0][0].fontInfo().pointSizeF()
    assert room_size > desk_size
    for label, _role in room.recap.cells:
        if label.isVisible():
            assert room.rect().contains(label.mapTo(room, label.rect().bottomRight()))
            assert label.width() >= label.minimumSizeHint().width()
    assert room.lists["action"].height() > 80  # the actions keep room below the recap


def test_recap_and_export_count_the_same_subjects_when_working_by_groups(qtbot):
    from lpdesk.model.continuum import Placement

    session = demo_session()
    session.continuum.by_groups = True
    area = session.continuum.areas[0]
    for i, g in enumerate(session.groups):
        area.group_placements[g.id] = Placement(10.0 + i, 80.0)
    doc, page = make_page(qtbot, session=session)
    report = build_report(doc.session)
    assert report.areas[0].basis == "groups"
    s = report.areas[0].stats
    assert f"{format_position(s.now.median)} ({report.areas[0].now_stage})" in \
        page.recap.texts()
    assert format_position(s.now.median) == "11"


def test_six_group_boards_leave_the_actions_room_on_the_room_screen(qtbot):
    from benchmarks.sessions import large_session

    session = large_session(participants=40, groups=6)
    session.continuum.areas[1].name = "Onboarding of new starters in the regional depots"
    _doc, page = make_page(qtbot, session=session)
    QApplication.processEvents()
    assert len(session.matrix.boards) == 6
    assert page.lists["action"].height() >= 150  # two boards a line, not six lines
    assert page.minimumSizeHint().width() <= 1024  # a long area name wraps, never widens


def test_building_the_page_styles_the_recap_once_and_a_theme_change_restyles_it(
        qtbot, monkeypatch):
    # Each restyle sets a font on every recap label (and a sheet where it changed): the
    # page's own restyle at construction used to do it a second time, per page open.
    from lpdesk.ui.style.theme import HIGH_CONTRAST, NORMAL, apply_theme, theme
    from lpdesk.ui.summary.recap import RecapPanel

    calls = []
    restyle = RecapPanel.restyle
    monkeypatch.setattr(RecapPanel, "restyle", lambda self: (calls.append(self),
                                                             restyle(self))[-1])
    _doc, page = make_page(qtbot, audience=False)
    assert calls == [page.recap]
    app = QApplication.instance()
    try:
        apply_theme(app, HIGH_CONTRAST)
        now = [label for label, role in page.recap.cells if role == "now"]
        for label in now:
            label.ensurePolished()
        assert now and all(label.palette().color(label.foregroundRole()).name().lower()
                           == theme().now.lower() for label in now)
        assert theme().text in page.heading.styleSheet()
    finally:
        apply_theme(app, NORMAL)
