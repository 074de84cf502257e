"""lpdesk's own action icons (resources/icons/actions/*.svg), drawn in the theme's text
colour so they stay legible in high contrast, and put on the actions of the menus and
toolbars. The SVGs use `currentColor`; here it becomes the theme's text colour.

Each icon is drawn when it is first shown, at the size it is shown (the toolbar's, a
menu's, the start page's) and the screen's pixel ratio, then kept (`_SvgEngine`): a new
window's thirty icons used to be rendered at five sizes and two ratios each (~300
renders, 40-70 ms on the GUI thread right after the first paint) whether or not a menu
was ever opened. Put on the actions right after the first paint (the main window asks for
it); a theme change draws them again in the new colours."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap

from lpdesk.content import resources_dir


def icon_names() -> list[str]:
    return sorted(p.stem for p in (resources_dir() / "icons" / "actions").glob("*.svg"))


_ENGINES: list[QIconEngine] = []  # one per icon and colour in use (and per clone)


class _SvgEngine(QIconEngine):
    """An SVG icon drawn at each size (in device pixels) and mode the first time Qt asks
    for it, then kept. Clones (Qt makes one when a copy of the icon is changed) share what
    is drawn. The disabled and selected looks are the style's, as for any pixmap icon."""

    def __init__(self, svg: bytes, drawn: dict | None = None) -> None:
        super().__init__()
        self._svg = svg  # parsed with the first drawing: most icons wait in closed menus
        self._renderer = None
        self._drawn: dict = {} if drawn is None else drawn  # (w, h, mode) -> QPixmap
        # The icon owns it in C++, but Python must keep the object its drawing lives in
        # (without this reference the app crashed on the first paint); those of icons gone
        # (a theme change, then the old ones dropped) are let go here.
        from shiboken6 import isValid
        _ENGINES[:] = [engine for engine in _ENGINES if isValid(engine)]
        _ENGINES.append(self)

    def _draw(self, size: QSize, mode: QIcon.Mode) -> QPixmap:
        key = (size.width(), size.height(), mode)
        pixmap = self._drawn.get(key)
        if pixmap is None:
            if mode in (QIcon.Mode.Normal, QIcon.Mode.Active):
                if self._renderer is None:
                    from PySide6.QtSvg import QSvgRenderer
                    self._renderer = QSvgRenderer(QByteArray(self._svg))
                pixmap = QPixmap(size)
                pixmap.fill(Qt.GlobalColor.transparent)
                if self._renderer.isValid():  # a broken file: an empty icon, never a crash
                    painter = QPainter(pixmap)
                    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                    self._renderer.render(painter)
                    painter.end()
            else:  # disabled, selected: derived from the normal look, as Qt does
                from PySide6.QtWidgets import QApplication, QStyleOption
                pixmap = QApplication.style().generatedIconPixmap(
                    mode, self._draw(size, QIcon.Mode.Normal), QStyleOption())
            self._drawn[key] = pixmap
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return QPixmap(self._draw(size, mode))  # a copy: Qt may set its pixel ratio

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,  # noqa: N802
                     scale: float) -> QPixmap:
        pixmap = QPixmap(self._draw(QSize(round(size.width() * scale),
                                          round(size.height() * scale)), mode))
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = QPixmap(self._draw(QSize(round(rect.width() * ratio),
                                          round(rect.height() * ratio)), mode))
        pixmap.setDevicePixelRatio(ratio)
        painter.drawPixmap(rect, pixmap)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802
        return size  # a drawing: any size is its own

    def clone(self) -> QIconEngine:
        return _SvgEngine(self._svg, self._drawn)

    def key(self) -> str:
        return "lpdesk-svg"


@lru_cache(maxsize=128)
def icon(name: str, colour: str) -> QIcon:
    """The icon `name` drawn in `colour` (drawn when first shown, at the size shown); a null
    QIcon if there is no such file, an empty one if it is not a drawing (an edited or
    missing resource never stops the app)."""
    path = resources_dir() / "icons" / "actions" / f"{name}.svg"
    try:
        svg = path.read_text(encoding="utf-8").replace("currentColor", colour)
    except OSError:
        return QIcon()
    return QIcon(_SvgEngine(svg.encode("utf-8")))


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
