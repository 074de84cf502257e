"""Comparing workshops: figures against hand counts for small sessions."""
from __future__ import annotations

import pytest

from lpdesk.model.compare import compare, match_key, propose_series
from lpdesk.model.continuum import Area, Placement
from lpdesk.model.matrix import Axis, Board, Card
from lpdesk.model.quiz import QuizRun
from lpdesk.model.quiz_scoring import Answer, Question
from lpdesk.model.session import Group, Participant, Session


def session(title: str, date: str, areas: dict[str, list[tuple[float | None, float | None]]],
            client: str = "Northwind") -> Session:
    s = Session(title=title, client=client, date=date)
    count = max((len(v) for v in areas.values()), default=0)
    s.participants = [Participant(f"p{i}", f"Person {i}") for i in range(count)]
    for n, (name, placements) in enumerate(areas.items()):
        area = Area(f"a{n}", name)
        for i, (now, target) in enumerate(placements):
            area.placements[f"p{i}"] = Placement(now, target)
        s.continuum.areas.append(area)
    return s


def stage(value: float) -> str:
    return "Embedded" if value < 25 else "Blended" if value < 50 else "Facilitated" \
        if value < 75 else "Unfacilitated"


def test_area_rows_are_medians_in_date_order_and_areas_match_by_name():
    later = session("Sales", "2026-11-01", {"Onboarding": [(40, 60), (50, 80), (60, 70)]})
    earlier = session("Ops", "2026-05-01", {"  onboarding ": [(20, 50), (30, 40)],
                                            "Compliance": [(10, 20)]})
    c = compare([("b.lpdesk", later), ("a.lpdesk", earlier)], stage=stage)
    assert [i.label for i in c.sessions] == ["Ops", "Sales"]  # date order
    onboarding = next(a for a in c.areas if match_key(a.name) == "onboarding")
    assert onboarding.name == "onboarding"  # as the earliest session spells it
    assert [(r.session.label, r.now, r.target, r.placed) for r in onboarding.rows] == [
        ("Ops", 25.0, 45.0, 2), ("Sales", 50.0, 70.0, 3)]
    assert onboarding.rows[0].move == 20.0
    assert onboarding.rows[1].summary.now.iqr == 10.0  # 45 .. 55 by the inclusive rule
    compliance = next(a for a in c.areas if a.name == "Compliance")
    assert [r.session.label for r in compliance.rows] == ["Ops"]
    assert [i.label for i in compliance.missing] == ["Sales"]


def test_words_name_the_extremes_with_stage_and_the_biggest_move():
    a = session("Operations", "2026-05-01", {"All": [(28, 40)]})
    b = session("Sales", "2026-06-01", {"All": [(44, 90)]})
    c = compare([("a", a), ("b", b)], stage=stage, series=[])
    assert c.words == ("All: Operations sits furthest towards the organisation today "
                       "(28, Blended); Sales furthest towards the learner (44, Blended). "
                       "Sales wants the biggest move, from 44 to 90.",)


def test_series_over_time_change_and_whether_the_target_was_reached():
    may = session("Sales team", "2026-05-10", {"All": [(31, 50)]})
    nov = session("sales team ", "2026-11-10", {"All": [(44, 60)]})
    other = session("HR", "2026-06-01", {"All": [(10, 20)]})
    pairs = [("nov", nov), ("may", may), ("hr", other)]
    assert propose_series(pairs) == [("northwind", "sales team")]
    c = compare(pairs, stage=stage)
    (series,) = c.series
    assert [i.source for i in series.sessions] == ["may", "nov"]
    assert [i.label for i in series.sessions] == ["Sales team (2026-05-10)",
                                                  "sales team (2026-11-10)"]
    (step,) = series.steps
    assert (step.now_change, step.target_change, step.target_reached) == (13.0, 10.0, False)
    assert ("All: since May 2026, Sales team has moved from 31 to 44; the target "
            "then was 50, not yet reached.") in c.words
    # not confirmed: no series
    assert compare(pairs, stage=stage, series=[]).series == ()


def test_target_reached_counts_the_direction_the_room_wanted():
    up = compare([("1", session("T", "2026-01-01", {"A": [(20, 60)]})),
                  ("2", session("T", "2026-06-01", {"A": [(59, 70)]}))]).series[0].steps[0]
    assert up.target_reached is True
    down = compare([("1", session("T", "2026-01-01", {"A": [(80, 50)]})),
                    ("2", session("T", "2026-06-01", {"A": [(70, 50)]}))]).series[0].steps[0]
    assert down.target_reached is False


def test_same_titles_get_dates_then_file_names_to_tell_them_apart():
    a = session("Check-in", "2026-01-01", {})
    b = session("Check-in", "2026-02-01", {})
    d = session("Check-in", "2026-02-01", {})
    labels = [i.label for i in compare([("a", a), ("b", b), ("d", d)]).sessions]
    assert labels == ["Check-in (2026-01-01)", "Check-in (2026-02-01) [b]",
                      "Check-in (2026-02-01) [d]"]


