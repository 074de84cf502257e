"""The activity pages' code, loaded while nothing happens (issue 28: the first open).

A page's code is loaded the first time the page is shown: on a 2-core laptop the
continuum's took 96 ms of CPU, the quiz's 59, the matrix's 107 and the summary's 25. So the
first open of a file, and the first visit of each page, paid for it on the projector. Now
the window loads it while it is idle: from PRELOAD_IDLE_MS after its first paint (app.py
queues it with the rest of the work behind that paint), one page's code at a time,
PRELOAD_GAP_MS apart. An import holds
the window for all its length, so none starts while a mouse button is down, a menu, popup
or dialog is open, or phones are connected (their votes come first: ui/live/gui_thread.py);
it waits and asks again. Code already loaded is skipped, and a closed window stops. Code
that fails to load is left for the page to report when it is shown (never a box from
here: the window may be on the room's screen).
"""
from __future__ import annotations

import importlib
import logging
import sys

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

PRELOAD_IDLE_MS = 1500  # after the first paint's own work, before the first page's code
PRELOAD_GAP_MS = 250  # between two pages' code, and before asking again when busy


def window_busy() -> bool:
    """Whether an import now would be felt: a drag, a menu or dialog, phones sending."""
    if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
        return True
    if QApplication.activePopupWidget() is not None or \
            QApplication.activeModalWidget() is not None:
        return True
    live = sys.modules.get("lpdesk.ui.live.gui_thread")
    return live is not None and live.gui_gc().users > 0


class Preloader(QObject):
    """Imports `modules` for `window`, one per idle step (see the module's docstring)."""

    def __init__(self, window: QWidget, modules: list[str]) -> None:
        super().__init__(window)
        self.setObjectName("lpdesk-preloader")
        self.modules = list(modules)
        self.loaded: list[str] = []  # what it imported itself (tests, benchmarks)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.step)

    def start(self) -> None:
        self.timer.start(PRELOAD_IDLE_MS)

    def step(self) -> None:
        while self.modules and self.modules[0] in sys.modules:
            self.modules.pop(0)
        if not self.modules or not self.parent().isVisible():
            self.modules.clear()
            return
        if not window_busy():
            name = self.modules.pop(0)
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - the page says what is wrong when it is shown
                logging.getLogger("lpdesk.preload").warning("could not load %s ahead",
                                                            name, exc_info=True)
            else:
                self.loaded.append(name)
        if self.modules:
            self.timer.start(PRELOAD_GAP_MS)


def preload_pages(window: QWidget) -> Preloader:
    """Load the activity pages' code while `window` is idle, in the agenda's usual order,
    starting PRELOAD_IDLE_MS from now (app.py calls it behind the window's first paint)."""
    from lpdesk.ui.window.pages import PAGES

    loader = Preloader(window, [spec.module for spec in PAGES.values()])
    loader.start()
    return loader
