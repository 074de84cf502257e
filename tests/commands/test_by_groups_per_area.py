"""'Place by groups' is chosen per area (it was one switch for every area): in the model,
the undoable command, the file (schema 1 files keep their meaning: every area takes the old
switch), and the summary agrees with each area's page."""
import json

import pytest
from PySide6.QtGui import QUndoStack
from repo_paths import DATA

from lpdesk.commands.continuum import SetByGroupsCommand
from lpdesk.content.stages import continuum_content
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.export.summary import build_report
from lpdesk.model.continuum import Placement
from lpdesk.storage import dumps_session, parse_session, read_session, save_session
from lpdesk.ui.summary.recap import area_lines

OLD_FILE = DATA / "schema1-by-groups.lpdesk"


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def test_by_groups_for_one_area_leaves_the_others_alone(stack):
    session = demo_session()
    c = session.continuum
    everyone, compliance = c.areas[0], c.areas[-1]
    c.current_area_id = compliance.id
    events = []
    c.changed.connect(events.append)
    stack.push(SetByGroupsCommand(c, True))
    assert compliance.by_groups and not everyone.by_groups
    assert c.by_groups  # the area shown
    assert events == [compliance.id]
    assert "Compliance" in stack.undoText()
    c.current_area_id = everyone.id
    assert not c.by_groups
    stack.undo()
    assert not compliance.by_groups


def test_each_areas_choice_survives_save_and_open():
    session = demo_session()
    session.continuum.areas[1].by_groups = True
    again = parse_session(dumps_session(session))
    assert [a.by_groups for a in again.continuum.areas] == [False, True, False]
    data = json.loads(dumps_session(session))
    assert data["schema_version"] == 2 and "by_groups" not in data["continuum"]
    assert [a["by_groups"] for a in data["continuum"]["areas"]] == [False, True, False]


def test_a_schema_1_file_keeps_its_meaning(tmp_path):
    old = json.loads(OLD_FILE.read_text(encoding="utf-8"))
    assert old["schema_version"] == 1 and old["continuum"]["by_groups"] is True
    session, _stamp = read_session(OLD_FILE)
    assert all(a.by_groups for a in session.continuum.areas)
    assert all(a.group_placements for a in session.continuum.areas)
    saved = tmp_path / "again.lpdesk"
    save_session(session, saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert [a["by_groups"] for a in data["continuum"]["areas"]] == [True, True, True]


def test_a_schema_1_file_working_by_participants_stays_so():
    old = json.loads(OLD_FILE.read_text(encoding="utf-8"))
    old["continuum"]["by_groups"] = False
    session = parse_session(json.dumps(old))
    assert not any(a.by_groups for a in session.continuum.areas)


def test_a_bad_old_switch_is_refused_by_name():
    from lpdesk.storage.errors import SessionFormatError

    old = json.loads(OLD_FILE.read_text(encoding="utf-8"))
    old["continuum"]["by_groups"] = "yes"
    with pytest.raises(SessionFormatError, match="continuum.by_groups: expected true or false"):
        parse_session(json.dumps(old))


def test_summary_and_recap_follow_each_areas_own_switch():
    """The issue's case: Compliance ticked 'by groups' once, then placed by participants;
    the summary must not show the groups' leftovers while the page says nobody placed."""
    session = demo_session()
    c = session.continuum
    everyone, compliance = c.areas[0], c.areas[-1]
    compliance.placements.clear()
    for i, g in enumerate(session.groups):  # leftovers from a by-groups round
        compliance.group_placements[g.id] = Placement(20.0 + i, 60.0)
    compliance.by_groups = False
    report = build_report(session)
    by_name = {a.name: a for a in report.areas}
    assert by_name[compliance.name].basis == "participants"
    assert by_name[compliance.name].stats.now.median is None  # as the page: nobody placed
    assert by_name[everyone.name].basis == "participants"
    assert by_name[everyone.name].stats.now.count == len(everyone.placements)
    lines = {line.name: line for line in area_lines(session, continuum_content())}
    assert lines[compliance.name].now == "\u2013"
    compliance.by_groups = True
    report = build_report(session)
    assert {a.name: a for a in report.areas}[compliance.name].basis == "groups"
    assert {a.name: a for a in report.areas}[everyone.name].basis == "participants"


def test_the_page_and_the_recap_agree_area_by_area(qtbot):
    from lpdesk.ui.continuum.page import ContinuumPage

    session = demo_session()
    c = session.continuum
    compliance = c.areas[-1]
    compliance.placements.clear()
    for g in session.groups:
        compliance.group_placements[g.id] = Placement(30.0, 60.0)
    doc = SessionDocument(session)
    page = ContinuumPage(doc)
    qtbot.addWidget(page)
    page.show()
    c.set_current_area(compliance.id)
    assert "Nobody has placed" in page.summary.sentence.text()
    lines = {line.name: line for line in area_lines(session, continuum_content())}
    assert lines[compliance.name].now == "\u2013"
    page.controls.by_groups_check.click()  # this area only, one undo step
    assert compliance.by_groups and not c.areas[0].by_groups
    assert "Nobody has placed" not in page.summary.sentence.text()
    lines = {line.name: line for line in area_lines(session, continuum_content())}
    assert lines[compliance.name].now.startswith("30")
    doc.undo_stack.undo()
    assert not compliance.by_groups
