"""Start-up loads only what the first screen needs: the facilitator waits for every module
imported before the window appears (`import pyqtgraph` alone costs ~0.65 s). Runs the real
entry point (`python -m lpdesk`) in a child process, offscreen, and lists the modules loaded
when the main window is first painted (probe: benchmarks/first_paint.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from repo_paths import ROOT

# Loaded when first used: plots, numbers, export, and the pages of the activities; the
# storage code (first open or save), autosave and crash recovery (right after the first
# paint), the room's presentation, audience window and quick capture, and `secrets`.
NOT_AT_START_UP = ("pyqtgraph", "numpy", "lpdesk.export", "lpdesk.ui.continuum.page",
                   "lpdesk.ui.quiz.page", "lpdesk.ui.matrix.page", "lpdesk.ui.summary.page",
                   "lpdesk.ui.export.dialog", "lpdesk.storage", "lpdesk.ui.window.autosave",
                   "lpdesk.ui.window.recovery_dialog", "lpdesk.ui.room.presentation",
                   "lpdesk.ui.room.audience_window", "lpdesk.ui.room.view",
                   "lpdesk.ui.window.capture",
                   # the session's first page, behind the start page: built after the paint
                   "lpdesk.ui.setup.page",
                   "secrets", "concurrent.futures",
                   # the phones' server, its QR code and panels: when first turned on
                   "lpdesk.live", "aiohttp", "segno", "asyncio", "lpdesk.ui.live.controller",
                   "lpdesk.ui.live.panel", "lpdesk.ui.live.qr", "lpdesk.ui.live.join_slide",
                   # the single-instance channel listens after the paint (a Unix socket
                   # knock needs no Qt; Windows' named pipe does)
                   *(() if sys.platform == "win32" else ("PySide6.QtNetwork",)))
# Qt classes only their own feature needs; QWizard is the telltale of PySide initialising
# every QWidget class, which it does the first time Python is handed a widget made in C++
# (e.g. a scroll area's viewport): ~8 ms.
QT_NOT_AT_START_UP = ("QMessageBox", "QFileDialog", "QInputDialog", "QDialogButtonBox", "QWizard")

START = """
import runpy, sys
{preload}
import benchmarks.first_paint as probe
probe.arm(list_modules=True)
sys.argv = ["lpdesk"]
runpy.run_module("lpdesk", run_name="__main__", alter_sys=True)
"""


def loaded_at_first_paint(tmp_path: Path, preload: str = "") -> tuple[set[str], set[str]]:
    """(modules, initialised Qt classes) when the main window is first painted."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get(
                   "PYTHONPATH")))))
    done = subprocess.run([sys.executable, "-c", START.format(preload=preload)],
                          capture_output=True, text=True, env=env, cwd=str(ROOT), timeout=120)
    lines = done.stdout.splitlines()
    assert lines and lines[0] == "first-paint", (done.returncode, done.stderr[-2000:])
    return set(lines[1].split()), set(lines[2].split())


def modules_at_first_paint(tmp_path: Path, preload: str = "") -> set[str]:
    return loaded_at_first_paint(tmp_path, preload)[0]


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules
                  if any(m == name or m.startswith(name + ".") for name in NOT_AT_START_UP))


def test_new_session_start_up_leaves_plots_export_and_activity_pages_unloaded(tmp_path):
    modules = modules_at_first_paint(tmp_path)
    assert "lpdesk.ui.window.main_window" in modules  # the probe saw lpdesk's own window
    assert "lpdesk.ui.window.start_page" in modules  # no file: the start page is painted
    assert heavy(modules) == []


def test_the_check_sees_a_heavy_module_loaded_before_the_window(tmp_path):
    # As if some start-up module imported numpy: the check above must catch it.
    found = heavy(modules_at_first_paint(tmp_path, preload="import numpy"))
    assert "numpy" in found and all(m.split(".")[0] == "numpy" for m in found)


def test_start_up_leaves_dialogs_and_the_all_widgets_type_look_up_alone(tmp_path):
    modules, classes = loaded_at_first_paint(tmp_path)
    assert "QMainWindow" in classes and "QListWidget" in classes  # the check sees them
    assert sorted(c for c in QT_NOT_AT_START_UP if c in classes) == []


def test_the_check_sees_a_widget_made_in_cpp_reaching_python(tmp_path):
    # As if start-up asked a list for its (C++-made) viewport: QWizard gets initialised.
    _, classes = loaded_at_first_paint(tmp_path, preload=(
        "from PySide6.QtWidgets import QApplication, QListWidget\n"
        "app = QApplication(['lpdesk'])\n"
        "QListWidget().viewport()"))
    assert "QWizard" in classes
