"""Nothing forces the facilitator out of presentation mode (issue 26): inside F5, with a
key and a facilitator-bar control each, the facilitator chooses who answers the quiz (a
person, a group, the whole room or everyone on phones), accepts or rejects notes sent from
phones, shows the join slide and chooses the break's length; Esc leaves at the first
press, on the continuum too. Driven by keys and the bar's buttons inside F5."""
import pytest
from presenting import item_id, present, settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from lpdesk.model.room import RoomNote
from lpdesk.ui.style.theme import NORMAL, apply_theme

NO_MOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(demo_window):
    w = demo_window
    yield w
    w.workshop.presentation.stop()
    w.live.stop()
    apply_theme(QApplication.instance(), NORMAL)


def key(qtbot, pw, k, modifier=NO_MOD):
    qtbot.keyClick(QApplication.focusWidget() or pw, k, modifier)
    settle()


def bar_button(pw, text):
    pw.bar.reveal()
    settle()
    for button in pw.bar.buttons():
        if button.text().startswith(text) and button.isVisible():
            return button
    raise AssertionError(f"no {text!r} on the facilitator bar: "
                         f"{[b.text() for b in pw.bar.buttons()]}")


def menu_action(menu: QMenu, text: str):
    for action in menu.actions():
        if action.text().replace("&&", "&") == text:
            return action
        if action.menu() is not None:
            try:
                return menu_action(action.menu(), text)
            except AssertionError:
                pass
    raise AssertionError(f"{text!r} not in {[a.text() for a in menu.actions()]}")


# -- the quiz: who answers -------------------------------------------------------------------
def test_w_chooses_a_person_or_a_group_for_the_quiz_inside_f5(window, qtbot):
    pw = present(qtbot, window, "quiz", bar_stays=True)
    page = pw.view.current_page()
    session = window.doc.session
    key(qtbot, pw, Qt.Key.Key_W)
    menu = page.who_menu()
    assert menu.isVisible(), "W shows who may answer"
    person = session.participants[2]
    menu_action(menu, person.name).trigger()
    menu.close()
    settle()
    run = session.quiz.run(session.quiz.current_run_id)
    assert (run.subject_kind, run.subject_id) == ("participant", person.id)
    assert pw.isVisible()  # still presenting
    group = session.groups[0]
    button = bar_button(pw, "Who answers")
    assert button.defaultAction().menu() is menu
    menu_action(menu, f"Group: {group.name}").trigger()
    settle()
    run = session.quiz.run(session.quiz.current_run_id)
    assert (run.subject_kind, run.subject_id) == ("group", group.id)
    window.doc.undo_stack.undo()  # starting a run is one undo step, as in the window
    menu_action(menu, "The whole room").trigger()
    settle()
    assert session.quiz.run(session.quiz.current_run_id).subject_kind == "room"


def test_everyone_on_phones_opens_the_quiz_on_phones_inside_f5(window, qtbot):
    pw = present(qtbot, window, "quiz", bar_stays=True)
    page = pw.view.current_page()
    opened = []
    facilitator = window.pages[item_id(window, "quiz")]
    from lpdesk.ui.live.desk import attach
    attach(window.live, facilitator)
    facilitator.phones_bar.open_quiz = opened.append  # no server needed to see it asked
    phones = menu_action(page.who_menu(), "Everyone, on phones")
    page.who_menu().aboutToShow.emit()
    phones = menu_action(page.who_menu(), "Everyone, on phones")
    assert phones.isEnabled()
    phones.trigger()
    settle()
    assert opened == ["now"]
    assert pw.isVisible()


# -- notes from phones -----------------------------------------------------------------------
def phone_notes(window):
    room = window.doc.session.room
    for i, text in enumerate(("More time for peer review", "<b>Managers</b> & L&D")):
        room.insert(len(room.notes), RoomNote(f"n-phone-{i}", "comment", text,
                                              status="pending", source="phone",
                                              author="Ana" if i == 0 else ""))
    return room


