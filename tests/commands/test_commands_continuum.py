"""Undo and redo of every continuum edit, and how held-key moves merge."""
import pytest
from PySide6.QtGui import QUndoStack

from lpdesk.commands.continuum import (
    AddAreaCommand,
    RemoveAreaCommand,
    RenameAreaCommand,
    SetByGroupsCommand,
    SetConsensusCommand,
    SetHiddenCommand,
    SetPlacementCommand,
)
from lpdesk.model.continuum import Area, Continuum, Placement


@pytest.fixture
def continuum():
    c = Continuum()
    c.areas = [Area("a1", "All learning"), Area("a2", "Compliance")]
    c.areas[0].placements["p1"] = Placement(30.0, 60.0)
    return c


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def test_place_move_and_clear_undo_redo(continuum, stack):
    events = []
    continuum.changed.connect(events.append)
    stack.push(SetPlacementCommand(continuum, "a1", "p2", "now", 20.0, name="Ben"))
    assert continuum.placement("a1", "p2") == Placement(20.0, None)
    assert stack.undoText() == "Place now of Ben"
    stack.push(SetPlacementCommand(continuum, "a1", "p2", "target", 55.5, name="Ben"))
    stack.push(SetPlacementCommand(continuum, "a1", "p2", "now", 25.0, name="Ben"))
    assert stack.undoText() == "Move now of Ben"
    assert continuum.placement("a1", "p2") == Placement(25.0, 55.5)
    stack.push(SetPlacementCommand(continuum, "a1", "p2", "now", None, name="Ben"))
    assert continuum.placement("a1", "p2") == Placement(None, 55.5)
    assert stack.count() == 4 and events == ["a1"] * 4
    stack.undo()
    assert continuum.placement("a1", "p2") == Placement(25.0, 55.5)
    stack.undo()
    stack.undo()
    stack.undo()
    assert "p2" not in continuum.area("a1").placements  # empty placements are dropped
    for _ in range(4):
        stack.redo()
    assert continuum.placement("a1", "p2") == Placement(None, 55.5)


def test_group_placement_leaves_participants_alone(continuum, stack):
    stack.push(SetPlacementCommand(continuum, "a1", "g1", "target", 80.0, group=True))
    assert continuum.area("a1").group_placements == {"g1": Placement(None, 80.0)}
    assert set(continuum.area("a1").placements) == {"p1"}
    stack.undo()
    assert continuum.area("a1").group_placements == {}


def test_separate_presses_stay_separate_steps(continuum, stack):
    for value in (31.0, 32.0, 33.0):
        stack.push(SetPlacementCommand(continuum, "a1", "p1", "now", value))
    assert stack.count() == 3
    stack.undo()
    assert continuum.placement("a1", "p1").now == 32.0


def test_held_key_repeats_merge_into_one_step(continuum, stack):
    stack.push(SetPlacementCommand(continuum, "a1", "p1", "now", 31.0))
    for value in (32.0, 33.0, 34.0):
        stack.push(SetPlacementCommand(continuum, "a1", "p1", "now", value, repeat=True))
    assert stack.count() == 1
    assert continuum.placement("a1", "p1").now == 34.0
    stack.undo()
    assert continuum.placement("a1", "p1") == Placement(30.0, 60.0)
    stack.redo()
    assert continuum.placement("a1", "p1").now == 34.0


def test_repeats_of_another_marker_do_not_merge(continuum, stack):
    stack.push(SetPlacementCommand(continuum, "a1", "p1", "now", 31.0))
    stack.push(SetPlacementCommand(continuum, "a1", "p1", "target", 61.0, repeat=True))
    stack.push(SetPlacementCommand(continuum, "a1", "p2", "target", 61.0, repeat=True))
    stack.push(SetPlacementCommand(continuum, "a2", "p2", "target", 62.0, repeat=True))
    assert stack.count() == 4


def test_held_key_there_and_back_leaves_nothing_to_undo(continuum, stack):
    stack.push(SetPlacementCommand(continuum, "a1", "p1", "now", 31.0))
    stack.push(SetPlacementCommand(continuum, "a1", "p1", "now", 30.0, repeat=True))
    assert stack.count() == 0
    assert continuum.placement("a1", "p1") == Placement(30.0, 60.0)


def test_out_of_range_position_is_refused(continuum, stack):
    with pytest.raises(ValueError):
        stack.push(SetPlacementCommand(continuum, "a1", "p1", "now", 120.0))


def test_consensus_undo_redo_and_single_marker(continuum, stack):
    stack.push(SetConsensusCommand(continuum, "a1", Placement(35.0, 62.0)))
    assert continuum.area("a1").consensus == Placement(35.0, 62.0)
    stack.push(SetConsensusCommand.for_marker(continuum, "a1", "target", 70.0))
    assert continuum.area("a1").consensus == Placement(35.0, 70.0)
    stack.push(SetConsensusCommand.for_marker(continuum, "a1", "target", 71.0, repeat=True))
    assert stack.count() == 2  # the held-key repeat merged
    stack.undo()
    assert continuum.area("a1").consensus == Placement(35.0, 62.0)
    stack.undo()
    assert continuum.area("a1").consensus == Placement()
    assert continuum.area("a2").consensus == Placement()
    stack.redo()
    stack.redo()
    assert continuum.area("a1").consensus == Placement(35.0, 71.0)


def test_add_area_shows_it_and_undo_shows_the_previous(continuum, stack):
    continuum.current_area_id = "a2"
    stack.push(AddAreaCommand(continuum, Area("a3", "Leadership")))
    assert [a.id for a in continuum.areas] == ["a1", "a2", "a3"]
    assert continuum.current_area.id == "a3"
    stack.undo()
    assert [a.id for a in continuum.areas] == ["a1", "a2"]
    assert continuum.current_area.id == "a2"
    stack.redo()
    assert continuum.current_area.name == "Leadership"


def test_rename_area(continuum, stack):
    stack.push(RenameAreaCommand(continuum, "a2", "Mandatory training"))
    assert continuum.area("a2").name == "Mandatory training"
    stack.undo()
    assert continuum.area("a2").name == "Compliance"
    stack.redo()
    assert continuum.area("a2").name == "Mandatory training"


def test_remove_area_keeps_its_placements_for_undo(continuum, stack):
    continuum.current_area_id = "a1"
    stack.push(RemoveAreaCommand(continuum, "a1"))
    assert [a.id for a in continuum.areas] == ["a2"]
    assert continuum.current_area.id == "a2"
    stack.undo()
    assert [a.id for a in continuum.areas] == ["a1", "a2"]
    assert continuum.placement("a1", "p1") == Placement(30.0, 60.0)
    assert continuum.current_area.id == "a1"
    stack.redo()
    assert [a.id for a in continuum.areas] == ["a2"]


def test_hide_and_reveal(continuum, stack):
    events = []
    continuum.changed.connect(events.append)
    stack.push(SetHiddenCommand(continuum, True))
    assert continuum.hidden and stack.undoText() == "Hide the markers"
    stack.push(SetHiddenCommand(continuum, False))
    assert not continuum.hidden and stack.undoText() == "Reveal the markers"
    stack.undo()
    assert continuum.hidden
    stack.undo()
    assert not continuum.hidden
    assert len(events) == 4


def test_by_groups(continuum, stack):
    stack.push(SetByGroupsCommand(continuum, True))
    assert continuum.by_groups
    stack.undo()
    assert not continuum.by_groups
    stack.redo()
    assert continuum.by_groups
