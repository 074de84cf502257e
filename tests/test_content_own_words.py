"""Everything the app shows is written in our own words: no run of six words of any bundled
content text (stages, quiz, templates, agenda notes) appears in the source texts."""
import json
import re
from pathlib import Path

import pytest

from lpdesk.content import resources_dir

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "domain" / "sources"
RUN = 6


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


@pytest.mark.skipif(not SOURCES.is_dir(), reason="source texts not beside the repository")
def test_no_six_word_run_of_the_sources_in_any_content_file():
    source = " " + " ".join(words(" ".join(
        p.read_text(encoding="utf-8") for p in SOURCES.glob("*.txt")))) + " "
    files = sorted(resources_dir().rglob("*.json"))
    assert len(files) >= 5
    copied = []
    for path in files:
        if path.name == "session.schema.json":
            continue
        for text in strings(json.loads(path.read_text(encoding="utf-8"))):
            ws = words(text)
            for i in range(len(ws) - RUN + 1):
                run = " ".join(ws[i:i + RUN])
                if f" {run} " in source:
                    copied.append((path.name, run))
    assert copied == []


def test_the_check_would_catch_a_copied_run():
    text = "Social learning isn't for everyone. Nor is it appropriate"
    assert " ".join(words(text)[:RUN]) == "social learning isn't for everyone nor"
