"""Themes: every text colour readable on every background, and the app-wide palette."""
import pytest
from PySide6.QtGui import QPalette

from lpdesk.ui.style.theme import (
    BASE_POINT_SIZE,
    HIGH_CONTRAST,
    NORMAL,
    THEMES,
    apply_theme,
    background_roles,
    choose_theme,
    contrast_ratio,
    saved_theme,
    text_pairs,
    theme,
)


@pytest.fixture
def restore_theme(qapp):
    yield
    apply_theme(qapp, NORMAL)


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#FFFFFF", "#767676") == pytest.approx(4.54, abs=0.01)  # WCAG


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_text_colour_is_readable_on_every_background(name):
    t = THEMES[name]
    pairs = text_pairs(t)
    assert len(pairs) >= 8 * 6  # every text role on window, surface and four stage bands
    failing = [(role, bg, round(ratio, 2)) for role, bg, ratio in pairs
               if ratio < t.min_text_contrast]
    assert failing == []


def test_high_contrast_theme_reaches_seven_to_one():
    assert HIGH_CONTRAST.min_text_contrast >= 7.0
    assert min(ratio for _, _, ratio in text_pairs(HIGH_CONTRAST)) >= 7.0


@pytest.mark.parametrize("name", sorted(THEMES))
def test_grid_lines_stand_out_from_backgrounds(name):
    t = THEMES[name]
    for colour in background_roles(t).values():
        assert contrast_ratio(t.grid, colour) >= 3.0  # WCAG non-text contrast


def test_apply_theme_sets_palette_font_and_tells_views(qapp, qtbot, restore_theme):
    from lpdesk.ui.style.theme import theme_state
    with qtbot.waitSignal(theme_state().theme_changed) as signal:
        apply_theme(qapp, HIGH_CONTRAST)
    assert signal.args[0].name == HIGH_CONTRAST.name
    palette = qapp.palette()
    assert palette.color(QPalette.ColorRole.Window).name().upper() == HIGH_CONTRAST.background
    assert palette.color(QPalette.ColorRole.WindowText).name().upper() == HIGH_CONTRAST.text
    assert palette.color(QPalette.ColorRole.Highlight).name().upper() == HIGH_CONTRAST.accent
    assert qapp.font().pointSizeF() >= BASE_POINT_SIZE
    assert qapp.property("lpdesk_style") == "fusion"


def test_themed_app_still_passes_fonts_down(qapp, qtbot, restore_theme):
    """Presentation scaling sets a bigger font on the room's view and relies on Qt handing
    it down to the pages inside (an application style sheet would stop that)."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
    apply_theme(qapp, HIGH_CONTRAST)
    top = QWidget()
    qtbot.addWidget(top)
    inner = QWidget()
    QVBoxLayout(top).addWidget(inner)
    label = QLabel("x")
    QVBoxLayout(inner).addWidget(label)
    top.show()
    qtbot.waitExposed(top)
    big = QFont(top.font())
    big.setPointSizeF(BASE_POINT_SIZE * 2)
    top.setFont(big)
    assert label.font().pointSizeF() == BASE_POINT_SIZE * 2


def test_applying_a_theme_keeps_the_presentation_scale(qapp, restore_theme):
    from lpdesk.ui.style.theme import scaled, set_theme
    set_theme(scaled(NORMAL, 1.5))
    apply_theme(qapp, HIGH_CONTRAST)
    assert theme().font_scale == 1.5 and theme().name == HIGH_CONTRAST.name
    set_theme(scaled(theme(), 1.0))


def test_choice_is_remembered(app_settings, restore_theme):
    assert saved_theme() is NORMAL  # first run
    choose_theme(app_settings, HIGH_CONTRAST.name)
    assert saved_theme() is HIGH_CONTRAST
    choose_theme(app_settings, NORMAL.name)
    assert saved_theme() is NORMAL


def test_follow_theme_stops_when_the_owner_goes(qapp, restore_theme):
    from PySide6.QtCore import QObject

    from lpdesk.ui.style.theme import follow_theme
    owner = QObject()
    seen = []
    follow_theme(owner, lambda t: seen.append(t.name))
    apply_theme(qapp, HIGH_CONTRAST)
    owner.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    apply_theme(qapp, NORMAL)
    assert seen == [HIGH_CONTRAST.name]


def _seen(image, rect, background: str) -> bool:
    """Some pixel in `rect` stands out from `background` (WCAG 3:1, non-text contrast)."""
    return any(contrast_ratio(image.pixelColor(x, y).name(), background) >= 3.0
               for x in range(max(0, rect.left()), min(image.width(), rect.right() + 1))
               for y in range(max(0, rect.top()), min(image.height(), rect.bottom() + 1)))


@pytest.mark.parametrize("name", ["normal", "high_contrast"])
def test_check_boxes_and_spin_boxes_are_seen_in_every_theme(qapp, qtbot, restore_theme, name):
    """High contrast: 'Place by groups' had an invisible box, spin boxes no border."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QStyle, QStyleOptionButton

    t = THEMES[name]
    apply_theme(qapp, t)
    box = QCheckBox("Place by groups")
    spin = QDoubleSpinBox()
    for widget in (box, spin):
        qtbot.addWidget(widget)
        widget.resize(widget.sizeHint().expandedTo(widget.minimumSizeHint()))
        widget.show()
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    assert _seen(box.grab().toImage(), indicator, t.background), "the check box is invisible"
    image = spin.grab().toImage()
    middle = image.height() // 2
    left_edge = QRect(0, middle - 2, 3, 5)
    bottom_edge = QRect(image.width() // 4, image.height() - 3, 4, 3)
    assert _seen(image, left_edge, t.background), "the spin box has no left border"
    assert _seen(image, bottom_edge, t.background), "the spin box has no bottom border"
