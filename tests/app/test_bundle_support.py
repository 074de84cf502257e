"""What the installable bundle (bundle/build.py) needs from lpdesk itself: resources found
inside a frozen bundle, the app's icon on its windows, and the hidden `--smoke` start that
the bundle's smoke test uses (first paint, then a clean exit)."""
from __future__ import annotations

import os
import subprocess
import sys

from repo_paths import ROOT

from lpdesk.content import resources_dir


def test_a_frozen_bundle_reads_resources_from_its_own_folder(monkeypatch, tmp_path):
    inside = tmp_path / "lpdesk" / "resources"
    inside.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    resources_dir.cache_clear()
    try:
        assert resources_dir() == inside
    finally:
        resources_dir.cache_clear()
    monkeypatch.delattr(sys, "frozen")
    assert resources_dir() != inside and (resources_dir() / "continuum.json").is_file()
    resources_dir.cache_clear()


def test_the_application_has_the_lpdesk_icon(qapp):
    from lpdesk.app import make_application

    names = qapp.applicationName(), qapp.organizationName()
    app = make_application()
    icon = app.windowIcon()
    qapp.setApplicationName(names[0])  # as the other tests expect to find them
    qapp.setOrganizationName(names[1])
    assert not icon.isNull()
    image = icon.pixmap(32, 32).toImage()
    assert image.width() == 32
    # the icon's deep blue, not an empty or default image
    centre_left = image.pixelColor(3, 16)
    assert centre_left.blue() > centre_left.red() and centre_left.alpha() == 255


def smoke(tmp_path, *args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "c"), PYTHONPATH=str(ROOT))
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "lpdesk", "--smoke", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_smoke_start_paints_every_activity_of_a_file_and_exits_cleanly(tmp_path):
    from lpdesk.demo import demo_session
    from lpdesk.storage import save_session

    path = tmp_path / "demo.lpdesk"
    save_session(demo_session(), path)
    done = smoke(tmp_path, str(path))
    assert done.returncode == 0, done.stderr[-2000:]
    first, summary = done.stdout.splitlines()
    assert first == "first-paint"
    modules, activities = (int(w) for w in summary.split() if w.isdigit())
    assert modules > 50  # every lpdesk module, export and activity pages included
    from lpdesk.ui.window.pages import PAGES
    assert activities == len([i for i in demo_session().agenda.items if i.kind in PAGES])


def test_smoke_fails_when_a_module_cannot_be_imported(tmp_path):
    # As in a bundle that lacks a library: the smoke start says which module and exits 1.
    shadow = tmp_path / "shadow"
    (shadow / "aiohttp").mkdir(parents=True)
    (shadow / "aiohttp" / "__init__.py").write_text("raise ImportError('left out')\n")
    done = smoke(tmp_path, env_extra={"PYTHONPATH": os.pathsep.join((str(ROOT), str(shadow)))})
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == "first-paint"
    assert "ImportError: left out" in done.stderr and "lpdesk.live.server" in done.stderr


def test_smoke_is_hidden_from_help(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    help_text = subprocess.run([sys.executable, "-m", "lpdesk", "--help"], capture_output=True,
                               text=True, env=env, timeout=60).stdout
    assert "--demo" in help_text and "--smoke" not in help_text  # not for facilitators
