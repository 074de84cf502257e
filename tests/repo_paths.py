"""Where things are, for tests in any folder under tests/: one place instead of counting
`.parent`s from each test file (the files moved into folders by layer, issue 27)."""
from pathlib import Path

TESTS = Path(__file__).resolve().parent  # tests/: the helpers, conftest.py and data/
ROOT = TESTS.parent  # the repository: lpdesk/, resources/, bundle/, README.md, pyproject.toml
DATA = TESTS / "data"  # files the tests read (old schema versions ...)
ARTEFACTS = ROOT / "artefacts"  # screenshots the visual tests leave for a human to look at
