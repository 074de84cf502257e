"""The written contracts between the main window, the activity pages and the features
installed on the window: what each side may count on, so nobody has to read the other's
code to know (docs/architecture.md, "Contracts", tells the same in words).

Pages. Every page class is an `ActivityPageClass`: made as `cls(document, parent=None,
audience=False)`, registered in ui/base/pages.py. In presentation mode the room's pages are
made interactive; a page takes part in that through the optional protocols below, each
checked with `isinstance` (they are `runtime_checkable`) by the helpers at the end, never by
probing names with `hasattr`:
- `InteractivePage.set_interactive(on)`: take the facilitator's keys and mouse on the
  room's screen;
- `HasRoomActions.room_actions()`: the actions the facilitator bar shows for this page;
- `TakesRoomKeys.room_key(event)`: keys no widget took (True when used);
- `ShowsPlacing.placing_text()` and its `placing_changed` signal: whose marker the keys
  move, shown on the facilitator bar.

Features. A feature is a function `install(window: FeatureWindow) -> object` that adds
menus, actions, docks and listeners to the main window and returns the object holding
them (kept on the window under a name). They run in this order (MainWindow.__init__), each
relying only on what the ones before it made:
1. `ui/window/workshop.install` -> `window.workshop` (a `WorkshopParts`): the Room menu,
   the room toolbar, the agenda dock, View > Panels, the room's display state;
2. `ui/live/feature.install` -> `window.live`: adds its action to the Room menu, its dock
   tabbed with the agenda dock and listed in View > Panels, and follows the display;
3. `ui/window/help.install` -> `window.help`: last, because it puts icons on every action
   the others made and adds the Help menu entries.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction, QKeyEvent
    from PySide6.QtWidgets import QDockWidget, QMenu, QStatusBar, QToolBar, QWidget

    from lpdesk.document import SessionDocument


# -- pages -------------------------------------------------------------------------------
class ActivityPageClass(Protocol):
    """A page class as the registry calls it."""

    def __call__(self, document: SessionDocument, parent: QWidget | None = None, *,
                 audience: bool = False) -> QWidget: ...


@runtime_checkable
class InteractivePage(Protocol):
    def set_interactive(self, on: bool) -> None: ...


@runtime_checkable
class HasRoomActions(Protocol):
    def room_actions(self) -> list[QAction]: ...


@runtime_checkable
class TakesRoomKeys(Protocol):
    def room_key(self, event: QKeyEvent) -> bool: ...


@runtime_checkable
class ShowsPlacing(Protocol):
    placing_changed: SignalInstance

    def placing_text(self) -> str: ...


@runtime_checkable
class OpensQuizOnPhones(Protocol):
    """The quiz page in presentation mode: 'Everyone, on phones' from the facilitator bar
    needs the window's phones feature (None when the window has none)."""

    def set_phones_opener(self, opener: Callable[..., object] | None) -> None: ...


def set_phones_opener(page: object, opener: Callable[..., object] | None) -> None:
    if isinstance(page, OpensQuizOnPhones):
        page.set_phones_opener(opener)


def make_interactive(page: object) -> None:
    if isinstance(page, InteractivePage):
        page.set_interactive(True)


def room_actions(page: object) -> list[QAction]:
    return page.room_actions() if isinstance(page, HasRoomActions) else []


def takes_room_keys(page: object) -> bool:
    return isinstance(page, TakesRoomKeys)


def room_key(page: object, event: QKeyEvent) -> bool:
    return isinstance(page, TakesRoomKeys) and page.room_key(event)


def placing_text(page: object) -> str:
    return page.placing_text() if isinstance(page, ShowsPlacing) else ""


def placing_signal(page: object) -> SignalInstance | None:
    return page.placing_changed if isinstance(page, ShowsPlacing) else None


# -- features ----------------------------------------------------------------------------
class WorkshopParts(Protocol):
    """What the first feature (ui/window/workshop.py) makes for the later ones to add to."""

    room_menu: QMenu
    panels_menu: QMenu
    toolbar: QToolBar
    agenda_dock: QDockWidget
    display: object  # ui/room/state.RoomDisplay: blank, break, timer; `changed` signal


class FeatureWindow(Protocol):
    """The main window as a feature sees it (MainWindow is one): the document, the page
    shown, the signals to follow, and, once the workshop feature is in, its parts."""

    doc: SessionDocument | None
    document_changed: SignalInstance  # a new SessionDocument
    page_changed: SignalInstance  # the agenda item id shown
    workshop: WorkshopParts
    pages: dict[str, QWidget]  # agenda item id -> its page, once made

    def current_item_id(self) -> str | None: ...

    # and these of its QMainWindow (Qt's names)
    def statusBar(self) -> QStatusBar: ...  # noqa: N802
    def addAction(self, action: QAction) -> None: ...  # noqa: N802
    def addDockWidget(self, area: object, dock: QDockWidget) -> None: ...  # noqa: N802
    def removeDockWidget(self, dock: QDockWidget) -> None: ...  # noqa: N802
    def tabifyDockWidget(self, first: QDockWidget, second: QDockWidget) -> None: ...  # noqa: N802
    def installEventFilter(self, watcher: object) -> None: ...  # noqa: N802
    def isVisible(self) -> bool: ...  # noqa: N802
    def width(self) -> int: ...
    def tr(self, text: str) -> str: ...


Install = Callable[[FeatureWindow], object]  # a feature's `install(window)`
