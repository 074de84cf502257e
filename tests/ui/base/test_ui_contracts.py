"""The written contracts (ui/base/contracts.py): each page has the optional room parts it
claims, the real main window is what features are typed against, and the helpers that
replaced `hasattr` probing treat a page without a part as before."""
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.base import contracts
from lpdesk.ui.base.pages import PAGES


def members(protocol) -> set[str]:
    """A protocol's declared names (its annotations and its methods)."""
    names = set(getattr(protocol, "__annotations__", {}))
    names |= {n for n, v in vars(protocol).items() if callable(v) and not n.startswith("_")}
    return names


# which optional room parts each page has (presentation mode relies on exactly these)
EXPECTED = {
    "setup": set(),
    "continuum": {"InteractivePage", "HasRoomActions", "TakesRoomKeys", "ShowsPlacing"},
    "quiz": {"HasRoomActions", "TakesRoomKeys"},  # W: who answers (projector)
    "matrix": {"InteractivePage", "HasRoomActions", "TakesRoomKeys"},
    # reviews notes from phones in presentation mode (projector)
    "summary": {"InteractivePage", "HasRoomActions", "TakesRoomKeys", "ShowsPlacing"},
}
OPTIONAL = (contracts.InteractivePage, contracts.HasRoomActions, contracts.TakesRoomKeys,
            contracts.ShowsPlacing)


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_each_page_has_the_room_parts_it_claims(qtbot, app_settings, kind):
    doc = SessionDocument(demo_session())
    page = PAGES[kind].create(doc, None, audience=True)
    qtbot.addWidget(page)
    assert {p.__name__ for p in OPTIONAL if isinstance(page, p)} == EXPECTED[kind]
    contracts.make_interactive(page)  # what the room's view does in presentation mode
    assert all(a is not None for a in contracts.room_actions(page))
    assert isinstance(contracts.placing_text(page), str)


def test_a_page_without_room_parts_is_left_alone(qtbot):
    page = QWidget()
    qtbot.addWidget(page)
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    contracts.make_interactive(page)
    assert contracts.room_actions(page) == [] and contracts.placing_text(page) == ""
    assert contracts.placing_signal(page) is None
    assert not contracts.takes_room_keys(page) and contracts.room_key(page, key) is False


def test_the_main_window_is_what_features_are_typed_against(demo_window):
    missing = [n for n in members(contracts.FeatureWindow) if not hasattr(demo_window, n)]
    assert not missing, missing
    parts = [n for n in members(contracts.WorkshopParts)
             if getattr(demo_window.workshop, n, None) is None]
    assert not parts, parts
    # installed in the documented order: each feature's object is a child of the window
    # made after the ones it relies on
    children = demo_window.children()
    order = [children.index(f) for f in (demo_window.workshop, demo_window.live,
                                         demo_window.help)]
    assert order == sorted(order)
