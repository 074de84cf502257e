"""A second participant with a name already in the list: a warning under the name field,
never a silent twin and never a message box. Enter again keeps both (two real Ann Lees
happen); changing the name drops the warning. A rename in the list that makes a twin is
kept and said, with Undo to take it back."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget


class DuplicateNameWarning(QLabel):
    """The line under the name field; `allow(name, others)` says whether to add now."""

    def __init__(self, entry: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DuplicateNameWarning")
        self.setTextFormat(Qt.TextFormat.PlainText)  # a participant's name is plain text
        self.setWordWrap(True)
        self.setAccessibleName(self.tr("Name warning"))
        self.hide()
        self._confirmed: str | None = None  # the name the facilitator was warned about
        self._twin: str | None = None  # the name a rename gave two participants
        entry.textEdited.connect(lambda _text: self.clear_warning())

    def allow(self, name: str, others: list[str]) -> bool:
        """True to add `name` now: it is new, or the facilitator pressed Enter again after
        the warning. Otherwise show the warning and wait."""
        # the name rules live with the paste-list reader (~8 ms to load, with csv): loaded
        # with the first name added, not with the page
        from lpdesk.model.roster import existing_name, same_name

        twin = existing_name(others, name)
        if twin is None or self._confirmed == same_name(name):
            self.clear_warning()
            return True
        self._confirmed = same_name(name)
        self.setText(self.tr("\u201c%s\u201d is already in the list. Press Enter again to add "
                             "a second one, or change the name to tell them apart.") % twin)
        self.show()
        return False

    def renamed_to_twin(self, name: str) -> None:
        """A rename in the list gave two participants one name: kept, and said."""
        from lpdesk.model.roster import same_name

        self._confirmed, self._twin = None, same_name(name)
        self.setText(self.tr("Two participants are now called \u201c%s\u201d. Keep both, or "
                             "undo the rename (Ctrl+Z) to tell them apart.") % name)
        self.show()

    def recheck(self, names: list[str]) -> None:
        """After any change to the list (an undo, a removal): a rename warning whose twins
        are gone goes too."""
        if self._twin is None:
            return
        from lpdesk.model.roster import same_name

        if sum(same_name(n) == self._twin for n in names) < 2:
            self.clear_warning()

    def clear_warning(self) -> None:
        self._twin = None
        self._confirmed = None
        if not self.isHidden():
            self.hide()
            self.clear()
