"""The main window's sessions on disk: asking before losing work, New, Open, Save, Save As,
Close, the recent files, and the questions they ask (separate methods, so tests can answer
them). A mixin of MainWindow (ui/window/main_window.py), which holds `doc`, the document
shown, and `set_document`."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from lpdesk import settings
from lpdesk.ui.style.text import plain_message, plain_tip

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from lpdesk.document import SessionDocument

MAX_RECENT = 8
FILE_FILTER = "lpdesk sessions (*.lpdesk);;All files (*)"


def new_document() -> SessionDocument:
    """A new, empty session (the model loads here: not before the first paint)."""
    from lpdesk.content.defaults import new_session
    from lpdesk.document import SessionDocument

    return SessionDocument(new_session())


class SessionFiles:
    # -- asking the user (separate methods so tests can answer them) ----------------------
    def ask_save_changes(self) -> QMessageBox.StandardButton:
        from PySide6.QtWidgets import QMessageBox

        assert self.doc is not None
        return plain_message(
            self, QMessageBox.Icon.Question, self.tr("Unsaved changes"),
            self.tr("Save the changes to \u201c%s\u201d before closing it?")
            % self.doc.display_name,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)

    def ask_open_path(self) -> str:
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getOpenFileName(self, self.tr("Open session"), self._last_dir(),
                                           FILE_FILTER)[0]

    def ask_save_path(self) -> str:
        from PySide6.QtWidgets import QFileDialog

        from lpdesk.storage import EXTENSION

        assert self.doc is not None
        suggested = str(Path(self._last_dir()) / (
            (self.doc.session.title or "session").replace("/", "-") + EXTENSION))
        return QFileDialog.getSaveFileName(self, self.tr("Save session"), suggested,
                                           FILE_FILTER)[0]

    def show_error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        plain_message(self, QMessageBox.Icon.Warning, title, text)  # may repeat file text

    def ask_file_changed(self, path: Path) -> str:
        """The file was changed by someone else: 'overwrite', 'save_as' or 'cancel'."""
        return self._ask_overwrite(self.tr("File changed by someone else"), self.tr(
            "\u201c%s\u201d was changed by someone else since you opened or last saved it. "
            "Overwrite their changes with yours, or save yours as a new file?") % path.name)

    def ask_file_protected(self, path: Path, kind: str) -> str:
        """The file is write-protected (a FileProtectedError kind): 'overwrite', 'save_as'
        or 'cancel'."""
        reason = (self.tr("it belongs to another user") if kind == "other_user"
                  else self.tr("it is marked read-only"))
        return self._ask_overwrite(self.tr("File is write-protected"), self.tr(
            "\u201c%s\u201d is write-protected (%s). Replace it anyway (it stays "
            "write-protected), or save as a new file?") % (path.name, reason))

    def _ask_overwrite(self, title: str, text: str) -> str:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the file name is the user's text
        overwrite = box.addButton(self.tr("&Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton(self.tr("Save &As..."), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        return {overwrite: "overwrite", save_as: "save_as"}.get(box.clickedButton(), "cancel")

    # -- file operations ---------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True if it is fine to throw the current session away (saved, or discarded)."""
        if not self._session_built or self.doc is None or not self.doc.is_modified:
            return True
        from PySide6.QtWidgets import QMessageBox

        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_session(self) -> None:
        if self.maybe_save():
            self.set_document(new_document())

    def close_session(self) -> None:
        """Back to the start page (a new, empty session waits behind it), as lpdesk started
        without a file: an untitled session alone looked like nothing had been closed."""
        if self.maybe_save():
            self.set_document(new_document())
            from lpdesk.ui.window.start_page import show_start_page
            show_start_page(self)

    def ask_open(self) -> None:
        path = self.ask_open_path()
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a session file; on a bad file say what is wrong and keep the current one."""
        if not self.maybe_save():
            return False
        from lpdesk.document import SessionDocument
        from lpdesk.storage import SessionFileError

        try:
            doc = SessionDocument.open(path)
        except SessionFileError as exc:
            self.show_error(self.tr("Cannot open session"), str(exc))
            self._forget_recent(Path(path)) if not Path(path).exists() else None
            return False
        self.set_document(doc)
        self.remember_recent(Path(path))
        return True

    def save(self) -> bool:
        assert self.doc is not None
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        from lpdesk.storage import EXTENSION

        path = self.ask_save_path()
        if not path:
            return False
        if not path.endswith(EXTENSION):
            path += EXTENSION
        return self._save_to(Path(path))

    def _save_to(self, path: Path, overwrite_changes: bool = False,
                 overwrite_protected: bool = False) -> bool:
        from lpdesk.storage.errors import FileChangedError, FileProtectedError, SessionFileError

        assert self.doc is not None
        try:
            self.doc.save(path, overwrite_changes=overwrite_changes,
                          overwrite_protected=overwrite_protected)
        except FileChangedError:
            answer = self.ask_file_changed(path)
            if answer == "overwrite":
                return self._save_to(path, True, overwrite_protected)
            return self.save_as() if answer == "save_as" else False
        except FileProtectedError as exc:
            answer = self.ask_file_protected(path, exc.kind)
            if answer == "overwrite":
                return self._save_to(path, overwrite_changes, True)
            return self.save_as() if answer == "save_as" else False
        except SessionFileError as exc:
            self.show_error(self.tr("Cannot save session"),
                            str(exc) + "\n\n" + self.tr("Your session is still open and "
                                                         "unsaved. Try Save As to another "
                                                         "place."))
            return False
        self.remember_recent(path)
        self.statusBar().showMessage(self.tr("Saved %s") % path.name, 4000)
        return True

    # -- recent files --------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        return settings.get(settings.RECENT_FILES)

    def remember_recent(self, path: Path) -> None:
        """`path` first in File > Open Recent, its folder where Open and Save As start:
        one write of the settings file, none when both are so already (opening the last
        session again, saving it again)."""
        path_s = str(path.resolve())
        files = self.recent_files()
        recent = [path_s, *(f for f in files if f != path_s)][:MAX_RECENT]
        folder = str(Path(path_s).parent)
        if recent != files or folder != settings.get(settings.LAST_DIR):
            settings.put_all({settings.RECENT_FILES: recent, settings.LAST_DIR: folder})

    def _forget_recent(self, path: Path) -> None:
        path_s = str(path.resolve())
        settings.put(settings.RECENT_FILES, [f for f in self.recent_files() if f != path_s])

    def _last_dir(self) -> str:
        return settings.get(settings.LAST_DIR) or str(Path.home())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        from lpdesk.ui.window.recent import recent_labels

        files = self.recent_files()
        for number, (path, label) in enumerate(zip(files, recent_labels(files), strict=True), 1):
            action = self.recent_menu.addAction(
                f"&{number} {label.replace('&', '&&')}")  # a name's & is no key
            action.setToolTip(plain_tip(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not files:
            self.recent_menu.addAction(self.tr("(no recent sessions)")).setEnabled(False)
