"""lpdesk's own action icons (resources/icons/actions/*.svg), drawn in the theme's text
colour so they stay legible in high contrast, and put on the actions of the menus and
toolbars. The SVGs use `currentColor`; here it becomes the theme's text colour and each
icon is rendered to a few crisp sizes (QIcon derives the disabled look from them).

Loaded right after the first paint (the main window asks for it), so start-up does not wait
for thirty SVG renders; a theme change draws them again in the new colours."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from lpdesk.content import resources_dir

SIZES = (16, 20, 24, 32, 48)


def icon_names() -> list[str]:
    return sorted(p.stem for p in (resources_dir() / "icons" / "actions").glob("*.svg"))


@lru_cache(maxsize=128)
def icon(name: str, colour: str) -> QIcon:
    """The icon `name` drawn in `colour`; a null QIcon if there is no such file (an edited
    or missing resource never stops the app)."""
    from PySide6.QtSvg import QSvgRenderer

    path = resources_dir() / "icons" / "actions" / f"{name}.svg"
    try:
        svg = path.read_text(encoding="utf-8").replace("currentColor", colour)
    except OSError:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        return QIcon()
    result = QIcon()
    for size in SIZES:
        for ratio in (1.0, 2.0):
            pixmap = QPixmap(int(size * ratio), int(size * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.end()
            result.addPixmap(pixmap)
    return result


def themed_icon(name: str) -> QIcon:
    from lpdesk.ui.style.theme import theme
    return icon(name, theme().text)


def set_icons(owner: object, names: dict[str, str]) -> None:
    """Give `owner`'s actions (attribute name -> icon name) their icons in the theme's
    colour; attributes that are missing or not actions are passed over."""
    from PySide6.QtGui import QAction

    for attribute, name in names.items():
        action = getattr(owner, attribute, None)
        if isinstance(action, QAction):
            action.setIcon(themed_icon(name))


def name_overflow_button(bar) -> None:
    """A toolbar too narrow for its buttons shows Qt's own "»" button: give it a name a
    screen reader can say (it has only an arrow)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QToolButton

    button = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    if button is not None:
        button.setAccessibleName(QCoreApplication.translate("Toolbar", "More tools"))


def fit_toolbar(bar, width: int) -> None:
    """Icons and words where they fit in `width`, icons alone when not (the words stay in
    the tool tips and for screen readers), so no button hides behind "»". Icons as tall
    as the text, so the bar is no taller than it was with words alone."""
    from PySide6.QtCore import QSize, Qt

    side = max(16, round(bar.fontMetrics().height()))
    if bar.iconSize() != QSize(side, side):
        bar.setIconSize(QSize(side, side))

    wide = bar.property("lpdesk_wide_width")
    if not wide:
        style = bar.toolButtonStyle()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        wide = bar.sizeHint().width()
        bar.setProperty("lpdesk_wide_width", wide)
        bar.setToolButtonStyle(style)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon if wide <= width
                           else Qt.ToolButtonStyle.ToolButtonIconOnly)


def refit_toolbar(bar, width: int) -> None:
    """As fit_toolbar, measuring again (new icons, a new font)."""
    bar.setProperty("lpdesk_wide_width", 0)
    fit_toolbar(bar, width)
