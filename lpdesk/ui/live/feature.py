"""Room > Let participants join from phones: the action and toolbar button, the join panel
(a dock), the join slide on the room's screen, and stopping when the session goes (New,
Open, Close) or the app quits. `install(window)` adds it to a MainWindow.

Start-up stays light: this module needs only Qt; the server (aiohttp), the QR code (segno),
the protocol and the panel load the first time the facilitator turns the feature on.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QScrollArea, QToolButton
from shiboken6 import isValid

from lpdesk.ui.base.after_paint import after_first_paint

if TYPE_CHECKING:
    from lpdesk.ui.base.contracts import FeatureWindow
    from lpdesk.ui.live.controller import LiveController
    from lpdesk.ui.live.panel import JoinPanel


WIDE_WINDOW = 1400  # narrower windows get the Phones panel as a tab beside the agenda


class LiveFeature(QObject):
    def __init__(self, window: FeatureWindow) -> None:
        super().__init__(window)
        self.main = window
        self.controller: LiveController | None = None
        self.panel: JoinPanel | None = None
        self.dock: QDockWidget | None = None
        self.addresses: list = []
        tr = window.tr
        self.action = QAction(tr("Let participants join from &phones"), window)
        self.action.setIconText(tr("Phones"))
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+J"))
        tip = tr("Participants place themselves from their own phones over this network")
        self.action.setToolTip(tip + " (" + self.action.shortcut().toString(
            QKeySequence.SequenceFormat.NativeText) + ")")
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self.toggle)
        window.addAction(self.action)
        self.slide_action = QAction(tr("Show how to &join on the room's screen"), window)
        self.slide_action.setCheckable(True)
        self.slide_action.setEnabled(False)
        self.slide_action.setStatusTip(tr("The QR code, the address and the room code on the "
                                          "projector"))
        self.slide_action.toggled.connect(self.show_join_slide)
        window.addAction(self.slide_action)
        workshop = window.workshop
        workshop.room_menu.addSeparator()
        workshop.room_menu.addActions([self.action, self.slide_action])
        workshop.toolbar.addSeparator()
        # An icon-only button (the words are in its tool tip): the room toolbar keeps its
        # words on a 1280 px screen (ui/style/icons.fit_toolbar measures it with words).
        self.button = QToolButton(workshop.toolbar)
        self.button.setDefaultAction(self.action)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.button.setAccessibleName(tr("Let participants join from phones"))
        workshop.toolbar.addWidget(self.button)
        after_first_paint(window, self._draw_icon)
        window.document_changed.connect(self._document_changed)
        window.page_changed.connect(self._page_changed)
        window.workshop.display.changed.connect(lambda: self._page_changed(None))  # breaks
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def _draw_icon(self) -> None:
        from lpdesk.ui.style.icons import themed_icon
        from lpdesk.ui.style.theme import follow_theme

        self.action.setIcon(themed_icon("phones"))
        if not getattr(self, "_following_theme", False):
            self._following_theme = True
            follow_theme(self, lambda *_: self._draw_icon())

    # -- turning it on and off ------------------------------------------------------------
    def toggle(self, checked: bool | None = None) -> None:
        """The action (its new checked state), or a plain toggle with no argument."""
        if (not self.running) if checked is None else checked:
            self.start()
        else:
            self.stop()

    @property
    def running(self) -> bool:
        return self.controller is not None and self.controller.running

    def _ensure(self) -> LiveController:
        if self.controller is None:
            from lpdesk.ui.live.controller import LiveController
            from lpdesk.ui.live.panel import JoinPanel

            self.controller = LiveController(self.main.doc, self)
            self.controller.set_activity(self._activity())
            self.controller.activities.note_arrived.connect(  # a comment from a phone
                lambda text: self.main.statusBar().showMessage(text, 8000))
            self._follow_undo(self.main.doc.undo_stack)
            self.panel = JoinPanel(self.controller)
            self.panel.address_chosen.connect(self.start)
            self.panel.look_again.connect(lambda: self.start())
            self.panel.slide.toggled.connect(self.slide_action.setChecked)
            self.slide_action.toggled.connect(self._sync_slide_box)
            self.dock = QDockWidget(self.main.tr("Phones"), self.main)
            self.dock.setObjectName("PhonesDock")
            scroll = QScrollArea()  # a short screen scrolls the panel, never the window
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(self.panel)
            self.dock.setWidget(scroll)
            self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                  | QDockWidget.DockWidgetFeature.DockWidgetClosable)
            if self.main.width() >= WIDE_WINDOW:
                self.main.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            else:  # a laptop screen: a tab beside the agenda rather than a third column
                self.main.tabifyDockWidget(self.main.workshop.agenda_dock, self.dock)
            self.main.workshop.panels_menu.addAction(self.dock.toggleViewAction())
        return self.controller

    def _follow_undo(self, stack) -> None:
        """Say so when Ctrl+Z had nothing to take back because a participant moved the
        marker from their phone since (the step leaves the history; the vote stays)."""
        last = {"index": stack.index(), "count": stack.count()}

        def changed(index: int) -> None:
            if not isValid(stack) or not isValid(self):  # the stack is being destroyed
                return
            if index < last["index"] and stack.count() < last["count"]:
                self.main.statusBar().showMessage(self.main.tr(
                    "Undo: that marker was moved from a phone since, so it stays where the "
                    "participant put it."), 8000)
            last["index"], last["count"] = index, stack.count()

        stack.indexChanged.connect(changed)

    def _sync_slide_box(self, on: bool) -> None:
        if self.panel is not None and self.panel.slide.isChecked() != on:
            self.panel.slide.setChecked(on)

    def start(self, address: str | None = None) -> bool:
        """Listen on `address` (default: the one chosen before, or the likeliest)."""
        from lpdesk.live.network import local_addresses

        controller = self._ensure()
        assert self.panel is not None and self.dock is not None
        self.addresses = local_addresses()
        ips = [a.ip for a in self.addresses]
        previous = controller.server.address if controller.server else None
        if address is None or address not in ips + ["127.0.0.1"]:
            address = previous if previous in ips else (ips[0] if ips else None)
        self.panel.set_addresses(self.addresses, address)
        self.dock.show()
        self.dock.raise_()
        if address is None:
            controller.stop()
            self._update()
            self.main.statusBar().showMessage(self.main.tr("No network for phones: see the "
                                                           "Phones panel"), 8000)
            return False
        try:
            url = controller.start(address)
        except OSError as exc:
            self._update()
            self.main.statusBar().showMessage(
                self.main.tr("Phones cannot join on %s: %s") % (address, exc.strerror or exc),
                10000)
            return False
        self._update()
        self.main.statusBar().showMessage(self.main.tr("Phones can join at %s") % url, 8000)
        return True

    def stop(self) -> None:
        # also when the server already ended on its own: stop() gives garbage collection
        # back to Python (it is held on the GUI thread while a server exists)
        if self.controller is not None:
            self.controller.stop()
        self.slide_action.setChecked(False)
        self._update()

    def show_join_slide(self, on: bool) -> None:
        display = self.main.workshop.display
        if on and self.controller is not None:
            controller = self.controller

            def make(parent):
                from lpdesk.ui.live.join_slide import JoinSlide
                return JoinSlide(controller, parent)

            display.show_slide(make)
        else:
            display.show_slide(None)

    def _update(self) -> None:
        on = self.running
        if self.action.isChecked() != on:
            self.action.setChecked(on)
        self.slide_action.setEnabled(on)
        if self.panel is not None:
            self.panel.refresh()

    # -- following the window ---------------------------------------------------------------
    def _activity(self) -> str:
        if self.main.workshop.display.on_break:  # phones show the break, not the activity
            return "break"
        item_id = self.main.current_item_id()
        doc = self.main.doc
        try:
            return doc.session.agenda.item(item_id).kind if item_id else "waiting"
        except KeyError:
            return "waiting"

    def _page_changed(self, item_id) -> None:
        if item_id is not None and item_id in getattr(self.main, "pages", {}):
            from lpdesk.ui.live.desk import attach  # the quiz and matrix controls for phones
            attach(self, self.main.pages[item_id])
        if self.controller is not None:
            self.controller.set_activity(self._activity())

    def _document_changed(self, doc) -> None:
        """Another session (New, Open, Close): phones of the old one are disconnected."""
        if self.controller is None:
            return
        self.stop()
        self.controller.close()
        if self.dock is not None:
            self.main.removeDockWidget(self.dock)
            self.main.workshop.panels_menu.removeAction(self.dock.toggleViewAction())
            self.dock.deleteLater()
        self.controller.deleteLater()
        self.controller = self.panel = self.dock = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.main and event.type() == QEvent.Type.Close:
            # closeEvent may still refuse; with `self` as context the call is dropped if the
            # window (and this, its child) is deleted first
            QTimer.singleShot(0, self, self._main_window_closed)
        return False

    def _main_window_closed(self) -> None:
        if not self.main.isVisible():
            self.stop()


def install(window: FeatureWindow) -> LiveFeature:
    """The second feature: needs `window.workshop` (ui/base/contracts.py)."""
    return LiveFeature(window)
