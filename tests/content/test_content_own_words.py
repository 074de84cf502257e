"""Everything the app shows is written in our own words: no run of six words of any bundled
content text (stages, quiz, templates, agenda notes) appears in the source texts.

The sources are not in the repository; their six-word runs are, as fingerprints
(tests/source_runs.py), so the check runs everywhere."""
import json

from source_runs import RUN, copied_runs, fingerprint, source_fingerprints, words

from lpdesk.content import resources_dir


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def test_no_six_word_run_of_the_sources_in_any_content_file():
    known = source_fingerprints()
    assert len(known) > 4000  # the five source texts, not an empty file
    files = sorted(resources_dir().rglob("*.json"))
    assert len(files) >= 5
    copied = []
    for path in files:
        if path.name == "session.schema.json":
            continue
        for text in strings(json.loads(path.read_text(encoding="utf-8"))):
            copied += [(path.name, run) for run in copied_runs(text, known)]
    assert copied == []


def test_the_check_would_catch_a_copied_run():
    text = "Social learning isn\u2019t for everyone. Nor is it appropriate"
    assert " ".join(words(text)[:RUN]) == "social learning isn't for everyone nor"
    # a sentence of the sources (power-to-the-learner.txt) is found, in any case and quotes
    quoted = "One thing we spotted in the interviews for this year\u2019s Learning Insights"
    assert copied_runs(quoted.upper(), source_fingerprints())
    assert fingerprint(words(quoted)[:RUN]) in source_fingerprints()
    own = "A sentence of our own making for the room today"
    assert copied_runs(own, source_fingerprints()) == []
