"""Every test runs offscreen with no display, with its own settings and app-data folders."""
import os
import re

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


@pytest.fixture(autouse=True)
def _app_wide_look_restored():
    """Put back what a test changed for the whole application: View > Zoom and the themes
    set QApplication's font (11 pt times the zoom), palette and style sheet and the theme
    state's zoom and room scale. Left behind, a zoom test made later tests measure with
    the zoomed font (the quiz chooser's 'choices are not cut' failed only after one)."""
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:
        yield
        return
    app = QApplication.instance()
    if app is None:  # no GUI yet: nothing app-wide to keep
        yield
        return
    from lpdesk.ui.style import theme as style

    state = style.theme_state()
    font, palette, sheet = app.font(), app.palette(), app.styleSheet()
    look = (state.theme, state.zoom, state.room)
    yield
    state.zoom, state.room = look[1], look[2]
    style.set_theme(look[0])
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    if app.palette() != palette:
        app.setPalette(palette)
    if app.font() != font:
        app.setFont(font)


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


@pytest.fixture
def room(demo_window):
    """The facilitator's window on the continuum (the sample session), phones allowed to
    join on 127.0.0.1; stopped at the end (the phones' browser tests)."""
    w = demo_window
    continuum = next(i for i in w.visible_items() if i.kind == "continuum")
    w.show_activity(continuum.id)
    assert w.live.start("127.0.0.1")
    yield w
    w.live.stop()


CHROMIUM = "/usr/bin/chromium"  # Debian's package; never `playwright install` (it downloads)


@pytest.fixture(scope="module")
def browser():
    """A real Chromium for the phone-page tests (they skip, saying why, without it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def main_window(qtbot, app_settings):
    """An empty main window whose error messages are collected in `w.errors` as (title,
    text) instead of shown, and which closes at teardown without a 'save changes?'."""
    from PySide6.QtWidgets import QMessageBox

    from lpdesk.ui.window.main_window import MainWindow

    w = MainWindow()
    qtbot.addWidget(w)
    w.errors = []
    w.show_error = lambda title, text: w.errors.append((title, text))
    w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    return w


# -- markers by file name, so no test file has to carry them ------------------------------
# `pytest -m "not browser and not slow"` is the quick run; `-m gui` the window tests.
MARKERS = {
    "gui": "needs a QApplication and widgets (test_ui_*, or uses qtbot/qapp)",
    "browser": "drives the phone page in a real Chromium (*browser*)",
    "slow": "takes long on a loaded machine (fuzzers, child processes, bundles, journeys)",
}
GUI_FIXTURES = ("qtbot", "qapp", "app_settings", "demo_window", "main_window")
SLOW_FILES = ("test_storage_fuzz.py", "test_bundle_*.py", "test_startup_imports.py",
              "test_platform_crash_guard.py", "test_ui_journeys*.py", "*browser*.py")


def pytest_configure(config):
    for name, why in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {why}")


def markers_for(file_name: str, fixtures) -> list[str]:
    """The markers a test gets from its file's name and the fixtures it uses."""
    from fnmatch import fnmatch

    found = []
    if fnmatch(file_name, "test_ui_*.py") or any(f in GUI_FIXTURES for f in fixtures):
        found.append("gui")
    if "browser" in file_name or "browser" in fixtures:
        found.append("browser")
    if any(fnmatch(file_name, pattern) for pattern in SLOW_FILES):
        found.append("slow")
    return found


def pytest_collection_modifyitems(config, items):
    for item in items:
        for name in markers_for(item.path.name, getattr(item, "fixturenames", ())):
            item.add_marker(getattr(pytest.mark, name))

# Qt's own words for an object used after (or while) it was deleted, or from the wrong
# thread: each means a lifetime bug (issue 23), so each fails the test that printed it.
# Harmless warnings (the offscreen platform's "does not support propagateSizeHints", fonts)
# are not listed: pytest-qt shows them only when a test fails.
LIFETIME_MESSAGES = re.compile("|".join((
    r"already deleted",
    r"Unexpected nullptr parameter",
    r"Cannot connect \(nullptr\)",
    r"QObject::connect: Cannot connect",
    r"destroyed while",
    r"deleted while",
    r"different thread",
    r"QBasicTimer::(start|stop)",
    r"Recursive repaint detected",
)))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test whose run printed a Qt message about a deleted object."""
    result = yield
    capture = getattr(item, "qt_log_capture", None)
    if capture is not None:
        bad = [r.message for r in capture.records if LIFETIME_MESSAGES.search(r.message)]
        if bad:
            pytest.fail("Qt said an object was used after it was deleted (a lifetime "
                        "bug, see docs/architecture.md):\n" + "\n".join(bad[:10]),
                        pytrace=False)
    return result
