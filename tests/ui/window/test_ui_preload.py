"""The activity pages' code loads while the window is idle (lpdesk/ui/window/preload.py):
the first open of a file and the first visit of each page paid 25-107 ms each for it."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from repo_paths import ROOT
from shown import shown

from lpdesk.ui.window import preload
from lpdesk.ui.window.preload import Preloader


@pytest.fixture
def modules(tmp_path, monkeypatch):
    """Three modules nobody has imported yet."""
    names = [f"lp_preload_{tmp_path.name[-6:].replace('-', '_')}_{i}" for i in range(3)]
    for name in names:
        (tmp_path / f"{name}.py").write_text("LOADED = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield names
    for name in names:
        sys.modules.pop(name, None)


@pytest.fixture
def quick(monkeypatch):
    monkeypatch.setattr(preload, "PRELOAD_IDLE_MS", 30)
    monkeypatch.setattr(preload, "PRELOAD_GAP_MS", 10)


def window(qtbot) -> QWidget:
    return shown(qtbot, QWidget(), (300, 200))


def test_idle_steps_load_one_module_each_after_the_idle_delay(qtbot, modules, quick):
    w = window(qtbot)  # (kept: the loader's parent)
    loader = Preloader(w, modules)
    loader.start()
    qtbot.wait(5)
    assert loader.loaded == []  # not before the window has been idle a while
    qtbot.waitUntil(lambda: len(loader.loaded) == 1, timeout=2000)
    assert modules[1] not in sys.modules  # one per step: the window gets its turns
    qtbot.waitUntil(lambda: loader.loaded == modules, timeout=2000)
    assert all(sys.modules[name].LOADED for name in modules)


def test_nothing_loads_while_a_mouse_button_is_down_or_after_the_window_closed(
        qtbot, modules, quick):
    w = window(qtbot)
    loader = Preloader(w, modules)
    QTest.mousePress(w, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    loader.start()
    qtbot.wait(80)
    assert loader.loaded == []  # a drag: it waits
    QTest.mouseRelease(w, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(lambda: len(loader.loaded) == 1, timeout=2000)
    w.close()
    qtbot.wait(60)
    assert len(loader.loaded) == 1 and loader.modules == []


def test_code_that_fails_to_load_is_left_for_its_page_and_the_rest_loads(
        qtbot, modules, quick, tmp_path):
    (tmp_path / f"{modules[1]}.py").write_text("raise RuntimeError('broken')\n",
                                               encoding="utf-8")
    w = window(qtbot)  # (kept: the loader's parent)
    loader = Preloader(w, modules)
    loader.start()
    qtbot.waitUntil(lambda: not loader.modules, timeout=2000)
    assert loader.loaded == [modules[0], modules[2]] and modules[1] not in sys.modules


def test_code_already_loaded_is_skipped(qtbot, modules, quick):
    __import__(modules[0])
    w = window(qtbot)  # (kept: the loader's parent)
    loader = Preloader(w, modules)
    loader.start()
    qtbot.waitUntil(lambda: loader.loaded == modules[1:], timeout=2000)


def test_a_started_app_loads_the_pages_code_while_the_start_page_waits(tmp_path):
    program = textwrap.dedent("""
        import sys, time
        from lpdesk.app import create_main_window, make_application
        from lpdesk.ui.window.pages import PAGES
        app = make_application(["lpdesk"])
        window = create_main_window()
        window.show()
        pages = [spec.module for spec in PAGES.values()]
        before = [m for m in pages if m in sys.modules]
        end = time.monotonic() + 20
        while time.monotonic() < end and not all(m in sys.modules for m in pages):
            app.processEvents()
            time.sleep(0.005)
        print(len(before), sum(m in sys.modules for m in pages), len(pages))
        """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get(
                   "PYTHONPATH")))))
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          env=env, cwd=str(ROOT), timeout=60)
    before, after, pages = map(int, done.stdout.split()[-3:] or (0, 0, 0))
    assert pages >= 5 and before <= 1 and after == pages, (done.stdout, done.stderr[-2000:])
