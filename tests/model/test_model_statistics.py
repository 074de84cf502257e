"""The room's continuum statistics against values worked out by hand.

Quartiles are 'inclusive' (linear interpolation between order statistics, as Excel's
QUARTILE.INC): position = (n - 1) * q in the sorted values.
"""
import pytest

from lpdesk.model.continuum import Area, Placement
from lpdesk.model.statistics import Spread, histogram, quantile, summarise, summarise_area


def test_no_values_gives_no_figures():
    s = Spread.of([])
    assert (s.count, s.median, s.q1, s.q3, s.low, s.high, s.iqr) == (0, None, None, None,
                                                                     None, None, None)


def test_none_values_are_ignored():
    assert Spread.of([None, None]).count == 0
    assert Spread.of([None, 30.0, None]).median == 30.0


def test_one_participant_has_zero_spread():
    s = Spread.of([42.5])
    assert (s.count, s.median, s.q1, s.q3, s.low, s.high, s.iqr) == (1, 42.5, 42.5, 42.5,
                                                                     42.5, 42.5, 0.0)


def test_two_participants():
    # sorted [20, 60]: median at position 0.5 -> 40; q1 at 0.25 -> 20 + 0.25*40 = 30;
    # q3 at 0.75 -> 50
    s = Spread.of([60.0, 20.0])
    assert (s.median, s.q1, s.q3, s.iqr, s.low, s.high) == (40.0, 30.0, 50.0, 20.0, 20.0, 60.0)


def test_four_values_interpolate():
    # sorted [10, 20, 30, 40]: median pos 1.5 -> 25; q1 pos 0.75 -> 17.5; q3 pos 2.25 -> 32.5
    s = Spread.of([40, 10, 30, 20])
    assert s.median == pytest.approx(25.0)
    assert s.q1 == pytest.approx(17.5)
    assert s.q3 == pytest.approx(32.5)
    assert s.iqr == pytest.approx(15.0)


def test_odd_count_median_is_the_middle_value():
    # sorted [1, 3, 5, 9, 100]: median = 5; q1 pos 1 -> 3; q3 pos 3 -> 9
    s = Spread.of([100, 5, 1, 9, 3])
    assert (s.median, s.q1, s.q3) == (5, 3, 9)


def test_all_markers_at_one_point():
    s = Spread.of([37.0] * 7)
    assert (s.count, s.median, s.q1, s.q3, s.iqr) == (7, 37.0, 37.0, 37.0, 0.0)
    assert histogram([37.0] * 7, bins=10) == [0, 0, 0, 7, 0, 0, 0, 0, 0, 0]


def test_quantile_needs_values():
    with pytest.raises(ValueError):
        quantile([], 0.5)


def test_summarise_counts_now_target_and_gap_separately():
    # now [20, 40] -> median 30; target [60, 80] -> median 70; only the first has both,
    # so the gap set is [60 - 20] = [40]
    summary = summarise([Placement(20.0, 60.0), Placement(40.0, None),
                         Placement(None, 80.0)])
    assert (summary.now.count, summary.now.median) == (2, 30.0)
    assert (summary.target.count, summary.target.median) == (2, 70.0)
    assert (summary.gap.count, summary.gap.median, summary.gap.iqr) == (1, 40.0, 0.0)


def test_summarise_nobody():
    summary = summarise([])
    assert summary.now.count == summary.target.count == summary.gap.count == 0
    assert summary.gap.median is None


def test_gap_can_point_towards_the_organisation():
    # gaps: 30-50 = -20 and 70-80 = -10 -> median -15, q1 -17.5, q3 -12.5
    summary = summarise([Placement(50.0, 30.0), Placement(80.0, 70.0)])
    assert summary.gap.median == pytest.approx(-15.0)
    assert (summary.gap.q1, summary.gap.q3) == pytest.approx((-17.5, -12.5))


def test_summarise_area_by_participants_or_by_groups():
    area = Area("a", "All", placements={"p1": Placement(10.0, 20.0),
                                        "p2": Placement(30.0, 40.0)},
                group_placements={"g1": Placement(70.0, 90.0)})
    assert summarise_area(area).now.median == 20.0
    by_groups = summarise_area(area, by_groups=True)
    assert (by_groups.now.median, by_groups.target.median, by_groups.now.count) == (70.0,
                                                                                  90.0, 1)


def test_histogram_edges():
    # 0 and 9.99 in the first bin, 10 in the second, 100 (the top edge) in the last
    assert histogram([0.0, 9.99, 10.0, 100.0, None], bins=10) == [2, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    assert histogram([], bins=4) == [0, 0, 0, 0]
    # 20 bins of 5: 24.9 is in bin 4, 25 starts bin 5 (a stage boundary is a bin edge)
    counts = histogram([24.9, 25.0], bins=20)
    assert counts[4] == 1 and counts[5] == 1 and sum(counts) == 2
