"""The quiz's 'New quiz for' bar: the room by default, and every choice shown whole (or,
when there is really no room, elided with '…' and the whole text in the tool tip)."""
import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.window.main_window import MainWindow


def text_room(combo: QComboBox) -> int:
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo).width()


def quiz_window(qtbot, size, session=None):
    w = MainWindow(SessionDocument(session or demo_session()))
    w.ask_save_changes = lambda: None
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.show_activity(next(i.id for i in w.doc.session.agenda.items if i.kind == "quiz"))
    QApplication.processEvents()
    QApplication.processEvents()
    return w, w.stack.currentWidget().chooser


def test_new_quiz_defaults_to_the_whole_room(qtbot):
    w, chooser = quiz_window(qtbot, (1280, 720))
    assert w.doc.session.groups  # groups exist, yet the room comes first
    assert chooser.subject.currentText() == "The whole room"
    assert chooser.subject.currentData() == "room:"
    w.doc.undo_stack.setClean()


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_choices_are_not_cut(qtbot, size):
    w, chooser = quiz_window(qtbot, size)
    for combo in (chooser.subject, chooser.purpose):
        fm = combo.fontMetrics()
        for i in range(combo.count()):
            combo.setCurrentIndex(i)
            assert fm.horizontalAdvance(combo.itemText(i)) <= text_room(combo), \
                (combo.itemText(i), text_room(combo))
    assert chooser.rect().contains(chooser.each.geometry())
    w.doc.undo_stack.setClean()


def test_a_very_long_name_is_elided_with_its_whole_text_as_tool_tip(qtbot):
    session = demo_session()
    long_name = "Maximiliane Alexandra von Hohenzollern-Sigmaringen-Württemberg"
    session.participants[0].name = long_name
    w, chooser = quiz_window(qtbot, (1024, 600), session)
    subject = chooser.subject
    subject.setCurrentIndex(subject.findText(long_name))
    QApplication.processEvents()
    assert subject.shown_text().endswith("\u2026")
    assert subject.shown_text() != long_name
    assert long_name in subject.toolTip()
    subject.setCurrentIndex(0)
    assert subject.shown_text() == "The whole room" and long_name not in subject.toolTip()
    w.doc.undo_stack.setClean()
