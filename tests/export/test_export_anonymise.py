"""--anonymise keeps its promise (lpdesk/export/anonymise.py): no participant or group name
in any format, file name or metadata, whatever the case, accents or apostrophes."""
import io
import re
import unicodedata
from html.parser import HTMLParser

import pypdf
import pytest
from budget import examples
from export_sessions import with_boards
from hypothesis import given, settings
from hypothesis import strategies as st

from lpdesk.export.anonymise import Names
from lpdesk.export.formats import render
from lpdesk.export.summary import build_report
from lpdesk.export.text import ensure_gui_application
from lpdesk.model.room import RoomNote

PEOPLE = ("Amira Haddad", "Li Na", "Chloé Martin", "Siobhan O'Neill", "Ben Okafor",
          "Søren Ødegård")
GROUP = "Amira's team"
MENTIONS = ("ben okafor", "AMIRA", "Chloe", "Chloe\u0301 said", "O’Neill", "O\u2019NEILL",
            "li na", "Li", "NA", "soren", "Ødegård's idea", "ben-okafor", "amira’s team",
            "Ｂｅｎ")


def named_session():
    s = with_boards(participants=len(PEOPLE), groups=2, cards=6)
    for p, name in zip(s.participants, PEOPLE, strict=True):
        p.name = name
    s.groups[0].name = GROUP
    s.groups[1].name = "Quayside"
    s.facilitator = "Jordan Facilitator"
    s.title = "Check-in with Ben Okafor and Amira's team"
    s.client = "li na consulting"
    s.notes = "Notes: " + "; ".join(MENTIONS)
    s.room.notes.append(RoomNote("note-a", "comment", "AMIRA and chloe agree, " + MENTIONS[3]))
    s.room.notes.append(RoomNote("note-b", "action", "owner: o’neill, with Quayside"))
    s.continuum.areas[0].name = "Chloé's area"
    s.matrix.boards[0].name = "Amira's team board"
    s.matrix.boards[0].cards[0].text = "Ask Na and SIOBHAN"
    s.matrix.boards[0].rows[0].name = "Ben's row"
    return s


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub("[\u2018\u2019\u02bc`]", "'", text).replace("ø", "o")


# every word of every name (one letter words aside: "O" of O'Neill), and the group's name
FORBIDDEN = sorted({w for name in PEOPLE for w in re.findall(r"\w+", fold(name))
                    if len(w) > 1} | {"quayside", "amira's team"})


class Visible(HTMLParser):
    """What a reader of an HTML page sees: text, title, attribute values (alt, title)."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], False

    def handle_starttag(self, tag, attrs):
        self.skip = tag == "style"
        self.parts += [v for k, v in attrs if v and k != "src"]

    def handle_endtag(self, tag):
        self.skip = False

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_html(page: str) -> str:
    parser = Visible()
    parser.feed(page)
    return " ".join(parser.parts)


def leaks(text: str) -> list[str]:
    text = fold(text)
    return [w for w in FORBIDDEN if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]


def test_the_checker_sees_every_mention():
    assert set(leaks(" ".join([*PEOPLE, GROUP, "Quayside", *MENTIONS]))) == set(FORBIDDEN)


@pytest.fixture(scope="module")
def exported(tmp_path_factory, qapp):
    ensure_gui_application()
    report = build_report(named_session(), anonymise=True, include_notes=True)
    out = tmp_path_factory.mktemp("anon")
    files = {}
    for name in ("s.pdf", "s.html", "s.md", "s.csv", "s.png"):
        files[name] = render(report, out / name)
    return report, files


def test_pdf_text_and_metadata(exported):
    _, files = exported
    (path, data), = files["s.pdf"]
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "P1" in text and "G1" in text
    assert leaks(text) == []
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "Check-in with P5 and G1" in metadata
    assert leaks(metadata) == []


@pytest.mark.parametrize("name", ["s.html", "s.md", "s.csv"])
def test_text_formats(exported, name):
    _, files = exported
    (path, data), = files[name]
    text = data.decode("utf-8-sig")
    assert leaks(visible_html(text) if name == "s.html" else text) == []
    assert "P6" in text and "G2" in text
    if name == "s.html":
        assert re.search(r"<title>Check-in with P5 and G1</title>", text)


def test_png_file_names(exported):
    _, files = exported
    names = [path.name for path, _ in files["s.png"]]
    assert "s-board-g1-board.png" in names and "s-continuum-p3-s-area.png" in names
    assert leaks(" ".join(n.replace("-", " ") for n in names)) == []


def test_free_text_variants_become_labels():
    names = Names(named_session(), anonymise=True)
    t = names.text
    assert t("ben okafor and AMIRA") == "P5 and P1"
    assert t("Li Na, li, NA") == "P2, P2, P2"
    assert t("Chloe and Chloe\u0301 and CHLOÉ") == "P3 and P3 and P3"
    assert t("O’Neill and O'NEILL") == "P4 and P4"
    assert t("amira’s team and Amira's idea") == "G1 and P1's idea"
    assert t("Ben-Okafor") == "P5"
    assert t("Benefits for Linus") == "Benefits for Linus"  # whole words only
    assert t("Ｂｅｎ") == "P5"
    assert t("soren and SØREN ØDEGÅRD") == "P6 and P6"


def test_labels_for_groups_everywhere_in_the_report():
    session = named_session()
    report = build_report(session, anonymise=True)
    assert [g[0] for g in report.groups] == ["G1", "G2"]
    assert {p.group for p in report.people} == {"G1", "G2"}
    assert report.boards[0].group in ("G1", "G2")
    assert {g.subject for a in report.areas for g in a.groups} <= {"G1", "G2"}
    assert report.facilitator == "Jordan Facilitator"  # the author is kept
    from lpdesk.export.tables import details
    assert ("Names", "Participants appear as P1, P2 ... and groups as G1, G2 ... in this "
            "summary.") in details(report)


def test_dialog_suggests_a_file_name_without_names(qtbot, app_settings):
    from lpdesk.document import SessionDocument
    from lpdesk.ui.export.dialog import ExportDialog

    dialog = ExportDialog(SessionDocument(named_session()))
    qtbot.addWidget(dialog)
    dialog.anonymise_box.setChecked(False)
    assert dialog.suggested_stem() == "Check-in with Ben Okafor and Amira-s team"
    dialog.anonymise_box.setChecked(True)
    assert dialog.suggested_stem() == "Check-in with P5 and G1"


@given(st.sampled_from(PEOPLE), st.sampled_from(["upper", "lower", "nfd", "plain"]),
       st.text(alphabet=" ,.;:!?()\n", min_size=1, max_size=3))
@settings(max_examples=examples(80), deadline=None)
def test_fuzzed_spellings_never_survive(name, how, around):
    spelled = {"upper": name.upper(), "lower": name.lower(),
               "nfd": unicodedata.normalize("NFD", name),
               "plain": "".join(c for c in unicodedata.normalize("NFD", name)
                                if not unicodedata.combining(c))}[how]
    scrubbed = Names(named_session(), anonymise=True).text(f"x{around}{spelled}{around}y")
    assert leaks(scrubbed) == []
