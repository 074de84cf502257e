"""The installable app (bundle/): its cold start to the first paint against `python -m
lpdesk` started the same way (target: no slower than 1.1x), and its size (targets: under
150 MB on disk, under 60 MB as the downloaded archive).

Both sides are fresh processes with the same clean, private environment (offscreen, an empty
HOME, so no saved theme, recent files or recovery offer), both run `--smoke` (lpdesk/smoke.py:
the normal start-up, plus work after the first paint that is not timed), and the time is
from spawning to the `first-paint` line on the pipe, on the parent's clock. The Python side
has its byte code cached (as an installed lpdesk has); the bundle has its own in its archive.
One unmeasured warm-up each fills the disk cache, then runs alternate, and the figure is the
median of the ratios of the pairs (each pair back to back, so a busy moment of the machine
weighs on both sides).

With no bundle built yet, it builds one first when PyInstaller is installed (`python
bundle/build.py`, about 40 s on a quiet machine; a row gives the build time), so the table
always has the figure; without PyInstaller (or with --quick) it says how to get one: `pip
install ".[bundle]"`, then `python bundle/build.py`. A bundle older than the code it was
built from is timed as it is: rebuild after changing lpdesk.
Run: `python -m benchmarks.bundle [RUNS]` or `python -m benchmarks --only bundle`.
"""
from __future__ import annotations

import importlib.util
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks.proc import ROOT, child_env

RUNS = 7
TARGET_RATIO = 1.1
TARGET_DISK_MB = 150
TARGET_ARCHIVE_MB = 60
MB = 1024 * 1024
BUILD_TIMEOUT_S = 180  # the runner allows a benchmark 240 s in all


def build_bundle(timeout: float = BUILD_TIMEOUT_S) -> dict:
    """Build the bundle (`python bundle/build.py`, its own process) and a row saying how it
    went: how long it took, or why there is no bundle."""
    t0 = time.perf_counter()
    # A session of its own: on a timeout, PyInstaller's own children stop with the build.
    build = subprocess.Popen([sys.executable, str(ROOT / "bundle" / "build.py")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=str(ROOT), start_new_session=True)
    try:
        out, err = build.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(build.pid, signal.SIGKILL)
        else:  # Windows: the build alone
            build.kill()
        build.communicate()
        return dict(name=f"bundle: not built (the build took over {timeout:.0f} s; "
                    "run python bundle/build.py)", value="-", unit="", target="", ok=True)
    seconds = time.perf_counter() - t0
    if build.returncode != 0:
        last = (err or out).strip().splitlines()[-1:] or ["no output"]
        return dict(name=f"bundle: build failed (exit {build.returncode}): {last[0][:120]}",
                    value="-", unit="", target="", ok=True)
    return dict(name="bundle: built for this run (python bundle/build.py)",
                value=round(seconds), unit="s", target="", ok=True)


def _bundle_tools():
    sys.path.insert(0, str(ROOT / "bundle"))
    try:
        import build
        import smoke
    finally:
        sys.path.pop(0)
    return build, smoke


def time_to_first_paint(command: list[str], env: dict[str, str], timeout: float = 60) -> float:
    t0 = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env=env, cwd=env["HOME"], text=True)
    try:
        line = child.stdout.readline()
        seconds = time.perf_counter() - t0
    finally:
        child.kill()  # what --smoke does after the paint is not start-up
        child.communicate(timeout=timeout)
    if line.strip() != "first-paint":
        raise RuntimeError(f"{command[0]} did not report its first paint")
    return seconds


def run(runs: int = RUNS, quick: bool = False) -> list[dict]:
    runs = min(runs, 3) if quick else runs
    build, smoke = _bundle_tools()
    folder = build.bundle_folder()
    _, gui = smoke.programs(folder)
    rows = []
    if not gui.is_file():
        if quick or importlib.util.find_spec("PyInstaller") is None:
            how = ("python bundle/build.py" if importlib.util.find_spec("PyInstaller")
                   else 'pip install ".[bundle]", then python bundle/build.py')
            return [dict(name=f"bundle: not built ({how})", value="-", unit="",
                         target="", ok=True)]
        rows.append(build_bundle())
        if not gui.is_file():
            return rows
    archives = sorted(build.OUT.glob(f"lpdesk-*-{build.platform_name()}.*"),
                      key=lambda p: p.stat().st_mtime)
    with tempfile.TemporaryDirectory(prefix="lpdesk-bundle-bench-") as home:
        env = child_env(home)
        bundle_env = {k: v for k, v in env.items()
                      if not k.startswith("PYTHON")}  # the bundle needs none of them
        python = [sys.executable, "-m", "lpdesk", "--smoke"]
        bundled = [str(gui), "--smoke"]
        time_to_first_paint(python, env)
        time_to_first_paint(bundled, bundle_env)
        py_times, bundle_times = [], []
        for _ in range(runs):
            py_times.append(time_to_first_paint(python, env))
            bundle_times.append(time_to_first_paint(bundled, bundle_env))
    py_ms = statistics.median(py_times) * 1000
    bundle_ms = statistics.median(bundle_times) * 1000
    # The median of the pairs' ratios: each pair runs back to back, so a busy moment of this
    # shared machine weighs on both sides of a pair alike.
    ratio = statistics.median(b / p for b, p in zip(bundle_times, py_times, strict=True))
    rows.append(dict(
        name=f"bundle: cold start to first paint (median of {runs} pairs)",
        value=round(ratio, 2),
        unit="x python -m lpdesk", target=f"<= {TARGET_RATIO:g}x", ok=ratio <= TARGET_RATIO,
        raw=f"bundle {bundle_ms:.0f} ms / python {py_ms:.0f} ms",
        detail=f"runs: bundle {', '.join(f'{t * 1000:.0f}' for t in bundle_times)} ms; "
               f"python {', '.join(f'{t * 1000:.0f}' for t in py_times)} ms"))
    disk = build.disk_size(folder) / MB
    rows.append(dict(name="bundle: size on disk", value=round(disk, 1), unit="MB",
                     target=TARGET_DISK_MB, ok=disk < TARGET_DISK_MB))
    if archives:
        packed = archives[-1].stat().st_size / MB
        rows.append(dict(name=f"bundle: compressed ({archives[-1].name})", value=round(packed, 1),
                         unit="MB", target=TARGET_ARCHIVE_MB, ok=packed < TARGET_ARCHIVE_MB))
    return rows


if __name__ == "__main__":
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS):
        mark = "ok" if r["ok"] else "MISSED"
        print(f"{r['name']}: {r['value']} {r['unit']} (target {r['target'] or '-'}) {mark}"
              + (f"  [{r['raw']}]" if r.get("raw") else ""))
        if r.get("detail"):
            print(f"    {r['detail']}")
