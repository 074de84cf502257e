"""Every test runs offscreen with no display, with its own settings and app-data folders."""
import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")

import pytest  # noqa: E402


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
