"""File > Export Summary...: choose the format, paper and anonymising, look at the PDF pages,
then save. Laying out, painting the preview and exporting all run on a worker thread (see
worker.py; they paint only on QImage/QPdfWriter, which Qt allows off the GUI thread),
so the window never freezes; a long export shows progress and can be cancelled, and then
writes nothing.

QtPdf is not part of PySide6-Essentials, so the preview pages are our own renderings of the
same `SummaryDocument` the PDF is painted from: what you see is what the client gets.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lpdesk import settings
from lpdesk.document import SessionDocument
from lpdesk.export.formats import render, write_files
from lpdesk.export.pdf import Cancelled, SummaryDocument
from lpdesk.export.summary import build_report
from lpdesk.ui.export.worker import LIVE_WORKERS, Worker, stop_worker
from lpdesk.ui.style.screens import fit_to_screen
from lpdesk.ui.style.text import plain_message

# (format key, label, extension, file dialog filter)
FORMATS = (
    ("pdf", "PDF document", ".pdf", "PDF documents (*.pdf)"),
    ("html", "Web page (HTML, one file)", ".html", "Web pages (*.html *.htm)"),
    ("markdown", "Markdown text", ".md", "Markdown (*.md)"),
    ("csv", "Data tables (CSV)", ".csv", "CSV tables (*.csv)"),
    ("png", "Pictures of charts and boards (PNG)", ".png", "PNG images (*.png)"),
)
PAPERS = (("a4", "A4"), ("letter", "Letter"))


class ExportDialog(QDialog):
    """Options on the left, the PDF pages on the right, Export... to save."""

    exported = Signal(list)  # paths written
    export_cancelled = Signal()
    _submit = Signal(int, object)  # job id, work(worker, progress): to the worker's thread

    def __init__(self, doc: SessionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("ExportDialog")
        self.setWindowTitle(self.tr("Export Summary"))
        self.report = None  # the preview's Report (plain data) once laid out
        self.page_count = 0
        self.preview_paper = ""
        self.page = 0
        self.page_image: QImage | None = None
        self._generation = 0  # options changed since a layout started: drop its result
        self._handlers: dict[int, dict[str, Callable]] = {}
        self._next_job = 0
        self.export_job: int | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.written: list[Path] = []
        self._thread = QThread(self)
        self.worker = Worker()
        self.worker.moveToThread(self._thread)
        self._submit.connect(self.worker.run)
        # bound methods of this dialog (never lambdas): PySide queues a signal from the
        # worker's thread to a QObject's slot, but calls a lambda on the emitting thread
        self.worker.finished_job.connect(self._job_done)
        self.worker.failed.connect(self._job_failed)
        self.worker.cancelled.connect(self._job_cancelled)
        self.worker.progressed.connect(self._progressed)
        self._thread.start()
        LIVE_WORKERS.add((self._thread, self.worker))
        self.destroyed.connect(partial(stop_worker, self._thread, self.worker))
        self._build()
        self._restore_options()
        fit_to_screen(self, QSize(1000, 760), centre=False)  # Qt centres it on its parent
        self.refresh_preview()

    # -- widgets -------------------------------------------------------------------------
    def _build(self) -> None:
        self.format_combo = QComboBox()
        for key, label, _ext, _filter in FORMATS:
            self.format_combo.addItem(self.tr(label), key)
        self.format_combo.setAccessibleName(self.tr("Format"))
        self.format_combo.setToolTip(self.tr("The file type; the preview always shows the "
                                             "PDF pages, the other formats hold the same "
                                             "content"))
        self.paper_combo = QComboBox()
        for key, label in PAPERS:
            self.paper_combo.addItem(label, key)
        self.paper_combo.setAccessibleName(self.tr("Paper size"))
        self.paper_combo.setToolTip(self.tr("Paper size of the PDF"))
        self.anonymise_box = QCheckBox(self.tr("&Anonymise names (P1, P2 ... and G1, G2 ...)"))
        self.anonymise_box.setToolTip(self.tr(
            "Replace participants' names with P1, P2 ... and groups' names with G1, G2 ... "
            "everywhere: charts, tables, notes, card texts, the title and file names. Names "
            "in free text are found whatever their case, accents or apostrophes"))
        # Off at every export (never remembered): private notes reach the client only when
        # the facilitator asks for it this time.
        self.include_notes_box = QCheckBox(self.tr("Include my private &notes"))
        has_notes = bool(self.doc.session.notes.strip())
        self.include_notes_box.setEnabled(has_notes)
        self.include_notes_box.setToolTip(self.tr(
            "The notes from the set-up page are private: the summary leaves them out unless "
            "you tick this") if has_notes else self.tr("No private notes in this session"))
        form = QFormLayout()
        form.addRow(self.tr("&Format:"), self.format_combo)
        form.addRow(self.tr("&Paper:"), self.paper_combo)
        form.addRow("", self.anonymise_box)
        form.addRow("", self.include_notes_box)
        self.info_label = QLabel()
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)  # names the file saved
        self.info_label.setWordWrap(True)
        self.info_label.setObjectName("ExportInfo")
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.info_label)
        left.addStretch(1)

        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setAccessibleName(self.tr("Page preview"))
        self.page_label.setStyleSheet("background: #8A939C; padding: 12px;")
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName(self.tr("Page preview"))
        self.scroll.setWidget(self.page_label)
        self.scroll.setWidgetResizable(True)
        self.scroll.setMinimumWidth(520)
        self.previous_button = QToolButton()
        self.previous_button.setText("\u25C0")
        self.previous_button.setToolTip(self.tr("Previous page (Page Up)"))
        self.previous_button.setAccessibleName(self.tr("Previous page"))
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button = QToolButton()
        self.next_button.setText("\u25B6")
        self.next_button.setToolTip(self.tr("Next page (Page Down)"))
        self.next_button.setAccessibleName(self.tr("Next page"))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.page_spin = QSpinBox()
        self.page_spin.setAccessibleName(self.tr("Page number"))
        self.page_spin.lineEdit().setAccessibleName(self.tr("Page number"))
        self.page_spin.setMinimum(1)
        self.page_spin.valueChanged.connect(lambda v: self.show_page(v - 1))
        self.of_label = QLabel()
        nav = QHBoxLayout()
        nav.addStretch(1)
        nav.addWidget(self.previous_button)
        nav.addWidget(QLabel(self.tr("Page")))
        nav.addWidget(self.page_spin)
        nav.addWidget(self.of_label)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.scroll, 1)
        right.addLayout(nav)

        body = QHBoxLayout()
        body.addLayout(left, 0)
        body.addLayout(right, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton(self.tr("&Export..."))
        self.export_button.setDefault(True)
        self.export_button.setToolTip(self.tr("Choose where to save, then export"))
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.ask_and_export)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self,
                  lambda: self.show_page(self.page + 1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.show_page(self.page - 1))
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.paper_combo.currentIndexChanged.connect(self.refresh_preview)
        self.anonymise_box.toggled.connect(self.refresh_preview)
        self.include_notes_box.toggled.connect(self.refresh_preview)

    # -- options -------------------------------------------------------------------------
    @property
    def format_key(self) -> str:
        return self.format_combo.currentData()

    @property
    def paper(self) -> str:
        return self.paper_combo.currentData()

    @property
    def anonymise(self) -> bool:
        return self.anonymise_box.isChecked()

    @property
    def include_notes(self) -> bool:
        return self.include_notes_box.isChecked()

    def _restore_options(self) -> None:
        for combo, key in ((self.format_combo, settings.EXPORT_FORMAT),
                           (self.paper_combo, settings.EXPORT_PAPER)):
            index = combo.findData(settings.get(key))
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        self.anonymise_box.blockSignals(True)
        self.anonymise_box.setChecked(settings.get(settings.EXPORT_ANONYMISE))
        self.anonymise_box.blockSignals(False)
        self._format_changed()

    def _save_options(self) -> None:
        settings.put(settings.EXPORT_FORMAT, self.format_key)
        settings.put(settings.EXPORT_PAPER, self.paper)
        settings.put(settings.EXPORT_ANONYMISE, self.anonymise)

    def _format_changed(self, *_args) -> None:
        self.paper_combo.setEnabled(self.format_key == "pdf")
        self._save_options()

    # -- jobs on the worker's thread -----------------------------------------------------
    def _run(self, work: Callable, **handlers: Callable) -> int:
        """Queue `work(worker, progress)`; handlers: done(result), failed(text), cancelled(),
        progress(done, total), each called on the GUI thread."""
        self._next_job += 1
        self._handlers[self._next_job] = handlers
        self._submit.emit(self._next_job, work)
        return self._next_job

    def _dispatch(self, job_id: int, what: str, *args) -> None:
        handlers = self._handlers.pop(job_id, {})
        handler = handlers.get(what)
        if handler is not None:
            handler(*args)
        if "finally" in handlers:
            handlers["finally"]()

    @Slot(int, object)
    def _job_done(self, job_id: int, result: object) -> None:
        self._dispatch(job_id, "done", result)

    @Slot(int, str)
    def _job_failed(self, job_id: int, text: str) -> None:
        self._dispatch(job_id, "failed", text)

    @Slot(int)
    def _job_cancelled(self, job_id: int) -> None:
        self._dispatch(job_id, "cancelled")

    @Slot(int, int, int)
    def _progressed(self, job_id: int, done: int, total: int) -> None:
        handler = self._handlers.get(job_id, {}).get("progress")
        if handler is not None:
            handler(done, total)

    # -- the preview -----------------------------------------------------------------------
    @property
    def document_ready(self) -> bool:
        return self.report is not None

    def refresh_preview(self, *_args) -> None:
        """Lay the pages out again for the current options (in the background). The dialog
        is modal, so the session does not change while the worker reads it."""
        self._generation += 1
        generation = self._generation
        session, paper, anonymise = self.doc.session, self.paper, self.anonymise
        notes = self.include_notes
        self._save_options()  # the facilitator's choice is the default next time
        self._set_info(self.tr("Preparing the preview\u2026"))
        self.export_button.setEnabled(False)

        def work(worker: Worker, _progress):
            if generation != self._generation:
                return None  # options changed again before this started
            document = SummaryDocument(build_report(session, anonymise, notes), paper)
            worker.document, worker.generation = document, generation
            return generation, document.page_count, document.paper, document.report
        self._run(work, done=self._laid_out, failed=self._preview_failed)

    def _preview_failed(self, text: str) -> None:
        self._set_info(self.tr("Cannot show the preview: %s") % text)

    def _laid_out(self, result) -> None:
        if result is None or result[0] != self._generation:
            return  # options changed meanwhile: a newer layout is on its way
        _generation, pages, paper, report = result
        self.report, self.page_count, self.preview_paper = report, pages, paper
        self.export_button.setEnabled(self.export_job is None)
        text = self.tr("1 page, %1") if pages == 1 else self.tr("%2 pages, %1")
        self._set_info(text.replace("%1", dict(PAPERS)[paper]).replace("%2", str(pages)))
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(pages)
        self.page_spin.blockSignals(False)
        self.of_label.setText(self.tr("of %n", "", pages))
        self.show_page(min(self.page, pages - 1))

    def show_page(self, index: int) -> None:
        if self.report is None:
            return
        index = max(0, min(index, self.page_count - 1))
        self.page = index
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(index + 1)
        self.page_spin.blockSignals(False)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < self.page_count - 1)
        generation = self._generation
        wanted = (generation, index)
        self.worker.wanted_page = wanted  # older page requests still queued are skipped
        ratio = self.devicePixelRatioF()
        width = max(200, self.scroll.viewport().width() - 40)

        def work(worker: Worker, _progress):
            document = worker.document
            if worker.wanted_page != wanted or document is None \
                    or worker.generation != generation:
                return None
            dpi = width / (document.page_w / 10 / 72) * ratio
            return generation, index, document.render_page(index, dpi)
        self._run(work, done=self._page_rendered)

    def _page_rendered(self, result) -> None:
        if result is None:
            return
        generation, index, image = result
        if generation != self._generation or index != self.page:
            return
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self.page_image = image
        self.page_label.setPixmap(QPixmap.fromImage(image))

    def _set_info(self, text: str) -> None:
        self.info_label.setText(text)

    # -- exporting -----------------------------------------------------------------------
    def ask_save_path(self) -> str:
        """Where to save (tests replace this)."""
        key, _label, ext, file_filter = next(f for f in FORMATS if f[0] == self.format_key)
        folder = (str(self.doc.path.parent) if self.doc.path is not None  # beside the session
                  else settings.get(settings.EXPORT_LAST_DIR) or str(Path.home()))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export summary"),
                                              str(Path(folder) / (self.suggested_stem() + ext)),
                                              self.tr(file_filter))
        if path and not path.lower().endswith(ext) and not (key == "html"
                                                            and path.lower().endswith(".htm")):
            path += ext
        return path

    def suggested_stem(self) -> str:
        """The file name offered: the title, with names replaced when anonymising."""
        title = self.doc.session.title or "summary"
        if self.anonymise:
            from lpdesk.export.anonymise import Names
            title = Names(self.doc.session, anonymise=True).text(title)
        stem = "".join(c if c.isalnum() or c in " -_" else "-" for c in title.strip())
        return stem.strip() or "summary"

    def show_error(self, title: str, text: str) -> None:
        plain_message(self, QMessageBox.Icon.Warning, title, text)  # names the file

    def ask_and_export(self) -> None:
        path = self.ask_save_path()
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        """Export in the background with a progress dialog that can cancel it; a cancelled
        or failed export writes nothing."""
        path = Path(path)
        session, paper, anonymise = self.doc.session, self.paper, self.anonymise
        source = [self.doc.path] if self.doc.path is not None else []
        notes = self.include_notes
        self._save_options()
        settings.put(settings.EXPORT_LAST_DIR, str(path.parent))
        progress = QProgressDialog(self.tr("Exporting the summary\u2026"), self.tr("Cancel"),
                                   0, 0, self)
        progress.setWindowTitle(self.tr("Export Summary"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self.progress_dialog = progress

        def work(_worker: Worker, report_progress):
            files = render(build_report(session, anonymise, notes), path, paper,
                           report_progress)
            if not report_progress(0, 0):
                raise Cancelled()
            write_files(files, protect=source)  # never over the session file itself
            return [p for p, _ in files]

        self.export_button.setEnabled(False)
        job = self._run(work, done=self._exported, failed=self._export_failed,
                        cancelled=self._export_cancelled, progress=self._export_progress,
                        **{"finally": self._export_finished})
        self.export_job = job
        progress.canceled.connect(lambda: self.worker.cancel(job))

    def _export_progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None and total:
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(done)

    def _exported(self, paths: list[Path]) -> None:
        self.written = paths
        shown = paths[0].name + (self.tr(" and %n more", "", len(paths) - 1)
                                 if len(paths) > 1 else "")
        self._set_info(self.tr("Saved %s") % shown)
        self.exported.emit(paths)

    def _export_failed(self, text: str) -> None:
        self.show_error(self.tr("Cannot export the summary"), text)

    def _export_cancelled(self) -> None:
        self._set_info(self.tr("Export cancelled: nothing was written."))
        self.export_cancelled.emit()

    def _export_finished(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self.export_job = None
        self.export_button.setEnabled(self.report is not None)

    def done(self, result: int) -> None:
        self._save_options()
        self.shut_down()
        super().done(result)

    def shut_down(self) -> None:
        """Stop the worker (an export running is cancelled and writes nothing)."""
        self._generation += 1  # late results are ignored
        stop_worker(self._thread, self.worker)
