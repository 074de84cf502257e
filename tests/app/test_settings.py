"""The remembered preferences: one declaration per key, and a hand-edited or stale value
falls back to the default with a log line instead of raising at start-up."""
from __future__ import annotations

import ast
import logging

import pytest
from PySide6.QtCore import QSettings
from repo_paths import ROOT

from lpdesk import settings


@pytest.fixture
def store(app_settings):
    """Write a raw value under a key, as a hand-edited settings file would hold it."""
    def write(key: str, value) -> None:
        QSettings().setValue(key, value)
        QSettings().sync()
    return write


@pytest.mark.parametrize("bad", ["", "abc", "70000", 70000, "0", "-5", "84.5", "nan", "inf",
                                 ["8470"]])
def test_a_bad_port_falls_back_to_the_default_with_a_log_line(store, caplog, bad):
    store("live/port", bad)
    with caplog.at_level(logging.WARNING, logger="lpdesk.settings"):
        assert settings.get(settings.LIVE_PORT) == 8470
    assert "live/port" in caplog.text and "not usable" in caplog.text


@pytest.mark.parametrize(("raw", "port"), [(9000, 9000), ("9000", 9000), ("65535", 65535),
                                           ("1", 1), ("9000.0", 9000)])
def test_a_good_port_reads_as_a_number(store, caplog, raw, port):
    store("live/port", raw)
    assert settings.get(settings.LIVE_PORT) == port
    assert not caplog.records


def test_nothing_stored_is_the_default_without_a_log_line(app_settings, caplog):
    for setting in settings.ALL:
        assert settings.get(setting) == setting.default
    assert not caplog.records


def test_every_value_round_trips(app_settings):
    values = {settings.RECENT_FILES: ["/a/x.lpdesk", "/b/y.lpdesk"], settings.LAST_DIR: "/a",
              settings.THEME: "high_contrast", settings.ZOOM: 1.4,
              settings.EXPORT_FORMAT: "markdown", settings.EXPORT_PAPER: "letter",
              settings.EXPORT_ANONYMISE: True, settings.EXPORT_LAST_DIR: "/c",
              settings.COMPARE_FOLDER: "/d", settings.LIVE_PORT: 9123,
              settings.CONTENT_CHECKED: ["/r/quiz.json|8976|1765084560000000000"]}
    assert set(values) == set(settings.ALL)
    for setting, value in values.items():
        settings.put(setting, value)
    QSettings().sync()
    for setting, value in values.items():
        assert settings.get(setting) == value, setting.key
    settings.put(settings.EXPORT_ANONYMISE, False)
    assert settings.get(settings.EXPORT_ANONYMISE) is False


@pytest.mark.parametrize(("setting", "bad"), [
    (settings.THEME, "purple"), (settings.THEME, 3),
    (settings.EXPORT_FORMAT, "docx"), (settings.EXPORT_PAPER, "A3"),
    (settings.EXPORT_ANONYMISE, "maybe"), (settings.ZOOM, "nonsense"), (settings.ZOOM, ""),
    (settings.RECENT_FILES, 7),
])
def test_other_bad_values_fall_back_too(store, caplog, setting, bad):
    store(setting.key, bad)
    with caplog.at_level(logging.WARNING, logger="lpdesk.settings"):
        assert settings.get(setting) == setting.default
    assert setting.key in caplog.text


def test_zoom_out_of_range_is_brought_within_the_steps(store):
    store("view/zoom", "5")
    assert settings.get(settings.ZOOM) == 2.0
    store("view/zoom", 0.1)
    assert settings.get(settings.ZOOM) == 0.8


def test_one_recent_file_stored_as_text_is_still_a_list(store):
    store("recent_files", "/only/one.lpdesk")
    assert settings.get(settings.RECENT_FILES) == ["/only/one.lpdesk"]
    settings.put(settings.RECENT_FILES, [f"/f{i}.lpdesk" for i in range(20)])
    assert len(settings.get(settings.RECENT_FILES)) == 8


def test_the_live_server_starts_on_the_default_port_after_a_bad_one(qtbot, app_settings):
    """The crash the issue names: `live/port` of "abc" raised ValueError at start."""
    from lpdesk.demo import demo_session
    from lpdesk.document import SessionDocument
    from lpdesk.ui.live.controller import LiveController

    QSettings().setValue("live/port", "abc")
    live = LiveController(SessionDocument(demo_session()))
    try:
        live.start("127.0.0.1")
        assert live.server is not None and live.server.port > 0
        assert settings.get(settings.LIVE_PORT) == live.server.port  # a good one remembered
    finally:
        live.stop()


def test_choices_match_what_the_app_offers():
    """The declared choices are the themes and export options that exist (no drift)."""
    from lpdesk.export.formats import PAPER_NAMES
    from lpdesk.ui.export.dialog import FORMATS, PAPERS
    from lpdesk.ui.style.theme import THEMES
    from lpdesk.ui.style.zoom import STEPS

    assert set(settings.THEME.choices) == set(THEMES)
    assert settings.EXPORT_FORMAT.choices == tuple(f[0] for f in FORMATS)
    assert settings.EXPORT_PAPER.choices == tuple(p[0] for p in PAPERS)
    assert set(settings.EXPORT_PAPER.choices) == set(PAPER_NAMES)
    assert (settings.ZOOM.minimum, settings.ZOOM.maximum) == (STEPS[0], STEPS[-1])


def test_no_module_but_the_settings_one_calls_qsettings():
    """Every reader goes through lpdesk/settings.py (tests/conftest.py only sets the path)."""
    found = []
    for path in sorted((ROOT / "lpdesk").rglob("*.py")):
        if path.name == "settings.py" and path.parent.name == "lpdesk":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id == "QSettings":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found
