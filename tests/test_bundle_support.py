"""What the installable bundle (bundle/build.py) needs from lpdesk itself: resources found
inside a frozen bundle, the app's icon on its windows, and the hidden `--smoke` start that
the bundle's smoke test uses (first paint, then a clean exit)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lpdesk.content import resources_dir

ROOT = Path(__file__).resolve().parent.parent


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


def test_smoke_start_paints_the_window_and_exits_cleanly(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "c"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "lpdesk", "--smoke"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["first-paint"]
    assert "--smoke" not in subprocess.run(
        [sys.executable, "-m", "lpdesk", "--help"], capture_output=True, text=True,
        env=env, timeout=60).stdout  # hidden: not for facilitators
