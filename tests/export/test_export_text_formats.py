"""HTML and Markdown: complete, self-contained, and hostile text shown literally."""
import base64
import re
from html.parser import HTMLParser

import pytest
from budget import examples
from export_sessions import BOLD_NAME, HOSTILE_NAME, empty, hostile, with_boards
from hypothesis import given, settings
from hypothesis import strategies as st

from lpdesk.demo import demo_session
from lpdesk.export.markdown import escape_md, export_markdown
from lpdesk.export.summary import build_report
from lpdesk.export.text import ensure_gui_application
from lpdesk.model.room import RoomNote


@pytest.fixture
def html_of(qapp):
    ensure_gui_application()
    from lpdesk.export.html import export_html

    def make(session, anonymise=False, include_notes=False):
        return export_html(build_report(session, anonymise=anonymise,
                                        include_notes=include_notes)).decode("utf-8")
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
    page = html_of(hostile(), include_notes=True)  # the private notes escaped too
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
    md = export_markdown(build_report(session, include_notes=True)).decode("utf-8")
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
    assert "| P1 | G1 |" in md
    md_empty = export_markdown(build_report(empty())).decode("utf-8")
    assert "No placements were made for this area." in md_empty


STRUCTURE = ("heading_open", "bullet_list_open", "ordered_list_open", "blockquote_open",
             "code_block", "fence", "hr", "html_block", "html_inline", "table_open", "link_open",
             "image", "em_open", "strong_open", "s_open", "code_inline")
LINE_ENDS = ("\r", "\r\n", "\n")


def markdown_structure(md: str) -> dict[str, int]:
    """How many headings, lists, code blocks ... a CommonMark parser finds."""
    from markdown_it import MarkdownIt
    counts: dict[str, int] = {}

    def walk(tokens):
        for token in tokens:
            if token.type in STRUCTURE:
                counts[token.type] = counts.get(token.type, 0) + 1
            walk(token.children or ())

    walk(MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(md))
    return counts


def structured_text(end: str) -> str:
    """Text that would make Markdown structure at each line start after `end`."""
    return end.join(["start", "# heading", "- item", "1. first", "> quote", "```", "code",
                     "```", "", "    indented code", "---", "<div>html</div>", "* star",
                     "| a | b |", "|---|---|", "[r]: http://ref", " \t", "\tcode again"])


def with_text(session, text: str):
    """Every free-text field of the session holding `text` (names: one line of it)."""
    session.title = text
    session.client = text
    session.notes = text
    session.room.notes.append(RoomNote("note-md", "comment", text))
    session.room.notes.append(RoomNote("action-md", "action", text))
    for p in session.participants[:2]:
        p.name = text
    session.groups[0].name = text
    session.continuum.areas[0].name = text
    board = session.matrix.boards[0]
    board.name = text
    board.cards[0].text = text
    board.rows[0].name = text
    return session


@pytest.mark.parametrize("end", LINE_ENDS, ids=("CR", "CRLF", "LF"))
def test_no_markdown_structure_comes_from_session_text(end):
    """Rendered by a CommonMark parser, hostile text in any field makes no heading, list,
    code block, quote, rule or HTML: the document has exactly the structure it has with
    plain words in those fields."""
    plain = markdown_structure(export_markdown(build_report(
        with_text(with_boards(participants=6, groups=2, cards=6), "plain words"),
        include_notes=True)).decode())
    hostile_md = export_markdown(build_report(
        with_text(with_boards(participants=6, groups=2, cards=6), structured_text(end)),
        include_notes=True))
    assert markdown_structure(hostile_md.decode()) == plain


def test_a_blank_line_in_the_client_makes_no_code_block():
    session = with_boards(participants=3, groups=1, cards=3)
    session.client = "Harbour Ltd\n\n    code block?\r\r    or this\r\n \r\n\tthis"
    md = export_markdown(build_report(session)).decode()
    assert "code_block" not in markdown_structure(md)
    assert "**Harbour Ltd code block? or this this**" in md


@given(st.text(alphabet=st.sampled_from(list("#-+*=>`~|[]():!_<&1. \t\r\nab")), max_size=40))
@settings(max_examples=examples(150), deadline=None)
def test_fuzzed_text_never_changes_the_markdown_structure(text):
    from markdown_it import MarkdownIt
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    # as a paragraph of its own (notes) and inside a list item (comments)
    for md in (escape_md(text) + "\n", "- " + escape_md(" ".join(text.split())) + "\n"):
        kinds = {t.type for t in parser.parse(md)}
        kinds |= {c.type for t in parser.parse(md) for c in t.children or ()}
        assert not kinds & set(STRUCTURE) - {"bullet_list_open"}, (text, md)
