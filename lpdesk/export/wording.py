"""The document's own wording helpers: translation, plurals, numbers and dates as the
summary shows them, shared by every export format."""
from __future__ import annotations

import datetime

from PySide6.QtCore import QCoreApplication

from lpdesk.model.continuum_words import format_gap, format_position

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def tr(text: str) -> str:
    """Translate a text of the exported document (context 'Summary')."""
    return QCoreApplication.translate("Summary", text)


def plural(n: int, one: str, many: str) -> str:
    """English singular or plural (the document's own words, not '(s)')."""
    return one if n == 1 else many


def fmt_position(value: float | None) -> str:
    """A position as the app shows it (one rule for screen and document: 37, 24.6; see
    lpdesk.model.continuum_words), so a median of 24.6 is not shown as 25 next to Embedded."""
    return format_position(value)


def fmt_gap(value: float | None) -> str:
    return format_gap(value)


def fmt_share(share: float | None) -> str:
    return "\u2013" if share is None else f"{share * 100:.0f}%"


def fmt_date(iso: str) -> str:
    """'2026-11-23' -> '23 November 2026'; anything else is shown as typed."""
    try:
        d = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {tr(MONTHS[d.month - 1])} {d.year}"
