"""The set-up page's Notes are the facilitator's private notes: the page says so where the
text is typed, and the export leaves them out unless asked
(tests/export/test_export_private_notes.py)."""
import pytest

from lpdesk.content.defaults import new_session
from lpdesk.document import SessionDocument
from lpdesk.ui.setup.page import SetupPage


@pytest.fixture
def page(qtbot):
    p = SetupPage(SessionDocument(new_session()))
    qtbot.addWidget(p)
    p.resize(1280, 720)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_notes_box_says_it_is_private_where_the_text_is_typed(page):
    hint = page.notes_hint
    assert hint.isVisible()
    assert "Private" in hint.text() and "not in the exported summary" in hint.text()
    # Right under the box, not somewhere else on the page.
    box = page.notes_edit.geometry()
    hint_top = hint.mapTo(page, hint.rect().topLeft()).y()
    box_bottom = page.notes_edit.mapTo(page, page.notes_edit.rect().bottomLeft()).y()
    assert 0 <= hint_top - box_bottom < 40, (box, hint_top, box_bottom)
    placeholder = page.notes_edit.placeholderText()
    assert "Private" in placeholder and "Include my private notes" in placeholder
    assert page.notes_edit.accessibleName() == "Private notes"
    page.grab().save("artefacts/setup-private-notes.png")
