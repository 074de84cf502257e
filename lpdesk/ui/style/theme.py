"""Colours and sizes shared by every view, so themes (normal, projector high contrast) and
presentation scaling change one place. Views read `theme()` and listen to `theme_changed`.

`apply_theme` also gives the whole application the theme's palette (Fusion style, so every
platform honours it, with visible frames and focus rings: see frame_style.py) and a base
font large enough to read from the back of a room. Deliberately no application style
sheet: any app-wide style sheet stops setFont() from reaching child widgets, and
presentation scaling relies on exactly that.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from lpdesk import settings


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
    on_accent: str = "#FFFFFF"  # text on an accent fill (selection, highlighted buttons)
    min_text_contrast: float = 4.5  # WCAG ratio every text colour keeps on every background


NORMAL = Theme(
    name="normal", background="#FFFFFF", surface="#F3F5F8", text="#1B1F24",
    muted_text="#4A5360", accent="#0B5CAD", now="#0B5CAD", target="#B34700",
    consensus="#111111", stage_fills=("#E3ECF7", "#E6F2EA", "#FBF1DC", "#F5E4EE"),
    grid="#6E7785", match="#1A6E2E", mismatch="#B3261E",
)

# Light text on black: survives a washed-out projector and keeps every text colour at
# 7:1 or better (WCAG AAA) on every background, stage bands included.
HIGH_CONTRAST = Theme(
    name="high_contrast", background="#000000", surface="#161616", text="#FFFFFF",
    muted_text="#D6D6D6", accent="#FFD60A", now="#6CCBFF", target="#FFAE5C",
    consensus="#FFFFFF", stage_fills=("#0B2238", "#0A2E1C", "#2E2300", "#33102A"),
    grid="#A6A6A6", match="#7CE8A2", mismatch="#FFA3A3",
    on_accent="#000000", min_text_contrast=7.0,
)

THEMES: dict[str, Theme] = {t.name: t for t in (NORMAL, HIGH_CONTRAST)}
TEXT_ROLES = ("text", "muted_text", "accent", "now", "target", "consensus", "match",
              "mismatch")
BASE_POINT_SIZE = 11.0  # the app's base font: legible on a projector, fine on a laptop
SETTINGS_KEY = settings.THEME.key


class _ThemeState(QObject):
    theme_changed = Signal(object)
    zoom_changed = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self.theme = NORMAL
        # font_scale = zoom (View > Zoom, the facilitator's choice) x room (presentation
        # mode's growth with the projector); see zoom.py
        self.zoom = 1.0
        self.room = 1.0


_state: _ThemeState | None = None


def theme_state() -> _ThemeState:
    global _state
    if _state is None:
        _state = _ThemeState()
    return _state


def theme() -> Theme:
    return theme_state().theme


def follow_theme(owner: QObject, handler) -> None:
    """Call `handler(theme)` on every theme change for as long as `owner` lives. Use it for
    lambdas: Qt disconnects bound methods of a dead QObject by itself, not lambdas that
    merely mention one, and a later theme change would then reach a deleted widget."""
    state = theme_state()
    state.theme_changed.connect(handler)

    def forget(*_args) -> None:
        # At interpreter exit the theme state may already be gone: nothing to disconnect.
        if isValid(state):
            try:
                state.theme_changed.disconnect(handler)
            except (RuntimeError, TypeError):
                pass

    owner.destroyed.connect(forget)


def set_theme(new: Theme) -> None:
    state = theme_state()
    if new != state.theme:
        state.theme = new
        state.theme_changed.emit(new)


def set_sheet(widget, sheet: str) -> None:
    """Set `widget`'s style sheet only when it changed: every setStyleSheet re-polishes the
    widget and its children (milliseconds on a page), even when the text is the same."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def scaled(t: Theme, factor: float) -> Theme:
    return replace(t, font_scale=factor)


