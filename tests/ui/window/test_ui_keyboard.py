"""Keyboard only (issue 17): every step works with real key events, as a keyboard user
expects: Tab leaves fields, dates can be typed, dialogs confirm from the keyboard, mnemonics
work, the activity is a few Tabs from the agenda, focus is visible, Enter does the obvious."""
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from lpdesk.content.defaults import new_session
from lpdesk.content.quiz import quiz_content
from lpdesk.document import SessionDocument
from lpdesk.ui.setup.page import SetupPage
from lpdesk.ui.setup.paste_dialog import PasteNamesDialog
from lpdesk.ui.window.after_paint import first_paint_done

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def page(qtbot):
    p = SetupPage(SessionDocument(new_session()))
    qtbot.addWidget(p)
    p.show()
    p.activateWindow()
    qtbot.waitUntil(p.isActiveWindow, timeout=3000)
    return p


def tab(qtbot, backwards=False):
    widget = QApplication.focusWidget()
    qtbot.keyClick(widget, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
    return QApplication.focusWidget()


# -- the set-up page ---------------------------------------------------------------------
def test_tab_leaves_the_date_field_in_one_press_both_ways(page, qtbot):
    page.facilitator_edit.setFocus()
    assert tab(qtbot) is page.date_edit
    assert tab(qtbot) is page.notes_edit
    assert tab(qtbot, backwards=True) is page.date_edit
    assert tab(qtbot, backwards=True) is page.facilitator_edit


def test_typing_a_date_gives_that_date(page, qtbot):
    page.facilitator_edit.setFocus()
    tab(qtbot)
    qtbot.keyClicks(page.date_edit, "2027-03-15")
    tab(qtbot)  # leaving the field takes the date
    assert page.session.date == "2027-03-15"
    assert page.date_edit.text() == "2027-03-15"
    assert page.doc.undo_stack.count() == 1
    page.doc.undo_stack.undo()
    assert page.session.date == "" and page.date_edit.text() == ""


@pytest.mark.parametrize("typed", ["2027-3-5", "20270305", "2027/03/05"])
def test_other_ways_of_typing_a_date_and_enter_takes_it(page, qtbot, typed):
    page.date_edit.setFocus()
    qtbot.keyClicks(page.date_edit, typed)
    qtbot.keyClick(page.date_edit, Qt.Key.Key_Return)
    assert page.session.date == "2027-03-05" and page.date_edit.text() == "2027-03-05"


def test_a_date_that_cannot_be_read_stays_on_screen_marked_and_changes_nothing(page, qtbot):
    page.session.date = "2026-11-23"
    page.refresh_details()
    page.date_edit.setFocus()
    page.date_edit.selectAll()
    qtbot.keyClicks(page.date_edit, "2026-02-30")
    tab(qtbot)
    assert page.session.date == "2026-11-23"
    assert page.date_edit.text() == "2026-02-30"  # not thrown away: the user sees it
    assert "Not a date" in page.date_edit.toolTip()
    page.date_edit.setFocus()
    page.date_edit.selectAll()
    qtbot.keyClick(page.date_edit, Qt.Key.Key_Delete)
    tab(qtbot)
    assert page.session.date == ""  # emptied: no date


def test_up_and_down_move_the_date_by_a_day_and_f4_opens_a_calendar(page, qtbot):
    page.session.date = "2026-12-31"
    page.refresh_details()
    page.date_edit.setFocus()
    qtbot.keyClick(page.date_edit, Qt.Key.Key_Up)
    assert page.session.date == "2027-01-01"
    qtbot.keyClick(page.date_edit, Qt.Key.Key_F4)
    calendar = page.date_edit._calendar
    assert calendar.isVisible() and calendar.selectedDate() == QDate(2027, 1, 1)
    grid = calendar.focusProxy() or QApplication.focusWidget()
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert page.session.date == "2027-01-02" and not calendar.isVisible()


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.NoModifier, CTRL])
def test_notes_box_does_not_eat_tab_or_ctrl_tab(page, qtbot, modifier):
    page.notes_edit.setFocus()
    qtbot.keyClicks(page.notes_edit, "CEO sceptical")
    qtbot.keyClick(page.notes_edit, Qt.Key.Key_Tab, modifier)
    assert QApplication.focusWidget() is not page.notes_edit
    assert page.session.notes == "CEO sceptical"  # no tab character typed into it


def test_alt_n_goes_to_the_name_field_and_it_is_early_in_the_tab_order(page, qtbot):
    page.title_edit.setFocus()
    qtbot.keyClick(page.title_edit, Qt.Key.Key_N, ALT)
    assert QApplication.focusWidget() is page.name_entry
    assert page.session.title == ""  # no "n" typed anywhere
    page.title_edit.setFocus()
    steps = 0
    while QApplication.focusWidget() is not page.name_entry and steps < 20:
        tab(qtbot)
        steps += 1
    assert steps <= 5


