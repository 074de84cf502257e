"""Running the workshop in the room: presentation mode, the audience window, blank and
break slides, the timer, the agenda and notes panels, and quick capture of comments and
actions. `install(window)` adds all of it to a MainWindow (menus, toolbar, docks), so the
main window itself stays about sessions and navigation."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QToolBar,
    QToolButton,
)

from lpdesk.model.timer import PRESET_MINUTES, TimerSnapshot
from lpdesk.ui.room.state import RoomDisplay
from lpdesk.ui.room.timer import TimerDisplay
from lpdesk.ui.style.actions import make_action
from lpdesk.ui.style.theme import HIGH_CONTRAST, NORMAL, choose_theme, theme, theme_state
from lpdesk.ui.window.agenda_panel import AgendaActions, AgendaPanel
from lpdesk.ui.window.notes_panel import NotesPanel
from lpdesk.ui.window.room_time import RoomTime
from lpdesk.ui.window.zoom_menu import make_zoom_actions

if TYPE_CHECKING:  # loaded when first used: start-up only builds the toolbar and docks
    from lpdesk.ui.room.audience_window import AudienceWindow
    from lpdesk.ui.room.presentation import Presentation
    from lpdesk.ui.window.main_window import MainWindow


class Workshop(RoomTime, QObject):
    """Presentation, the audience window, menus, toolbar, docks and capture; blank, break
    and the timer are in `RoomTime` (ui/window/room_time.py)."""
    def __init__(self, window) -> None:
        super().__init__(window)
        self.main = window
        self.display = RoomDisplay(parent=self)
        self.audience: AudienceWindow | None = None
        self.agenda_actions = AgendaActions(window)
        self._make_actions()
        self._presentation: Presentation | None = None
        self._make_docks()
        self._make_menus()
        self._make_toolbar()
        self._timers: dict[str, TimerSnapshot] = {}  # agenda item id -> its timer, put aside
        self._timer_item: str | None = None  # the agenda item the timer now belongs to
        window.page_changed.connect(self._page_changed)
        window.document_changed.connect(self._document_changed)
        self.display.changed.connect(self._display_changed)
        self.display.timer_finished.connect(self._time_is_up)
        theme_state().theme_changed.connect(self._theme_changed)
        self._page_changed(window.current_item_id())
        self._room_views_changed()
        self._theme_changed(theme())
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.main and event.type() == QEvent.Type.Close:
            # closeEvent may still refuse (unsaved changes): look once it has decided
            QTimer.singleShot(0, self, self._main_window_closed)  # dropped if deleted first
        return False

    def _main_window_closed(self) -> None:
        """The room's windows go with the facilitator's window (and the app can quit)."""
        if not self.main.isVisible():
            if self._presentation is not None:
                self._presentation.stop()
            if self.audience is not None:
                self.audience.close()

    # -- actions -----------------------------------------------------------------------
    def _action(self, text: str, slot: Callable, shortcut=None, tip: str = "",
                checkable: bool = False) -> QAction:
        return make_action(self.main, text, slot, shortcut, tip, checkable=checkable)

    def _make_actions(self) -> None:
        tr = self.main.tr
        self.present_action = self._action(
            tr("&Present"), self.presentation_toggle, Qt.Key.Key_F5,
            tr("Show the current activity full screen for the room; Esc leaves"), True)
        self.audience_action = self._action(
            tr("&Audience window"), self.audience_toggle, "Shift+F5",
            tr("Show the current activity on the projector while you keep this window"),
            True)
        self.blank_action = self._action(
            tr("&Blank the screen"), self.blank_toggle, ["B", "."],
            tr("Black out the room's screen, and bring it back"), True)
        self.break_action = self._action(
            tr("B&reak slide"), self.break_toggle, "Shift+B",
            tr("'Back in 5 minutes' on the room's screen, with a countdown"), True)
        # The toolbar shows this fixed label; the menu's text says how long the break is
        # (a button growing with its label moved every button after it)
        self.break_action.setIconText(tr("Break slide"))
        self.break_for_action = self._action(tr("Break &for..."), self.ask_break,
                                             tip=tr("A break slide of a length you choose"))
        self.timer_toggle_action = self._action(
            tr("&Start / pause timer"), self.timer_toggle, "Ctrl+T",
            tr("Start, pause or resume the activity timer"))
        self.timer_reset_action = self._action(
            tr("&Reset timer"), self.display.timer.reset, "Ctrl+Shift+T",
            tr("Back to the full time, stopped"))
        self.timer_add_action = self._action(
            tr("Add one &minute"), lambda: self.display.timer.add(60), "Ctrl+Alt+T",
            tr("Give the room one more minute"))
        self.timer_planned_action = self._action(
            tr("&Planned time"), self.timer_planned,
            tip=tr("Count down the minutes planned for this activity in the agenda"))
        self.timer_preset_actions = [
            self._action(tr("%s minutes") % (f"&{m}" if m < 10 else f"{m}"),
                         lambda m=m: self.start_timer(m * 60),
                         tip=tr("Start a %d-minute countdown") % m)
            for m in PRESET_MINUTES]
        self.timer_custom_action = self._action(tr("&Custom..."), self.ask_timer,
                                                tip=tr("A countdown of any length"))
        self.timer_hide_action = self._action(tr("&Hide timer"), self.display.timer.clear,
                                              tip=tr("Put the timer away"))
        self.comment_action = self._action(
            tr("Add &comment..."), lambda: self.capture("comment"), "Ctrl+K",
            tr("Note what a participant said, from any activity"))
        self.action_action = self._action(
            tr("Add agreed a&ction..."), lambda: self.capture("action"), "Ctrl+Shift+A",
            tr("Note an action the room agreed, from any activity"))
        self.focus_agenda_action = self._action(
            tr("Go to the a&genda"), lambda: self.focus_panel(self.agenda_dock,
                                                               self.main.agenda_list),
            "Ctrl+1", tr("Put the keyboard in the agenda"))
        self.focus_page_action = self._action(
            tr("Go to the a&ctivity"), self.focus_page, "Ctrl+2",
            tr("Put the keyboard in the activity being shown"))
        self.focus_notes_action = self._action(
            tr("Go to facilitator &notes"), lambda: self.focus_panel(
                self.notes_dock, self.notes_panel.editor),
            "Ctrl+3", tr("Put the keyboard in your notes for this activity"))
        self.zoom_actions = make_zoom_actions(self.main)  # View > Zoom in / out / reset
        self.theme_group = QActionGroup(self)
        self.theme_actions = {}
        for t, text in ((NORMAL, tr("&Normal")), (HIGH_CONTRAST,
                                                   tr("&High contrast (projector)"))):
            action = QAction(text, self.main)
            action.setCheckable(True)
            action.setStatusTip(tr("Switch the colour theme; lpdesk remembers it"))
            action.triggered.connect(lambda _=False, n=t.name: self.choose_theme(n))
            self.theme_group.addAction(action)
            self.theme_actions[t.name] = action

    def room_actions(self) -> list[QAction]:
        """What the facilitator may press while the room's screen has the keyboard."""
        w = self.main
        return [w.next_action, w.previous_action, self.present_action, self.blank_action,
                self.break_action, self.timer_toggle_action, self.timer_reset_action,
                self.timer_add_action, self.comment_action, self.action_action,
                *self.zoom_actions,
                *(a for a in (getattr(w, "undo_action", None), getattr(w, "redo_action", None))
                   if a is not None)]

    # -- menus, toolbar, docks ---------------------------------------------------------
    def _make_menus(self) -> None:
        w, tr = self.main, self.main.tr
        self.agenda_menu = w.agenda_menu  # in the menu bar from the first paint
        self.agenda_menu.addActions([w.next_action, w.previous_action])
        self.agenda_menu.addSeparator()
        self.agenda_menu.addActions(self.agenda_actions.all)
        self.room_menu = w.room_menu
        self.room_menu.addActions([self.present_action, self.audience_action])
        self.room_menu.addSeparator()
        self.room_menu.addActions([self.blank_action, self.break_action,
                                   self.break_for_action])
        self.room_menu.addSeparator()
        self.timer_menu = self.room_menu.addMenu(tr("&Timer"))
        self.timer_menu.addActions([self.timer_toggle_action, self.timer_reset_action,
                                    self.timer_add_action])
        self.timer_menu.addSeparator()
        self.timer_menu.addActions([self.timer_planned_action, *self.timer_preset_actions,
                                    self.timer_custom_action])
        self.timer_menu.addSeparator()
        self.timer_menu.addAction(self.timer_hide_action)
        self.room_menu.addSeparator()
        self.room_menu.addActions([self.comment_action, self.action_action])
        w.view_menu.addSeparator()
        w.view_menu.addActions(self.zoom_actions)
        self.theme_menu = w.view_menu.addMenu(tr("&Theme"))
        self.theme_menu.addActions(list(self.theme_actions.values()))
        self.panels_menu = w.view_menu.addMenu(tr("P&anels"))
        self.panels_menu.addActions([self.focus_agenda_action, self.focus_page_action,
                                     self.focus_notes_action])
        self.panels_menu.addSeparator()
        for dock in (self.agenda_dock, self.notes_dock):
            self.panels_menu.addAction(dock.toggleViewAction())

    def _make_toolbar(self) -> None:
        w, tr = self.main, self.main.tr
        bar = QToolBar(tr("Room"), w)
        bar.setObjectName("RoomToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addActions([self.present_action, self.audience_action, self.blank_action,
                        self.break_action])
        bar.addSeparator()
        self.timer_display = TimerDisplay(self.display.timer, bar)
        self.timer_display.setAccessibleName(tr("Activity timer"))
        self.display.tick.connect(self.timer_display.repaint_now)
        bar.addWidget(self.timer_display)
        bar.addAction(self.timer_toggle_action)
        self._keep_width(bar, self.timer_toggle_action,
                         (tr("&Start timer"), tr("&Pause timer"), tr("&Resume timer")))
        presets = QToolButton(bar)
        presets.setText(tr("Timer"))
        presets.setAccessibleName(tr("Timer presets"))
        presets.setToolTip(tr("Choose a countdown: 2, 5, 10, 15 minutes, planned or custom"))
        presets.setMenu(self.timer_menu)
        presets.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        bar.addWidget(presets)
        bar.addSeparator()
        bar.addActions([self.comment_action, self.action_action])
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        self.panels_menu.addAction(bar.toggleViewAction())

    @staticmethod
    def _keep_width(bar: QToolBar, action: QAction, labels: tuple[str, ...]) -> None:
        """A button whose label changes (Start / Pause / Resume) is as wide as its widest
        label from the start, so the buttons after it never move under the mouse."""
        button = bar.widgetForAction(action)
        if button is None:
            return
        current = action.text()
        widths = []
        for label in labels:
            action.setText(label)
            widths.append(button.sizeHint().width())
        action.setText(current)
        button.setMinimumWidth(max(widths))

    def _make_docks(self) -> None:
        w, tr = self.main, self.main.tr
        self.agenda_panel = AgendaPanel(w, self.agenda_actions)
        self.agenda_dock = QDockWidget(tr("Agenda"), w)
        self.agenda_dock.setObjectName("AgendaDock")
        self.agenda_dock.setWidget(self.agenda_panel)
        self.notes_panel = NotesPanel(w)
        self.notes_dock = QDockWidget(tr("Facilitator notes"), w)
        self.notes_dock.setObjectName("NotesDock")
        self.notes_dock.setWidget(self.notes_panel)
        for dock in (self.agenda_dock, self.notes_dock):
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                             | QDockWidget.DockWidgetFeature.DockWidgetClosable)
            w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    def focus_panel(self, dock: QDockWidget, widget) -> None:
        dock.show()
        dock.raise_()
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_page(self) -> None:
        """Focus the first control of the activity page (pages are plain widgets)."""
        from lpdesk.ui.window.focus_order import first_tab_stop

        page = self.main.stack.currentWidget()
        first = first_tab_stop(page) if page is not None else None  # no chain walk: see
        if first is not None:                                          # focus_order.py
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- presentation and the audience window ---------------------------------------------
    @property
    def presentation(self) -> Presentation:
        """Presentation mode, made (and its module loaded) on first use."""
        if self._presentation is None:
            from lpdesk.ui.room.presentation import Presentation
            self._presentation = Presentation(self.main, self.display, self.room_actions)
        return self._presentation

    def presentation_toggle(self) -> None:
        self.presentation.toggle()
        if self.presentation.view_window is not None:
            self.presentation.view_window.closed.connect(self._room_views_changed)
        self._room_views_changed()

    def audience_toggle(self) -> None:
        if self.audience is None:
            from lpdesk.ui.room.audience_window import AudienceWindow
            self.audience = AudienceWindow(self.main, self.display, self.room_actions())
            self.audience.closed.connect(self._audience_closed)
            self.audience.place()
        else:
            self.audience.close()
        self._room_views_changed()

    def _audience_closed(self) -> None:
        self.audience = None
        self._room_views_changed()

    def room_views(self) -> list:
        views = []
        if self._presentation is not None and self._presentation.view_window is not None:
            views.append(self._presentation.view_window.view)
        if self.audience is not None:
            views.append(self.audience.view)
        return views

    def _room_views_changed(self) -> None:
        showing = bool(self.room_views())
        self.present_action.setChecked(self._presentation is not None
                                       and self._presentation.active)
        self.audience_action.setChecked(self.audience is not None)
        for action in (self.blank_action, self.break_action, self.break_for_action):
            action.setEnabled(showing)
        if not showing:
            self.display.set_blank(False)
            self.display.end_break()

    # -- capture -----------------------------------------------------------------------------
    def _dialog_parent(self):
        active = QApplication.activeWindow()
        views = [v.window() for v in self.room_views()]
        return active if active in views else self.main

    def ask_capture(self, kind: str, activity_title: str) -> tuple[str, str] | None:
        """(kind, text) typed by the facilitator, or None if cancelled."""
        from PySide6.QtWidgets import QDialog

        from lpdesk.ui.window.capture import CaptureDialog

        dialog = CaptureDialog(kind, activity_title, self._dialog_parent())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.note_text():
            return dialog.kind(), dialog.note_text()
        return None

    def capture(self, kind: str) -> None:
        item = self.agenda_actions.current()
        answer = self.ask_capture(kind, item.title if item else "")
        if answer is None:
            return
        kind, text = answer
        from lpdesk.commands.room import AddRoomNoteCommand, new_room_note

        room = self.main.doc.session.room
        self.main.doc.push(AddRoomNoteCommand(
            room, new_room_note(room, kind, text, item.id if item else None)))
        self.main.statusBar().showMessage(
            (self.main.tr("Action added") if kind == "action"
             else self.main.tr("Comment added")) + self.main.tr(" (Ctrl+Z takes it back)"),
            5000)

    # -- following the window ---------------------------------------------------------------
    def _page_changed(self, item_id) -> None:
        self.agenda_actions.update()
        self._follow_agenda(item_id)
        item = self.agenda_actions.current()
        self.timer_planned_action.setText(
            self.main.tr("&Planned time (%d min)") % item.minutes if item
            else self.main.tr("&Planned time"))

    def choose_theme(self, name: str) -> None:
        choose_theme(QApplication.instance(), name)

    def _theme_changed(self, t) -> None:
        action = self.theme_actions.get(t.name)
        if action is not None and not action.isChecked():
            action.setChecked(True)


def install(window: MainWindow) -> Workshop:
    """Give `window` everything for running the workshop in the room. The first feature:
    its `WorkshopParts` (ui/base/contracts.py) are what the later ones add to."""
    return Workshop(window)