def test_notes_from_phones_are_accepted_or_rejected_inside_f5(window, qtbot):
    room = phone_notes(window)
    pw = present(qtbot, window, "summary", bar_stays=True)
    page = pw.view.current_page()
    pw.bar.reveal()
    settle()
    assert "More time for peer review" in pw.bar.placing.full
    assert "1 of 2" in pw.bar.placing.full
    key(qtbot, pw, Qt.Key.Key_Return, CTRL)
    assert room.note("n-phone-0").status == "accepted"
    assert "<b>Managers</b> & L&D" in pw.bar.placing.full  # the next one, as plain text
    bar_button(pw, "Reject").click()
    settle()
    assert room.note("n-phone-1").status == "rejected"
    assert pw.bar.placing.full == ""
    assert not bar_button(pw, "Accept").isEnabled()
    window.doc.undo_stack.undo()
    settle()
    assert room.note("n-phone-1").status == "pending"
    assert "Managers" in pw.bar.placing.full
    # the room's lists show the accepted note, never the pending one
    shown = [page.lists["comment"].item(r).text() for r in range(page.lists["comment"].count())]
    assert "More time for peer review" in shown
    assert all("<b>Managers</b>" not in text for text in shown)
    assert pw.isVisible()


# -- the join slide --------------------------------------------------------------------------
def test_j_shows_the_join_slide_inside_f5(window, qtbot, monkeypatch):
    live = window.live
    monkeypatch.setattr(live, "start", lambda address=None: fake_start(live))
    pw = present(qtbot, window, "continuum", bar_stays=True)
    key(qtbot, pw, Qt.Key.Key_J)
    assert live.slide_action.isChecked()
    assert pw.view.screens.currentWidget().objectName() == "JoinSlide"
    assert pw.join_action.isChecked()
    bar_button(pw, "Join slide").click()
    settle()
    assert not live.slide_action.isChecked()
    assert pw.view.showing_activity()
    assert pw.isVisible()


def fake_start(live):
    """The phones' server as started, without opening a socket in this test."""
    live.controller = live._ensure()
    live.controller.__dict__["running"] = True
    live.slide_action.setEnabled(True)
    live.action.setChecked(True)
    return True


# -- the break's length ----------------------------------------------------------------------
def test_the_breaks_length_is_chosen_inside_f5(window, qtbot):
    display = window.workshop.display
    pw = present(qtbot, window, "matrix", bar_stays=True)
    button = bar_button(pw, "Break length")
    menu = button.defaultAction().menu()
    menu_action(menu, "Break: back in 15 min").trigger()
    settle()
    assert display.on_break and display.break_minutes == 15
    key(qtbot, pw, Qt.Key.Key_Up)
    assert display.break_minutes == 16
    key(qtbot, pw, Qt.Key.Key_Down)
    key(qtbot, pw, Qt.Key.Key_Down)
    assert display.break_minutes == 14
    assert display.break_timer.duration == 14 * 60
    key(qtbot, pw, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)  # the break ends
    assert not display.on_break
    assert pw.isVisible()


# -- Esc, once -------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["continuum", "quiz", "matrix", "summary"])
def test_one_esc_leaves_presentation(window, qtbot, kind):
    pw = present(qtbot, window, kind, bar_stays=True)
    page = pw.view.current_page()
    if kind == "continuum":  # with a marker being placed and the plot's keyboard
        page.plot.view.setFocus()
        key(qtbot, pw, Qt.Key.Key_Down)
        key(qtbot, pw, Qt.Key.Key_Right)
    key(qtbot, pw, Qt.Key.Key_Escape)
    assert not window.workshop.presentation.active, "one Esc leaves"


def test_one_esc_leaves_even_with_a_tool_tip_showing(window, qtbot):
    from PySide6.QtGui import QCursor
    from PySide6.QtWidgets import QToolTip

    pw = present(qtbot, window, "continuum", bar_stays=True)
    page = pw.view.current_page()
    page.plot.view.setFocus()
    QToolTip.showText(QCursor.pos(), "Blended: social activity is one planned part",
                      page.plot.view)
    settle()
    key(qtbot, pw, Qt.Key.Key_Escape)
    assert not window.workshop.presentation.active, "one Esc leaves"


def test_one_esc_leaves_after_a_click_on_the_chart(window, qtbot):
    from PySide6.QtTest import QTest

    pw = present(qtbot, window, "continuum", bar_stays=True)
    page = pw.view.current_page()
    view = page.plot.view
    centre = view.rect().center()
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, NO_MOD, centre)
    settle()
    qtbot.keyClick(view if view.hasFocus() else
                   (QApplication.focusWidget() or pw), Qt.Key.Key_Escape)
    settle()
    assert not window.workshop.presentation.active, "one Esc leaves"