# -- contrast (WCAG 2) -------------------------------------------------------------------
def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of '#RRGGBB'."""
    h = colour.lstrip("#")
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """1 (same) to 21 (black on white); WCAG asks 4.5 for text, 7 for AAA."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def background_roles(t: Theme) -> dict[str, str]:
    """Every colour text may sit on: the window, panels and the continuum's stage bands."""
    roles = {"background": t.background, "surface": t.surface}
    roles.update({f"stage_fills[{i}]": c for i, c in enumerate(t.stage_fills)})
    return roles


def text_pairs(t: Theme) -> list[tuple[str, str, float]]:
    """(text role, background role, ratio) for every combination, plus text on accent."""
    pairs = [(role, name, contrast_ratio(getattr(t, role), colour))
             for role in TEXT_ROLES for name, colour in background_roles(t).items()]
    pairs.append(("on_accent", "accent", contrast_ratio(t.on_accent, t.accent)))
    return pairs


# -- applying a theme to the application ----------------------------------------------------
def palette_for(t: Theme):
    """A QPalette in the theme's colours, so plain Qt widgets follow the theme too."""
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    R, G = QPalette.ColorRole, QPalette.ColorGroup  # noqa: N806 (reads like the Qt enums)
    c = {name: QColor(getattr(t, name)) for name in
         ("background", "surface", "text", "muted_text", "accent", "on_accent", "grid")}
    for group in (G.Active, G.Inactive, G.Disabled):
        p.setColor(group, R.Window, c["background"])
        p.setColor(group, R.Base, c["background"])
        p.setColor(group, R.AlternateBase, c["surface"])
        p.setColor(group, R.Button, c["surface"])
        p.setColor(group, R.ToolTipBase, c["surface"])
        p.setColor(group, R.ToolTipText, c["text"])
        p.setColor(group, R.Highlight, c["accent"])
        p.setColor(group, R.HighlightedText, c["on_accent"])
        p.setColor(group, R.Link, c["accent"])
        p.setColor(group, R.PlaceholderText, c["muted_text"])
        p.setColor(group, R.Light, c["surface"].lighter(130))
        p.setColor(group, R.Midlight, c["surface"])
        p.setColor(group, R.Mid, c["grid"])
        p.setColor(group, R.Dark, c["grid"].darker(130))
        p.setColor(group, R.Shadow, QColor("#000000"))
        text = c["grid"] if group == G.Disabled else c["text"]
        for role in (R.WindowText, R.Text, R.ButtonText, R.BrightText):
            p.setColor(group, role, text)
    return p


def apply_theme(app, t: Theme) -> None:
    """Give the whole application `t`: style, palette, base font; then tell every view
    (theme_changed). The presentation scale in force is kept."""
    t = replace(t, font_scale=theme().font_scale)
    if app.property("lpdesk_style") != "fusion":
        from lpdesk.ui.style.frame_style import frame_style
        app.setStyle(frame_style())  # Fusion: honours the palette on every platform
        app.setProperty("lpdesk_style", "fusion")
    app.setPalette(palette_for(t))
    apply_font(app)
    set_theme(t)


def apply_font(app) -> None:
    """The application's base font: at least BASE_POINT_SIZE, times View > Zoom."""
    from PySide6.QtGui import QFont

    font = QFont(app.font())
    base = app.property("lpdesk_base_point")
    if not base:
        base = max(BASE_POINT_SIZE, font.pointSizeF())
        app.setProperty("lpdesk_base_point", base)
    wanted = float(base) * theme_state().zoom
    if abs(font.pointSizeF() - wanted) > 0.01:
        font.setPointSizeF(wanted)
        app.setFont(font)


def saved_theme() -> Theme:
    """The theme the facilitator chose last time (normal on first run)."""
    return THEMES.get(settings.get(settings.THEME), NORMAL)


def choose_theme(app, name: str) -> Theme:
    """Switch to a theme by name and remember the choice."""
    t = THEMES[name]
    apply_theme(app, t)
    settings.put(settings.THEME, name)
    return t
