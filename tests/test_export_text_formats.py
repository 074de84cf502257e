"""HTML and Markdown: complete, self-contained, and hostile text shown literally."""
import base64
import re
from html.parser import HTMLParser

import pytest
from export_sessions import BOLD_NAME, HOSTILE_NAME, empty, hostile, with_boards

from lpdesk.demo import demo_session
from lpdesk.export.markdown import escape_md, export_markdown
from lpdesk.export.summary import build_report
from lpdesk.export.text import ensure_gui_application


@pytest.fixture
def html_of(qapp):
    ensure_gui_application()
    from lpdesk.export.html import export_html

    def make(session, anonymise=False):
        return export_html(build_report(session, anonymise=anonymise)).decode("utf-8")
    return make


VOID = {"meta", "img", "br", "link", "hr", "input"}


class Collect(HTMLParser):
    """Tags, text and links of a page; `unbalanced` lists tags closed out of order."""

    def __init__(self):
        super().__init__()
        self.tags, self.text, self.srcs, self.open, self.unbalanced = [], [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.srcs += [v for k, v in attrs if k in ("src", "href")]
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.open and self.open[-1] == tag:
            self.open.pop()
        else:
            self.unbalanced.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_demo_html_is_complete_and_self_contained(html_of):
    session = demo_session()
    page = html_of(session)
    parsed = Collect()
    parsed.feed(page)
    text = " ".join(parsed.text)
    assert session.title in text and session.client in text
    for p in session.participants:
        assert p.name in text
    for stage in ("Embedded", "Blended", "Facilitated", "Unfacilitated"):
        assert stage in text
    images = [s for s in parsed.srcs if s.startswith("data:image/png;base64,")]
    assert len(images) == len(session.continuum.areas)
    for src in images:
        assert base64.b64decode(src.split(",", 1)[1]).startswith(b"\x89PNG")
    others = [s for s in parsed.srcs if not s.startswith(("data:", "#"))]
    assert others == []  # nothing to fetch: opens offline
    assert "script" not in parsed.tags
    assert parsed.unbalanced == [] and parsed.open == []


def test_boards_are_html_grids_with_their_cards(html_of):
    session = with_boards(participants=9, groups=3, cards=9)
    page = html_of(session)
    parsed = Collect()
    parsed.feed(page)
    assert parsed.unbalanced == [] and parsed.open == []
    assert page.count('<table class="grid">') == len(session.matrix.boards) + 1  # + consensus
    text = " ".join(parsed.text)
    for card in session.matrix.boards[0].cards:
        assert card.text in text


def test_hostile_text_is_escaped_in_html(html_of):
    page = html_of(hostile())
    parsed = Collect()
    parsed.feed(page)
    assert "script" not in parsed.tags and "iframe" not in parsed.tags
    assert "img" in parsed.tags  # our own charts only
    text = " ".join(parsed.text)
    assert HOSTILE_NAME in text  # shown literally
    assert BOLD_NAME in text
    assert "<iframe src=evil></iframe> | pipe" in text
    assert "<img src=x onerror=alert(2)>" in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"<img[^>]*onerror", page)


def test_empty_session_html(html_of):
    page = html_of(empty())
    assert "No placements were made for this area." in page
    assert "No notes or actions were recorded." in page


def unescape_md(text):
    """What a CommonMark renderer shows for our escapes."""
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@pytest.mark.parametrize("text", [
    HOSTILE_NAME, BOLD_NAME, "# heading", "- item", "1. first", "a | b", "[x](http://e)",
    "_under_ `code` ~strike~", "&amp; stays", "back\\slash", "+ plus\n= setext",
])
def test_markdown_escape_reads_back_literally(text):
    escaped = escape_md(text)
    assert unescape_md(escaped) == text
    assert "<" not in escaped and "**" not in escaped
    for line in escaped.split("\n"):
        assert not re.match(r"\s*([#=+-]\s|\d+[.)]\s)", line)


def test_markdown_export_of_hostile_session():
    session = hostile()
    md = export_markdown(build_report(session)).decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "\\*\\*bold\\*\\*" in md
    assert "<script" not in md and "<iframe" not in md and "<img" not in md
    assert "\\# Not a heading" in md
    assert "&lt;iframe src=evil&gt;&lt;/iframe&gt; \\| pipe" in md
    # tables keep their column count whatever the text holds
    for line in md.splitlines():
        if line.startswith("| Card |"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 4


def test_markdown_demo_and_empty():
    session = demo_session()
    md = export_markdown(build_report(session, anonymise=True)).decode("utf-8")
    assert md.startswith(f"# {session.title}\n")
    for p in session.participants:
        assert p.name not in md
    assert "| P1 | Harbour |" in md
    md_empty = export_markdown(build_report(empty())).decode("utf-8")
    assert "No placements were made for this area." in md_empty
