"""The phone page's own rules, read from its files: nothing from the internet, participant
text only through textContent, and small enough for a phone on a busy Wi-Fi."""
from __future__ import annotations

import gzip
import re

from lpdesk.content import resource_path
from lpdesk.live.server import PAGE_FILES

FOLDER = resource_path("phone")


def text(name: str) -> str:
    return (FOLDER / name).read_text(encoding="utf-8")


def test_no_html_injection_sinks_in_the_script():
    script = text("phone.js")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "setAttribute(\"on"):
        assert sink not in script
    assert "textContent" in script


def test_nothing_is_loaded_from_elsewhere():
    for name in PAGE_FILES:
        body = text(name)
        assert not re.search(r"https?://(?!\" \+ location)", body.replace(
            "ws://\" + location.host", "")), name
        assert "//cdn" not in body and "@import" not in body
    assert 'src="/phone.js"' in text("index.html") and 'href="/phone.css"' in text(
        "index.html")


def test_the_page_a_phone_downloads_is_small():
    total = sum(len(gzip.compress((FOLDER / n).read_bytes(), 9)) for n in PAGE_FILES)
    assert total < 15_000, total
