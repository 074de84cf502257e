"""The build's own parts, without building (a build takes ~30 s: .ci/run does one):
what bundle/contents.py keeps, the icon files bundle/icons.py writes, and the Linux desktop
files."""
from __future__ import annotations

import configparser
import importlib.util
import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from repo_paths import ROOT

BUNDLE = ROOT / "bundle"


def load(name: str):
    """A bundle/ module by file (bundle/ stays off sys.path: build.py there must never
    shadow the `build` package)."""
    spec = importlib.util.spec_from_file_location(f"lpdesk_bundle_{name}", BUNDLE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


contents = load("contents")
icons = load("icons")


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("PySide6/Qt/lib/libQt6Network.so.6", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6WaylandClient.so.6", False),
    ("PySide6/Qt/lib/libQt6OpenGL.so.6", False),  # lpdesk draws no OpenGL
    ("PySide6/Qt6Widgets.dll", True),
    ("PySide6/Qt6Pdf.dll", False),
    ("PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui", True),
    ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
    ("PySide6/QtCore.abi3.so", True),  # Python's bindings are chosen by import, not here
    ("PySide6/Qt/lib/libicudata.so.73", True),
    ("PySide6/opengl32sw.dll", False),
    ("libstdc++.so.6", False),  # the desktop's own
    ("libxcb-cursor.so.0", True),  # not every desktop has it
    ("numpy.libs/libscipy_openblas64_-32a4b2a6.so", True),
])
def test_the_bundle_keeps_what_lpdesk_loads(dest, kept):
    assert contents.keep_binary(dest) is kept
    assert contents.keep_binary(dest.replace("/", "\\")) is kept  # Windows' separators


def test_qt_translations_and_type_stubs_are_left_out():
    assert not contents.keep_data("PySide6/Qt/translations/qtbase_de.qm")
    assert not contents.keep_data("PySide6/QtCore.pyi")
    assert contents.keep_data("lpdesk/resources/phone/index.html")


def test_libraries_only_left_out_parts_needed_go_too():
    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0", "BINARY"),
        ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),  # came with the gtk3 theme
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
    ]
    imports = {"/src/QtGui.abi3.so": {("libQt6Gui.so.6", "/src/libQt6Gui.so.6")},
               "/src/libqxcb.so": {("libxcb-cursor.so.0", None)}}
    kept = contents.only_needed(binaries, lambda src: imports.get(src, set()))
    assert [e[0] for e in kept] == ["PySide6/QtGui.abi3.so",
                                    "PySide6/Qt/plugins/platforms/libqxcb.so",
                                    "libxcb-cursor.so.0", "PySide6/Qt/lib/libQt6Gui.so.6"]
    links = [("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
             ("libgtk-3.so.0", "gtk/libgtk-3.so.0", "SYMLINK")]
    assert contents.without_dangling_links(links, {"PySide6/Qt/lib/libQt6Gui.so.6"}) \
        == links[:1]


def test_icons_are_drawn_in_every_size_with_ico_and_icns_indexes_that_add_up(tmp_path):
    done = subprocess.run([sys.executable, str(BUNDLE / "icons.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage
    for size in icons.PNG_SIZES:
        image = QImage(str(tmp_path / f"lpdesk-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not empty
    ico = (tmp_path / "lpdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    for i in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * i: 22 + 16 * i])
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert QImage.fromData(ico[offset:offset + length]).width() == (width or 256)
    icns = (tmp_path / "lpdesk.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    at, found = 8, []
    while at < len(icns):
        kind, length = icns[at:at + 4], struct.unpack(">I", icns[at + 4:at + 8])[0]
        assert icns[at + 8:at + 16] == b"\x89PNG\r\n\x1a\n"
        found.append(kind)
        at += length
    assert at == len(icns) and found == [k for k, _ in icons.ICNS_TYPES]


def test_desktop_entry_and_mime_type_agree():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(BUNDLE / "linux" / "lpdesk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "lpdesk %f" and desktop["Icon"] == "lpdesk"
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = ET.parse(BUNDLE / "linux" / "lpdesk-mime.xml").getroot().find("m:mime-type", ns)
    assert desktop["MimeType"] == mime.get("type") + ";"
    assert mime.find("m:glob", ns).get("pattern") == "*.lpdesk"
    iss = (BUNDLE / "windows" / "lpdesk.iss").read_text(encoding="utf-8")
    assert ".lpdesk" in iss and "lpdesk.exe" in iss


@pytest.mark.skipif(sys.platform == "win32", reason="install.sh is for Linux")
def test_install_script_puts_program_menu_entry_icons_and_file_type_in_place_and_removes_them(
        tmp_path):
    build = load("build")
    icon_dir = tmp_path / "icons"
    done = subprocess.run([sys.executable, str(BUNDLE / "icons.py"), str(icon_dir)],
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "unpacked" / "lpdesk"
    folder.mkdir(parents=True)
    program = folder / "lpdesk"
    program.write_text("#!/bin/sh\necho lpdesk-stand-in \"$@\"\n")
    program.chmod(0o755)
    build.add_linux_desktop_files(folder, icon_dir)
    home = tmp_path / "facilitator"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    done = subprocess.run(["sh", str(folder / "install.sh")], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    data = home / ".local" / "share"
    opt = home / ".local" / "opt" / "lpdesk"
    entry = (data / "applications" / "lpdesk.desktop").read_text(encoding="utf-8")
    assert f'Exec="{opt}/lpdesk" %f' in entry
    assert (data / "mime" / "packages" / "lpdesk.xml").is_file()
    assert (data / "icons" / "hicolor" / "48x48" / "apps" / "lpdesk.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "mimetypes"
            / "application-x-lpdesk.svg").is_file()
    ran = subprocess.run([str(home / ".local" / "bin" / "lpdesk"), "x.lpdesk"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert ran.stdout.strip() == "lpdesk-stand-in x.lpdesk"
    done = subprocess.run(["sh", str(opt / "install.sh"), "--uninstall"], capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not opt.exists() and not (home / ".local" / "bin" / "lpdesk").exists()
    assert not (data / "applications" / "lpdesk.desktop").exists()
    assert not list((data / "icons").rglob("lpdesk.*"))
