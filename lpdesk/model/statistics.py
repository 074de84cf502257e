"""The room's summary of continuum placements: median, spread (IQR) and gap.

Quartiles use the 'inclusive' method (linear interpolation between order statistics, as
Excel's QUARTILE.INC and numpy's default), so figures match what a client gets in a
spreadsheet from the CSV export. With no values every figure is None; with one value the
spread is 0.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lpdesk.model.continuum import Area, Placement


def quantile(sorted_values: Sequence[float], q: float) -> float:
    """Inclusive quantile of already sorted values (0 <= q <= 1)."""
    if not sorted_values:
        raise ValueError("no values")
    pos = (len(sorted_values) - 1) * q
    low = int(pos)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (pos - low)


@dataclass(frozen=True)
class Spread:
    """Summary of one set of positions (all `now`s, all `target`s or all gaps)."""

    count: int
    median: float | None
    q1: float | None
    q3: float | None
    low: float | None
    high: float | None

    @property
    def iqr(self) -> float | None:
        return None if self.q1 is None or self.q3 is None else self.q3 - self.q1

    @classmethod
    def of(cls, values: Iterable[float | None]) -> Spread:
        xs = sorted(v for v in values if v is not None)
        if not xs:
            return cls(0, None, None, None, None, None)
        return cls(len(xs), quantile(xs, 0.5), quantile(xs, 0.25), quantile(xs, 0.75),
                   xs[0], xs[-1])


@dataclass(frozen=True)
class AreaSummary:
    now: Spread
    target: Spread
    gap: Spread  # of individual gaps (target - now) of those who placed both


def summarise(placements: Iterable[Placement]) -> AreaSummary:
    ps = list(placements)
    return AreaSummary(Spread.of(p.now for p in ps), Spread.of(p.target for p in ps),
                       Spread.of(p.gap for p in ps))


def summarise_area(area: Area, *, by_groups: bool = False) -> AreaSummary:
    table = area.group_placements if by_groups else area.placements
    return summarise(table.values())


def placements_of(area: Area, keys: Iterable[str], *, by_groups: bool = False
                  ) -> list[Placement]:
    """The placements of these participants (or groups), in their order: what the
    continuum page shows and summarises (a removed participant's leftovers do not count)."""
    table = area.group_placements if by_groups else area.placements
    found = (table.get(key) for key in keys)
    return [p for p in found if p is not None and not p.is_empty()]


def counts_groups(area: Area, by_groups: bool | None = None,
                  participant_ids: Iterable[str] = (), group_ids: Iterable[str] = ()) -> bool:
    """Whose placements the room's figures summarise: exactly whose the area's page shows,
    by the area's own switch (`by_groups` when given). One rule for the page, the closing
    recap and the exported summary: borrowing the other table when the chosen one was empty
    had the summary say 'Compliance 29.8 -> 60.5' while the page said nobody had placed.
    (The id lists are kept for callers of the old rule; they no longer change the answer.)"""
    del participant_ids, group_ids
    return area.by_groups if by_groups is None else by_groups


def histogram(values: Iterable[float | None], bins: int = 10, low: float = 0.0,
              high: float = 100.0) -> list[int]:
    """Counts per equal-width bin on [low, high]; the top edge falls in the last bin."""
    counts = [0] * bins
    width = (high - low) / bins
    for v in values:
        if v is None:
            continue
        index = min(bins - 1, max(0, int((v - low) // width)))
        counts[index] += 1
    return counts
