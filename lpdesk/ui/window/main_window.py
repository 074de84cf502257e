"""The main window: the agenda of activities on the left, the current activity's page on
the right, File and Edit menus, and the save/discard/cancel guard around losing work."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QWidget,
)
from shiboken6 import isValid

from lpdesk import __version__
from lpdesk.ui.style.actions import make_action
from lpdesk.ui.style.screens import fit_to_screen
from lpdesk.ui.window.after_paint import after_first_paint
from lpdesk.ui.window.page_stack import PageStack, scrolling
from lpdesk.ui.window.pages import PAGES
from lpdesk.ui.window.session_files import SessionFiles, new_document

if TYPE_CHECKING:

    from lpdesk.document import SessionDocument
    from lpdesk.ui.window.autosave import Autosaver

# Start-up loads neither the storage code nor the dialogs (QMessageBox, QFileDialog): they
# are imported where first used, and autosave starts right after the first paint.

USUAL_KEYS = {QKeySequence.StandardKey.Quit: ("Ctrl+Q",),
              QKeySequence.StandardKey.Close: ("Ctrl+W",),
              QKeySequence.StandardKey.Redo: ("Ctrl+Shift+Z", "Ctrl+Y")}


class MainWindow(SessionFiles, QMainWindow):
    document_changed = Signal(object)  # the new SessionDocument
    page_changed = Signal(str)  # the agenda item id now shown
    session_ready = Signal()  # build_session is done: doc, workshop and live are there

    def __init__(self, document: SessionDocument | None = None,
                 page_after_paint: bool = False) -> None:
        """`page_after_paint`: the start page goes in front at once (lpdesk started without
        a file). The first screen is then only the window's frame (menu bar, status bar)
        and the start page: the session behind it (a new, empty one), its agenda, docks,
        room toolbar and phones are built right after the first paint, or when first used
        if sooner (`build_session`), and its first page after that."""
        super().__init__()
        self.setObjectName("MainWindow")
        self._session_built = False  # build_session: the document, then the workshop
        self._session_building = False
        self._session_view: QSplitter | None = None  # the agenda and the page stack
        self.pages: dict[str, QWidget] = {}  # agenda item id -> page, created when first shown
        self._page_after_paint = page_after_paint
        # The status bar is there from the start: made by the first message, it pushed
        # the page up a line under the facilitator's mouse.
        self.statusBar().setSizeGripEnabled(False)
        self._make_actions()
        self._autosaver: Autosaver | None = None
        if page_after_paint:
            from lpdesk.ui.window.start_page import show_start_page
            show_start_page(self)
            after_first_paint(self, self._build_session_in_turns)  # first in the queue
        else:
            self.build_session(document)
        from lpdesk.ui.window.help import install as install_help
        self.help = install_help(self)  # Help menu entries, start page, action icons
        # Sized once the docks and the toolbars are in (hidden behind the start page, they
        # change nothing): 1280x800, or less on a 1280x720 or 1024x600 screen
        fit_to_screen(self, QSize(1280, 800), again=True)
        after_first_paint(self, self.start_autosave)

    SESSION_PARTS = frozenset(("doc", "agenda_list", "stack", "workshop", "live"))

    def __getattr__(self, name: str):
        """Only for attributes not there yet: the session's parts, while the start page is
        the only thing painted, are built on first use."""
        state = self.__dict__
        if name in MainWindow.SESSION_PARTS and not state.get("_session_built", True) \
                and not state.get("_session_building"):
            self.build_session()
            return getattr(self, name)
        raise AttributeError(f"'MainWindow' object has no attribute '{name}'")

    def session_built(self) -> bool:
        return self._session_built

    def build_session(self, document: SessionDocument | None = None) -> None:
        """The session's half of the window, at once: the agenda, the page stack and the
        document (a new session unless given), then the workshop (presenting, timer, agenda
        and notes panels, capture) and the phones. Once; their keyboard shortcuts work
        from then on, menus opened or not. After the first paint it is built in two turns
        of the event loop instead (`_build_session_in_turns`)."""
        while not self._session_built:
            self._build_session_step(document)

    def _build_session_in_turns(self) -> None:
        """The document (with the model's import, ~30 ms) in one turn, the workshop and
        the phones (~25 ms) in the next, so a click on the start page waits for neither
        whole."""
        if self._session_built:
            return
        if self._session_view is None:  # the workshop next, before what the document queues
            after_first_paint(self, self._build_session_in_turns)
        self._build_session_step()

    def _build_session_step(self, document: SessionDocument | None = None) -> None:
        self._session_building = True
        try:
            if self._session_view is None:
                self._build_document(document)
            else:
                self._build_workshop()
        finally:
            self._session_building = False

    def _build_document(self, document: SessionDocument | None) -> None:
        self.doc: SessionDocument | None = None
        self.agenda_list = QListWidget()
        self.agenda_list.setObjectName("AgendaList")
        self.agenda_list.setAccessibleName(self.tr("Agenda"))
        self.agenda_list.currentItemChanged.connect(self._agenda_item_selected)
        self.stack = PageStack()  # only the page shown sets the window's minimum
        splitter = QSplitter()
        splitter.addWidget(self.agenda_list)
        splitter.addWidget(scrolling(self.stack))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 1000])
        self._session_view = splitter
        self.set_document(document or new_document())

    def _build_workshop(self) -> None:
        from lpdesk.ui.window.workshop import install
        self.workshop = install(self)  # presenting, timer, agenda/notes panels, capture
        from lpdesk.ui.live.feature import install as install_live
        self.live = install_live(self)  # participants join from their phones (issue 15)
        if self.centralWidget() is None:
            self.setCentralWidget(self._session_view)
        else:  # behind the start page, which is in front since the first paint
            from lpdesk.ui.window.start_page import front
            front(self).set_session(self._session_view)
        self._session_built = True
        self.session_ready.emit()

    @property
    def autosaver(self) -> Autosaver:
        """Keeps the crash recovery file (ui/autosave.py); made on first use, at the latest
        right after the first paint."""
        return self.start_autosave()

    def start_autosave(self) -> Autosaver:
        if self._autosaver is None:
            from lpdesk.ui.window.autosave import Autosaver
            self._autosaver = Autosaver(parent=self)
            self._autosaver.failed.connect(
                lambda text: self.statusBar().showMessage(text, 15000))
            if self.doc is not None:
                self._autosaver.attach(self.doc)
        return self._autosaver

    # -- actions and menus -------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        # the platform's keys plus the usual one where a platform theme has none; added to
        # the window so shortcuts work in presentation mode too, with no menu bar
        return make_action(self, text, slot, shortcut, tip, keys_in_tip=False,
                           usual=USUAL_KEYS.get(shortcut))

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey  # noqa: N806 (reads like the Qt enum)
        self.new_action = self._action(self.tr("&New"), self.new_session, K.New)
        self.open_action = self._action(self.tr("&Open..."), self.ask_open, K.Open)
        self.save_action = self._action(self.tr("&Save"), self.save, K.Save)
        self.save_as_action = self._action(self.tr("Save &As..."), self.save_as, K.SaveAs)
        self.close_action = self._action(self.tr("&Close"), self.close_session, K.Close)
        self.quit_action = self._action(self.tr("&Quit"), self.close, K.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = self.file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addActions([self.save_action, self.save_as_action])
        self.file_menu.addSeparator()
        self.export_separator = self.file_menu.addSeparator()  # export actions go above
        self.export_summary_action = self._action(
            self.tr("Export &Summary..."), self.export_summary, "Ctrl+E",
            self.tr("Export the summary for the client: PDF, HTML, Markdown, CSV or PNG"))
        self.file_menu.insertAction(self.export_separator, self.export_summary_action)
        self.compare_action = self._action(
            self.tr("Co&mpare Sessions..."), self.compare_sessions, None,
            self.tr("Compare several workshops from their files: teams of one client, or "
                    "one team over time"))
        self.file_menu.insertAction(self.export_summary_action, self.compare_action)
        self.file_menu.addActions([self.close_action, self.quit_action])
        self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self._make_undo_actions()
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.next_action = self._action(self.tr("&Next activity"), self.next_activity,
                                        Qt.Key.Key_PageDown)
        self.previous_action = self._action(self.tr("&Previous activity"),
                                            self.previous_activity, Qt.Key.Key_PageUp)
        self.view_menu.addActions([self.next_action, self.previous_action])
        # filled by the workshop (ui/window/workshop.py), in the menu bar from the first paint
        self.agenda_menu = self.menuBar().addMenu(self.tr("A&genda"))
        self.room_menu = self.menuBar().addMenu(self.tr("&Room"))
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_menu.addAction(self._action(self.tr("&About lpdesk"), self.about))

    def _make_undo_actions(self) -> None:
        """Undo/Redo are made once and follow whichever document is open."""
        self.undo_action = self._action(self.tr("&Undo"), lambda: self.doc.undo_stack.undo(),
                                        QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(self.tr("&Redo"), lambda: self.doc.undo_stack.redo(),
                                        QKeySequence.StandardKey.Redo)
        self.edit_menu.addActions([self.undo_action, self.redo_action])

    def _follow_undo_stack(self) -> None:
        stack = self.doc.undo_stack

        def update(*_args) -> None:
            if not isValid(stack) or self.doc is None or self.doc.undo_stack is not stack:
                return
            self.undo_action.setEnabled(stack.canUndo())
            self.redo_action.setEnabled(stack.canRedo())
            # a name's "&" in a command's text is not a shortcut key
            undo_text = stack.undoText().replace("&", "&&")
            redo_text = stack.redoText().replace("&", "&&")
            self.undo_action.setText(self.tr("&Undo %s") % undo_text if undo_text
                                     else self.tr("&Undo"))
            self.redo_action.setText(self.tr("&Redo %s") % redo_text if redo_text
                                     else self.tr("&Redo"))

        stack.indexChanged.connect(update)
        stack.cleanChanged.connect(update)
        update()

    # -- the document ------------------------------------------------------------------
    def set_document(self, doc: SessionDocument) -> None:
        """Show another session; pages of the previous one are thrown away."""
        old = self.doc
        self.doc = doc
        doc.setParent(self)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self._follow_undo_stack()
        doc.undo_stack.cleanChanged.connect(self._update_title)
        doc.path_changed.connect(self._update_title)
        doc.session.changed.connect(self._session_changed)
        doc.session.agenda.changed.connect(self._agenda_changed)
        doc.limit_reached.connect(self._limit_reached)
        self._fill_agenda()
        self._update_title()
        if old is not None:
            old.deleteLater()
        if self._autosaver is not None:
            self._autosaver.attach(doc)
        self.document_changed.emit(doc)

    def _limit_reached(self, problem: str) -> None:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self, lambda: self.show_error(  # after the edit's own handler
            self.tr("Too much for one session"), self.tr(
            "That change was not made: %s. A session this large could not be opened again "
            "(the limits are listed in the file format's documentation).") % problem))

    def _session_changed(self, what: str) -> None:
        if what == "details":
            self._update_title()

    def _update_title(self, *_args) -> None:
        assert self.doc is not None
        self.setWindowTitle(f"{self.doc.display_name}[*] \u2014 lpdesk")
        self.setWindowModified(self.doc.is_modified)

    # -- agenda navigation ----------------------------------------------------------------
    def visible_items(self):
        assert self.doc is not None
        return [i for i in self.doc.session.agenda.items if i.kind in PAGES]

    def _fill_agenda(self) -> None:
        assert self.doc is not None
        agenda = self.doc.session.agenda
        self.agenda_list.blockSignals(True)
        self.agenda_list.clear()
        for item in self.visible_items():
            row = QListWidgetItem(item.title)
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            if item.skipped:
                font = row.font()
                font.setStrikeOut(True)
                row.setFont(font)
            self.agenda_list.addItem(row)
        self.agenda_list.blockSignals(False)
        current = agenda.current
        ids = [i.id for i in self.visible_items()]
        self.show_activity(current.id if current and current.id in ids
                           else (ids[0] if ids else None))

    def _agenda_changed(self, _item_id) -> None:
        self._fill_agenda()

    def _agenda_item_selected(self, row: QListWidgetItem | None, _previous=None) -> None:
        if row is not None:
            self.show_activity(row.data(Qt.ItemDataRole.UserRole))

    def current_item_id(self) -> str | None:
        row = self.agenda_list.currentItem()
        return row.data(Qt.ItemDataRole.UserRole) if row else None

    def page(self, item_id: str) -> QWidget:
        """The page of an agenda item, created on first use."""
        assert self.doc is not None
        if item_id not in self.pages:
            kind = self.doc.session.agenda.item(item_id).kind
            page = PAGES[kind].create(self.doc, self.stack)
            self.pages[item_id] = page
            self.stack.addWidget(page)
        return self.pages[item_id]

    def show_activity(self, item_id: str | None) -> None:
        if item_id is None:
            return
        if self._page_after_paint:
            after_first_paint(self, self.show_waiting_page)
        else:
            self.stack.setCurrentWidget(self.page(item_id))
        for row in range(self.agenda_list.count()):
            if self.agenda_list.item(row).data(Qt.ItemDataRole.UserRole) == item_id:
                if self.agenda_list.currentRow() != row:
                    self.agenda_list.blockSignals(True)
                    self.agenda_list.setCurrentRow(row)
                    self.agenda_list.blockSignals(False)
        after_first_paint(self, self._tab_into_page)  # Tab: agenda, then this page
        agenda = self.doc.session.agenda
        if agenda.current_id != item_id:
            agenda.current_id = item_id  # where we are is not an edit: no undo, no dirty mark
        self.page_changed.emit(item_id)

    def show_waiting_page(self) -> None:
        """Build and show the page held back while the start page was in front."""
        if self._page_after_paint:
            self._page_after_paint = False
            item_id = self.current_item_id()
            if item_id is not None:
                self.stack.setCurrentWidget(self.page(item_id))

    def _tab_into_page(self) -> None:
        from lpdesk.ui.window.focus_order import tab_into

        page = self.stack.currentWidget()
        if page is not None and isValid(page):
            tab_into(self.agenda_list, page)

    def _step(self, delta: int) -> None:
        """Move to the next (or previous) activity that is not skipped, also when the one
        shown is itself skipped; stay put at either end."""
        items = self.visible_items()
        ids = [i.id for i in items]
        current = self.current_item_id()
        index = ids.index(current) + delta if current in ids else 0
        while 0 <= index < len(items) and items[index].skipped:
            index += delta
        if 0 <= index < len(items):
            self.show_activity(ids[index])

    def next_activity(self) -> None:
        self._step(1)

    def previous_activity(self) -> None:
        self._step(-1)

    # -- misc ---------------------------------------------------------------------------
    def export_summary(self) -> None:
        """File > Export Summary...: previews the PDF pages, exports off the GUI thread."""
        from lpdesk.ui.export.dialog import ExportDialog
        self.export_dialog = ExportDialog(self.doc, self)
        self.export_dialog.exported.connect(lambda paths: self.statusBar().showMessage(
            self.tr("Exported %s") % paths[0].name, 5000))
        self.export_dialog.open()

    def compare_sessions(self) -> None:
        """File > Compare Sessions...: only reads the chosen files; the open session stays."""
        from lpdesk.ui.compare.window import ask_comparison
        self.compare_window = ask_comparison(self)

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from lpdesk.content.stages import continuum_content
        QMessageBox.about(self, self.tr("About lpdesk"), self.tr(
            "<h3>lpdesk %s</h3><p>Run live, offline workshops on workplace learning culture."
            "</p><p>Models used with credit: <b>%s</b>; <b>Traditional vs New Workplace "
            "Learning</b>: Jane Hart. All texts in lpdesk are written in our own words.</p>")
            % (__version__, continuum_content().credit))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.maybe_save():
            event.accept()
            if self._autosaver is not None:
                self._autosaver.shutdown()  # a clean close leaves no recovery file behind
        else:
            event.ignore()
