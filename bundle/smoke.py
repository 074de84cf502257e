"""The bundle's smoke test: `python bundle/smoke.py [FOLDER]` (FOLDER: bundle/out/dist/lpdesk,
or the .app on macOS) runs the built program as a facilitator's machine would: with no
Python of ours anywhere. Python runs this script, never the program: the program gets a
clean environment (nothing but PATH, HOME, a UTF-8 locale and the offscreen platform; no
PYTHONPATH, PYTHONHOME or virtual environment), and the first folder on its PATH holds a
`python`, `python3` and `py` that only write down that someone called them, so a bundle
that reached for a Python would fail here.

Checks: `--version`; `demo -o`; `check`; `export` to PDF, HTML and PNG; the GUI offscreen to
its first paint and out, with the sample file, through `--smoke` (every lpdesk module
imported, every activity painted: lpdesk/smoke.py); and that the whole resources/ tree
(content, icons, the phone page) is in the bundle. Prints one line per check and a closing
`N passed, N failed`; exit code 1 if any failed.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from build import bundle_folder  # noqa: E402

TIMEOUT_S = 120


def programs(folder: Path) -> tuple[Path, Path]:
    """(command-line program, GUI program) inside the bundle."""
    if sys.platform == "win32":
        return folder / "lpdesk-cli.exe", folder / "lpdesk.exe"
    if folder.suffix == ".app":
        program = folder / "Contents" / "MacOS" / "lpdesk"
        return program, program
    return folder / "lpdesk", folder / "lpdesk"


def bundled_resources(folder: Path) -> Path:
    if folder.suffix == ".app":  # PyInstaller puts data files in Contents/Resources
        return folder / "Contents" / "Resources" / "lpdesk" / "resources"
    return folder / "_internal" / "lpdesk" / "resources"


def decoy_pythons(where: Path, called: Path) -> None:
    """Programs named like Python that record their call and fail."""
    where.mkdir(parents=True, exist_ok=True)
    for name in ("python", "python3", f"python3.{sys.version_info.minor}", "py"):
        if sys.platform == "win32":
            (where / f"{name}.bat").write_text(f'@echo %* >> "{called}"\r\n@exit /b 99\r\n')
        else:
            script = where / name
            script.write_text(f'#!/bin/sh\necho "$0 $*" >> "{called}"\nexit 99\n')
            script.chmod(0o755)


def clean_env(home: Path, decoys: Path) -> dict[str, str]:
    system_path = (r"C:\Windows\System32;C:\Windows" if sys.platform == "win32"
                   else "/usr/bin:/bin")
    env = {"PATH": os.pathsep.join((str(decoys), system_path)), "HOME": str(home),
           "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".data"),
           "XDG_RUNTIME_DIR": str(home / ".runtime")}
    if sys.platform == "win32":  # Windows needs these to start any program
        env.update({k: os.environ[k] for k in ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR")
                    if k in os.environ}, USERPROFILE=str(home), APPDATA=str(home / "AppData"),
                   LOCALAPPDATA=str(home / "LocalAppData"), TEMP=str(home), TMP=str(home))
    (home / ".runtime").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


class Smoke:
    def __init__(self, folder: Path, work: Path) -> None:
        self.cli, self.gui = programs(folder)
        self.folder = folder
        self.work = work
        self.called = work / "python-was-called.txt"
        decoy_pythons(work / "decoys", self.called)
        self.env = clean_env(work / "home", work / "decoys")
        self.passed, self.failed = 0, 0

    def run(self, program: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(program), *args], capture_output=True, text=True,
                              env=self.env, cwd=str(self.work), timeout=TIMEOUT_S,
                              encoding="utf-8", errors="replace")

    def check(self, name: str, ok: bool, detail: str = "") -> None:
        if ok:
            self.passed += 1
            print(f"ok      {name}")
        else:
            self.failed += 1
            print(f"FAILED  {name}" + (f": {detail.strip()[-1500:]}" if detail else ""))

    def all(self) -> int:
        from lpdesk import __version__

        demo, pdf, html = self.work / "demo.lpdesk", self.work / "s.pdf", self.work / "s.html"
        done = self.run(self.cli, "--version")
        self.check("--version", done.returncode == 0 and done.stdout.strip()
                   == f"lpdesk {__version__}", done.stdout + done.stderr)
        done = self.run(self.cli, "demo", "-o", str(demo))
        self.check("demo -o", done.returncode == 0 and demo.is_file(), done.stderr)
        done = self.run(self.cli, "check", str(demo))
        self.check("check", done.returncode == 0 and "valid lpdesk session" in done.stdout,
                   done.stdout + done.stderr)
        done = self.run(self.cli, "export", str(demo), "-o", str(pdf))
        self.check("export to PDF", done.returncode == 0 and pdf.is_file()
                   and pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 5000,
                   done.stderr)
        done = self.run(self.cli, "export", str(demo), "-o", str(html))
        text = html.read_text(encoding="utf-8") if html.is_file() else ""
        self.check("export to HTML", done.returncode == 0 and "<html" in text.lower()
                   and "Learning culture" in text, done.stderr)
        done = self.run(self.cli, "export", str(demo), "-o", str(self.work / "s.png"))
        charts = sorted(self.work.glob("s*.png"))
        self.check(f"export to PNG ({len(charts)} images)", done.returncode == 0 and bool(charts)
                   and all(c.read_bytes()[:4] == b"\x89PNG" for c in charts), done.stderr)
        t0 = time.perf_counter()
        done = self.run(self.gui, "--smoke", str(demo))
        seconds = time.perf_counter() - t0
        lines = done.stdout.splitlines()
        printed = lines[:1] == ["first-paint"] and any(x.startswith("smoke:") for x in lines)
        if self.gui != self.cli and not lines:
            printed = True  # a Windows GUI program may have no stdout: its exit code speaks
        self.check(f"GUI offscreen: first paint, every activity, out ({seconds:.1f} s"
                   f"{'; ' + lines[-1] if lines else ''})", done.returncode == 0 and printed,
                   done.stdout + done.stderr)
        if self.gui != self.cli:  # and the console program shows the lines
            done = self.run(self.cli, "--smoke")
            self.check("GUI offscreen from the console program",
                       done.returncode == 0 and done.stdout.startswith("first-paint"),
                       done.stdout + done.stderr)
        source = {p.relative_to(ROOT / "resources").as_posix()
                  for p in (ROOT / "resources").rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts}
        inside = bundled_resources(self.folder)
        missing = sorted(name for name in source if not (inside / name).is_file())
        self.check(f"the whole resources/ tree is bundled ({len(source)} files)",
                   not missing, "missing: " + ", ".join(missing[:10]))
        self.check("no Python was called", not self.called.exists(),
                   self.called.read_text() if self.called.exists() else "")
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]).resolve() if args else bundle_folder()
    cli, gui = programs(folder)
    if not cli.is_file() or not gui.is_file():
        print(f"smoke.py: no bundle at {folder}: build it first (python bundle/build.py)",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="lpdesk-smoke-") as work:
        return Smoke(folder, Path(work)).all()


if __name__ == "__main__":
    sys.exit(main())
