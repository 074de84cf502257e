"""The room's consensus on a continuum area: a workshop rule, kept out of the continuum
page so it is tested without Qt. The page pushes the command for what this returns."""
from __future__ import annotations

from lpdesk.model.continuum import Area, Placement
from lpdesk.model.statistics import summarise_area


def median_consensus(area: Area, *, by_groups: bool) -> Placement | None:
    """The medians of where the room (or the groups, when it works by groups) placed
    themselves, to one decimal, as the agreed placement; None when nobody placed anything
    or the consensus is already exactly that (nothing to undo then)."""
    summary = summarise_area(area, by_groups=by_groups)
    wanted = Placement(summary.now.median, summary.target.median)
    if wanted.is_empty() or wanted == area.consensus:
        return None
    return Placement(None if wanted.now is None else round(wanted.now, 1),
                     None if wanted.target is None else round(wanted.target, 1))
