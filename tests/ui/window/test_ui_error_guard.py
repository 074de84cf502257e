"""An unexpected error in a handler becomes a calm message; the app keeps running."""
import sys

from PySide6.QtCore import QTimer

from lpdesk.ui.window.error_guard import install, message_box_notifier


def test_an_error_in_a_slot_reaches_the_facilitator_and_the_loop_goes_on(qtbot, capsys):
    messages = []
    uninstall = install(messages.append)
    try:
        def broken_slot():
            raise RuntimeError("marker fell off the axis")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(messages))
        assert messages == ["RuntimeError: marker fell off the axis"]
        assert "marker fell off the axis" in capsys.readouterr().err  # details for us
        survived = []
        QTimer.singleShot(0, lambda: survived.append(True))
        qtbot.waitUntil(lambda: bool(survived))  # the event loop is still alive
    finally:
        uninstall()


def test_a_failing_notifier_never_hides_the_error(capsys):
    def notify(_text):
        raise ValueError("no screen")

    before = sys.excepthook
    uninstall = install(notify)
    try:
        sys.excepthook(KeyError, KeyError("x"), None)
        err = capsys.readouterr().err
        assert "KeyError" in err and "no screen" in err
    finally:
        uninstall()
    assert sys.excepthook is before  # uninstall puts the previous hook back


def test_message_names_the_problem_and_reassures():
    shown = []

    class Window:
        def tr(self, text):
            return text

        def show_error(self, title, text):
            shown.append((title, text))

    message_box_notifier(Window())("RuntimeError: boom")
    title, text = shown[0]
    assert title == "Something went wrong"
    assert "autosaved" in text and text.endswith("RuntimeError: boom")
