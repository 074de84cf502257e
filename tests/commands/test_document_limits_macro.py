"""Limits hold inside a macro too. Qt ignores undo() in the middle of a macro, so 101
groups added in one macro were all kept while the window said the change was not made,
and the saved file could not be opened again. Now the macro is checked when it ends and
taken back whole if it went over a limit."""
from lpdesk.commands.session import AddGroupCommand, SetDetailCommand
from lpdesk.content.defaults import new_session
from lpdesk.document import SessionDocument
from lpdesk.model import limits
from lpdesk.storage import load_session, save_session


def add_groups(doc, count):
    for i in range(count):
        doc.push(AddGroupCommand(doc.session, doc.session.new_group(f"G{i}")))


def test_a_macro_over_a_limit_is_refused_whole(qtbot, tmp_path):
    doc = SessionDocument(new_session())
    doc.push(SetDetailCommand(doc.session, "title", "Town hall"))
    said = []
    doc.limit_reached.connect(said.append)
    doc.undo_stack.beginMacro("Add many groups")
    add_groups(doc, limits.GROUPS + 1)
    doc.undo_stack.endMacro()
    assert len(doc.session.groups) == 0
    assert said == [f"groups: {limits.GROUPS + 1} groups; lpdesk supports at most "
                    f"{limits.GROUPS}"]
    assert not doc.undo_stack.canRedo()
    assert doc.undo_stack.undoText() == "Edit title"  # the step before is still there
    save_session(doc.session, tmp_path / "s.lpdesk")
    assert load_session(tmp_path / "s.lpdesk").groups == []  # and the file opens


def test_a_macro_within_the_limits_is_one_undo_step(qtbot):
    doc = SessionDocument(new_session())
    said = []
    doc.limit_reached.connect(said.append)
    doc.undo_stack.beginMacro("Add groups")
    add_groups(doc, limits.GROUPS)
    doc.undo_stack.endMacro()
    assert len(doc.session.groups) == limits.GROUPS and not said
    doc.undo_stack.undo()
    assert doc.session.groups == []
    doc.undo_stack.redo()
    assert len(doc.session.groups) == limits.GROUPS


def test_nested_macros_are_checked_when_the_outer_one_ends(qtbot):
    doc = SessionDocument(new_session())
    said = []
    doc.limit_reached.connect(said.append)
    doc.undo_stack.beginMacro("outer")
    doc.undo_stack.beginMacro("inner")
    add_groups(doc, limits.GROUPS + 1)
    doc.undo_stack.endMacro()
    assert len(doc.session.groups) == limits.GROUPS + 1  # nothing decided mid-macro
    doc.undo_stack.endMacro()
    assert doc.session.groups == [] and len(said) == 1


def test_the_setup_pages_split_into_groups_cannot_go_over(qtbot):
    from lpdesk.demo import demo_session
    from lpdesk.ui.setup.page import SetupPage

    doc = SessionDocument(demo_session())
    page = SetupPage(doc)
    qtbot.addWidget(page)
    before = [g.id for g in doc.session.groups]
    said = []
    doc.limit_reached.connect(said.append)
    page.split_into_groups(limits.GROUPS + 1)
    assert [g.id for g in doc.session.groups] == before and said
    assert not doc.is_modified
