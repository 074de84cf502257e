"""QApplication set-up, theme and main window creation. Imports stay light: export and
activity pages load when first used."""
from __future__ import annotations

import sys

from lpdesk import APP_NAME, ORG_NAME, __version__


def make_application(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("lpdesk")
    from lpdesk.ui.style.theme import apply_theme, saved_theme
    apply_theme(app, saved_theme())  # the facilitator's last choice (View > Theme)
    from PySide6.QtGui import QIcon

    from lpdesk.content import resource_path
    app.setWindowIcon(QIcon(str(resource_path("icons/lpdesk.svg"))))  # drawn when first shown
    return app


def create_main_window(path: str | None = None, demo: bool = False, recover: bool = True):
    """The main window with a new session, the sample session, or the file at `path`.
    Right after its first paint (unless `recover` is False) it offers the autosaved work of
    any lpdesk that crashed, over the window; a recovered session replaces the one shown
    (the user saves it first). Waiting for the paint keeps the storage code and the folder
    scan out of the time the facilitator waits for the window."""
    from lpdesk.ui.window.after_paint import after_first_paint
    from lpdesk.ui.window.main_window import MainWindow

    document, error = None, None
    if demo:
        from lpdesk.demo import demo_session
        from lpdesk.document import SessionDocument
        document = SessionDocument(demo_session())
    elif path:
        # Read the file before building the window: one window, built once, for it.
        from lpdesk.document import SessionDocument
        from lpdesk.storage import SessionFileError
        try:
            document = SessionDocument.open(path)
        except SessionFileError as exc:
            error = str(exc)
    # started without a file: the start page first (not on --demo), the session behind it
    window = MainWindow(document, page_after_paint=document is None)
    if document is not None and document.path is not None:
        window.remember_recent(document.path)
    if error is not None:
        after_first_paint(window, lambda: window.show_error(
            window.tr("Cannot open session"), error))
    def report_content() -> None:
        from lpdesk.content.check import problems_since_last_check
        problems = problems_since_last_check()
        if problems:
            window.show_error(window.tr("Some content files are broken"), window.tr(
                "lpdesk uses what still works; the activities that need these files say "
                "so.\n\n%s") % "\n".join(problems))

    after_first_paint(window, report_content)

    def preload() -> None:  # the pages' code, while the window is idle
        from lpdesk.ui.window.preload import preload_pages
        preload_pages(window)

    after_first_paint(window, preload)
    if recover:
        def offer() -> None:
            from lpdesk.ui.window.recovery import offer_recovery
            offer_recovery(window)

        after_first_paint(window, offer)
    return window


def run(path: str | None = None, demo: bool = False, smoke: bool = False) -> int:
    """The app. A file (or a plain start) goes to an lpdesk already running, if there is
    one (lpdesk/single_instance.py); `--demo` always gets its own window. `smoke`: the check
    of a build (lpdesk/smoke.py)."""
    from lpdesk.ui.base.pyside_imports import quicker_imports

    quicker_imports()  # before the imports below (ui/base/pyside_imports.py)
    from lpdesk.platform_check import current_problem

    if not demo and not smoke:
        from lpdesk.single_instance import hand_over
        if hand_over(path):
            return 0
    app = make_application()
    problem = current_problem()
    if problem:
        from PySide6.QtWidgets import QMessageBox

        print(f"lpdesk: {problem}", file=sys.stderr)
        QMessageBox.critical(None, "lpdesk cannot run safely", problem)
        return 3
    window = create_main_window(path, demo, recover=not smoke)
    from lpdesk.ui.window.error_guard import guard_window
    guard_window(window)  # window.error_guard: never a box on the room's screen
    from lpdesk.single_instance import Listener
    from lpdesk.ui.window.after_paint import after_first_paint
    listener = Listener(window)
    after_first_paint(window, listener.listen)  # QtNetwork loads after the paint
    smoke_outcome = None
    if smoke:
        from lpdesk.smoke import arm
        smoke_outcome = arm(app, window)
    window.show()
    code = app.exec()
    return code or (smoke_outcome() if smoke_outcome else 0)
