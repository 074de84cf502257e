"""The README's list of X libraries for a minimal Linux matches what Qt's X11 plugin links:
its error message names only libxcb-cursor0, so the README must name the rest."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from repo_paths import ROOT

README = ROOT / "README.md"
# The X helper libraries that a system with only libxcb1/libx11 may lack (the xcb-util family
# and xkbcommon's X11 part), as Debian names their packages: libxcb-icccm.so.4 -> libxcb-icccm4
OPTIONAL = re.compile(r"lib(xcb-(?:cursor|icccm|keysyms|image|render-util)|xkbcommon-x11)"
                      r"\.so\.(\d+)")


def package(soname_match: re.Match) -> str:
    name, major = soname_match.group(1), soname_match.group(2)
    return f"lib{name}{'-' if name[-1].isdigit() or name.endswith('x11') else ''}{major}"


def apt_line() -> set[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"sudo apt install ((?:\\\n|[^\n])+)", text)
    assert block, "README: no 'sudo apt install' line for the X libraries"
    return set(block.group(1).replace("\\", " ").split())


def test_readme_names_the_libraries_the_issue_found_missing():
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= apt_line()


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None,
                    reason="reads the Linux X11 plugin's links")
def test_readme_names_every_x_helper_library_the_qt_plugin_links():
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    plugin = qt / "lib" / "libQt6XcbQpa.so.6"
    if not plugin.exists():
        pytest.skip("this PySide6 has no X11 plugin")
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True,
                         timeout=30).stdout
    needed = {package(m) for m in OPTIONAL.finditer(out)}
    assert {"libxcb-icccm4", "libxcb-keysyms1"} <= needed  # the test reads ldd right
    assert needed <= apt_line(), needed - apt_line()
