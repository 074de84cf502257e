"""Build lpdesk as an app a facilitator installs with a double-click: `python bundle/build.py`.

One command on every platform (PyInstaller, one-folder mode: a one-file bundle unpacks
itself on every start, which costs seconds). It draws the icons from
resources/icons/lpdesk.svg (bundle/icons.py), runs PyInstaller on bundle/lpdesk.spec (Qt
trimmed to what lpdesk loads: bundle/contents.py), then packs what the platform installs:

- Linux: `bundle/out/lpdesk-VERSION-linux-ARCH.tar.gz`, the folder `lpdesk/` with the
  program, a .desktop file, the icons, the `.lpdesk` MIME type and `install.sh` (see
  INSTALL.txt in it);
- Windows: the folder `bundle/out/dist/lpdesk/` (lpdesk.exe, lpdesk-cli.exe for the command
  line) and a zip of it; bundle/windows/lpdesk.iss makes the installer from that folder;
- macOS: `bundle/out/dist/lpdesk.app` and a zip of it.

It prints the build time and the bundle's size on disk and compressed. `bundle/smoke.py`
then checks the built program; `.ci/run` and .github/workflows/bundle.yml run both.
Needs: `pip install ".[bundle]"` (PyInstaller) on top of lpdesk's own dependencies.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))
from lpdesk import __version__  # noqa: E402

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def platform_name() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"{system}-{machine}"


def bundle_folder(out: Path = OUT) -> Path:
    """The built program's folder (the .app on macOS)."""
    dist = out / "dist"
    return dist / "lpdesk.app" if sys.platform == "darwin" else dist / "lpdesk"


def disk_size(path: Path) -> int:
    """Bytes on disk (allocated blocks where the platform says, else file sizes)."""
    total = 0
    for item in [path, *path.rglob("*")]:
        if item.is_symlink():
            continue
        stat = item.stat()
        blocks = getattr(stat, "st_blocks", None)
        total += blocks * 512 if blocks is not None else (stat.st_size if item.is_file() else 0)
    return total


def run_pyinstaller(out: Path, icons: Path) -> None:
    env = dict(os.environ, LPDESK_ICONS=str(icons), QT_QPA_PLATFORM="offscreen",
               PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)  # the spec puts this checkout first itself
    subprocess.run([sys.executable, "-m", "PyInstaller", str(HERE / "lpdesk.spec"),
                    "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(out / "dist"), "--workpath", str(out / "work")],
                   check=True, env=env, cwd=str(ROOT))


def strip_python(folder: Path) -> None:
    """Linux: drop the debugging symbols of Python's own libraries (libpython alone carries
    17 MB of them). Only these: stripping the libraries that wheels ship patched breaks
    them (auditwheel's), and those come stripped already."""
    strip = shutil.which("strip")
    if strip is None:
        return
    internal = folder / "_internal"
    targets = [*internal.glob("libpython*.so*"), *internal.glob("python3*/lib-dynload/*.so")]
    targets = [t for t in targets if not t.is_symlink()]
    if targets:
        subprocess.run([strip, "--strip-unneeded", *map(str, targets)], check=True)


def add_linux_desktop_files(folder: Path, icons: Path) -> None:
    """The .desktop file, MIME type, icons, install script and note, beside the program."""
    share = folder / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(HERE / "linux" / "lpdesk.desktop", share / "applications" / "lpdesk.desktop")
    (share / "mime" / "packages").mkdir(parents=True, exist_ok=True)
    shutil.copy2(HERE / "linux" / "lpdesk-mime.xml", share / "mime" / "packages" / "lpdesk.xml")
    for size in ICON_SIZES:
        for kind, name in (("apps", "lpdesk"), ("mimetypes", "application-x-lpdesk")):
            target = share / "icons" / "hicolor" / f"{size}x{size}" / kind
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(icons / f"lpdesk-{size}.png", target / f"{name}.png")
    for kind, name in (("apps", "lpdesk"), ("mimetypes", "application-x-lpdesk")):
        target = share / "icons" / "hicolor" / "scalable" / kind
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(icons / "lpdesk.svg", target / f"{name}.svg")
    for name in ("install.sh", "INSTALL.txt"):
        shutil.copy2(HERE / "linux" / name, folder / name)
    (folder / "install.sh").chmod(0o755)


def pack(folder: Path, out: Path) -> Path:
    """The file a facilitator downloads: a .tar.gz on Linux, a .zip elsewhere."""
    base = out / f"lpdesk-{__version__}-{platform_name()}"
    if sys.platform.startswith("linux"):
        archive = base.with_name(base.name + ".tar.gz")
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(folder, arcname="lpdesk")
        return archive
    archive = base.with_name(base.name + ".zip")
    if sys.platform == "darwin":  # ditto keeps the .app's symlinks and attributes
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(folder), str(archive)],
                       check=True)
        return archive
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for item in sorted(folder.rglob("*")):
            zf.write(item, Path("lpdesk") / item.relative_to(folder))
    return archive


def build(out: Path = OUT) -> dict[str, object]:
    started = time.perf_counter()
    for old in (out / "dist", out / "work"):
        shutil.rmtree(old, ignore_errors=True)
    icons = out / "icons"
    # In a process of its own: the build's own process stays free of Qt.
    subprocess.run([sys.executable, str(HERE / "icons.py"), str(icons)], check=True,
                   env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True,
                   text=True)
    run_pyinstaller(out, icons)
    folder = bundle_folder(out)
    if sys.platform.startswith("linux"):
        strip_python(folder)
        add_linux_desktop_files(folder, icons)
    archive = pack(folder, out)
    return dict(folder=folder, archive=archive, seconds=time.perf_counter() - started,
                disk=disk_size(folder), compressed=archive.stat().st_size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python bundle/build.py", description=(
        "Build lpdesk's one-folder bundle for this platform into bundle/out/."))
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (bundle/out)")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("build.py: PyInstaller is missing: pip install \".[bundle]\"", file=sys.stderr)
        return 2
    try:
        result = build(args.out.resolve())
    except subprocess.CalledProcessError as exc:
        print(f"build.py: a build step failed (exit {exc.returncode}): {exc.cmd[:3]}",
              file=sys.stderr)
        if getattr(exc, "stderr", None):
            print(exc.stderr[-3000:], file=sys.stderr)
        return 1
    mb = 1024 * 1024
    print(f"built {result['folder']} in {result['seconds']:.0f} s")
    print(f"size on disk {result['disk'] / mb:.1f} MB (goal < 150 MB); "
          f"compressed {result['compressed'] / mb:.1f} MB (goal < 60 MB): {result['archive']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
