"""The PDF summary: pages, numbering, contents, and every text present (nothing cut off)."""
import io
import re

import pytest

pypdf = pytest.importorskip("pypdf")

from export_sessions import empty, with_boards  # noqa: E402

from lpdesk.demo import demo_session  # noqa: E402
from lpdesk.export.pdf import Cancelled, SummaryDocument  # noqa: E402
from lpdesk.export.summary import build_report  # noqa: E402
from lpdesk.export.text import ensure_gui_application  # noqa: E402


@pytest.fixture(autouse=True)
def _app(qapp):
    ensure_gui_application()


def squash(text: str) -> str:
    """Text without whitespace: pypdf sometimes breaks a line inside a word."""
    return "".join(text.split())


def pdf_pages(session, paper="a4", anonymise=False, include_notes=False):
    report = build_report(session, anonymise=anonymise, include_notes=include_notes)
    document = SummaryDocument(report, paper)
    reader = pypdf.PdfReader(io.BytesIO(document.write_pdf()))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    return report, document, reader, texts


def test_demo_pdf_pages_numbers_and_contents():
    session = demo_session()
    report, document, reader, texts = pdf_pages(session)
    assert len(reader.pages) == document.page_count
    # title page, summary, continuum (3 areas need 2 pages), notes, appendix
    assert document.page_count >= 5
    for number, text in enumerate(texts[1:], 2):
        assert f"Page {number} of {document.page_count}" in text
    assert "Page 1 of" not in texts[0]
    # the contents list on the title page gives the page where each section starts
    entries = re.findall(r"(Summary|Where the organisation stands|Notes and actions|"
                         r"Appendix: participants and their placements) (\d+)", texts[0])
    assert len(entries) == 4
    for title, page in entries:
        assert title in texts[int(page) - 1], (title, page)


def test_demo_pdf_text_has_title_stages_and_participants():
    session = demo_session()
    report, _, _, texts = pdf_pages(session)
    everything = " ".join(texts)
    assert session.title in texts[0]
    assert session.client in texts[0] and "23 November 2026" in texts[0]
    assert session.facilitator in texts[0]
    assert report.stage_names_used >= {"Embedded", "Blended", "Facilitated"}
    for name in report.stage_names_used:
        assert name in everything
    for p in session.participants:
        assert squash(p.name) in squash(everything)
    for note in session.room.notes:
        assert squash(note.text) in squash(everything)
    assert "Kineo" in everything and "Jane Hart" in everything


def test_anonymised_pdf_shows_only_p_labels():
    session = demo_session()
    _, _, _, texts = pdf_pages(session, anonymise=True)
    everything = " ".join(texts)
    for i, p in enumerate(session.participants, 1):
        assert p.name not in everything
        assert re.search(rf"\bP{i}\b", everything)
    assert "Eva" not in everything  # named inside an action's text
    assert "P1, P2" in texts[0]  # the title page says names were replaced


def test_letter_and_a4_page_sizes():
    session = demo_session()
    _, _, a4, _ = pdf_pages(session, "a4")
    _, _, letter, _ = pdf_pages(session, "letter")
    assert [round(float(v)) for v in a4.pages[0].mediabox[2:]] == [595, 842]
    assert [round(float(v)) for v in letter.pages[0].mediabox[2:]] == [612, 792]


def test_empty_session_pdf():
    session = empty()
    report, document, reader, texts = pdf_pages(session)
    assert len(reader.pages) == document.page_count == 4  # title, summary, continuum, notes
    everything = " ".join(texts)
    assert "Workshop summary" in everything
    assert "No placements yet" in everything
    assert "No notes or actions were recorded." in everything


def test_boards_quiz_and_consensus_are_in_the_pdf():
    session = with_boards()
    report, document, _, texts = pdf_pages(session)
    everything = " ".join(texts)
    for title in ("Quick quiz", "Practices matrix", "Consensus across groups",
                  "Most disputed cards"):
        assert title in everything
    for board in session.matrix.boards:
        assert board.name in everything
    for column in session.matrix.boards[0].columns:
        assert column.name in everything


def test_long_texts_are_never_cut_off():
    session = demo_session()
    words = [f"zq{i:04d}" for i in range(1500)]  # about three pages of notes
    session.notes = " ".join(words)
    session.title = "A very long workshop title " + " ".join(f"tt{i}" for i in range(40))
    session.participants[0].name = "Averyveryveryverylongunbrokenparticipantnamewithoutspaces"
    report, document, _, texts = pdf_pages(session, include_notes=True)
    everything = squash(" ".join(texts))
    missing = [w for w in words if w not in everything]
    assert missing == []
    assert all(f"tt{i}" in squash(texts[0]) for i in range(40))
    assert document.page_count > len(pdf_pages(demo_session())[3])
    # a word longer than a table cell wraps inside it: its pieces are all there
    assert session.participants[0].name in everything


def test_cancel_stops_the_export():
    document = SummaryDocument(build_report(demo_session()))
    seen = []

    def progress(done, total):
        seen.append(done)
        return done < 2

    with pytest.raises(Cancelled):
        document.write_pdf(progress)
    assert seen == [1, 2]


def test_preview_pages_render_as_images():
    document = SummaryDocument(build_report(demo_session()), "a4")
    image = document.render_page(1, dpi=72)
    assert (image.width(), image.height()) == (595, 842)
    # something is drawn: not a blank white page
    colours = {image.pixel(x, y) for x in range(0, 595, 7) for y in range(0, 842, 7)}
    assert len(colours) > 5
