"""Known-fatal Python/Qt combinations, checked at start-up before anything is painted.

PySide6 6.12.0 on Python < 3.12 drops a reference to None on every Python override of a
paint virtual (paintEvent, QGraphicsItem.paint); after some tens of thousands of paints the
interpreter aborts ("none_dealloc: deallocating None"). Python 3.12+ makes None immortal, so
there it is harmless. pyproject.toml keeps pip from installing that combination; this check
catches environments assembled by hand.
"""
from __future__ import annotations

import sys

SAFE_ON_PY311 = "PySide6-Essentials>=6.8,<6.12"


def parse_version(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:3]:
        digits = ""
        for ch in piece:  # leading digits only: '0rc1' -> 0
            if not ch.isdigit():
                break
            digits += ch
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def known_crash(pyside_version: str, python_version: tuple[int, int] | None = None) -> str | None:
    """A message if this combination is known to crash, else None."""
    py = python_version or sys.version_info[:2]
    qt = parse_version(pyside_version)
    if py < (3, 12) and qt[:2] == (6, 12):
        return (
            f"PySide6 {pyside_version} on Python {py[0]}.{py[1]} is known to crash after some "
            "minutes of drawing (it loses a reference to None on every repaint). "
            f"Install a safe version with:  pip install \"{SAFE_ON_PY311}\"  "
            "or run lpdesk on Python 3.12 or newer.")
    return None


def current_problem() -> str | None:
    import PySide6
    return known_crash(PySide6.__version__)
