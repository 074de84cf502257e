"""The Help menu's own entries (keyboard shortcuts, the facilitator's guide, the start
page) and the action icons, installed on a MainWindow with `install(window)`.

Start-up only makes the actions; the dialogs (lpdesk/ui/window/help_dialogs.py) load when
first opened and the icons are drawn right after the first paint."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from lpdesk.ui.base.after_paint import after_first_paint
from lpdesk.ui.style.actions import make_action

if TYPE_CHECKING:
    from lpdesk.ui.window.main_window import MainWindow

# Which icon (resources/icons/actions/<name>.svg) each action gets: the window's own
# actions, then the workshop's (lpdesk/ui/window/workshop.py).
WINDOW_ICONS = {
    "new_action": "new", "open_action": "open", "save_action": "save",
    "save_as_action": "save-as", "export_summary_action": "export", "close_action": "close",
    "quit_action": "quit", "undo_action": "undo", "redo_action": "redo",
    "next_action": "next", "previous_action": "previous",
}
WORKSHOP_ICONS = {
    "present_action": "present", "audience_action": "audience", "blank_action": "blank",
    "break_action": "break", "timer_toggle_action": "timer",
    "timer_reset_action": "timer-reset", "comment_action": "comment",
    "action_action": "action",
}
HELP_ICONS = {"shortcuts_action": "keyboard", "guide_action": "guide",
              "start_action": "start", "about_action": "about"}


class Help(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main = window
        tr = window.tr
        self.shortcuts_action = self._action(tr("&Keyboard shortcuts"), self.show_shortcuts,
                                             "Ctrl+/")
        self.guide_action = self._action(tr("Facilitator's &guide"), self.show_guide,
                                         QKeySequence.StandardKey.HelpContents)
        self.start_action = self._action(tr("&Start page"), self.show_start_page)
        self.start_action.setStatusTip(tr("New session, open, recent sessions, the sample "
                                          "and how a workshop runs"))
        menu = window.help_menu
        self.about_action = menu.actions()[0] if menu.actions() else None
        first = menu.actions()[0] if menu.actions() else None
        for action in (self.guide_action, self.shortcuts_action, self.start_action):
            menu.insertAction(first, action)
        if first is not None:
            menu.insertSeparator(first)
        self.shortcuts_dialog = None
        self.guide_dialog = None
        after_first_paint(window, self.draw_icons)

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        return make_action(self.main, text, slot, shortcut or None, usual="F1")

    # -- icons --------------------------------------------------------------------------
    def draw_icons(self) -> None:
        """Put lpdesk's icons on the menus and the room toolbar; again on a theme change."""
        from lpdesk.ui.style.icons import name_overflow_button, set_icons
        from lpdesk.ui.style.theme import follow_theme

        set_icons(self.main, WINDOW_ICONS)
        set_icons(self, HELP_ICONS)
        set_icons(getattr(self.main, "workshop", None), WORKSHOP_ICONS)
        bar = getattr(getattr(self.main, "workshop", None), "toolbar", None)
        if bar is not None:
            name_overflow_button(bar)
        from lpdesk.ui.style.icons import themed_icon
        from lpdesk.ui.window.start_page import StartPage

        start = self.main.findChild(StartPage)
        if start is not None:
            for button, name in ((start.new_button, "new"), (start.open_button, "open"),
                                 (start.sample_button, "start")):
                button.setIcon(themed_icon(name))
        self.fit_toolbar(measure=True)
        if not getattr(self, "_following", False):
            self._following = True
            follow_theme(self, lambda *_: self.draw_icons())
            self.main.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if obj is self.main and event.type() == QEvent.Type.Resize:
            self.fit_toolbar()
        return False

    def fit_toolbar(self, measure: bool = False) -> None:
        """Icons and words on the room toolbar where they fit, icons alone on a narrow
        window."""
        from lpdesk.ui.style.icons import fit_toolbar, refit_toolbar

        bar = getattr(getattr(self.main, "workshop", None), "toolbar", None)
        if bar is not None:
            (refit_toolbar if measure else fit_toolbar)(bar, self.main.width() - 8)

    # -- dialogs -----------------------------------------------------------------------
    def show_shortcuts(self):
        from lpdesk.ui.window.help_dialogs import ShortcutsDialog

        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.close()
        self.shortcuts_dialog = ShortcutsDialog(self.main)
        self.shortcuts_dialog.show()
        return self.shortcuts_dialog

    def show_guide(self):
        from lpdesk.ui.window.help_dialogs import GuideDialog

        if self.guide_dialog is None:
            self.guide_dialog = GuideDialog(self.main)
        self.guide_dialog.show()
        self.guide_dialog.raise_()
        return self.guide_dialog

    def show_start_page(self):
        from lpdesk.ui.window.start_page import show_start_page
        return show_start_page(self.main)


def install(window: MainWindow) -> Help:
    return Help(window)
