"""The README tells one story of what lpdesk opens on: the start page (it said both the
start page and 'a new session at its first activity, the set-up')."""
import re

from repo_paths import ROOT

README = ROOT / "README.md"


def test_every_sentence_about_what_lpdesk_opens_on_names_the_start_page():
    text = " ".join(README.read_text(encoding="utf-8").split())
    sentences = re.findall(r"[^.;]*lpdesk opens (?:on|with)[^.;]*", text)
    assert sentences, "the README no longer says what lpdesk opens on"
    for sentence in sentences:
        assert "start page" in sentence, sentence


def test_the_developers_command_says_start_page_too():
    lines = [line for line in README.read_text(encoding="utf-8").splitlines()
             if re.match(r"lpdesk\s+#", line)]
    assert lines and all("start page" in line for line in lines), lines
