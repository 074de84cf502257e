"""File > Compare Sessions...: several workshops side by side, read from their files.

The window only reads the chosen files (they never change) and never touches the open
session. Files that cannot be read are listed with their problem and left out; series the
files suggest (same client and title) are offered for confirmation, and the figures follow
at once. Export writes the same comparison as PDF, HTML, Markdown, CSV or PNG, on a worker
thread so the window stays responsive.
"""
from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lpdesk import settings
from lpdesk.export.compare import (
    ComparisonReport,
    build_comparison_report,
    compare_files,
    left_out_lines,
)
from lpdesk.export.tables import Table
from lpdesk.model.compare import propose_series, series_key
from lpdesk.storage.compare import SessionsToCompare, read_sessions
from lpdesk.ui.base.after_paint import after_first_paint
from lpdesk.ui.compare.chart_view import CompareChartView

FILTER = "lpdesk sessions (*.lpdesk)"
FIRST_SECTIONS = 4  # shown with the window; the rest follows in steps of MORE_SECTIONS
MORE_SECTIONS = 3
EXPORT_FILTERS = ("PDF document (*.pdf)", "Web page (*.html)", "Markdown (*.md)",
                  "Spreadsheet table (*.csv)", "Pictures (*.png)")


def plain_label(text: str, parent: QWidget | None = None, *, heading: int = 0) -> QLabel:
    """A label for text from a session file: always plain text, wrapped."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if heading:
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * (1.45 if heading == 1 else 1.2))
        label.setFont(font)
    return label


class _ClickTicks(QLabel):
    """The wrapped sentence of a tick box: a click on it ticks the box, as on a box's own
    text."""

    def __init__(self, box: QCheckBox, text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.box = box
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setWordWrap(True)
        self.setBuddy(box)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.box.toggle()
        super().mouseReleaseEvent(event)


def table_widget(data: Table, parent: QWidget | None = None) -> QTableWidget:
    widget = QTableWidget(len(data.rows), len(data.headers), parent)
    widget.setHorizontalHeaderLabels(list(data.headers))
    widget.verticalHeader().hide()
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setWordWrap(True)
    for r, row in enumerate(data.rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)  # items show their text as plain text
            if c in data.numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            widget.setItem(r, c, item)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    widget.resizeRowsToContents()
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    height = header.height() + sum(widget.rowHeight(r) for r in range(widget.rowCount())) + 4
    widget.setFixedHeight(height)
    return widget


class CompareWindow(QDialog):
    """The comparison page: the sessions, what was left out, series to confirm, the figures
    and charts, and Export."""

    exported = Signal(list)  # the paths written
    complete = Signal()  # every section of the comparison is on the page

    def __init__(self, found: SessionsToCompare, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare workshops"))
        self.setModal(False)
        self.found = found
        self.series_choice: dict[tuple[str, str], bool] = {}
        self._pool: ThreadPoolExecutor | None = None
        self._job: Future | None = None
        self.report: ComparisonReport | None = None
        self._pending: list = []
        self._generation = 0

        self.anonymise = QCheckBox(self.tr("&Anonymise names (P1, G1 ...)"), self)
        self.anonymise.toggled.connect(self.refresh)
        self.add_button = QPushButton(self.tr("Add &Files..."), self)
        self.add_button.clicked.connect(self.add_files)
        self.folder_button = QPushButton(self.tr("Add F&older..."), self)
        self.folder_button.clicked.connect(self.add_folder)
        self.export_button = QPushButton(self.tr("&Export..."), self)
        self.export_button.setShortcut(QKeySequence("Ctrl+E"))
        self.export_button.clicked.connect(self.ask_export)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.close)
        self.status = plain_label("", self)

        bar = QHBoxLayout()
        for w in (self.add_button, self.folder_button, self.anonymise):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.close_button)

        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.body)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.status)
        self._fit_screen()
        self.refresh()

    def _fit_screen(self) -> None:
        screen = (self.parentWidget().screen() if self.parentWidget() is not None
                  else QGuiApplication.primaryScreen())
        available = screen.availableGeometry()
        self.resize(min(1100, available.width() - 40), min(820, available.height() - 60))

    # -- what is shown -------------------------------------------------------------------
    def refresh(self) -> None:
        """Compare again (files added, anonymising or a series choice changed)."""
        sessions = self.found.labelled()
        for key in propose_series(sessions):  # a newly proposed series starts confirmed
            self.series_choice.setdefault(key, True)
        comparison = compare_files(sessions, anonymise=self.anonymise.isChecked(),
                                   series=[k for k, on in self.series_choice.items() if on])
        self.report = build_comparison_report(comparison, left_out_lines(
            self.found.left_out, [s for _, s in self.found.sessions],
            self.anonymise.isChecked()))
        self._show(self.report)

    def _clear(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # gone from the page at once, deleted later
                widget.deleteLater()

    def _show(self, report: ComparisonReport) -> None:
        self._clear()
        add = self.body_layout.addWidget
        add(plain_label(report.title, self.body, heading=1))
        add(plain_label(report.subtitle, self.body))
        if report.left_out:
            add(plain_label(self.tr("Left out:"), self.body, heading=2))
            for problem in report.left_out:
                add(plain_label("\u2022 " + problem, self.body))
        c = report.comparison
        if c.proposed_series:
            add(plain_label(self.tr("The same team over time?"), self.body, heading=2))
            for key in c.proposed_series:
                members = [i.label for i in c.sessions if series_key(i.client, i.title) == key]
                add(self._series_choice(key, self.tr("Read %s as one team over time")
                                        % ", ".join(members)))
        if report.words:  # one label: 50 workshops say ~200 things, each a widget to lay out
            add(plain_label("\n".join("\u2022 " + text for text in report.words), self.body))
        add(plain_label(self.tr("Sessions compared"), self.body, heading=2))
        add(table_widget(report.sessions, self.body))
        self._pending = list(report.sections)
        self._generation += 1
        self._add_sections(self._generation, FIRST_SECTIONS, first=True)
        self.status.setText(self.tr("%d sessions compared; the files were only read.")
                            % len(c.sessions))

    def _series_choice(self, key, text: str) -> QWidget:
        """A tick box with its sentence beside it, wrapped: the names of many workshops
        made one unwrapped tick box wider than the window (a sideways scroll bar, and the
        page's sentences cut at the right)."""
        row = QWidget(self.body)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        box = QCheckBox(row)
        box.setAccessibleName(text)
        box.setChecked(self.series_choice.get(key, True))
        box.toggled.connect(lambda on: self._set_series(key, on))
        label = _ClickTicks(box, text, row)
        line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(label, 1)
        return row

    def _add_sections(self, generation: int, count: int, first: bool = False) -> None:
        """Sections a few at a time: the first screen shows at once, the rest follows
        once it is painted, while the facilitator reads (50 workshops make hundreds of
        widgets)."""
        if generation != self._generation:
            return  # a newer comparison replaced this one
        add = self.body_layout.addWidget
        for section in self._pending[:count]:
            add(plain_label(section.title, self.body, heading=2))
            for text in section.paragraphs:
                add(plain_label(text, self.body))
            if section.chart is not None and section.chart.rows:
                add(CompareChartView(section.chart, self.body))
            for caption, data in section.tables:
                add(plain_label(caption, self.body))
                add(table_widget(data, self.body))
        del self._pending[:count]
        if self._pending:
            more = lambda: self._add_sections(generation, MORE_SECTIONS)  # noqa: E731
            if first:  # below the first screen: not worth delaying its paint for
                after_first_paint(self, more)
            else:  # named context: Qt drops the call if the window is deleted first
                QTimer.singleShot(0, self, more)
        else:
            self.complete.emit()

    @property
    def is_complete(self) -> bool:
        return not self._pending

    def _set_series(self, key: tuple[str, str], on: bool) -> None:
        self.series_choice[key] = on
        QTimer.singleShot(0, self, self.refresh)  # not inside the check box's own signal

    # -- more files ----------------------------------------------------------------------
    def _add(self, paths: Sequence[str | Path]) -> None:
        known = [p for p, _ in self.found.sessions]
        found = read_sessions([*known, *paths])
        found.left_out = [*self.found.left_out, *(x for x in found.left_out
                                                  if x not in self.found.left_out)]
        self.found = found
        self.refresh()

    def add_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add sessions to compare"),
                                                _start_folder(), FILTER)
        if paths:
            self._add(paths)

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of sessions"),
                                                  _start_folder())
        if folder:
            self._add([folder])

    # -- export --------------------------------------------------------------------------
    def ask_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the comparison"),
            str(Path(_start_folder()) / "comparison.pdf"), ";;".join(EXPORT_FILTERS))
        if path:
            if not Path(path).suffix:
                path += chosen[chosen.rfind("*") + 1:-1] if "*" in chosen else ".pdf"
            self.export_to(path)

    def export_to(self, path: str | Path) -> Future:
        """Render and write on a worker thread; the result arrives in `exported`."""
        from lpdesk.export.compare_pdf import render_comparison
        from lpdesk.export.formats import ExportError, check_writable, format_for, write_files

        assert self.report is not None
        try:
            format_for(path)
            check_writable(path)
        except ExportError as exc:
            self._error(str(exc))
            raise
        report, sessions = self.report, list(self.found.sessions)

        def work() -> list[Path]:
            files = render_comparison(report, path)
            write_files(files, protect=[p for p, _ in sessions])  # never over an input
            return [p for p, _ in files]

        self._pool = self._pool or ThreadPoolExecutor(1, thread_name_prefix="compare-export")
        self._job = self._pool.submit(work)
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Exporting %s ...") % Path(path).name)
        self._poll()
        return self._job

    def _poll(self) -> None:
        if self._job is None:
            return
        if not self._job.done():
            QTimer.singleShot(40, self, self._poll)
            return
        job, self._job = self._job, None
        self.export_button.setEnabled(True)
        try:
            paths = job.result()
        except Exception as exc:  # an ExportError or a disk error: one calm line
            self._error(str(exc))
            return
        self.status.setText(self.tr("Exported %s") % ", ".join(p.name for p in paths[:3]))
        self.exported.emit(paths)

    def _error(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Export"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        self.status.setText(text)

    def done(self, result: int) -> None:  # noqa: D102 (also Close and Esc)
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None
        super().done(result)


def _start_folder() -> str:
    return settings.get(settings.COMPARE_FOLDER) or str(Path.home())


def open_comparison(parent: QWidget, paths: Sequence[str | Path]) -> CompareWindow | None:
    """Read the files; with two or more usable sessions show the comparison, otherwise say
    why in one message (and which files were left out)."""
    found = read_sessions(paths)
    if paths:
        first = Path(paths[0])
        settings.put(settings.COMPARE_FOLDER, str(first if first.is_dir() else first.parent))
    if not found.usable:
        lines = [QDialog.tr("At least two sessions that can be read are needed to compare; "
                            "%d could be read.") % len(found.sessions)]
        lines += [str(x) for x in found.left_out]
        box = QMessageBox(QMessageBox.Icon.Information, QDialog.tr("Compare workshops"),
                          "\n".join(lines), QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.open()
        return None
    window = CompareWindow(found, parent)
    window.show()
    return window


def ask_comparison(parent: QWidget) -> CompareWindow | None:
    paths, _ = QFileDialog.getOpenFileNames(parent, QDialog.tr("Compare sessions"),
                                            _start_folder(), FILTER)
    return open_comparison(parent, paths) if paths else None
