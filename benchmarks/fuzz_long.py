"""Long fuzzing of the session reader: the generators of tests/storage/test_storage_fuzz.py,
with many more cases (`python -m benchmarks.fuzz_long [CASES]`, default 12,000; --quick 1,500).

Each case must load into a valid session that saves and reloads unchanged, or be refused
with SessionFormatError / SessionFileError and a one-line message (tests/fuzz_sessions.py).
Prints cases per second, the slowest case, the peak memory and any failure (the first
failing case, shrunk by hypothesis, with its error).
"""
from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st

from tests.fuzz_sessions import (
    check_schema_agrees,
    file_cases,
    load_or_refuse,
    load_or_refuse_bytes,
    load_or_refuse_file,
    make_path,
    mutated_dicts,
    mutated_texts,
    random_byte_files,
    to_text,
)

DEFAULT_CASES = 12_000
QUICK_CASES = 1_500
SLOWEST_TARGET_MS = 2000.0  # the test's per-case deadline
RATE_TARGET = 50.0  # cases per second on one core: enough for thousands in CI


def _trees(pair: tuple[Any, bool]) -> None:
    load_or_refuse(to_text(*pair))


def _agreement(data: Any) -> None:
    check_schema_agrees(to_text(data, ascii_only=False))


_FOLDER: list[str] = []


def _paths(case: tuple[str, bytes]) -> None:
    if not _FOLDER:
        import atexit
        import shutil
        import tempfile
        _FOLDER.append(tempfile.mkdtemp(prefix="lpdesk-fuzz-"))
        atexit.register(shutil.rmtree, _FOLDER[0], True)
    load_or_refuse_file(make_path(_FOLDER[0], *case))


KINDS: tuple[tuple[str, st.SearchStrategy, Callable[[Any], Any], float], ...] = (
    ("mutated trees", st.tuples(mutated_dicts(), st.booleans()), _trees, 0.4),
    ("mutated texts", mutated_texts(), load_or_refuse, 0.3),
    ("reader and schema agree", mutated_dicts(), _agreement, 0.1),
    ("random bytes", random_byte_files(), load_or_refuse_bytes, 0.15),
    ("paths of every kind", file_cases(), _paths, 0.05),
)


def fuzz(strategy: st.SearchStrategy, check: Callable[[Any], Any],
         cases: int) -> dict[str, Any]:
    """Run `cases` generated cases through `check`; count, time, slowest, first failure."""
    seen = {"count": 0, "slowest": 0.0}

    @settings(max_examples=cases, deadline=None, database=None,
              phases=[Phase.generate, Phase.shrink], verbosity=Verbosity.quiet,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def case(value: Any) -> None:
        seen["count"] += 1
        start = time.perf_counter()
        try:
            check(value)
        finally:
            seen["slowest"] = max(seen["slowest"], time.perf_counter() - start)

    start = time.perf_counter()
    problem = ""
    try:
        case()
    except Exception as exc:  # noqa: BLE001 - a failing case is the result we report
        problem = f"{type(exc).__name__}: {str(exc)[:300]}"
    return {"count": seen["count"], "seconds": time.perf_counter() - start,
            "slowest_ms": seen["slowest"] * 1000, "problem": problem}


def run(quick: bool = False, cases: int | None = None) -> list[dict]:
    total = cases or (QUICK_CASES if quick else DEFAULT_CASES)
    rows: list[dict] = []
    all_cases, all_seconds, slowest, failures = 0, 0.0, 0.0, 0
    for name, strategy, check, share in KINDS:
        result = fuzz(strategy, check, max(1, int(total * share)))
        all_cases += result["count"]
        all_seconds += result["seconds"]
        slowest = max(slowest, result["slowest_ms"])
        rate = result["count"] / result["seconds"] if result["seconds"] else 0.0
        rows.append({"name": f"fuzz {name}", "value": round(rate, 1), "unit": "cases/s",
                     "target": f">= {RATE_TARGET:g}", "ok": rate >= RATE_TARGET,
                     "cases": result["count"]})
        if result["problem"]:
            failures += 1
            rows.append({"name": f"fuzz {name}: FAILURE", "value": 1, "unit": "failure",
                         "target": "none", "ok": False, "problem": result["problem"]})
    rate = all_cases / all_seconds if all_seconds else 0.0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows += [
        {"name": "fuzz cases run", "value": all_cases, "unit": "cases", "target": "",
         "ok": True},
        {"name": "fuzz rate (all kinds)", "value": round(rate, 1), "unit": "cases/s",
         "target": f">= {RATE_TARGET:g}", "ok": rate >= RATE_TARGET},
        {"name": "fuzz slowest case", "value": round(slowest, 1), "unit": "ms",
         "target": SLOWEST_TARGET_MS, "ok": slowest < SLOWEST_TARGET_MS},
        {"name": "fuzz peak memory", "value": round(peak_mb), "unit": "MB", "target": 500,
         "ok": peak_mb < 500},
        {"name": "fuzz failures", "value": failures, "unit": "kinds failing",
         "target": "none", "ok": failures == 0},
    ]
    return rows


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    numbers = [a for a in argv if a.isdigit()]
    rows = run(quick=quick, cases=int(numbers[0]) if numbers else None)
    for row in rows:
        extra = f"  ({row['cases']} cases)" if "cases" in row else ""
        verdict = "ok" if row["ok"] else "MISSED"
        print(f"{row['name']:<32} {row['value']:>10} {row['unit']:<14} "
              f"{row['target']!s:<8} {verdict}{extra}")
        if row.get("problem"):
            print(f"    {row['problem']}")
    return 0 if all(r["ok"] for r in rows if "FAILURE" in r["name"]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
