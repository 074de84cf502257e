"""Nothing cut on a real projector (issue 26): at 1024x600 and 1280x720, with View > Zoom
+2 in high contrast, the continuum page reflows (its panels under the chart, the page
scrolling up and down, never sideways) instead of cutting the panels, dropping the names
or running "Room now" into "Room target"; a 60-character name from a phone elides and the
chart keeps its share. Geometry is measured from the widgets."""
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics, QScreen
from PySide6.QtWidgets import QApplication, QScrollArea

from lpdesk.ui.style.theme import HIGH_CONTRAST, NORMAL, apply_theme
from lpdesk.ui.style.zoom import set_zoom

LONG_NAME = "Maximiliana Evangelina Rosalind Featherstonehaugh-Cholmondeley"  # 60 chars


@pytest.fixture
def screen(request, monkeypatch):
    """The (only) screen, as the window manager reports it."""
    area = QRect(0, 0, *request.param)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: area)
    monkeypatch.setattr(QScreen, "geometry", lambda self: area)
    return area


@pytest.fixture
def window(qtbot, app_settings, screen):
    from PySide6.QtWidgets import QMessageBox

    from lpdesk.demo import demo_session
    from lpdesk.document import SessionDocument
    from lpdesk.ui.window.main_window import MainWindow

    apply_theme(QApplication.instance(), NORMAL)
    w = MainWindow(SessionDocument(demo_session()))
    w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.workshop.presentation.stop()
    set_zoom(1.0, remember=False)
    apply_theme(QApplication.instance(), NORMAL)
    w.doc.undo_stack.setClean()


def settle():
    for _ in range(6):
        QApplication.processEvents()


def item_id(w, kind):
    return next(i.id for i in w.doc.session.agenda.items if i.kind == kind)


def continuum(w):
    w.show_activity(item_id(w, "continuum"))
    settle()
    return w.pages[item_id(w, "continuum")]


def scroller(page) -> QScrollArea:
    parent = page.parentWidget()
    while not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def inside(outer, widget) -> bool:
    rect = QRect(widget.mapTo(outer, widget.rect().topLeft()), widget.size())
    return outer.rect().contains(rect)


def assert_nothing_cut(page):
    """No sideways scrolling; the panels whole, apart from the chart, text unsqueezed."""
    area = scroller(page)
    assert page.width() <= area.viewport().width(), "the page scrolls sideways"
    assert not area.horizontalScrollBar().isVisible()
    plot, summary = page.plot, page.summary
    for widget in (plot, page.side, page.controls, summary):
        assert inside(page, widget), f"{widget.objectName() or widget} is cut"
    plot_rect = QRect(plot.mapTo(page, plot.rect().topLeft()), plot.size())
    side_rect = QRect(page.side.mapTo(page, page.side.rect().topLeft()), page.side.size())
    assert not plot_rect.intersects(side_rect), "the panels overlap the chart"
    controls = page.controls
    assert controls.height() >= controls.minimumSizeHint().height() - 1
    # the headline and the median table whole: the summary has the height its text needs
    assert summary.height() >= summary.layout().totalHeightForWidth(summary.width()) - 1
    for cells in summary.cells.values():
        for cell in cells:
            if cell.isVisible():
                assert cell.height() >= QFontMetrics(cell.font()).height() - 1


def assert_names_and_strip_legible(page):
    plot = page.plot
    shown = [label for _row, label in plot.view.names]
    assert len(shown) == len(plot.rows), "the participants' names vanished"
    # "Room now" at 1, "Room target" at 0: a line of text apart at least
    px_per_unit = plot.view.strip_rect().height() / 2.1
    line = QFontMetrics(plot.view.lane_font).height()
    assert px_per_unit >= line, "'Room now' and 'Room target' overlap"


