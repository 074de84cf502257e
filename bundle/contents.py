"""What goes into the bundle: the Qt libraries and plug-ins lpdesk loads, and nothing else.

Measured (on Linux, with /proc/self/maps after a session that visits every activity and
exports PDF, HTML, PNG, Markdown and CSV): lpdesk's Qt is QtCore, QtGui, QtWidgets, QtSvg
(icons), QtNetwork (the single-instance channel) and QtDBus (QtGui's desktop integration on
Linux), with one platform plug-in. Everything lpdesk draws is QPainter on widgets (no
plotting library since issue 28, no OpenGL). PDF export is QPdfWriter, part of QtGui.

PyInstaller's Qt hooks add every plug-in of every type a module might use (Wayland, EGL
devices, TLS back-ends, network information, print support, SQL drivers...) and the Qt
libraries those plug-ins pull in; `keep_binary` and `keep_data` filter its lists by the
path inside the bundle. A plug-in missing here would show at the bundle's smoke test.
"""
from __future__ import annotations

import re

# Python modules PyInstaller would otherwise follow from the standard library or from
# optional imports of lpdesk's dependencies; lpdesk uses none of them.
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "pydoc_data", "lib2to3",
    "test", "unittest.test", "distutils", "setuptools", "pip", "ensurepip", "venv",
    "IPython", "jupyter_client", "ipykernel", "matplotlib", "scipy", "pandas", "h5py",
    "OpenGL",
    # lpdesk draws with QPainter (issue 28): a plotting library, or the numbers library
    # under it, coming back with some optional import would be 40 MB the app never uses
    "pyqtgraph", "numpy",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtPrintSupport",
    "PySide6.QtSql", "PySide6.QtUiTools", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtMultimedia",
    "PySide6.Qt3DCore", "PySide6.QtCharts", "PySide6.QtDataVisualization", "PySide6.QtPdf",
    "PySide6.QtSvgWidgets", "PySide6.QtXml", "PySide6.QtConcurrent", "PySide6.QtDBus",
    "PySide6.QtStateMachine", "PySide6.QtAxContainer",
    # the tests' module, and OpenGL, which lpdesk never draws with (9 MB)
    "PySide6.QtTest", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "readline", "yaml",  # an interactive prompt; an optional config printer
    # TLS (5 MB of OpenSSL): lpdesk talks to nobody on the internet, and the phone page is
    # served over the room's LAN in plain HTTP; hashlib has its own SHA-2 without OpenSSL.
    "ssl", "_ssl", "_hashlib",
    # yarl (under aiohttp, for the live feature) supports pydantic models if it is there.
    "pydantic", "pydantic_core",
]

# The live feature's web server (aiohttp) has a pure-Python twin of each of these compiled
# speed-ups and uses it when they are absent: plenty for a room of phones (9 MB less).
# Checked: the live server serves the phone page and opens a phone's WebSocket with only
# the twins (and without ssl/_hashlib).
EXCLUDED_MODULES += ["aiohttp._http_parser", "aiohttp._http_writer",
                     "aiohttp._websocket.reader_c", "aiohttp._websocket.mask",
                     "multidict._multidict", "propcache._helpers_c", "frozenlist._frozenlist",
                     "yarl._quoting_c"]

# Linux: the desktop's own libraries, taken from the system like libc and libGL (which
# PyInstaller already leaves out). A copy in the bundle would shadow the system's, which
# the system's graphics drivers (loaded by Qt's xcb plug-in) are built against: a bundled
# libstdc++ older than the driver's is a known cause of crashes. Every Linux desktop has
# them; the small X11 helper libraries some lack (libxcb-cursor0...) stay in the bundle.
HOST_LIBRARIES = (
    "libstdc++.so", "libgcc_s.so", "libX11.so", "libX11-xcb.so", "libXau.so", "libXdmcp.so",
    "libbsd.so", "libmd.so", "libfontconfig.so", "libfreetype.so", "libexpat.so",
    "libpng16.so", "libbrotlicommon.so", "libbrotlidec.so", "libz.so", "libbz2.so",
    "libglib-2.0.so", "libgthread-2.0.so", "libpcre2-8.so", "libdbus-1.so", "libsystemd.so",
    "libgcrypt.so", "libgpg-error.so", "liblz4.so", "liblzma.so", "libzstd.so", "libcap.so",
    "libffi.so",
)

