"""The exact sequences of issue 23 that left menus and actions 'already deleted' while they
still lived (then crashed): each is replayed here step by step, besides the random
journeys of tests/ui/window/test_ui_journeys.py.

The root cause was walking the focus chain from Python (ui/window/focus_order.py says why);
the rule it broke is in docs/architecture.md, "Who owns a Qt object"."""
from __future__ import annotations

import re

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLayout, QMessageBox, QWidget
from shiboken6 import isValid

from lpdesk.ui.window.after_paint import first_paint_done

pytestmark = pytest.mark.gui


def settle(qtbot, window, ms: int = 50) -> None:
    qtbot.waitUntil(lambda: first_paint_done(window), timeout=5000)
    qtbot.wait(ms)


def menus_alive(window) -> list[str]:
    """The names of the window's menus and actions whose Python side says 'deleted'."""
    objects = {"menuBar": window.menuBar(), "file_menu": window.file_menu,
               "edit_menu": window.edit_menu, "view_menu": window.view_menu,
               "recent_menu": window.recent_menu, "help_menu": window.help_menu,
               "new_action": window.new_action, "undo_action": window.undo_action,
               "present_action": window.workshop.present_action,
               "room_menu": window.workshop.room_menu}
    return [name for name, obj in objects.items() if not isValid(obj)]


@pytest.fixture
def started_empty(qtbot, app_settings):
    """lpdesk started with no file: the start page in front, as app.py makes it."""
    from lpdesk.app import create_main_window

    window = create_main_window(None, False, recover=False)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    yield window
    window.doc.undo_stack.setClean()


def test_ctrl_n_from_the_start_page_leaves_the_menus_alive(started_empty, qtbot):
    from lpdesk.ui.window.start_page import start_page_shown

    assert start_page_shown(started_empty)
    qtbot.keyClick(started_empty, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, started_empty)
    assert not start_page_shown(started_empty)
    assert menus_alive(started_empty) == []
    started_empty.recent_menu.aboutToShow.emit()  # File > Open Recent, hovered
    assert started_empty.recent_menu.actions()


def test_sample_then_close_then_open_recent_twice(started_empty, qtbot, tmp_path):
    from lpdesk.ui.window.start_page import show_start_page

    page = show_start_page(started_empty)
    qtbot.mouseClick(page.sample_button, Qt.MouseButton.LeftButton)
    settle(qtbot, started_empty)
    for item in started_empty.visible_items():  # every page made, as a facilitator does
        started_empty.show_activity(item.id)
        settle(qtbot, started_empty, 10)
    started_empty.close_action.trigger()  # File > Close: the pages are thrown away
    settle(qtbot, started_empty)
    for _ in range(2):  # the second hover crashed the app
        started_empty.recent_menu.aboutToShow.emit()
        settle(qtbot, started_empty, 10)
        assert menus_alive(started_empty) == []
    started_empty.new_action.trigger()  # File > New, then the menu again
    settle(qtbot, started_empty)
    started_empty.recent_menu.aboutToShow.emit()
    assert menus_alive(started_empty) == []


def test_presentation_through_every_activity_leaves_no_dead_actions(demo_window, qtbot):
    window = demo_window
    settle(qtbot, window)
    window.workshop.present_action.trigger()  # F5
    settle(qtbot, window)
    for _ in window.visible_items():
        window.next_action.trigger()  # PageDown
        settle(qtbot, window, 20)
    for _ in window.visible_items():
        window.previous_action.trigger()  # PageUp
        settle(qtbot, window, 20)
    window.workshop.present_action.trigger()  # Esc / F5: out again
    settle(qtbot, window)
    window.new_action.trigger()  # pages rebuilt on New
    settle(qtbot, window)
    for _ in range(2):
        window.workshop.present_action.trigger()
        settle(qtbot, window, 20)
        for action in window.workshop.zoom_actions:
            action.trigger()
    assert menus_alive(window) == []


def python_parent(obj, wrappers: dict[str, object]) -> object | None:
    """The object PySide links `obj`'s wrapper to (it invalidates `obj` with it), read
    from shiboken's own dump; None if it links it to nothing or to a wrapper gone since."""
    m = re.search(r"^parent\.+ <.* at (0x[0-9a-f]+)>", shiboken6.dump(obj), re.MULTILINE)
    return wrappers.get(m.group(1)) if m else None


def stranger_links(window) -> list[str]:
    """Widgets whose wrapper PySide ties to an object that is neither a QObject ancestor
    nor a layout: deleting that object would mark the widget deleted while it lives."""
    wrappers = {hex(id(w)): w for w in shiboken6.getAllValidWrappers()}
    strangers = []
    for widget in [window, *window.findChildren(QWidget)]:
        linked = python_parent(widget, wrappers)
        if linked is None or isinstance(linked, QLayout) or not isinstance(linked, QObject):
            continue
        ancestors, parent = set(), widget.parent()
        while parent is not None:
            ancestors.add(shiboken6.getCppPointer(parent)[0])
            parent = parent.parent()
        if shiboken6.getCppPointer(linked)[0] not in ancestors:
            strangers.append(f"{type(widget).__name__} {widget.objectName()} -> "
                             f"{type(linked).__name__} {linked.objectName()}")
    return strangers


def test_the_tab_order_ties_no_wrapper_to_a_widget_that_is_not_its_parent(demo_window, qtbot):
    """PySide invalidates a wrapper with the object it links it to: that must be the
    widget's real parent, or a page deleted on New takes live menus with it."""
    window = demo_window
    for item in window.visible_items():  # each page shown sets the Tab order
        window.show_activity(item.id)
        settle(qtbot, window, 10)
    window.workshop.focus_page()  # Ctrl+2
    assert stranger_links(window) == []


def test_the_continuum_page_owns_the_area_actions_it_keeps(demo_window, qtbot):
    """`_sync_controls` sets the area actions on every refresh: they belong to the page
    (which lives as long as that code runs), not to a menu inside a tool button."""
    window = demo_window
    item = next(i for i in window.visible_items() if i.kind == "continuum")
    window.show_activity(item.id)
    page = window.page(item.id)
    for action in (page.add_area_action, page.rename_area_action, page.remove_area_action):
        assert action.parent() is page
        assert action in page.areas_button.menu().actions()
    page.ask_area_name = lambda title, text="": "Compliance"
    page.add_area_action.trigger()
    assert [a.name for a in page.continuum.areas][-1] == "Compliance"
    count = len(page.continuum.areas)
    page.remove_area_action.trigger()
    assert len(page.continuum.areas) == count - 1


def test_closing_then_deleting_the_window_at_once_calls_nothing_on_it(qtbot, app_settings):
    """Close queues a look at the window (closeEvent may still refuse); if the window is
    deleted first, that look must not run on the dead window (it did: 'MainWindow already
    deleted' from the phones feature and the workshop)."""
    from lpdesk.ui.window.main_window import MainWindow

    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    with qtbot.captureExceptions() as raised:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # deleted now
        qtbot.wait(50)  # the look queued by close() comes after
    assert [str(e[1]) for e in raised] == []
