"""Nothing on the facilitator's screen jumps under the mouse: a status-bar message does not
push the page up a line, and toolbar buttons stay put when a label changes (the break
slide's "back in 5 min"), so a click aimed at one never lands on its neighbour."""
from PySide6.QtWidgets import QApplication, QToolButton

from lpdesk.ui.window.after_paint import first_paint_done


def settle():
    # the work behind the first paint (icons on the toolbar among it) runs in turns of the
    # event loop of about a frame: measured before it is done, the toolbar is still to grow
    while not all(first_paint_done(w) for w in QApplication.topLevelWidgets()
                  if w.objectName() == "MainWindow" and w.isVisible()):
        QApplication.processEvents()
    for _ in range(3):
        QApplication.processEvents()


def page_rect(window):
    page = window.stack
    return page.mapTo(window, page.rect().topLeft()), page.size()


def test_a_status_message_does_not_move_the_page(demo_window):
    w = demo_window
    settle()
    before = page_rect(w)
    w.statusBar().showMessage("Saved workshop.lpdesk", 4000)
    settle()
    assert page_rect(w) == before
    w.statusBar().clearMessage()
    settle()
    assert page_rect(w) == before


def buttons(bar):
    return {b.defaultAction() or b: b.geometry() for b in bar.findChildren(QToolButton)
            if b.isVisible()}


def test_toolbar_buttons_stay_put_when_labels_change(demo_window):
    w = demo_window
    ws = w.workshop
    ws.audience_toggle()  # something for the room to see: blank and break are enabled
    settle()
    before = buttons(ws.toolbar)
    ws.display.start_break(5)
    settle()
    assert buttons(ws.toolbar) == before
    ws.display.end_break()
    ws.display.start_break(12)
    settle()
    assert buttons(ws.toolbar) == before
    assert "12" in ws.break_action.text()  # the menu still says how long
    ws.display.end_break()
    ws.start_timer(125)
    settle()
    assert buttons(ws.toolbar) == before
    ws.audience.close()


def test_the_whole_room_toolbar_fits_a_1024_window(app_settings, qtbot):
    """At 1024 px "Add comment" and "Add agreed action" hid behind the overflow arrow."""
    from lpdesk.demo import demo_session
    from lpdesk.document import SessionDocument
    from lpdesk.ui.style.theme import NORMAL, apply_theme
    from lpdesk.ui.window.main_window import MainWindow

    apply_theme(QApplication.instance(), NORMAL)  # the app's base font, as at start-up
    w = MainWindow(SessionDocument(demo_session()))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.resize(1016, 700)  # a 1024 px screen, less the window's frame
    w.workshop.start_timer(300)  # "Pause timer": the longest the timer button gets
    settle()
    bar = w.workshop.toolbar
    for action in bar.actions():
        if action.isVisible() and not action.isSeparator():
            widget = bar.widgetForAction(action)
            assert widget is not None and widget.isVisible(), f"{action.text()} overflows"
            assert bar.rect().contains(widget.geometry()), f"{action.text()} overflows"
    w.doc.undo_stack.setClean()