# -- the paste dialog --------------------------------------------------------------------
@pytest.fixture
def dialog(qtbot):
    d = PasteNamesDialog(new_session(), text="Ann Lee\nBo Chen")
    qtbot.addWidget(d)
    d.show()
    d.activateWindow()
    qtbot.waitUntil(d.isActiveWindow, timeout=3000)
    d.text.setFocus()
    return d


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_paste_dialog_confirms_with_ctrl_return_from_the_text_box(dialog, qtbot, key):
    qtbot.keyClick(dialog.text, key, CTRL)
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.text.toPlainText() == "Ann Lee\nBo Chen"


def test_enter_in_the_text_box_is_a_new_line_enter_elsewhere_confirms(dialog, qtbot):
    dialog.text.moveCursor(dialog.text.textCursor().MoveOperation.End)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.text.toPlainText() == "Ann Lee\nBo Chen\n"
    widget = tab(qtbot)
    assert widget is not dialog.text  # Tab leaves the text box
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted


def test_alt_o_presses_ok_and_types_nothing(dialog, qtbot):
    qtbot.keyClick(dialog.text, Qt.Key.Key_O, ALT)
    # A mnemonic "animates" the click: the button is released a moment later.
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=2000)
    assert dialog.text.toPlainText() == "Ann Lee\nBo Chen"


def test_an_alt_letter_that_is_no_mnemonic_types_nothing(dialog, qtbot):
    qtbot.keyClick(dialog.text, Qt.Key.Key_Q, ALT)
    assert dialog.text.toPlainText() == "Ann Lee\nBo Chen" and dialog.isVisible()


# -- the main window ---------------------------------------------------------------------
def show_kind(window, kind):
    item = next(i for i in window.doc.session.agenda.items if i.kind == kind)
    window.show_activity(item.id)
    return window.pages[item.id]


def tabs_from_agenda_to(qtbot, window, target, limit=25):
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=3000)
    qtbot.wait(20)
    window.agenda_list.setFocus()
    for steps in range(1, limit):
        if tab(qtbot) is target:
            return steps
    return None


def test_the_continuum_plot_is_a_few_tabs_from_the_agenda(demo_window, qtbot):
    page = show_kind(demo_window, "continuum")
    steps = tabs_from_agenda_to(qtbot, demo_window, page.plot.view)
    assert steps is not None and steps <= 4, steps


def test_the_set_up_name_field_is_reached_from_the_agenda_before_the_docks(demo_window, qtbot):
    page = show_kind(demo_window, "setup")
    steps = tabs_from_agenda_to(qtbot, demo_window, page.name_entry)
    assert steps is not None and steps <= 7, steps


def test_the_matrix_board_shows_a_focus_outline_as_soon_as_it_has_focus(demo_window, qtbot):
    page = show_kind(demo_window, "matrix")
    qtbot.waitUntil(lambda: first_paint_done(demo_window), timeout=3000)
    view = page.view
    accent = QColor(__import__("lpdesk.ui.style.theme", fromlist=["theme"]).theme().accent)

    def edge_is_accent() -> bool:
        image = view.viewport().grab().toImage()
        return image.pixelColor(1, image.height() // 2) == accent and \
            image.pixelColor(image.width() // 2, 1) == accent

    assert not edge_is_accent()
    steps = tabs_from_agenda_to(qtbot, demo_window, view)
    assert steps is not None and steps <= 6
    assert page.scene.focusItem() is None  # no card selected yet ...
    assert edge_is_accent()  # ... yet the board shows it has the keys
    demo_window.grab().save("artefacts/matrix-focus-outline.png")
    tab(qtbot)
    assert not edge_is_accent() or QApplication.focusWidget() is view


def test_enter_on_the_quiz_result_places_it(demo_window, qtbot):
    page = show_kind(demo_window, "quiz")
    demo_window.activateWindow()
    qtbot.waitUntil(demo_window.isActiveWindow, timeout=3000)
    page.advance_delay_ms = 0
    page.start_run("participant", "p-07", "now")
    for index in range(len(quiz_content().questions)):
        page.go_to(index)
        qtbot.keyClick(page, Qt.Key.Key_2)
    page.go_to(len(quiz_content().questions))
    assert page.views.currentWidget() is page.result_view
    before = page.session.continuum.current_area.placements.get("p-07")
    page.result_view.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    placed = page.session.continuum.current_area.placements["p-07"]
    assert placed != before and placed.now is not None
    assert page.result_view.place_button.text().startswith("\u2713 Placed")
    count = page.doc.undo_stack.count()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # placed: nothing more
    assert page.doc.undo_stack.count() == count


def test_enter_on_a_focused_result_button_presses_that_button(demo_window, qtbot):
    page = show_kind(demo_window, "quiz")
    demo_window.activateWindow()
    qtbot.waitUntil(demo_window.isActiveWindow, timeout=3000)
    page.start_run("participant", "p-07", "now")
    page.go_to(len(quiz_content().questions))
    page.result_view.review_button.setFocus()
    qtbot.keyClick(page.result_view.review_button, Qt.Key.Key_Return)
    assert page.views.currentWidget() is page.question_view
