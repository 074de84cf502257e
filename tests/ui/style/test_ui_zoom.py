"""View > Zoom in / out / reset (Ctrl++, Ctrl+-, Ctrl+0): every page's text and the room's
screen grow and shrink with it, presentation mode multiplies it in, and lpdesk remembers it."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lpdesk.ui.style.theme import NORMAL, apply_theme, theme
from lpdesk.ui.style.zoom import saved_zoom, set_zoom, zoom

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(demo_window):
    apply_theme(QApplication.instance(), NORMAL)  # as the app starts: the base font set
    yield demo_window
    demo_window.workshop.presentation.stop()
    if demo_window.workshop.audience is not None:
        demo_window.workshop.audience.close()
    set_zoom(1.0, remember=False)


def settle():
    for _ in range(3):
        QApplication.processEvents()


def item_id(w, kind):
    return next(i.id for i in w.doc.session.agenda.items if i.kind == kind)


def press(qtbot, window, k, modifier=CTRL):
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(QApplication.focusWidget() or window, k, modifier)
    settle()


def sizes(window):
    """Rendered text sizes (px) on the facilitator's pages."""
    window.show_activity(item_id(window, "matrix"))
    settle()
    matrix = window.pages[item_id(window, "matrix")]
    window.show_activity(item_id(window, "summary"))
    settle()
    summary = window.pages[item_id(window, "summary")]
    window.show_activity(item_id(window, "continuum"))
    settle()
    continuum = window.pages[item_id(window, "continuum")]
    return {"agenda": window.agenda_list.fontInfo().pixelSize(),
            "cards": matrix.scene.layout.card_font.pixelSize(),
            "summary": summary.fontInfo().pixelSize(),
            "continuum names": continuum.plot.name_font.pointSizeF(),
            "area tabs": continuum.tabs.fontInfo().pixelSize()}


def test_zoom_in_and_out_change_the_rendered_text_and_are_remembered(window, qtbot):
    window.resize(1920, 1080)  # room on the board for bigger cards
    normal = sizes(window)
    press(qtbot, window, Qt.Key.Key_Plus)
    assert zoom() > 1.0 and theme().font_scale == pytest.approx(zoom())
    bigger = sizes(window)
    for what in normal:
        if what == "cards":  # the board takes the largest text that fits, zoom or not
            assert bigger[what] >= normal[what]
            continue
        assert bigger[what] > normal[what], f"{what} did not grow"
    assert saved_zoom() == zoom()  # remembered for next time
    press(qtbot, window, Qt.Key.Key_0)
    assert zoom() == 1.0
    assert sizes(window) == normal
    press(qtbot, window, Qt.Key.Key_Minus)
    smaller = sizes(window)
    assert smaller["agenda"] < normal["agenda"]
    assert smaller["summary"] < normal["summary"]


def test_view_menu_offers_zoom(window):
    texts = [a.text() for a in window.view_menu.actions()]
    assert "Zoom &in" in texts and "Zoom &out" in texts and "&Actual size" in texts


def test_zoom_grows_the_rooms_screen_and_presentation_multiplies_it(window, qtbot):
    window.show_activity(item_id(window, "matrix"))
    window.workshop.audience_toggle()
    audience = window.workshop.audience
    audience.resize(1280, 720)
    settle()
    title = audience.view.title.fontInfo().pixelSize()
    cards = audience.view.current_page().scene.layout.card_font.pixelSize()
    set_zoom(1.25)
    settle()
    assert audience.view.title.fontInfo().pixelSize() > title
    assert audience.view.current_page().scene.layout.card_font.pixelSize() > cards
    audience.close()
    pw = window.workshop.presentation.start()
    pw.showNormal()
    pw.resize(1280, 720)
    settle()
    room = pw.view.scale
    assert theme().font_scale == pytest.approx(room * 1.25, abs=0.01)
    press(qtbot, pw, Qt.Key.Key_Plus)  # the keys work in presentation mode
    assert zoom() > 1.25
    assert theme().font_scale == pytest.approx(room * zoom(), abs=0.01)
    pw.close()
    settle()
    assert theme().font_scale == pytest.approx(zoom())  # back to the facilitator's zoom


def test_a_remembered_zoom_is_applied_to_a_new_window(app_settings, qtbot):
    from PySide6.QtCore import QSettings

    from lpdesk.ui.style.zoom import ZOOM_KEY
    from lpdesk.ui.window.main_window import MainWindow

    QSettings().setValue(ZOOM_KEY, 1.4)
    w = MainWindow()
    qtbot.addWidget(w)
    try:
        assert zoom() == 1.4 and theme().font_scale == pytest.approx(1.4)
    finally:
        set_zoom(1.0, remember=False)
    QSettings().setValue(ZOOM_KEY, "nonsense")
    assert saved_zoom() == 1.0


def assert_continuum_names_whole(page, may_elide=False):
    """Area tabs and stage names read in full: no "All lear...", no stage dropped. With
    `may_elide` (the facilitator's narrowest plot) a stage name may end in an ellipsis,
    but every one is still there, inside its band."""
    from PySide6.QtGui import QFontMetrics

    plot = page.plot
    metrics = QFontMetrics(plot.view.stage_font)
    px_per_unit = 1 / plot.view.units_per_px()
    shown = plot.view.stage_names
    stages = plot.content.stages
    assert len(shown) == len(stages)
    for s, label in zip(stages, shown, strict=True):
        if may_elide and label != s.name:
            assert label.endswith("\u2026") and s.name.startswith(label[:-1])
        else:
            assert label == s.name
        # the axis drops a label that would touch its neighbour
        assert metrics.horizontalAdvance(label) <= (s.end - s.start) * px_per_unit * 1.04
    if not page.audience:
        tabs = page.tabs
        metrics = QFontMetrics(tabs.font())
        for i in range(tabs.count()):
            assert metrics.horizontalAdvance(tabs.tabText(i)) < tabs.tabRect(i).width(), \
                f"tab {tabs.tabText(i)!r} is elided"
        assert tabs.tabRect(tabs.count() - 1).right() <= tabs.width()


@pytest.mark.parametrize("t", ["normal", "high_contrast"])
@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (1920, 1080)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
def test_continuum_names_are_whole_on_every_screen(window, qtbot, t, size):
    from lpdesk.ui.style.theme import THEMES

    apply_theme(QApplication.instance(), THEMES[t])
    window.resize(*size)
    window.show_activity(item_id(window, "continuum"))
    settle()
    assert_continuum_names_whole(window.pages[item_id(window, "continuum")],
                                 may_elide=size[0] < 1280)
    pw = window.workshop.presentation.start()
    pw.showNormal()
    pw.resize(*size)
    settle()
    assert_continuum_names_whole(pw.view.current_page())
