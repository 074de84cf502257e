"""The last safety net in the room: an unexpected error in any handler (a Qt slot, or a
view's handler of a model event: lpdesk.model.events) becomes a calm word to the
facilitator instead of a traceback nobody reads or, worse, a silently broken screen.

Where the word goes depends on who can see it. The room must never see an error box (on a
mirrored projector the whole client room reads it), so in presentation mode or with the
audience window up the facilitator is told discreetly (the status bar and the facilitator
bar) and the details go to a log file only. Otherwise one box, once per kind of error,
never stacked: the same error again, or any error while a box is open, adds to a count.
Every error goes to the log file (`<AppDataLocation>/logs/errors.log`, rotated, bounded
size), which Help > Show error log folder opens, and to stderr for the developers.
"""
from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, QStandardPaths, Qt

Notify = Callable[[str], None]

LOG_NAME = "errors.log"
LOG_BYTES = 256 * 1024  # one file; with its backups at most ~1 MB on the laptop
LOG_BACKUPS = 3


@dataclass(frozen=True)
class ErrorReport:
    message: str  # "Kind: what it says", for people
    key: tuple[str, str, int]  # the kind of error: its type and where it was raised
    details: str  # the traceback, for the log


def _report_of(kind: type[BaseException], error: BaseException,
               tb: TracebackType | None) -> ErrorReport:
    frames = traceback.extract_tb(tb) if tb is not None else []
    where = (frames[-1].filename, frames[-1].lineno or 0) if frames else ("", 0)
    details = "".join(traceback.format_exception(kind, error, tb))
    return ErrorReport(f"{kind.__name__}: {error}", (kind.__name__, *where), details)


def install_reporter(report: Callable[[ErrorReport], None],
                     model_events: bool = True) -> Callable[[], None]:
    """Route uncaught exceptions, and errors of model-event handlers, to `report`; returns a
    function that undoes it. A failing `report` never hides the original error. With
    `model_events` False the model's events are routed only once the returned function's
    `hook_model_events()` is called: the model is not loaded before the first paint."""
    previous = sys.excepthook
    busy = False

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        nonlocal busy
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        traceback.print_exception(kind, error, tb, file=sys.stderr)
        if busy:  # an error while reporting an error: stderr is enough
            return
        busy = True
        try:
            report(_report_of(kind, error, tb))
        except Exception:  # noqa: BLE001 - the net must not tear
            traceback.print_exc(file=sys.stderr)
        finally:
            busy = False

    def event_hook(_event: Any, _handler: Any, error: BaseException) -> None:
        hook(type(error), error, error.__traceback__)

    sys.excepthook = hook
    hooked: list = []  # the model's previous hook, once ours is in

    def hook_model_events() -> None:
        from lpdesk.model import events

        if not hooked:
            hooked.append(events.set_error_hook(event_hook))

    def uninstall() -> None:
        """Put the previous hooks back, once, and only if nobody replaced ours since."""
        if sys.excepthook is hook:
            sys.excepthook = previous
        if hooked:
            from lpdesk.model import events

            current = events.set_error_hook(hooked.pop())
            if current is not event_hook:
                events.set_error_hook(current)

    if model_events:
        hook_model_events()
    uninstall.hook_model_events = hook_model_events  # type: ignore[attr-defined]
    return uninstall


def install(notify: Notify) -> Callable[[], None]:
    """Route uncaught exceptions to `notify(message)`; returns a function that undoes it."""
    return install_reporter(lambda report: notify(report.message))


def message_box_notifier(window) -> Notify:
    """Tell the facilitator in one calm dialog over the main window."""
    def notify(detail: str) -> None:
        window.show_error(window.tr("Something went wrong"), _box_text(window, detail))
    return notify


def _box_text(window, detail: str) -> str:
    return window.tr("lpdesk hit an unexpected problem and carried on. Your session is still "
                     "open and autosaved; saving it now is a good idea.\n\n"
                     "Details for the developers: %s") % detail