def test_esc_before_the_rooms_window_is_active_still_leaves_at_once(window, qtbot):
    """F5 then Esc at once: the window manager may not have activated the room's window
    yet, so the key reaches the facilitator's window; that one press must leave."""
    pw = present(qtbot, window, "continuum", bar_stays=True)
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    settle()
    assert not window.workshop.presentation.active, "one Esc leaves"
    assert pw is not None
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # and Esc on the window afterwards is harmless
    settle()
    assert window.isVisible()


# -- tool tips -------------------------------------------------------------------------------
def test_no_tool_tip_pops_up_over_the_rooms_screen(window, qtbot, monkeypatch):
    from PySide6.QtCore import QEvent, QPoint, QPointF
    from PySide6.QtGui import QCursor, QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from lpdesk.ui.room.presentation import NoToolTips
    seen = []
    real = NoToolTips.eventFilter
    monkeypatch.setattr(NoToolTips, "eventFilter",
                        lambda self, obj, event: (seen.append(obj), real(self, obj, event))[1])
    pw = present(qtbot, window, "continuum", bar_stays=True)
    button = bar_button(pw, "Private vote")
    assert button.toolTip()
    # Qt sends a tool tip to the widget the pointer rests on: the pointer watch follows it
    QCursor.setPos(button.mapToGlobal(button.rect().center()))
    pw._watch_pointer()
    assert pw.no_tips.watched is button
    help_event = QHelpEvent(QEvent.Type.ToolTip, QPoint(4, 4), button.mapToGlobal(QPoint(4, 4)))
    QApplication.sendEvent(button, help_event)
    settle()
    assert not QToolTip.isVisible(), "a button's tip over the room's screen"
    # the chart's hover text is shown by hand (QToolTip.showText): not over the room's screen
    page = pw.view.current_page()
    plot_view = page.plot.view
    page.plot.pointer.hover(QPointF(plot_view.rows_rect().center()))
    settle()
    assert not QToolTip.isVisible(), "the chart's hover text over the room's screen"
    # and the filter sees only the widget under the pointer, not every event of the app
    seen.clear()
    plot_view.repaint()
    settle()
    assert plot_view not in seen and seen in ([], [button])
    pw.close()
    settle()
    assert not button_filtered(button)
    # back in the facilitator's window tips work again, the chart's too
    tip_button = window.workshop.toolbar.widgetForAction(window.workshop.present_action)
    QApplication.sendEvent(tip_button, QHelpEvent(QEvent.Type.ToolTip, QPoint(4, 4),
                                                  tip_button.mapToGlobal(QPoint(4, 4))))
    settle()
    assert QToolTip.isVisible()
    QToolTip.hideText()


def button_filtered(button) -> bool:
    """Whether a presentation's NoToolTips still watches `button` (it must not after F5)."""
    from shiboken6 import isValid
    return isValid(button) and any(
        getattr(w, "no_tips", None) is not None and w.no_tips.watched is button
        for w in QApplication.topLevelWidgets())


# -- the shortcut list -----------------------------------------------------------------------
@pytest.mark.parametrize("zoom", [1.0, 1.25])
def test_the_shortcut_list_shows_every_key_whole_with_f6_and_esc(window, qtbot, zoom):
    from PySide6.QtGui import QFontMetrics

    from lpdesk.ui.style.zoom import set_zoom

    set_zoom(zoom, remember=False)
    try:
        dialog = window.help.show_shortcuts()
        qtbot.addWidget(dialog)
        qtbot.waitExposed(dialog)
        settle()
        rows = dialog.rows
        keys = {r[1] for r in rows}
        for wanted in ("Esc", "F6", "J", "W", "Ctrl+Return", "Ctrl+Del"):
            assert any(wanted in k.split("\n") for k in keys), f"{wanted} is not listed"
        table = dialog.table
        metrics = QFontMetrics(table.font())
        for r, row in enumerate(rows):
            for c in (1, 2):
                rect = table.visualItemRect(table.item(r, c))
                for line in row[c].split("\n"):
                    assert metrics.horizontalAdvance(line) + 6 <= rect.width(), \
                        f"{line!r} is cut in its column"
                assert len(row[c].split("\n")) * metrics.lineSpacing() <= rect.height() + 2
        right = table.mapTo(dialog, table.rect().topRight()).x()
        assert right <= dialog.width() and not table.horizontalScrollBar().isVisible()
        dialog.close()
    finally:
        set_zoom(1.0, remember=False)
