"""Running benchmark code in child processes: each gets a fresh interpreter (start-up, peak
memory and the kind of Qt application are its own), the offscreen platform and a private
HOME, so a benchmark never reads or writes the facilitator's settings, recent files or
recovery files, and never finds someone's crashed session to offer."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULT_MARK = "BENCHMARK-RESULT "


# The offscreen platform's own screen is 800x800, smaller than any projector or laptop:
# there the main window is held to 796x796, pages wider than that scroll and each page is
# first laid out at the width of the one before. The benchmarks run on a laptop's screen
# (SCREEN: 1920x1080, where the window opens at 1280x800); LPDESK_BENCH_SCREEN=qt-default
# gives Qt's 800x800, to compare with tables taken before 2026-12-07.
SCREEN = ROOT / "benchmarks" / "screen.json"


def offscreen_platform() -> str:
    if os.environ.get("LPDESK_BENCH_SCREEN") == "qt-default":
        return "offscreen"
    return f"offscreen:configfile={SCREEN}"


def child_env(home: str) -> dict[str, str]:
    """Offscreen (on SCREEN), a private HOME, and byte code cached in that HOME: an
    installed app has its .pyc files, so compiling sources on every start
    (PYTHONDONTWRITEBYTECODE) would measure the checkout, not the product. A cache set up
    by a parent (the runner) is kept, so it is filled once for all benchmarks."""
    env = dict(os.environ)
    cache = env.get("PYTHONPYCACHEPREFIX") or f"{home}/pycache"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env.update(QT_QPA_PLATFORM=offscreen_platform(), HOME=home, XDG_CONFIG_HOME=f"{home}/.config",
               XDG_DATA_HOME=f"{home}/.local/share", XDG_CACHE_HOME=f"{home}/.cache",
               XDG_RUNTIME_DIR=f"{home}/.runtime", PYTHONPYCACHEPREFIX=cache,
               PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH"))
                                          if p))
    os.makedirs(f"{home}/.runtime", mode=0o700, exist_ok=True)
    return env


def print_result(value: object) -> None:
    """How a child hands its figures to the parent: one marked JSON line on stdout."""
    sys.stdout.write(RESULT_MARK + json.dumps(value) + "\n")
    sys.stdout.flush()


def run_child(code: str, env: dict[str, str], timeout: float) -> object:
    """Run `python -c code`; return what it passed to print_result. Raises RuntimeError with
    the end of its error output if it failed, crashed or printed no result."""
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env=env, cwd=str(ROOT), timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"did not finish within {timeout:g} s") from None
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK):])
    tail = (done.stderr or done.stdout).strip().splitlines()[-2:]
    raise RuntimeError(f"exit code {done.returncode}: " + " | ".join(tail))
