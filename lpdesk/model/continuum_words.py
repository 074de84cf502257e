"""The room's continuum in figures and plain words: ONE wording for every screen and export.

The continuum page, the closing recap and the exported summary say the same things about an
area (where most of the room puts us, the move it wants, the agreed position), so the
sentences and the way a position is written live here, once. Pure Python: the caller hands in
its translation function (`tr`, e.g. `QCoreApplication.translate` bound to the context
"ContinuumWords") and anything that knows the stages (`stages.stage_at(position).name`).

Positions are written with at most one decimal and no trailing ".0": 37 reads "37", a median
of 24.6 reads "24.6" (not "25" next to Embedded, which ends at 25).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from lpdesk.model.continuum import Placement
from lpdesk.model.statistics import Spread

Translate = Callable[[str], str]
MINUS = "\u2212"
DASH = "\u2013"


class _Named(Protocol):
    name: str


class Stages(Protocol):
    def stage_at(self, position: float) -> _Named: ...


def _same(text: str) -> str:
    return text


def format_position(value: float | None) -> str:
    """'37', '24.6', '–' for no value: one rule for the app and every export."""
    if value is None:
        return DASH
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text.replace("-", MINUS)


def format_gap(value: float | None) -> str:
    """A move with its sign: '+25', '−3.5', '0'."""
    if value is None:
        return DASH
    text = format_position(value)
    return text if text == "0" or text.startswith(MINUS) else "+" + text


def _main_stage(values: Sequence[float], stages: Stages) -> tuple[str, bool]:
    """The stage of the median, and whether more than half of the values fall in it."""
    spread = Spread.of(values)
    assert spread.median is not None
    stage = stages.stage_at(spread.median).name
    inside = sum(1 for v in values if stages.stage_at(v).name == stage)
    return stage, inside * 2 > len(values)


def _sentences(by_groups: bool, tr: Translate) -> dict[str, str]:
    """Each wording for the room (singular verb) or for groups (plural verb)."""
    if by_groups:
        return {
            "none": tr("No group has placed a marker yet."),
            "both": tr("Most groups put us in {now} today and want {target}."),
            "stay": tr("Most groups put us in {now} today and want to stay there."),
            "now": tr("Most groups put us in {now} today; views on the target differ "
                      "(middle view: {target})."),
            "target": tr("Views on today differ (middle view: {now}), but most groups "
                         "want {target}."),
            "now_only": tr("Most groups put us in {now} today; no targets yet."),
            "target_only": tr("Most groups want {target}; today is not placed yet."),
        }
    return {
        "none": tr("Nobody has placed a marker yet."),
        "both": tr("Most of the room puts us in {now} today and wants {target}."),
        "stay": tr("Most of the room puts us in {now} today and wants to stay there."),
        "now": tr("Most of the room puts us in {now} today; views on the target differ "
                  "(middle view: {target})."),
        "target": tr("Views on today differ (middle view: {now}), but most of the room "
                     "wants {target}."),
        "now_only": tr("Most of the room puts us in {now} today; no targets yet."),
        "target_only": tr("Most of the room wants {target}; today is not placed yet."),
    }


def room_sentence(now: Sequence[float], target: Sequence[float], stages: Stages,
                  by_groups: bool = False, tr: Translate = _same) -> str:
    """'Most of the room puts us in Blended today and wants Facilitated', or the nearest
    honest variant: 'most' is said only when more than half sit in the median's stage."""
    texts = _sentences(by_groups, tr)
    if not now and not target:
        return texts["none"]
    now_stage, now_most = _main_stage(now, stages) if now else ("", False)
    target_stage, target_most = _main_stage(target, stages) if target else ("", False)
    names = {"now": now_stage, "target": target_stage}
    if len(now) <= 1 and len(target) <= 1:
        if not target:
            return tr("So far one placement: {now} today.").format(**names)
        if not now:
            return tr("So far one placement: {target} as the target.").format(**names)
        return tr("So far one placement: {now} today, {target} as the target.").format(
            **names)
    if not target:
        key = "now_only" if now_most else ""
        fallback = tr("Views on today differ; the middle view is {now}. No targets yet.")
    elif not now:
        key = "target_only" if target_most else ""
        fallback = tr("Views on the target differ; the middle view is {target}.")
    else:
        key = ("stay" if now_stage == target_stage else "both") if now_most and target_most \
            else "now" if now_most else "target" if target_most else ""
        fallback = tr("Views differ: the middle view puts us in {now} today and wants "
                      "to stay there.") if now_stage == target_stage else \
            tr("Views differ: the middle view puts us in {now} today and wants {target}.")
    return (texts[key] if key else fallback).format(**names)


def gap_sentence(gap: Spread, tr: Translate = _same) -> str:
    """How far and which way the middle of the room wants to move ('' when unknown)."""
    if gap.median is None:
        return ""
    if abs(gap.median) < 0.5:
        return tr("The median wish is no move.")
    if gap.median > 0:
        text = tr("The median wish is a move of {points} points towards the learner.")
    else:
        text = tr("The median wish is a move of {points} points towards the organisation.")
    return text.format(points=format_position(abs(gap.median)))


def agreed_sentence(agreed: Placement, stages: Stages, tr: Translate = _same) -> str:
    """The room's agreed position in words, e.g. 'Agreed: 35 today (Blended), 62 as the
    target (Facilitated).' ('' when nothing was agreed)."""
    def part(value: float) -> str:
        return f"{format_position(value)} ({stages.stage_at(value).name})"

    if agreed.now is not None and agreed.target is not None:
        return tr("Agreed: {now} today, {target} as the target.").format(
            now=part(agreed.now), target=part(agreed.target))
    if agreed.now is not None:
        return tr("Agreed: {now} today.").format(now=part(agreed.now))
    if agreed.target is not None:
        return tr("Agreed: {target} as the target.").format(target=part(agreed.target))
    return ""


def standing_line(now: Spread, target: Spread, stages: Stages, tr: Translate = _same) -> str:
    """The medians with their stages in one line: 'now 37 (Blended) → target 62
    (Facilitated)' ('' when nobody placed)."""
    parts = []
    if now.median is not None:
        parts.append(tr("now {m} ({stage})").format(m=format_position(now.median),
                                                    stage=stages.stage_at(now.median).name))
    if target.median is not None:
        parts.append(tr("target {m} ({stage})").format(
            m=format_position(target.median), stage=stages.stage_at(target.median).name))
    return " \u2192 ".join(parts)
