"""The six-word runs of the source texts, as fingerprints, so the "our own words" checks run
from the repository alone without shipping anyone's text.

`source_runs.txt` beside this file holds one short hash per run of six words of the source
texts (/work/shared/domain/sources at the time of writing); a content text that repeats a
run hashes to one of them. To refresh it after the sources change:
`python3 tests/source_runs.py PATH/TO/sources > tests/source_runs.txt`.
"""
from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

RUN = 6
FINGERPRINTS = Path(__file__).with_name("source_runs.txt")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


def fingerprint(run: Iterable[str]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:10]


def runs(ws: list[str]) -> Iterable[list[str]]:
    for i in range(len(ws) - RUN + 1):
        yield ws[i:i + RUN]


def source_fingerprints() -> frozenset[str]:
    return frozenset(FINGERPRINTS.read_text(encoding="ascii").split())


def copied_runs(text: str, known: frozenset[str]) -> list[str]:
    """The runs of `text` that appear in the sources, as readable words."""
    return [" ".join(r) for r in runs(words(text)) if fingerprint(r) in known]


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    ws = words(" ".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))))
    print("\n".join(sorted({fingerprint(r) for r in runs(ws)})))
