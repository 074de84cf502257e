"""The continuum's own canvas (no plotting library): its hit testing in model units, what a
change repaints (one row, not the plot), and that a paint draws only the rows it covers."""
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from shown import shown
from test_ui_continuum_redraw import Painted, crowd

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.continuum.canvas import ContinuumCanvas
from lpdesk.ui.continuum.page import ContinuumPage
from lpdesk.ui.continuum.pointer import HIT_SLOP_PX


def make_page(qtbot, doc=None, size=(1280, 720)):
    doc = doc or SessionDocument(demo_session())
    return doc, shown(qtbot, ContinuumPage(doc), size)


def test_the_canvas_maps_positions_and_rows_both_ways(qtbot):
    _doc, page = make_page(qtbot)
    view = page.plot.view
    for x, row in ((0.0, 0), (37.5, 3), (100.0, len(page.plot.rows) - 1)):
        back = view.to_data(view.to_pixel(x, row))
        assert back.x() == pytest.approx(x) and back.y() == pytest.approx(row)
    rows = view.rows_rect()
    assert rows.left() < view.to_px(0.0) < view.to_px(100.0) < rows.right()
    assert view.units_per_px() == pytest.approx(
        (page.plot.x_range[1] - page.plot.x_range[0]) / rows.width())


def test_a_marker_is_hit_within_its_radius_and_the_slop_not_beyond(qtbot):
    _doc, page = make_page(qtbot)
    plot = page.plot
    row = 2
    now, target = plot.rows[row].now, plot.rows[row].target
    reach = (plot.size_for("now") / 2 + HIT_SLOP_PX) * plot.view.units_per_px()
    assert plot.marker_at(QPointF(now, row)) == (row, "now")
    assert plot.marker_at(QPointF(target, row + 0.3)) == (row, "target")  # same row
    assert plot.marker_at(QPointF(now + reach * 0.95, row)) == (row, "now")
    assert plot.marker_at(QPointF(now - reach * 1.1, row)) is None
    assert plot.marker_at(QPointF(now, row + 1)) != (row, "now")  # the next row's
    assert plot.marker_at(QPointF(now, -3)) is None  # above the rows


def test_a_click_beside_a_marker_places_and_on_it_selects(qtbot):
    doc, page = make_page(qtbot)
    plot = page.plot
    row = 3
    key, now = plot.rows[row].key, plot.rows[row].now
    before = doc.undo_stack.count()
    QTest.mouseClick(plot.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     plot.view.to_pixel(now, row).toPoint() + QPoint(2, 0))
    assert doc.undo_stack.count() == before and page.selected_key == key
    QTest.mouseClick(plot.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     plot.view.to_pixel(now, row).toPoint() + QPoint(60, 0))
    assert doc.undo_stack.count() == before + 1
    placed = doc.session.continuum.current_area.placements[key].now
    assert placed == pytest.approx(now + 60 * plot.view.units_per_px(), abs=0.5)


def test_a_row_repaints_its_own_band_and_what_reaches_out_of_it(qtbot):
    _doc, page = make_page(qtbot)
    view = page.plot.view
    QApplication.processEvents()
    rect = view.row_rect(4)
    assert rect.width() == view.width()  # an arrow may go anywhere along its row
    # its markers with the halo fit, the next rows' middles do not
    assert rect.top() <= view.row_px(4) - (page.plot.size_for("agreed") + 10) / 2
    assert rect.bottom() >= view.row_px(4) + (page.plot.size_for("agreed") + 10) / 2
    assert rect.height() < 3 * view.row_height()
    painted = Painted(view)
    view.update_rows([4])
    QApplication.processEvents()
    assert painted.region.boundingRect() == rect


@pytest.mark.parametrize("people", [0, 200], ids=["demo", "200"])
def test_a_paint_draws_only_the_rows_it_covers(qtbot, monkeypatch, people):
    doc = crowd(people) if people else SessionDocument(demo_session())
    _doc, page = make_page(qtbot, doc)
    drawn = []
    original = ContinuumCanvas._paint_arrows
    monkeypatch.setattr(ContinuumCanvas, "_paint_arrows",
                        lambda self, p, rows: (drawn.append(rows), original(self, p, rows)))
    QApplication.processEvents()
    drawn.clear()
    view = page.plot.view
    middle = len(page.plot.rows) // 2
    view.update_rows([middle])
    QApplication.processEvents()
    assert drawn and all(middle in rows for rows in drawn)
    largest = max(len(rows) for rows in drawn)
    # the rows reaching into the repainted row's reach (a crowd's rows are 2-3 px high)
    assert largest <= 4 + 4 * view.reach_px() / view.row_height(), largest
    if people:
        assert largest < len(page.plot.rows) / 6


def test_a_drag_frame_repaints_only_its_row(qtbot):
    doc, page = make_page(qtbot, crowd(200))
    plot = page.plot
    mine = doc.session.participants[60].id
    page.select(mine)
    row = [r.key for r in plot.rows].index(mine)
    start = plot.view.to_pixel(plot.rows[row].now, row).toPoint()
    QTest.mousePress(plot.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     start)
    QTest.mouseMove(plot.view, start + QPoint(12, 0))
    QApplication.processEvents()
    painted = Painted(plot.view)
    QTest.mouseMove(plot.view, start + QPoint(24, 0))
    QApplication.processEvents()
    assert painted.region.boundingRect() == plot.view.row_rect(row)
    assert plot.view.dragged()[:2] == (row, "now")
    QTest.mouseRelease(plot.view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(24, 0))
    moved = doc.session.continuum.current_area.placements[mine].now
    assert moved == pytest.approx(plot.rows[row].now) and plot.view.dragged() is None
