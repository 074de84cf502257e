"""What a screen reader says for the continuum's markers. The markers are painted plot
items, which Qt's accessibility does not reach, so the plot's view carries them: its name
says whose marker the keys move and where it stands, its description lists every marker.
During a private vote (markers hidden) no position is spoken, only who has placed."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from lpdesk.model.continuum_words import format_position
from lpdesk.ui.continuum.items import Row


def tr(text: str) -> str:
    return QCoreApplication.translate("ContinuumPlot", text)


def _at(value: float | None) -> str:
    return tr("not placed") if value is None else format_position(value)


def marker_words(row: Row, hidden: bool = False) -> str:
    """E.g. 'Amira Haddad: now 35, target 62'."""
    if hidden:
        placed = row.now is not None or row.target is not None
        return tr("%1: placed") .replace("%1", row.label) if placed else \
            tr("%1: not placed yet").replace("%1", row.label)
    return tr("%1: now %2, target %3").replace("%1", row.label).replace(
        "%2", _at(row.now)).replace("%3", _at(row.target))


def plot_name(selected: Row | None, active: str, hidden: bool) -> str:
    base = tr("Learner Power continuum")
    if selected is None:
        return base
    which = tr("now") if active == "now" else tr("target")
    return tr("%1. Keys move %2's %3 marker. %4").replace("%1", base).replace(
        "%2", selected.label).replace("%3", which).replace("%4", marker_words(selected, hidden))


def plot_description(rows: list[Row], hidden: bool, sentence: str,
                     said: dict[tuple[Row, bool], str] | None = None) -> str:
    """Every marker in words. Rebuilt on every change for every row (200 phones voting:
    200 rows a refresh), so the words are translated once per call, not once per row, and
    with `said` (the caller's memory of rows already put in words) only the rows that
    changed are worded again."""
    if said is None:
        said = {}
    elif len(said) > 4 * len(rows) + 16:
        said.clear()  # rows long gone (moved markers, other areas) are forgotten
    if hidden:
        placed, waiting = tr("%1: placed"), tr("%1: not placed yet")

        def words(r: Row) -> str:
            return (placed if r.now is not None or r.target is not None
                    else waiting).replace("%1", r.label)
    else:
        pattern, missing = tr("%1: now %2, target %3"), tr("not placed")

        def at(value: float | None) -> str:
            return missing if value is None else f"{value:.0f}"

        def words(r: Row) -> str:
            return pattern.replace("%1", r.label).replace("%2", at(r.now)).replace(
                "%3", at(r.target))
    parts = []
    for r in rows:
        text = said.get((r, hidden))
        if text is None:
            text = said[(r, hidden)] = words(r)
        parts.append(text)
    markers = "; ".join(parts)
    return " ".join(p for p in (sentence, markers + "." if markers else "") if p)
