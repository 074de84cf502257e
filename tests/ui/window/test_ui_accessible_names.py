"""Screen readers: every control on every page (and in the dialogs) has a spoken name, read
through QAccessible as a screen reader reads it; the painted things (practice cards,
continuum markers, the quiz's answer buttons) are named too."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QWidget

from lpdesk.content.quiz import quiz_content
from lpdesk.model.continuum_words import format_position
from lpdesk.ui.window.after_paint import first_paint_done

NAME = QAccessible.Text.Name
DESCRIPTION = QAccessible.Text.Description


def spoken(widget, what=NAME) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid()
    return interface.text(what) or ""


def says_something(text: str) -> bool:
    return any(c.isalpha() for c in text)  # "◀" or "" tells a listener nothing


def unnamed(root: QWidget) -> list[str]:
    """Visible controls under `root` (focusable widgets and buttons) without a name, and
    item views with an unnamed item."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        control = widget.focusPolicy() != Qt.FocusPolicy.NoFocus or \
            isinstance(widget, QAbstractButton)
        if control and not says_something(spoken(widget)):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                           f"{type(widget.parent()).__name__}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            interface = QAccessible.queryAccessibleInterface(widget)
            for i in range(min(interface.childCount(), 60)):
                child = interface.child(i)
                if child is not None and child.role() in (
                        QAccessible.Role.ListItem, QAccessible.Role.Cell) and \
                        not (child.text(NAME) or "").strip():
                    missing.append(f"an item of {widget.accessibleName() or type(widget)}")
    return missing


def show_kind(window, kind):
    item = next(i for i in window.doc.session.agenda.items if i.kind == kind)
    window.show_activity(item.id)
    return window.pages[item.id]


def test_every_control_on_every_page_has_a_spoken_name(demo_window, qtbot):
    qtbot.waitUntil(lambda: first_paint_done(demo_window), timeout=3000)
    found = {}
    for item in demo_window.doc.session.agenda.items:
        demo_window.show_activity(item.id)
        qtbot.wait(10)
        found[item.kind] = unnamed(demo_window)
    quiz = show_kind(demo_window, "quiz")
    quiz.start_run("participant", "p-07", "now")  # the painted answer buttons
    qtbot.wait(10)
    found["quiz question"] = unnamed(demo_window)
    quiz.go_to(len(quiz_content().questions))
    found["quiz result"] = unnamed(demo_window)
    assert {kind: names for kind, names in found.items() if names} == {}


def test_the_check_finds_a_control_without_a_name(qtbot):
    from PySide6.QtWidgets import QToolButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    button = QToolButton()
    button.setText("\u25b6")
    layout.addWidget(button)
    root.show()
    assert len(unnamed(root)) == 1
    button.setAccessibleName("Next board")
    assert unnamed(root) == []


def test_quiz_answer_buttons_are_named_with_their_letter_and_text(demo_window, qtbot):
    quiz = show_kind(demo_window, "quiz")
    quiz.start_run("participant", "p-07", "now")
    question = quiz_content().questions[0]
    buttons = [b for b in quiz.question_view.findChildren(QAbstractButton)
               if b.isVisible() and spoken(b).startswith(("A:", "B:", "C:", "D:"))]
    assert [spoken(b) for b in buttons] == [
        f"{letter}: {a.text}" for letter, a in zip("ABCD", question.answers, strict=False)]


def test_practice_cards_are_named_by_the_board_view_when_they_have_focus(demo_window, qtbot):
    page = show_kind(demo_window, "matrix")
    board = page.matrix.current_board
    view = page.view
    assert board.name in spoken(view)
    items = page.scene.cards
    assert set(items) == {c.id for c in board.cards}
    for card in board.cards:
        words = items[card.id].spoken
        assert card.text in words
        cell = board.cell_of(card.id)
        if cell is None:
            assert "still to sort" in words
        else:
            assert board.axis(cell[0])[2].name in words and board.axis(cell[1])[2].name in words
    placed = next(c for c in board.cards if board.cell_of(c.id) is not None)
    view.setFocus()
    page.scene.select_card(placed.id)
    assert spoken(view) == items[placed.id].spoken
    page.reveal_action.trigger()
    assert "the model" in spoken(view)  # after the reveal: match or not, spoken too


def test_continuum_markers_are_spoken_by_the_plot(demo_window, qtbot):
    page = show_kind(demo_window, "continuum")
    area = page.continuum.current_area
    person = page.session.participants[0]
    placement = area.placements[person.id]
    page.select(person.id)
    view = page.plot.view
    name = spoken(view)
    assert person.name in name and f"now {format_position(placement.now)}" in name
    assert "now marker" in name
    page.set_active("target")
    assert "target marker" in spoken(view)
    description = spoken(view, DESCRIPTION)
    for p in page.session.participants:  # every marker, by name
        assert p.name in description
    page.toggle_hidden()
    private = spoken(view) + spoken(view, DESCRIPTION)
    assert f"now {format_position(placement.now)}" not in private and "placed" in private


@pytest.mark.parametrize("which", ["paste", "export", "new board", "card"])
def test_dialog_controls_have_spoken_names(demo_window, qtbot, which):
    if which == "paste":
        from lpdesk.ui.setup.paste_dialog import PasteNamesDialog
        dialog = PasteNamesDialog(demo_window.doc.session, demo_window, "Ann\tHarbour")
    elif which == "export":
        from lpdesk.ui.export.dialog import ExportDialog
        dialog = ExportDialog(demo_window.doc, demo_window)
    else:
        from lpdesk.content.templates import templates
        from lpdesk.ui.matrix.dialogs import CardDialog, NewBoardDialog
        board = demo_window.doc.session.matrix.boards[0]
        dialog = NewBoardDialog(templates(), demo_window.doc.session.groups, demo_window) \
            if which == "new board" else CardDialog(board, parent=demo_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert unnamed(dialog) == []
    dialog.reject()


def test_start_page_and_help_dialogs_have_spoken_names(demo_window, qtbot):
    page = demo_window.help.show_start_page()
    qtbot.wait(10)
    assert page.isVisible() and unnamed(page) == []
    for dialog in (demo_window.help.show_shortcuts(), demo_window.help.show_guide()):
        qtbot.addWidget(dialog)
        qtbot.waitExposed(dialog)
        assert unnamed(dialog) == []
        dialog.close()