@pytest.mark.parametrize("screen", [(1024, 600), (1280, 720)], indirect=True,
                         ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("t", [NORMAL, HIGH_CONTRAST], ids=lambda t: t.name)
@pytest.mark.parametrize("zoom", [1.0, 1.25], ids=lambda z: f"zoom{z}")
def test_continuum_fits_or_reflows(window, screen, t, zoom):
    apply_theme(QApplication.instance(), t)
    set_zoom(zoom, remember=False)
    page = continuum(window)
    settle()
    assert_nothing_cut(page)
    assert_names_and_strip_legible(page)


@pytest.mark.parametrize("screen", [(1280, 720)], indirect=True, ids=["1280x720"])
def test_a_long_name_elides_and_the_chart_keeps_its_share(window, screen):
    from lpdesk.commands.session import AddParticipantsCommand
    from lpdesk.model.session import Participant

    page = continuum(window)
    width_before = page.plot.view.rows_rect().width()
    stage_before = page.plot.view.stage_font.pointSizeF()
    session = window.doc.session
    assert len(LONG_NAME) >= 60
    window.doc.push(AddParticipantsCommand(session, [Participant("p-long", LONG_NAME)]))
    settle()
    plot = page.plot
    assert plot.view.rows_rect().width() >= 0.85 * width_before, \
        "the long name squashed the chart"
    stage = plot.view.stage_font.pointSizeF()
    assert stage >= 0.85 * stage_before and stage >= 9.5, "the stage headings shrank"
    assert plot.view.name_width <= 0.3 * plot.view.width()
    labels = [label for _row, label in plot.view.names]
    long_label = next(label for label in labels if label.startswith(LONG_NAME[:8]))
    assert long_label != LONG_NAME and long_label.endswith("\u2026")


@pytest.mark.parametrize("screen", [(1024, 600)], indirect=True, ids=["1024x600"])
def test_a_zoom_that_cannot_fit_says_so(window, screen, qtbot):
    page = continuum(window)
    zoom_in = window.workshop.zoom_actions[0]
    window.statusBar().clearMessage()
    zoom_in.trigger()
    zoom_in.trigger()
    settle()
    qtbot.waitUntil(lambda: "does not fit" in window.statusBar().currentMessage(),
                    timeout=2000)
    assert "Ctrl+0" in window.statusBar().currentMessage()
    assert_nothing_cut(page)  # and it reflowed, nothing cut


@pytest.mark.parametrize("screen", [(1920, 1080)], indirect=True, ids=["1920x1080"])
def test_a_zoom_that_fits_says_nothing(window, screen, qtbot):
    window.resize(1910, 1040)
    continuum(window)
    window.statusBar().clearMessage()
    window.workshop.zoom_actions[0].trigger()
    qtbot.wait(600)
    assert "does not fit" not in window.statusBar().currentMessage()


def test_compare_charts_keep_their_labels_inside(qtbot, tmp_path):
    """The axis' "100" (centred on the chart's right end) and the legend under it used to
    run off the chart's widget: no ink may touch its right or bottom edge."""
    from PySide6.QtGui import QColor

    from lpdesk.demo import demo_workshops
    from lpdesk.storage import save_session
    from lpdesk.storage.compare import read_sessions
    from lpdesk.ui.compare.chart_view import CompareChartView
    from lpdesk.ui.compare.window import CompareWindow

    paths = []
    for name, session in demo_workshops():
        save_session(session, tmp_path / name)
        paths.append(tmp_path / name)
    window = CompareWindow(read_sessions(paths))
    qtbot.addWidget(window)
    window.show()
    window.resize(1016, 560)
    qtbot.waitUntil(lambda: window.is_complete, timeout=20000)
    views = window.body.findChildren(CompareChartView)
    assert views
    white = QColor("#FFFFFF").rgb()
    for view in views:
        image = view.grab().toImage()
        w, h = image.width(), image.height()
        right = [image.pixel(x, y) for x in (w - 1, w - 2) for y in range(h)]
        bottom = [image.pixel(x, y) for y in (h - 1, h - 2) for x in range(w)]
        assert all(p == white for p in right), f"{view.chart.title}: cut at the right"
        assert all(p == white for p in bottom), f"{view.chart.title}: cut at the bottom"


@pytest.mark.parametrize("screen", [(1280, 720)], indirect=True, ids=["1280x720"])
def test_phones_panel_fits_its_dock_and_counts_with_the_page(window, screen, qtbot):
    """At 1280x720 the Phones panel needed both scroll bars, its list showed about one row
    and "Take phone out" was out of sight; its "9 of 9 placed" stayed stale."""
    from lpdesk.commands.continuum import SetPlacementCommand

    page = continuum(window)
    live = window.live
    assert live.start("127.0.0.1")  # the loopback only: nothing leaves this machine
    try:
        for _ in range(10):
            settle()
        panel = live.panel
        area = scroller(panel)
        assert not area.horizontalScrollBar().isVisible()
        assert not area.verticalScrollBar().isVisible()
        tree = panel.devices.tree
        row = tree.fontMetrics().height()
        header = tree.header().height()
        assert tree.viewport().height() >= 3 * row, "the list shows several phones"
        assert tree.height() > header + 3 * row
        button = panel.devices.remove_button
        assert button.isVisible() and inside(area.viewport(), button), \
            "'Take phone out' out of sight"
        assert panel.address.text() and panel.code.text()
        # the count follows the page: one marker cleared
        session = window.doc.session
        area_ = session.continuum.current_area
        person = session.participants[0]
        before = panel.placed.text()
        assert before == page.summary.count.text()
        for which in ("now", "target"):
            window.doc.push(SetPlacementCommand(session.continuum, area_.id, person.id,
                                                which, None))
        settle()
        assert panel.placed.text() != before
        assert panel.placed.text() == page.summary.count.text()
    finally:
        live.stop()


@pytest.mark.parametrize("screen", [(1024, 600), (1280, 720)], indirect=True,
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_matrix_title_never_runs_under_the_agreement(window, screen):
    apply_theme(QApplication.instance(), HIGH_CONTRAST)
    set_zoom(1.25, remember=False)
    window.show_activity(item_id(window, "matrix"))
    settle()
    page = window.pages[item_id(window, "matrix")]
    page.reveal_action.trigger()
    settle()
    title, figure = page.title, page.figure
    assert figure.isVisible() and "Matches the model" in figure.text()
    geo = lambda w: QRect(w.mapTo(page, w.rect().topLeft()), w.size())  # noqa: E731
    assert not geo(title).intersects(geo(figure))
    # the whole title shows: on one line it is no wider than its label, else it wraps
    if title.wordWrap():
        assert title.heightForWidth(title.width()) <= title.height() + 1
    else:
        assert title.sizeHint().width() <= title.width()
    assert figure.sizeHint().width() <= figure.width()
    assert inside(page, title) and inside(page, figure)


@pytest.mark.parametrize("screen", [(1280, 720)], indirect=True, ids=["1280x720"])
def test_summary_lists_keep_their_rows_when_phones_send_notes(window, screen):
    from lpdesk.model.room import RoomNote

    apply_theme(QApplication.instance(), HIGH_CONTRAST)
    room = window.doc.session.room
    for i in range(3):
        room.insert(len(room.notes), RoomNote(f"n-p{i}", "comment", f"From a phone {i}",
                                              status="pending", source="phone"))
    window.show_activity(item_id(window, "summary"))
    settle()
    page = window.pages[item_id(window, "summary")]
    assert page.pending.isVisible()
    area = scroller(page)
    assert not area.horizontalScrollBar().isVisible()
    for view in page.lists.values():
        shown = [view.visualItemRect(view.item(r)) for r in range(min(2, view.count()))]
        assert shown, "the sample has notes"
        for rect in shown:  # whole entries, text and detail line, not a crushed sliver
            assert view.viewport().rect().contains(rect), f"{view.objectName()} clips"
