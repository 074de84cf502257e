"""The activity pages the main window can show, by agenda activity kind.

A page module is imported only when its page is first shown, so start-up stays fast.
Every page class takes `(document, parent=None, audience=False)`: with `audience=True`
it shows only what the room should see (no editing chrome, never facilitator notes).
An activity kind with no entry here is simply absent from the agenda.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class PageSpec:
    kind: str
    module: str
    class_name: str

    def create(self, document: object, parent: QWidget | None = None,
               audience: bool = False) -> QWidget:
        """The page; if the content it needs is broken, a page that says which file and
        which item, so one edited file never takes the whole workshop down."""
        from lpdesk.content import ContentError

        cls = getattr(importlib.import_module(self.module), self.class_name)
        try:
            return cls(document, parent, audience=audience)
        except ContentError as exc:
            from lpdesk.ui.base.content_error_page import ContentErrorPage
            return ContentErrorPage(str(exc), parent, audience=audience)


PAGES: dict[str, PageSpec] = {
    "setup": PageSpec("setup", "lpdesk.ui.setup.page", "SetupPage"),
    "continuum": PageSpec("continuum", "lpdesk.ui.continuum.page", "ContinuumPage"),
    "quiz": PageSpec("quiz", "lpdesk.ui.quiz.page", "QuizPage"),
    "matrix": PageSpec("matrix", "lpdesk.ui.matrix.page", "MatrixPage"),
    "summary": PageSpec("summary", "lpdesk.ui.summary.page", "SummaryPage"),
}
