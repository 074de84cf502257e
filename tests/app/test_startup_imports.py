"""Start-up loads only what the first screen needs: the facilitator waits for every module
imported before the window appears (an activity page or the phones' server costs tens or
hundreds of ms). Runs the real
entry point (`python -m lpdesk`) in a child process, offscreen, and lists the modules loaded
when the main window is first painted (probe: benchmarks/first_paint.py).

Two checks: the list of heavy modules below must stay unloaded, and every module loaded
beyond what a bare PySide6 window loads must be one start-up is known to need
(START_UP_LPDESK, STDLIB_AT_START_UP). The first alone let `logging.handlers` (with socket,
pickle, queue and selectors: ~18 ms) and four new lpdesk modules join the start-up path
unnoticed in round 27, because nothing named them: a module that joins now fails the
second check until it is imported where first used, or added to a list with its cost."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from repo_paths import ROOT

# Loaded when first used: export, and the pages of the activities; the
# storage code (first open or save), autosave and crash recovery (right after the first
# paint), the room's presentation, audience window and quick capture, and `secrets`.
NOT_AT_START_UP = ("lpdesk.export", "lpdesk.ui.continuum.page",
                   "lpdesk.ui.quiz.page", "lpdesk.ui.matrix.page", "lpdesk.ui.summary.page",
                   "lpdesk.ui.export.dialog", "lpdesk.storage", "lpdesk.ui.window.autosave",
                   "lpdesk.ui.window.recovery", "lpdesk.ui.window.recovery_dialog",
                   "lpdesk.ui.room.presentation",
                   "lpdesk.ui.room.audience_window", "lpdesk.ui.room.view",
                   "lpdesk.ui.window.capture",
                   # the session behind the start page, built right after the paint: the
                   # model (~25 ms), the workshop's menus, docks and toolbar, the phones
                   "lpdesk.model", "lpdesk.document", "lpdesk.commands",
                   "lpdesk.content.defaults", "lpdesk.ui.window.workshop",
                   "lpdesk.ui.window.agenda_panel", "lpdesk.ui.room", "lpdesk.ui.live.feature",
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

# lpdesk's own modules loaded at the first paint of `python -m lpdesk` (no file: the start
# page, the window's frame and menu bar; the session behind the start page is built right
# after the paint). Adding one here is a decision: measure it (`python -X importtime`,
# benchmarks startup) and say why the first screen needs it.
START_UP_LPDESK = frozenset((
    'lpdesk', 'lpdesk.app', 'lpdesk.cli', 'lpdesk.content', 'lpdesk.platform_check',
    'lpdesk.settings', 'lpdesk.single_instance', 'lpdesk.terminal', 'lpdesk.ui',
    'lpdesk.ui.base', 'lpdesk.ui.base.after_paint', 'lpdesk.ui.base.pages',
    'lpdesk.ui.base.pyside_imports',  # 0.1 ms; saves 22-26 ms of PySide6's source checks
    'lpdesk.ui.style', 'lpdesk.ui.style.actions', 'lpdesk.ui.style.frame_style',
    'lpdesk.ui.style.screens', 'lpdesk.ui.style.text', 'lpdesk.ui.style.theme',
    'lpdesk.ui.window', 'lpdesk.ui.window.after_paint', 'lpdesk.ui.window.error_guard',
    'lpdesk.ui.window.help', 'lpdesk.ui.window.main_window', 'lpdesk.ui.window.page_stack',
    'lpdesk.ui.window.pages', 'lpdesk.ui.window.recent', 'lpdesk.ui.window.session_files',
    'lpdesk.ui.window.start_page',
))
# Cheap standard modules start-up may load beyond a bare window's (most are loaded by PySide
# or site already; a leaner Python may not). Exact names: `logging` is here, its
# `logging.handlers` is not; "x.*" also allows x's submodules; "_x" goes with "x" (its C
# part). Not here on purpose: socket, selectors, pickle, queue, asyncio, concurrent, email,
# http, xml, sqlite3, ssl, secrets, datetime's friends zoneinfo and calendar; json (~4 ms:
# the start page reads no JSON, the single-instance knock needs none with nobody running).
STDLIB_AT_START_UP = frozenset((
    "dataclasses", "copy", "runpy", "argparse", "gettext", "logging", "pathlib",
    "fnmatch", "re.*", "typing", "enum", "functools", "collections.*", "contextlib", "math",
    "binascii", "string", "textwrap", "traceback", "types", "weakref", "inspect", "locale",
    "struct", "linecache", "tokenize", "token", "dis", "opcode", "keyword", "operator",
    "reprlib", "warnings", "ast", "importlib.*", "encodings.*", "errno", "stat", "posixpath",
    "ntpath", "genericpath", "os", "shutil", "tempfile", "random", "bisect", "hashlib",
    "base64", "urllib", "urllib.parse", "ipaddress", "threading", "itertools", "atexit",
    "signal", "heapq", "abc", "io", "codecs", "sre_compile", "sre_parse", "sre_constants",
    "datetime", "time",
    # the Windows single-instance knock is a QtNetwork named pipe (see NOT_AT_START_UP)
    *(("PySide6.QtNetwork",) if sys.platform == "win32" else ())))

BARE = """
import benchmarks.first_paint as probe
probe.arm(list_modules=True)
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(["bare"])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""

