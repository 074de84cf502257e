"""View > Zoom in / out / reset (Ctrl++, Ctrl+-, Ctrl+0), remembered between sessions: the
facilitator makes every page and the room's screen bigger for a large room (or smaller
for a small laptop screen).

The zoom multiplies the application's base font and the theme's `font_scale`, which the
pages already follow (boards, continuum, quiz). Presentation mode multiplies in its own
growth with the projector (`set_room_factor`), so the two never fight: font_scale is
always zoom x room.
"""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from lpdesk import settings
from lpdesk.ui.style.theme import apply_font, scaled, set_theme, theme, theme_state

ZOOM_KEY = settings.ZOOM.key
STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)


def zoom() -> float:
    return theme_state().zoom


def room_factor() -> float:
    return theme_state().room


def _apply() -> None:
    state = theme_state()
    app = QApplication.instance()
    if app is not None:
        apply_font(app)
    set_theme(scaled(theme(), round(state.zoom * state.room, 3)))


def set_zoom(factor: float, remember: bool = True) -> float:
    """Zoom every page to `factor` (1 = normal), within STEPS' range."""
    factor = round(max(STEPS[0], min(STEPS[-1], float(factor))), 3)
    state = theme_state()
    if remember:
        settings.put(settings.ZOOM, factor)
    if factor != state.zoom:
        state.zoom = factor
        _apply()
        state.zoom_changed.emit(factor)
    return factor


def zoom_in() -> float:
    bigger = [s for s in STEPS if s > zoom() + 1e-6]
    return set_zoom(bigger[0] if bigger else STEPS[-1])


def zoom_out() -> float:
    smaller = [s for s in STEPS if s < zoom() - 1e-6]
    return set_zoom(smaller[-1] if smaller else STEPS[0])


def zoom_reset() -> float:
    return set_zoom(1.0)


def saved_zoom() -> float:
    """The zoom the facilitator chose last time (1 on first run, or if unreadable)."""
    return settings.get(settings.ZOOM)


def set_room_factor(factor: float) -> None:
    """Presentation mode: the room's screen grows with the projector (1 when it ends)."""
    state = theme_state()
    if factor != state.room:
        state.room = factor
        _apply()
