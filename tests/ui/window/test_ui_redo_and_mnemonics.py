"""Ctrl+Y redoes on every platform, and Alt+<letter> of a menu always opens that menu: no
label or button on any page takes a menu bar letter (Alt+F went to 'Facilitator')."""
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.window.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand)."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


@pytest.fixture
def window(qtbot, app_settings):
    window = MainWindow(SessionDocument(demo_session()))
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    window.show()
    yield window
    window.doc.undo_stack.setClean()


def test_redo_has_ctrl_y_and_ctrl_shift_z(window):
    keys = {k.toString() for k in window.redo_action.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= keys


def test_ctrl_y_is_added_where_the_platform_redoes_with_ctrl_shift_z_only(qtbot, monkeypatch,
                                                                          app_settings):
    """GNOME and KDE themes bind Redo to Ctrl+Shift+Z alone: Ctrl+Y must still redo."""
    from PySide6.QtGui import QKeySequence
    platform = {QKeySequence.StandardKey.Redo: [QKeySequence("Ctrl+Shift+Z")]}
    real = QKeySequence.keyBindings
    monkeypatch.setattr(QKeySequence, "keyBindings",
                        staticmethod(lambda key: list(platform.get(key) or real(key))))
    window = MainWindow(SessionDocument(demo_session()))
    qtbot.addWidget(window)
    keys = [k.toString() for k in window.redo_action.shortcuts()]
    assert keys.count("Ctrl+Y") == 1 and keys.count("Ctrl+Shift+Z") == 1


def test_ctrl_y_redoes_what_ctrl_z_undid(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    setup = next(i for i in window.doc.session.agenda.items if i.kind == "setup")
    window.show_activity(setup.id)
    page = window.pages[setup.id]
    page.name_entry.setFocus()
    before = len(window.doc.session.participants)
    qtbot.keyClicks(page.name_entry, "Dana Uri")
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Return)
    assert len(window.doc.session.participants) == before + 1
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Z, CTRL)
    assert len(window.doc.session.participants) == before
    qtbot.keyClick(page.name_entry, Qt.Key.Key_Y, CTRL)
    assert len(window.doc.session.participants) == before + 1
    assert window.doc.session.participants[-1].name == "Dana Uri"


def test_no_field_or_button_takes_a_menu_bar_letter_on_any_page(window, qtbot):
    menus = {mnemonic(a.text()): a.text() for a in window.menuBar().actions()
             if a.isVisible() and mnemonic(a.text())}
    assert {"F", "E", "V", "H"} <= set(menus)  # the check sees the real menu bar
    clashes, seen = [], 0
    for item in window.doc.session.agenda.items:
        window.show_activity(item.id)
        qtbot.wait(1)
        for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
            if not widget.isVisibleTo(window):
                continue
            if isinstance(widget, QLabel) and widget.buddy() is None:
                continue  # a label without a buddy has no Alt key
            letter = mnemonic(widget.text())
            seen += letter is not None
            if letter in menus:
                clashes.append((item.kind, widget.text(), menus[letter]))
    from lpdesk.ui.window.start_page import show_start_page
    start = show_start_page(window)
    for widget in start.findChildren(QLabel) + start.findChildren(QAbstractButton):
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        letter = mnemonic(widget.text())
        seen += letter is not None
        if letter in menus:
            clashes.append(("start page", widget.text(), menus[letter]))
    assert seen > 10  # labels and buttons of every page were looked at
    assert clashes == []


def test_continuum_reveal_button_keeps_clear_of_the_menus(window, qtbot):
    """The hide button's other wording (shown while markers are hidden) counts too."""
    from lpdesk.ui.continuum.controls import PlacingControls
    menus = {mnemonic(a.text()) for a in window.menuBar().actions()}
    area = next(i for i in window.doc.session.agenda.items if i.kind == "continuum")
    window.show_activity(area.id)
    controls = window.pages[area.id].findChildren(PlacingControls)[0]
    controls.hide_button.click()
    assert "Reveal" in controls.hide_button.text()
    assert mnemonic(controls.hide_button.text()) not in menus
