"""Cold start: from process start to the first painted main window, lpdesk against a bare
PySide6 QMainWindow measured in the same run. Target: lpdesk at most 1.3x the bare window.

How it is measured, and why it is fair to both sides:
- each run is a fresh `python -c ...` process with QT_QPA_PLATFORM=offscreen and an empty,
  private HOME (no saved theme, recent files or recovery files to differ between runs);
- the parent takes `time.perf_counter()` just before spawning and again when the child's
  line `first-paint` arrives on its stdout pipe, so interpreter start, site imports, Qt
  plug-in loading, window creation and the first paint all count, on the same clock for
  both sides; the child's own clock could not see the interpreter start (and
  /proc/self/stat start times have only 10 ms resolution);
- both children go through the same probe (benchmarks/first_paint.py: it hooks
  QApplication.exec, reports the first Paint of the QMainWindow once the repaint is done and
  exits without teardown), lpdesk runs its real entry point (`python -m lpdesk`: argument
  parsing, theme, new session, agenda, setup page, workshop docks and menus), and the bare
  window has the same size (1280x800);
- byte code is cached in the private HOME (PYTHONPYCACHEPREFIX), as an installed app has
  its .pyc files; one unmeasured warm-up each fills it and the file cache, then the runs
  alternate bare / lpdesk so a busy moment of the machine hits both; medians are compared.
Where lpdesk's extra time goes is shown as phases, timed inside one more child that runs the
same steps as `lpdesk.app.run` one after the other (informative, no targets).
"Cold" therefore means a new process with a warm disk cache: what a facilitator sees from
the second launch of the day on.
Run: `python -m benchmarks.startup [RUNS]`.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks.proc import ROOT, child_env, run_child

TARGET_RATIO = 1.3
RUNS = 7

PROBE = "import benchmarks.first_paint as probe; probe.arm()\n"
BARE = PROBE + (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.resize(1280, 800)\n"
    "window.show()\n"
    "app.exec()\n")
LPDESK = PROBE + (
    "import runpy, sys\n"
    "sys.argv = ['lpdesk']\n"
    "runpy.run_module('lpdesk', run_name='__main__', alter_sys=True)\n")


def time_to_first_paint(code: str, env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from spawning `python -c code` to its `first-paint` line."""
    t0 = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, cwd=str(ROOT), text=True)
    try:
        line = child.stdout.readline()
        seconds = time.perf_counter() - t0
        _, err = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise RuntimeError("start-up probe did not finish in time") from None
    if line.strip() != "first-paint":
        raise RuntimeError(f"start-up probe failed (exit {child.returncode}): "
                           f"{(line + err).strip()[-500:]}")
    return seconds


MODULES = (
    "import sys\n"
    "from lpdesk.app import create_main_window, make_application\n"
    "from benchmarks.proc import print_result\n"
    "app = make_application()\n"
    "window = create_main_window()\n"
    "window.show()\n"
    "app.processEvents()\n"
    "print_result([m for m in sys.modules if m.startswith('lpdesk')])\n")
PHASES = (
    "import time\n"
    "t = [time.perf_counter()]\n"
    "from PySide6.QtWidgets import QApplication\n"
    "t.append(time.perf_counter())\n"
    "import importlib\n"
    "for name in {modules!r}:\n"
    "    importlib.import_module(name)\n"
    "t.append(time.perf_counter())\n"
    "from lpdesk.app import create_main_window, make_application\n"
    "from lpdesk.platform_check import current_problem\n"
    "app = make_application()\n"
    "current_problem()\n"
    "t.append(time.perf_counter())\n"
    "window = create_main_window()\n"
    "t.append(time.perf_counter())\n"
    "window.show()\n"
    "app.processEvents()\n"
    "t.append(time.perf_counter())\n"
    "from benchmarks.proc import print_result\n"
    "print_result([(b - a) * 1000 for a, b in zip(t, t[1:])])\n")
PHASE_NAMES = ("PySide6.QtWidgets import", "lpdesk code import ({n} modules)",
               "application, style and theme", "main window built", "show and first paint")


def phases(env: dict[str, str], repeat: int = 3) -> list[dict]:
    """Informative rows: the median time of each start-up step, inside the process."""
    modules = run_child(MODULES, env, 120)
    code = PHASES.format(modules=[m for m in modules if m != "lpdesk.cli"] + ["lpdesk.cli"])
    samples = [run_child(code, env, 120) for _ in range(repeat)]
    return [dict(name=f"  start-up step: {name.format(n=len(modules))}",
                 value=round(statistics.median(s[i] for s in samples)), unit="ms",
                 target="", ok=True) for i, name in enumerate(PHASE_NAMES)]


def measure(env: dict[str, str], runs: int = RUNS) -> tuple[list[float], list[float]]:
    """(bare times, lpdesk times) in seconds, `runs` each, after one warm-up each."""
    bare: list[float] = []
    app: list[float] = []
    time_to_first_paint(BARE, env)
    time_to_first_paint(LPDESK, env)
    for _ in range(runs):
        bare.append(time_to_first_paint(BARE, env))
        app.append(time_to_first_paint(LPDESK, env))
    return bare, app


def run(runs: int = RUNS, quick: bool = False) -> list[dict]:
    runs = min(runs, 3) if quick else runs
    with tempfile.TemporaryDirectory(prefix="lpdesk-startup-") as home:
        env = child_env(home)
        bare, app = measure(env, runs)
        steps = phases(env, 1 if quick else 3)
    bare_ms = statistics.median(bare) * 1000
    app_ms = statistics.median(app) * 1000
    ratio = app_ms / bare_ms
    return [
        dict(name=f"cold start to first paint (median of {runs})", value=round(ratio, 2),
             unit="x bare", target=f"<= {TARGET_RATIO:g}x", ok=ratio <= TARGET_RATIO,
             raw=f"lpdesk {app_ms:.0f} ms / bare {bare_ms:.0f} ms",
             detail=f"runs: lpdesk {', '.join(f'{t * 1000:.0f}' for t in app)} ms; "
                    f"bare {', '.join(f'{t * 1000:.0f}' for t in bare)} ms"),
        *steps,
    ]


if __name__ == "__main__":
    for r in run(int(sys.argv[1]) if len(sys.argv) > 1 else RUNS):
        mark = "ok" if r["ok"] else "MISSED"
        print(f"{r['name']}: {r['value']} {r['unit']} (target {r['target'] or '-'}) {mark}")
        if r.get("detail"):
            print(f"    {r['detail']}")
