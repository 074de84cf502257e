"""The long run of the facilitator's journeys (tests/journeys.py, issue 23):
`python -m benchmarks.journeys --minutes N [--steps K]`.

Random sequences over the real main window, offscreen, in a private HOME (no settings,
recent files or recovery files of the facilitator are read or written), until N minutes
have passed. Prints the steps run, the sequences explored, the slowest step, how often each
rule ran, and every failure with the shortest sequence Hypothesis found for it (the run
goes on after a failure, looking for others). Exit code 1 if anything failed.

`run()` gives the same figures to the benchmarks runner (two minutes)."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHILD_MARK = "LPDESK_JOURNEYS_CHILD"


def _in_private_home(argv: list[str]) -> int:
    from benchmarks.proc import child_env

    with tempfile.TemporaryDirectory(prefix="lpdesk-journeys-") as home:
        env = child_env(home)
        env[CHILD_MARK] = "1"
        return subprocess.run([sys.executable, "-m", "benchmarks.journeys", *argv],
                              env=env, cwd=str(ROOT)).returncode


def explore(minutes: float, steps: int = 40,
            examples_per_round: int = 5) -> dict:
    """Run journeys until `minutes` have passed; the figures and the failures."""
    sys.path.insert(0, str(ROOT / "tests"))
    from hypothesis import HealthCheck, Phase, settings
    from hypothesis.stateful import run_state_machine_as_test
    from PySide6.QtCore import QSettings, QStandardPaths

    from lpdesk.app import make_application

    app = make_application([])
    app.setApplicationName("lpdesk-journeys")
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    import journeys

    folder = Path(tempfile.mkdtemp(prefix="files-", dir=os.environ.get("HOME")))
    journeys.prepare(folder)
    failures: list[str] = []
    started = time.monotonic()
    deadline = started + minutes * 60
    round_no = 0
    while time.monotonic() < deadline:
        round_no += 1
        config = settings(max_examples=examples_per_round, stateful_step_count=steps,
                          deadline=None, database=None, derandomize=False,
                          phases=[Phase.generate, Phase.shrink],
                          suppress_health_check=list(HealthCheck), print_blob=True)
        try:
            run_state_machine_as_test(journeys.Journey, settings=config)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, the run goes on
            found = list(exc.exceptions) if isinstance(exc, ExceptionGroup) else [exc]
            failures.extend(_describe(one) for one in found)
            print(f"\n--- failure in round {round_no} ---", flush=True)
            # the steps Hypothesis shrank to are in the exception's notes
            traceback.print_exception(exc, file=sys.stdout)
            sys.stdout.flush()
        t = journeys.TALLY
        print(f"[{(time.monotonic() - started) / 60:5.1f} min] steps {t.steps}, "
              f"sequences {t.sequences}, failures {len(failures)}", flush=True)
    t = journeys.TALLY
    return {"minutes": (time.monotonic() - started) / 60, "steps": t.steps,
            "sequences": t.sequences, "skipped": t.skipped, "slowest": t.slowest,
            "slowest_step": t.slowest_step,
            "rules": dict(sorted(t.rules.items(), key=lambda kv: -kv[1])),
            "failures": failures}


def _describe(error: BaseException) -> str:
    """One line per failure: the first error of its chain (a teardown that fails while
    handling an assertion is named after it, not instead of it)."""
    chain = []
    while error is not None and len(chain) < 3:
        lines = str(error).strip().splitlines()
        chain.append(f"{type(error).__name__}: {lines[0][:160] if lines else ''}")
        error = error.__context__
    if len(chain) == 1:
        return chain[0]
    return chain[-1] + " (then " + "; ".join(reversed(chain[:-1])) + ")"


def report(figures: dict) -> None:
    print("\nThe facilitator's journeys (tests/journeys.py)")
    print(f"  ran for            {figures['minutes']:.1f} min")
    print(f"  steps run          {figures['steps']} (and {figures['skipped']} drawn that "
          "did not apply)")
    print(f"  sequences explored {figures['sequences']} (shrinking included)")
    print(f"  slowest step       {figures['slowest']:.2f} s of CPU "
          f"({figures['slowest_step']})")
    print(f"  failures           {len(figures['failures'])}")
    for failure in figures["failures"]:
        print(f"    - {failure}")
    print("  rules run:")
    for name, count in figures["rules"].items():
        print(f"    {count:6d}  {name}")
    never = [n for n in _all_rules() if n not in figures["rules"]]
    if never:
        print(f"  rules never run: {', '.join(never)}")


def _all_rules() -> list[str]:
    import journeys
    from hypothesis.stateful import RULE_MARKER

    return sorted(name for name, f in vars(journeys.Journey).items()
                  if getattr(f, RULE_MARKER, None) is not None)


def run() -> list[dict]:
    """For `python -m benchmarks`: two minutes of journeys."""
    figures = explore(2.0)
    return [
        {"name": "journeys: steps in 2 min", "value": figures["steps"], "unit": "steps",
         "target": None, "ok": True},
        {"name": "journeys: failures", "value": len(figures["failures"]), "unit": "",
         "target": 0, "ok": not figures["failures"]},
        {"name": "journeys: slowest step", "value": round(figures["slowest"], 2),
         "unit": "s CPU", "target": 5.0, "ok": figures["slowest"] <= 5.0},
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m benchmarks.journeys",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--steps", type=int, default=40, help="steps per sequence at most")
    args = parser.parse_args(argv)
    if os.environ.get(CHILD_MARK) != "1":
        return _in_private_home(argv)
    figures = explore(args.minutes, steps=args.steps)
    report(figures)
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
