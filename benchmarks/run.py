"""One runner for every benchmark: `python -m benchmarks [--quick] [--only NAME ...]`.

Each benchmark module (a `run() -> list[dict]` of figures: name, value, unit, target, ok)
runs in its own child process, one after the other: a crash or a hang in one cannot take
the others down, memory and start-up figures are the module's own, and the widget
benchmarks get a QApplication while the export benchmark gets the QGuiApplication it makes.
Every child is offscreen with a private, temporary HOME (see benchmarks/proc.py).

The table has one row per figure: value, unit, target and verdict. A missed target is a
verdict ("MISSED"), not a failure: the exit code is non-zero only when a benchmark could not
run (error, crash, time-out) or the arguments were wrong. A module that is not part of the
build yet is listed as "not built".
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.proc import child_env, offscreen_platform, run_child

HERE = Path(__file__).resolve().parent
# The order of the table: start-up and files first, then responsiveness, then long runs.
KNOWN = ("startup", "bundle", "open_save", "large_session", "continuum_frame", "matrix_frame",
         "export_time", "compare", "live_burst", "fuzz_long")
HELPERS = {"__init__", "__main__", "run", "proc", "first_paint", "sessions"}
TIMEOUT_S = 240.0
# Keeps the whole run under 5 minutes on 2 cores: a rate needs a few thousand cases, not
# the 12,000 of `python -m benchmarks.fuzz_long` (the long run stays its own command).
ARGUMENTS = {"fuzz_long": {"cases": 4000}}

CHILD = """
import inspect
from benchmarks.proc import print_result
import benchmarks.{name} as module
params = inspect.signature(module.run).parameters
kwargs = {{k: v for k, v in {arguments!r}.items() if k in params}}
if {quick!r} and "quick" in params:
    kwargs = {{"quick": True}}
print_result(module.run(**kwargs))
"""


def available() -> list[str]:
    """Known benchmarks in table order, then any other benchmark module found here."""
    extra = sorted(p.stem for p in HERE.glob("*.py")
                   if p.stem not in HELPERS and p.stem not in KNOWN
                   and "def run(" in p.read_text(encoding="utf-8"))
    return [*KNOWN, *extra]


def is_built(name: str) -> bool:
    return importlib.util.find_spec(f"benchmarks.{name}") is not None


def run_benchmark(name: str, env: dict[str, str], quick: bool) -> tuple[list[dict], str]:
    """(figures, problem): problem is '' when the benchmark ran, else one line saying why not."""
    if not is_built(name):
        return [], "not built"
    try:
        code = CHILD.format(name=name, quick=quick, arguments=ARGUMENTS.get(name, {}))
        rows = run_child(code, env, TIMEOUT_S)
    except RuntimeError as exc:
        return [], f"could not run: {exc}"
    if not isinstance(rows, list) or not all(isinstance(r, dict) and "name" in r
                                             for r in rows):
        return [], "could not run: run() did not return a list of figures"
    return rows, ""


def _target_text(row: dict) -> str:
    target = row.get("target", "")
    if isinstance(target, (int, float)) and not isinstance(target, bool):
        return f"< {target:g} {row.get('unit', '')}".rstrip()
    return str(target or "")


def _verdict(row: dict) -> str:
    if not _target_text(row):
        return ""
    if row.get("ok"):
        return "ok"
    problem = str(row.get("problem", ""))  # e.g. the failing fuzz case
    return f"MISSED: {problem[:120]}" if problem else "MISSED"


def _unit_text(row: dict) -> str:
    unit = str(row.get("unit", ""))
    raw = row.get("raw")  # ratio figures carry both raw times
    return f"{unit} ({raw})" if raw else unit


def table_rows(results: list[tuple[str, list[dict], str]]) -> list[tuple[str, ...]]:
    rows = []
    for name, figures, problem in results:
        if problem:
            rows.append((f"[{name}]", "-", "", "", problem))
        for r in figures:
            rows.append((str(r["name"]), str(r.get("value", "")), _unit_text(r),
                         _target_text(r), _verdict(r)))
    return rows


HEADER = ("figure", "value", "unit", "target", "verdict")


def format_text(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(4)]
    lines = []
    for r in [HEADER, *rows]:
        lines.append(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  "
                     f"{r[3]:<{widths[3]}}  {r[4]}".rstrip())
        if r is HEADER:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def format_markdown(rows: list[tuple[str, ...]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").strip() or " "

    lines = ["| " + " | ".join(HEADER) + " |", "|---|---:|---|---|---|"]
    lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def machine() -> str:
    try:
        from PySide6 import __version__ as pyside
    except ImportError:
        pyside = "?"
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    screen = ("Qt's offscreen 800x800" if offscreen_platform() == "offscreen"
              else "offscreen 1920x1080 (benchmarks/screen.json)")
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, load {load}; "
            f"Python {platform.python_version()}, PySide6 {pyside}; screen {screen}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run lpdesk's benchmarks and print one table of figures and targets.")
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions where a benchmark allows it (a rough look)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this benchmark (repeat, or separate with commas)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--markdown", action="store_true",
                        help="print the table as Markdown (for notes and the README)")
    args = parser.parse_args(argv)
    names = available()
    if args.list:
        for name in names:
            print(name if is_built(name) else f"{name} (not built)")
        return 0
    only = [n.strip() for item in args.only for n in item.split(",") if n.strip()]
    unknown = [n for n in only if n not in names]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(names)}")
    chosen = [n for n in names if not only or n in only]

    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="lpdesk-bench-") as home:
        env = child_env(home)
        for name in chosen:
            t0 = time.perf_counter()
            print(f"running {name}...", file=sys.stderr, flush=True)
            figures, problem = run_benchmark(name, env, args.quick)
            print(f"  {name}: {time.perf_counter() - t0:.1f} s"
                  + (f" ({problem})" if problem else ""), file=sys.stderr, flush=True)
            results.append((name, figures, problem))
    rows = table_rows(results)
    print(format_markdown(rows) if args.markdown else format_text(rows))
    print(f"\n{machine()}; {time.perf_counter() - started:.0f} s in all"
          + (" (--quick)" if args.quick else ""))
    failed = [name for name, _, problem in results if problem.startswith("could not run")]
    if failed:
        print(f"could not run: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