START = """
import runpy, sys
{preload}
import benchmarks.first_paint as probe
probe.arm(list_modules=True)
sys.argv = ["lpdesk"]
runpy.run_module("lpdesk", run_name="__main__", alter_sys=True)
"""


def loaded_at_first_paint(tmp_path: Path, preload: str = "", program: str = START
                          ) -> tuple[set[str], set[str]]:
    """(modules, initialised Qt classes) when the main window is first painted."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get(
                   "PYTHONPATH")))))
    done = subprocess.run([sys.executable, "-c", program.format(preload=preload)],
                          capture_output=True, text=True, env=env, cwd=str(ROOT), timeout=120)
    lines = done.stdout.splitlines()
    assert lines and lines[0] == "first-paint", (done.returncode, done.stderr[-2000:])
    return set(lines[1].split()), set(lines[2].split())


def modules_at_first_paint(tmp_path: Path, preload: str = "", program: str = START
                           ) -> set[str]:
    return loaded_at_first_paint(tmp_path, preload, program)[0]


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules
                  if any(m == name or m.startswith(name + ".") for name in NOT_AT_START_UP))


def test_new_session_start_up_leaves_plots_export_and_activity_pages_unloaded(tmp_path):
    modules = modules_at_first_paint(tmp_path)
    assert "lpdesk.ui.window.main_window" in modules  # the probe saw lpdesk's own window
    assert "lpdesk.ui.window.start_page" in modules  # no file: the start page is painted
    assert heavy(modules) == []


def test_the_check_sees_a_heavy_module_loaded_before_the_window(tmp_path):
    # As if some start-up module imported the phones' server: the check above must catch it.
    found = heavy(modules_at_first_paint(tmp_path, preload="import aiohttp"))
    assert "aiohttp" in found and all(m.split(".")[0] in ("aiohttp", "asyncio", "concurrent")
                                      for m in found), found


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


def not_known_at_start_up(modules: set[str], bare: set[str]) -> list[str]:
    """The modules loaded beyond the bare window's that no start-up list names."""
    def known(name: str) -> bool:
        if name.startswith("lpdesk"):
            return name in START_UP_LPDESK
        plain = name.lstrip("_")
        return any(plain == allowed or (allowed.endswith(".*") and (
            plain == allowed[:-2] or plain.startswith(allowed[:-1])))
            for allowed in STDLIB_AT_START_UP)
    return sorted(m for m in modules - bare if not known(m))


@pytest.fixture(scope="module")
def bare_modules(tmp_path_factory) -> set[str]:
    return modules_at_first_paint(tmp_path_factory.mktemp("bare"), program=BARE)


def test_start_up_loads_no_module_it_is_not_known_to_need(tmp_path, bare_modules):
    modules = modules_at_first_paint(tmp_path)
    assert "lpdesk.ui.window.start_page" in modules and "PySide6.QtWidgets" in bare_modules
    assert not_known_at_start_up(modules, bare_modules) == [], (
        "joined the start-up path: import it where it is first used, or add it to "
        "START_UP_LPDESK / STDLIB_AT_START_UP with its measured cost")


@pytest.mark.parametrize("preload, joined", [
    ("import logging.handlers", "logging.handlers"),  # what joined in round 27
    ("import lpdesk.ui.window.capture", "lpdesk.ui.window.capture"),
    ("import lpdesk.document", "lpdesk.model.session"),  # the session: after the paint
    ("import json", "json.decoder"),
])
def test_the_check_sees_any_module_joining_the_start_up_path(tmp_path, bare_modules,
                                                             preload, joined):
    found = not_known_at_start_up(modules_at_first_paint(tmp_path, preload), bare_modules)
    assert joined in found


AFTER_PAINT = """
import sys
from lpdesk.app import create_main_window, make_application
from lpdesk.ui.window.after_paint import first_paint_done
app = make_application(["lpdesk"])
window = create_main_window()
window.show()
while not first_paint_done(window):
    app.processEvents()
print("first-paint")
print(" ".join(sorted(sys.modules)))
print("")
"""


def test_the_work_after_the_paint_loads_no_dialog_or_worker_it_does_not_use(tmp_path):
    # Nothing crashed, nothing edited yet: the recovery scan finds nothing, so the dialog
    # that would offer it (Qt's dialog classes: ~8 ms) is not loaded, and autosave's worker
    # (concurrent.futures: ~6 ms) waits for the first write. Both were loaded at every start.
    modules = modules_at_first_paint(tmp_path, program=AFTER_PAINT)
    assert {"lpdesk.ui.window.autosave", "lpdesk.ui.window.recovery",
            "lpdesk.storage.recovery"} <= modules  # the work ran: autosave on, folder scanned
    assert "lpdesk.ui.window.recovery_dialog" not in modules
    assert "concurrent.futures" not in modules
