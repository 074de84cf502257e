"""The session model: participants, groups, and what their removal takes and gives back."""
import copy

from lpdesk.demo import demo_session
from lpdesk.model.continuum import Placement
from lpdesk.model.quiz import QuizRun
from lpdesk.model.session import PALETTE, Session, initials


def test_initials():
    assert initials("Ada Lovelace") == "AL"
    assert initials("ada") == "A"
    assert initials("Jean-Luc Picard") == "JP"
    assert initials("  ") == "?"
    assert initials("Émile Zola") == "ÉZ"


def test_new_participants_get_distinct_ids_and_colours():
    s = Session()
    for name in ("A", "B", "C"):
        s.insert_participant(len(s.participants), s.new_participant(name))
    assert len({p.id for p in s.participants}) == 3
    assert [p.colour for p in s.participants] == list(PALETTE[:3])


def test_events_announce_what_changed():
    s = Session()
    seen = []
    s.changed.connect(seen.append)
    s.set_detail("title", "X")
    s.insert_participant(0, s.new_participant("A"))
    s.insert_group(0, s.new_group("G"))
    assert seen == ["details", "participants", "groups"]


def test_removing_a_participant_takes_their_data_and_restore_puts_it_back():
    s = demo_session()
    before = copy.deepcopy(s)
    victim = s.participants[3]
    s.quiz.runs.append(QuizRun("run-1", "participant", victim.id, "now", {"q": "a"}))
    s.quiz.runs.append(QuizRun("run-2", "room", None, "now"))
    with_runs = copy.deepcopy(s)
    removed = s.remove_participant(victim.id)
    assert victim.id not in {p.id for p in s.participants}
    assert all(victim.id not in a.placements for a in s.continuum.areas)
    assert [r.id for r in s.quiz.runs] == ["run-2"]
    s.restore_participant(removed)
    assert s == with_runs
    assert s != before  # the quiz runs were added in between: sanity check of equality


def test_removing_a_group_keeps_members_and_boards_and_restore_is_exact():
    s = demo_session()
    before = copy.deepcopy(s)
    group = s.groups[1]
    s.continuum.areas[0].group_placements[group.id] = Placement(10, 20)
    before = copy.deepcopy(s)
    removed = s.remove_group(group.id)
    assert all(p.group_id != group.id for p in s.participants)
    assert len(s.participants) == len(before.participants)
    assert all(b.group_id != group.id for b in s.matrix.boards)
    assert group.id not in s.continuum.areas[0].group_placements
    s.restore_group(removed)
    assert s == before


def test_update_participant_refuses_unknown_group():
    s = Session()
    p = s.new_participant("A")
    s.insert_participant(0, p)
    try:
        s.update_participant(p.id, group_id="g-nope")
    except KeyError:
        pass
    else:
        raise AssertionError("unknown group accepted")
    assert p.group_id is None


def test_new_participants_for_a_pasted_list_leave_the_session_unchanged():
    s = Session()
    s.insert_participant(0, s.new_participant("Existing"))
    made = s.new_participants(["A", "B", "C"])
    assert [p.name for p in s.participants] == ["Existing"]
    ids = [p.id for p in made] + [s.participants[0].id]
    assert len(set(ids)) == 4
    assert [p.colour for p in made] == list(PALETTE[1:4])
    many = s.new_participants([str(i) for i in range(len(PALETTE) + 2)])
    assert len({p.id for p in many}) == len(PALETTE) + 2