# Qt's libraries by module name (libQt6Gui.so.6, Qt6Gui.dll, QtGui.framework).
QT_LIBRARIES = {"Core", "Gui", "Widgets", "Svg", "Network", "DBus", "XcbQpa"}

# Plug-ins by folder; None keeps the whole folder.
QT_PLUGINS: dict[str, set[str] | None] = {
    # offscreen for the smoke test and servers; xcb on Linux desktops (also under
    # XWayland), windows, cocoa. No wayland: its client libraries double the plug-ins.
    "platforms": {"offscreen", "xcb", "windows", "cocoa"},
    "imageformats": {"svg"},  # PNG is built into QtGui
    "iconengines": {"svgicon"},  # QIcon from the SVG icon
    "platforminputcontexts": None,  # compose keys, input methods: typing names
    "platformthemes": {"xdgdesktopportal"},  # not gtk3: it drags GTK into the bundle
    "styles": None,  # the modern Windows style
    "xcbglintegrations": None,  # xcb asks for one; small
}

_QT_LIB = re.compile(r"(?:^|[/\\])(?:lib)?Qt6?([A-Za-z0-9]+?)(?:\.so[.\d]*|\.dll|\.dylib|"
                     r"\.framework[/\\].*|\d?)$")
_PLUGIN = re.compile(r"(?:^|[/\\])plugins[/\\]([^/\\]+)[/\\](?:lib)?q?([^/\\.]+)[^/\\]*$")


def _parts(dest: str) -> str:
    return dest.replace("\\", "/")


def keep_binary(dest: str) -> bool:
    """Whether a binary (its path inside the bundle) is kept."""
    path = _parts(dest)
    plugin = _PLUGIN.search(path)
    if plugin:
        folder, name = plugin.group(1), plugin.group(2)
        if folder not in QT_PLUGINS:
            return False
        wanted = QT_PLUGINS[folder]
        if wanted is None:
            return True
        return any(name == w or name == f"q{w}" for w in wanted)
    if "/Qt/" in path or path.startswith(("PySide6/", "Qt/")) or ".framework/" in path:
        lib = _QT_LIB.search(path)
        if lib and lib.group(1) not in QT_LIBRARIES and not path.endswith(
                (".abi3.so", ".pyd")):
            return False
    return not _is_unused_system_library(path)


def _is_unused_system_library(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    if name == "opengl32sw.dll":  # Windows' software OpenGL (20 MB): lpdesk draws no GL
        return True
    return "/" not in path and name.startswith(HOST_LIBRARIES)


Entry = tuple[str, str, str]  # PyInstaller's (path in the bundle, source, kind)


def only_needed(binaries: list[Entry], imports_of) -> list[Entry]:
    """The binaries that Python's extension modules, the kept Qt plug-ins and libpython
    need, given `imports_of(source)` -> {(name, resolved path or None)}, the libraries a
    binary loads (ldd lists them all, indirect ones too). PyInstaller collected the
    libraries of the plug-ins it brought in; those left out above take theirs along."""
    def is_root(entry: Entry) -> bool:
        dest = _parts(entry[0])
        return (entry[2] == "EXTENSION" or "/plugins/" in f"/{dest}"
                or dest.rsplit("/", 1)[-1].startswith("libpython"))

    roots = [e for e in binaries if is_root(e)]
    needed: set[str] = set()
    for entry in roots:
        for name, resolved in imports_of(entry[1]):
            needed.add(name.replace("\\", "/").rsplit("/", 1)[-1])
            if resolved:
                needed.add(str(resolved).replace("\\", "/").rsplit("/", 1)[-1])
    return [e for e in binaries if is_root(e) or _parts(e[0]).rsplit("/", 1)[-1] in needed]


def without_dangling_links(entries: list[Entry], kept: set[str]) -> list[Entry]:
    """Drop the links PyInstaller makes to libraries that were left out."""
    return [e for e in entries if e[2] != "SYMLINK" or _parts(e[1]) in kept]


def keep_data(dest: str) -> bool:
    """Whether a data file (its path inside the bundle) is kept."""
    path = _parts(dest)
    if "/translations/" in f"/{path}" and "PySide6" in path:
        return False  # Qt's own translations: lpdesk loads none (its texts are English)
    if "/plugins/" in f"/{path}":
        return keep_binary(path)
    if path.startswith("PySide6/") and path.endswith((".pyi", ".typed")):
        return False
    return True