def test_groups_inside_one_session_show_the_perception_gap():
    s = session("Mixed", "2026-03-03", {"All": [(20, 50), (30, 60), (70, 80), (None, 90)]})
    s.groups = [Group("g1", "Managers"), Group("g2", "Staff")]
    for p, g in zip(s.participants, ["g1", "g1", "g2", "g2"], strict=True):
        p.group_id = g
    other = session("Other", "2026-04-04", {"All": [(50, 50)]})
    c = compare([("s", s), ("o", other)], stage=stage)
    (g,) = c.groups
    assert [(r.name, r.summary.now.median, r.summary.target.median) for r in g.rows] == [
        ("Managers", 25.0, 55.0), ("Staff", 70.0, 85.0)]
    assert (g.now_gap, g.target_gap) == (45.0, 30.0)
    assert ("Mixed, All: Managers and Staff see today 45 points apart (25 and 70).") in c.words


def test_groups_placed_as_groups_use_the_group_markers():
    s = session("ByGroups", "2026-03-03", {"All": []})
    s.groups = [Group("g1", "A"), Group("g2", "B")]
    s.continuum.by_groups = True
    s.continuum.areas[0].group_placements = {"g1": Placement(10, 20), "g2": Placement(40, 20)}
    (g,) = compare([("s", s)]).groups
    assert (g.now_gap, g.target_gap) == (30.0, 0.0)


def board(board_id: str, placed: dict[str, tuple[str, str]]) -> Board:
    b = Board(board_id, board_id, template_id="t", rows=[Axis("r1", "Content"),
                                                         Axis("r2", "Delivery")],
              columns=[Axis("old", "Traditional"), Axis("new", "New")])
    b.cards = [Card("c1", "Courses", ("r1", "old")), Card("c2", "Sharing", ("r1", "new")),
               Card("c3", "Coaching", ("r2", "new"))]
    b.positions = dict(placed)
    return b


def test_matrix_agreement_per_row_and_the_most_disputed_cards():
    a = Session(title="A", date="2026-01-01")
    a.matrix.boards = [board("b1", {"c1": ("r1", "old"), "c2": ("r1", "old"),
                                    "c3": ("r2", "new")})]
    b = Session(title="B", date="2026-02-01")
    b.matrix.boards = [board("b2", {"c1": ("r1", "old"), "c2": ("r1", "new")}),
                       board("b3", {"c1": ("r1", "new"), "c2": ("r1", "new")})]
    (t,) = compare([("a", a), ("b", b)]).templates
    assert [(x.matching, x.placed) for x in t.overall] == [(2, 3), (3, 4)]
    rows = {r.name: [(x.matching, x.placed) if x else None for x in r.per_session]
            for r in t.rows}
    assert rows == {"Content": [(1, 2), (3, 4)], "Delivery": [(1, 1), None]}
    # c2: A put it in Content/Traditional, B (both boards) in Content/New -> disputed;
    # c1: A old, B old (b2) and new (b3): B's most common cell is old (first) -> agreed
    assert [(d.card_id, d.cells, d.disagreement) for d in t.disputed] == [
        ("c2", ("Content / Traditional", "Content / New"), 0.5)]


def test_a_row_counts_the_cards_sitting_in_it_as_the_board_does():
    # Coaching belongs in Delivery; placed in Content it counts (as a mismatch) there
    a = Session(title="A", date="2026-01-01")
    a.matrix.boards = [board("b1", {"c1": ("r1", "old"), "c3": ("r1", "new")})]
    b = Session(title="B", date="2026-02-01")
    b.matrix.boards = [board("b2", {"c3": ("r2", "new")})]
    (t,) = compare([("a", a), ("b", b)]).templates
    rows = {r.name: [(x.matching, x.placed) if x else None for x in r.per_session]
            for r in t.rows}
    assert rows == {"Content": [(1, 2), None], "Delivery": [None, (1, 1)]}


def test_quiz_mean_and_spread_per_session():
    q = [Question(f"q{i}", "?", (Answer("a", "left", 0), Answer("b", "right", 100)))
         for i in range(2)]
    a = Session(title="A")
    a.quiz.runs = [QuizRun("r1", "room", None, answers={"q0": "a", "q1": "b"}),
                   QuizRun("r2", "room", None, answers={"q0": "b", "q1": "b"}),
                   QuizRun("r3", "room", None, answers={})]
    b = Session(title="B")
    rows = compare([("a", a), ("b", b)], questions=q).quiz
    assert (rows[0].mean, rows[0].results.count, rows[0].results.low, rows[0].results.high) == (
        75.0, 2, 50.0, 100.0)
    assert (rows[1].mean, rows[1].results.count) == (None, 0)


@pytest.mark.parametrize("name", ["Compliance", "compliance", " COMPLIANCE  ", "Compliance\t"])
def test_match_key_ignores_case_and_surrounding_spaces(name):
    assert match_key(name) == "compliance"
