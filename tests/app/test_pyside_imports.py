"""PySide6 asks of every module imported after it whether its source mentions "PySide6"
(its optional features), through inspect.getsource: 31-36 ms of the cold start.
lpdesk/ui/base/pyside_imports.py asks the same of the file's bytes."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from repo_paths import ROOT

from lpdesk.ui.base.pyside_imports import FEATURE_MODULE, quicker_imports


def test_the_quicker_check_answers_as_pyside_does_for_every_module_loaded():
    assert quicker_imports()
    quicker = sys.modules[FEATURE_MODULE]._mod_uses_pyside
    assert quicker.lpdesk_quicker
    modules = [m for m in list(sys.modules.values()) if m is not None]
    plain_files = [m for m in modules if str(getattr(m, "__file__", "")).endswith(".py")]
    assert len(plain_files) > 300  # pytest, PySide's helpers, lpdesk, the standard library
    uses = [m.__name__ for m in modules if quicker.pyside_check(m)]
    assert "lpdesk.ui.base.pyside_imports" in uses and "os" not in uses  # both answers
    for module in modules:
        assert quicker(module) == quicker.pyside_check(module), module.__name__
    assert quicker_imports()  # a second call changes nothing
    assert sys.modules[FEATURE_MODULE]._mod_uses_pyside is quicker


def test_pyside_records_modules_imported_after_it_through_the_quicker_check(
        tmp_path, monkeypatch):
    quicker_imports()
    feature = sys.modules[FEATURE_MODULE]
    asked = []
    quicker = feature._mod_uses_pyside
    monkeypatch.setattr(feature, "_mod_uses_pyside", lambda m: (asked.append(m.__name__),
                                                                quicker(m))[1])
    (tmp_path / "lp_with_qt.py").write_text("from PySide6.QtCore import QObject\n",
                                            encoding="utf-8")
    (tmp_path / "lp_without_qt.py").write_text("# Qt-free, but \u00e9t\u00e9 in UTF-8\n",
                                               encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import lp_with_qt  # noqa: F401
    import lp_without_qt  # noqa: F401
    assert [name for name in asked if name.startswith("lp_")] == ["lp_with_qt",
                                                                   "lp_without_qt"]
    assert feature.pyside_feature_dict["lp_with_qt"] == 0  # may switch features
    assert feature.pyside_feature_dict["lp_without_qt"] == -1  # ignored


def test_the_app_puts_the_quicker_check_in_place_before_it_makes_the_application(tmp_path):
    program = textwrap.dedent("""
        import runpy, sys
        import lpdesk.app
        def make_application(*args, **kwargs):
            check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
            print("quicker" if getattr(check, "lpdesk_quicker", False) else "pyside's")
            raise SystemExit(0)
        lpdesk.app.make_application = make_application
        sys.argv = ["lpdesk", "--demo"]
        runpy.run_module("lpdesk", run_name="__main__", alter_sys=True)
        """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get(
                   "PYTHONPATH")))))
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          env=env, cwd=str(ROOT), timeout=60)
    assert done.stdout.split() == ["quicker"], done.stderr[-2000:]
