"""Workshop rules that used to live in Qt pages, tested without a QApplication: splitting
the room into groups (model/grouping.py) and the room's medians as consensus
(model/consensus.py)."""
import pytest

from lpdesk.model.consensus import median_consensus
from lpdesk.model.continuum import Area, Placement
from lpdesk.model.grouping import deal, groups_to_add
from lpdesk.model.session import Session


def room(names: int, groups: int = 0) -> Session:
    s = Session()
    for i in range(names):
        s.insert_participant(len(s.participants), s.new_participant(f"P{i}"))
    for i in range(groups):
        s.insert_group(len(s.groups), s.new_group(f"G{i}"))
    return s


def apply(s: Session, moves):
    for pid, gid in moves:
        s.participant(pid).group_id = gid


def test_deal_goes_round_the_groups_in_list_order():
    s = room(5, groups=2)
    moves = deal(s, 2)
    g = [x.id for x in s.groups]
    assert moves == [(p.id, g[i % 2]) for i, p in enumerate(s.participants)]
    apply(s, moves)
    assert deal(s, 2) == []  # splitting twice changes nothing (no empty undo step)


def test_deal_uses_only_the_first_groups_and_moves_only_who_changes():
    s = room(4, groups=3)
    g = [x.id for x in s.groups]
    s.participants[0].group_id = g[0]
    s.participants[3].group_id = g[2]  # in a group the split does not use
    moves = deal(s, 2)
    assert moves == [(s.participants[1].id, g[1]), (s.participants[2].id, g[0]),
                     (s.participants[3].id, g[1])]


def test_groups_to_add_and_refusals():
    s = room(3, groups=1)
    assert groups_to_add(s, 3) == 2 and groups_to_add(s, 1) == 0
    with pytest.raises(ValueError):
        deal(s, 3)  # the groups must exist first
    with pytest.raises(ValueError):
        deal(s, 0)
    assert deal(room(0, groups=2), 2) == []


def area_with(*placements: Placement, consensus: Placement | None = None,
              groups: bool = False) -> Area:
    area = Area(id="a", name="A")
    table = area.group_placements if groups else area.placements
    for i, p in enumerate(placements):
        table[f"s{i}"] = p
    if consensus is not None:
        area.consensus = consensus
    return area


def test_medians_to_one_decimal_from_the_table_the_room_works_by():
    area = area_with(Placement(10, 70), Placement(20.05, 80), Placement(33.33, None))
    assert median_consensus(area, by_groups=False) == Placement(20.1, 75.0)
    assert median_consensus(area, by_groups=True) is None  # no group placed anything
    grouped = area_with(Placement(40, 60), groups=True)
    assert median_consensus(grouped, by_groups=True) == Placement(40.0, 60.0)


def test_no_change_when_nothing_placed_or_already_agreed():
    assert median_consensus(area_with(), by_groups=False) is None
    agreed = area_with(Placement(10, 30), Placement(30, 50), consensus=Placement(20, 40))
    assert median_consensus(agreed, by_groups=False) is None
