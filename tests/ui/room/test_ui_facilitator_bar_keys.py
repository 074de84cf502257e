"""F6 brings presentation mode's facilitator bar for a keyboard or clicker user, and it
stays until F6 again, Esc or a click elsewhere: the pointer watcher (which put it away
within 150 ms when the mouse was not at the bottom edge) leaves it alone."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from lpdesk.ui.style.theme import NORMAL, apply_theme


@pytest.fixture
def pw(demo_window, qtbot):
    w = demo_window
    item = next(i.id for i in w.doc.session.agenda.items if i.kind == "continuum")
    w.show_activity(item)
    w.workshop.present_action.trigger()
    pw = w.workshop.presentation.view_window
    qtbot.waitExposed(pw)
    pw.showNormal()
    pw.resize(1280, 720)
    pw.pointer_watch.stop()  # the test is the mouse
    pw.bar.hide()
    yield pw
    w.workshop.presentation.stop()
    apply_theme(QApplication.instance(), NORMAL)


def f6(qtbot, pw):
    qtbot.keyClick(QApplication.focusWidget() or pw, Qt.Key.Key_F6)
    QApplication.processEvents()


def middle(pw):
    return QPoint(pw.width() // 2, pw.height() // 2)


def test_f6_keeps_the_bar_while_the_mouse_is_elsewhere(pw, qtbot):
    f6(qtbot, pw)
    assert pw.bar.isVisible()
    for _ in range(5):  # the watcher's ticks with the pointer mid-screen
        pw.pointer_at(middle(pw))
        pw.pointer_at(QPoint(10, 10))
    assert pw.bar.isVisible()
    f6(qtbot, pw)
    assert not pw.bar.isVisible()


def test_a_click_elsewhere_puts_the_bar_away_and_the_click_still_lands(pw, qtbot):
    f6(qtbot, pw)
    button = pw.bar.buttons()[0]
    assert pw.bar.isVisible()
    qtbot.mousePress(pw.bar, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))  # on the bar
    assert pw.bar.isVisible() and button.isVisible()
    qtbot.mouseClick(pw.view, Qt.MouseButton.LeftButton, pos=middle(pw))
    assert not pw.bar.isVisible()
    f6(qtbot, pw)  # and F6 brings it again
    assert pw.bar.isVisible()


def test_the_pointer_reveal_still_comes_and_goes(pw, qtbot):
    pw.pointer_at(QPoint(pw.width() // 2, pw.height() - 1))
    assert pw.bar.isVisible()
    pw.pointer_at(QPoint(pw.width() // 2, 10))
    assert not pw.bar.isVisible()
    f6(qtbot, pw)
    pw.pointer_at(QPoint(pw.width() // 2, 10))
    assert pw.bar.isVisible()  # brought by F6: the mouse going up does not take it


def test_the_error_guards_notice_sits_before_the_placing_line(pw):
    pw.bar.set_placing("Placing: Ana")
    pw.bar.set_notice("\u26a0 1 problem logged")
    assert pw.bar.placing.full == "\u26a0 1 problem logged \u00b7 Placing: Ana"
    pw.bar.set_notice("")
    assert pw.bar.placing.full == "Placing: Ana"
