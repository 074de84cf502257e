"""Every test runs offscreen with no display, with its own settings and app-data folders."""
import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")

import pytest  # noqa: E402
from hypothesis import settings as _hypothesis  # noqa: E402

# Hypothesis profiles (tests/budget.py scales each test's count by max_examples / 100):
# `ci` is the default, a fixed seed so every run draws the same cases; choose another with
# `pytest --hypothesis-profile quick` (a quarter, fresh draws) or `thorough` (four times).
_hypothesis.register_profile("ci", max_examples=100, derandomize=True, database=None,
                             print_blob=True)
_hypothesis.register_profile("quick", max_examples=25)
_hypothesis.register_profile("thorough", max_examples=400)
_hypothesis.load_profile("ci")


@pytest.fixture(autouse=True)
def _isolated_qt_settings(tmp_path, monkeypatch):
    """QSettings and QStandardPaths write under tmp, never into the developer's home."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    try:
        from PySide6.QtCore import QSettings, QStandardPaths
    except ImportError:  # pure-model tests need no Qt
        yield
        return
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(home / ".config"))
    yield


@pytest.fixture
def app_settings(qapp):
    qapp.setApplicationName("lpdesk-test")
    qapp.setOrganizationName("lpdesk-test")
    return qapp


@pytest.fixture
def demo_window(qtbot, app_settings):
    """The facilitator's main window with the sample session, shown; closing it at the end
    never stops on a 'save changes?' question."""
    from PySide6.QtWidgets import QMessageBox

    from lpdesk.demo import demo_session
    from lpdesk.document import SessionDocument
    from lpdesk.ui.window.main_window import MainWindow

    w = MainWindow(SessionDocument(demo_session()))
    w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.doc.undo_stack.setClean()  # in case pytest-qt closes it before this teardown


CHROMIUM = "/usr/bin/chromium"  # Debian's package; never `playwright install` (it downloads)


@pytest.fixture(scope="module")
def browser():
    """A real Chromium for the phone-page tests (they skip, saying why, without it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()