def log_folder() -> Path:
    """`<AppDataLocation>/logs` (needs the application and organisation names set)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "logs"


class ErrorGuard(QObject):
    """The guard of one main window. `error_count` is every error it handled (the
    model-based test of the window reads it); `counts` the same by kind of error."""

    def __init__(self, window, folder: Path | None = None) -> None:
        super().__init__(window)
        self.main = window
        self.folder = folder or log_folder()
        self.error_count = 0
        self.counts: dict[tuple[str, str, int], int] = {}
        self.boxes_shown = 0
        self._box = None  # the box on screen, if any
        self._logger: logging.Logger | None = None
        self.log_action = None
        self._add_help_entry()
        self._uninstall = install_reporter(self.report, model_events=False)
        self.destroyed.connect(self._uninstall)
        built = getattr(window, "session_built", None)
        if built is None or built():
            self._follow_session()
        else:  # started on the start page: the session comes right after the first paint
            window.session_ready.connect(self._follow_session)

    def _follow_session(self) -> None:
        """The model's events and the room's screen: once the window has a session."""
        self._uninstall.hook_model_events()
        workshop = getattr(self.main, "workshop", None)
        for name in ("present_action", "audience_action"):
            action = getattr(workshop, name, None)
            if action is not None:  # a box still open when the room's screen comes up
                action.triggered.connect(self._room_screen_changed)

    def uninstall(self) -> None:
        self._uninstall()

    # -- where the word goes ------------------------------------------------------------
    def room_sees_screen(self) -> bool:
        """Presentation mode or the audience window: a box could reach the projector."""
        workshop = getattr(self.main, "workshop", None)
        views = getattr(workshop, "room_views", None)
        try:
            return bool(views()) if callable(views) else False
        except RuntimeError:  # a room window going away: be discreet
            return True

    def report(self, report: ErrorReport) -> None:
        self.error_count += 1
        seen = self.counts.get(report.key, 0)
        self.counts[report.key] = seen + 1
        self._log(report)
        if self.room_sees_screen():
            self._tell_discreetly()
        elif seen or self._box is not None:
            self._tell_discreetly()  # counted; the box is (or was) already up for it
        else:
            self._show_box(report)

    def _room_screen_changed(self, *_args) -> None:
        """F5 or the audience window with a box still open: the box goes (the facilitator
        read it or it is in the log), so it can never sit over the room's screen."""
        if self._box is not None and self.room_sees_screen():
            self._box.done(0)

    def _tell_discreetly(self) -> None:
        tr = self.main.tr
        text = tr("A problem was logged (%d so far); the workshop carries on. "
                  "Help > Show error log folder has the details.") % self.error_count
        self.main.statusBar().showMessage(text, 30000)
        bar = self._facilitator_bar()
        if bar is not None:
            bar.set_notice(tr("\u26a0 1 problem logged") if self.error_count == 1
                            else tr("\u26a0 %d problems logged") % self.error_count)

    def _facilitator_bar(self):
        workshop = getattr(self.main, "workshop", None)
        presentation = getattr(workshop, "_presentation", None)
        window = getattr(presentation, "view_window", None)
        return getattr(window, "bar", None)

    def _show_box(self, report: ErrorReport) -> None:
        from PySide6.QtWidgets import QMessageBox

        tr = self.main.tr
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Something went wrong"),
                          _box_text(self.main, report.message),
                          QMessageBox.StandardButton.Ok, self.main)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the error may quote the user's text
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        folder = box.addButton(tr("Show error log folder"), QMessageBox.ButtonRole.ActionRole)
        folder.clicked.connect(self.open_log_folder)
        box.finished.connect(self._box_closed)
        self._box = box
        self.boxes_shown += 1
        box.open()  # not exec(): no nested event loop inside an error

    def _box_closed(self, *_args) -> None:
        self._box = None

    @property
    def box(self):
        return self._box

    # -- the log file -------------------------------------------------------------------
    @property
    def log_path(self) -> Path:
        return self.folder / LOG_NAME

    def _log(self, report: ErrorReport) -> None:
        try:
            if self._logger is None:
                # loaded with the first error: logging.handlers brings socket, pickle and
                # queue, ~18 ms of start-up for a log most runs never write
                import logging.handlers

                self.folder.mkdir(parents=True, exist_ok=True)
                handler = logging.handlers.RotatingFileHandler(
                    self.log_path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
                    encoding="utf-8")
                handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
                self._logger = logging.getLogger(f"lpdesk.errorlog.{id(self)}")
                self._logger.propagate = False
                self._logger.addHandler(handler)
                self.destroyed.connect(handler.close)
            self._logger.error("%s\n%s", report.message, report.details.rstrip())
        except OSError as exc:  # a full or read-only disk: stderr still has it
            print(f"lpdesk: cannot write the error log: {exc}", file=sys.stderr)

    def _add_help_entry(self) -> None:
        menu = getattr(self.main, "help_menu", None)
        if menu is None:
            return
        from PySide6.QtGui import QAction

        self.log_action = QAction(self.main.tr("Show &error log folder"), self.main)
        self.log_action.setStatusTip(self.main.tr(
            "The folder of lpdesk's error log, to send to whoever supports you"))
        self.log_action.triggered.connect(lambda *_: self.open_log_folder())
        actions = menu.actions()
        menu.insertAction(actions[-1] if actions else None, self.log_action)  # before About

    def open_log_folder(self) -> Path:
        """Open the folder in the file manager (not on the offscreen test platform)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices, QGuiApplication

        self.folder.mkdir(parents=True, exist_ok=True)
        if QGuiApplication.platformName() != "offscreen":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
        return self.folder


def guard_window(window) -> ErrorGuard:
    """Install the guard for the app's main window (`window.error_guard`)."""
    guard = ErrorGuard(window)
    window.error_guard = guard
    return guard
