"""Colours and sizes shared by every view, so themes (normal, projector high contrast) and
presentation scaling change one place. Views read `theme()` and listen to `theme_changed`."""
from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    surface: str
    text: str
    muted_text: str
    accent: str
    now: str  # colour of 'now' markers and statistics
    target: str  # colour of 'target' markers and statistics
    consensus: str
    stage_fills: tuple[str, ...]
    grid: str
    match: str
    mismatch: str
    font_scale: float = 1.0  # presentation mode scales fonts and markers up


NORMAL = Theme(
    name="normal", background="#FFFFFF", surface="#F3F5F8", text="#1B1F24",
    muted_text="#4A5360", accent="#0B5CAD", now="#0B5CAD", target="#B34700",
    consensus="#111111", stage_fills=("#E3ECF7", "#E6F2EA", "#FBF1DC", "#F5E4EE"),
    grid="#8A94A3", match="#1E7B34", mismatch="#B3261E",
)


class _ThemeState(QObject):
    theme_changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.theme = NORMAL


_state: _ThemeState | None = None


def theme_state() -> _ThemeState:
    global _state
    if _state is None:
        _state = _ThemeState()
    return _state


def theme() -> Theme:
    return theme_state().theme


def set_theme(new: Theme) -> None:
    state = theme_state()
    if new != state.theme:
        state.theme = new
        state.theme_changed.emit(new)


def scaled(t: Theme, factor: float) -> Theme:
    return replace(t, font_scale=factor)
