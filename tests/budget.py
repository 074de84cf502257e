"""How many examples a Hypothesis test draws: each test names its CI count, and the profile
chosen with Hypothesis' own `--hypothesis-profile` scales it (tests/conftest.py registers them):

- `ci` (the default, what the README's command and .ci/run use): a fixed seed
  (`derandomize`), so a run fails or passes the same way every time, at the counts written;
- `quick`: a quarter of the counts and a fresh draw each run, for a local edit-test loop;
- `thorough`: four times the counts, fresh draws.
The long fuzz runs (tens of thousands of cases, fresh draws) are `python -m benchmarks.fuzz_long`.
"""
from __future__ import annotations

from hypothesis import settings

BASE = 100  # the `ci` profile's max_examples: the counts below are written for it


def examples(ci_count: int) -> int:
    """`ci_count` scaled by the profile in force when the test module is collected."""
    return max(5, round(ci_count * settings.default.max_examples / BASE))
