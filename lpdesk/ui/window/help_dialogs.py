"""Help > Keyboard shortcuts (made from the window's real actions each time it opens, so it
never goes stale) and Help > Facilitator's guide (resources/help/guide.html, offline)."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lpdesk.content import resources_dir


def _plain(text: str) -> str:
    """'Save &As...' -> 'Save As...'; '&&' stays one '&'."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _device_key(sequence: QKeySequence) -> bool:
    """A platform's extra key for an action on special keyboards (Save, Open, Help ... keys):
    true to the binding, but no help in a list of what to press."""
    key = sequence[0].key().value
    return key == Qt.Key.Key_Help.value or 0x01000061 <= key < 0x01100000


def menu_paths(window) -> dict[QAction, str]:
    """Where each action sits in the menu bar: 'File', 'Room > Timer' ..."""
    paths: dict[QAction, str] = {}

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} > {_plain(sub.title())}")
            elif not action.isSeparator():
                paths.setdefault(action, path)

    for top in window.menuBar().actions():
        if isinstance(top.menu(), QMenu):
            walk(top.menu(), _plain(top.menu().title()))
    return paths


def shortcut_rows(window) -> list[tuple[str, str, str]]:
    """(what, keys, where) for every action of `window` (its pages' too) with a key."""
    paths = menu_paths(window)
    pages = getattr(window, "pages", {})
    page_titles = {}
    if getattr(window, "doc", None) is not None:
        for item_id, page in pages.items():
            try:
                page_titles[page] = window.doc.session.agenda.item(item_id).title
            except KeyError:
                pass
    rows, seen = [], set()
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty() and not _device_key(k)]
        text = _plain(action.text() or action.toolTip())
        if not keys or not text:
            continue
        where = paths.get(action)
        if where is None:
            owner = action.parent()
            while owner is not None and owner not in page_titles and owner is not window:
                owner = owner.parent()
            where = page_titles.get(owner, QDialog.tr("Everywhere"))
        shown = "\n".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        row = (text, shown, where)
        if row not in seen:
            seen.add(row)
            rows.append(row)
    order = {_plain(a.menu().title()): i for i, a in enumerate(window.menuBar().actions())
             if isinstance(a.menu(), QMenu)}  # File, Edit, View ... as in the menu bar
    return sorted(rows, key=lambda r: (order.get(r[2].split(" > ")[0], len(order)), r[2],
                                       r[0].casefold())) + presentation_rows()


def presentation_rows() -> list[tuple[str, str, str]]:
    """The keys of presentation mode (F5), whose window exists only while presenting:
    written here so the list shows them before the first F5."""
    tr = QDialog.tr
    where = tr("Presentation (F5)")
    return [(what, keys, where) for what, keys in (
        (tr("Leave presentation mode"), tr("Esc")),
        (tr("Facilitator bar: show or hide"), tr("F6")),
        (tr("Show how to join from phones"), tr("J")),
        (tr("Break: one minute more / less"), tr("Up, +\nDown, -")),
        (tr("Quiz: who answers (person, group, room, phones)"), tr("W")),
        (tr("Continuum: place now / target"), tr("N\nT")),
        (tr("Summary: accept the note from a phone"), tr("Ctrl+Return")),
        (tr("Summary: reject the note from a phone"), tr("Ctrl+Del")),
        (tr("Summary: next note from a phone"), tr("Ctrl+Down")))]


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setObjectName("ShortcutsDialog")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Type to filter, e.g. timer or Ctrl+R"))
        self.filter.setAccessibleName(self.tr("Filter shortcuts"))
        self.filter.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys"),
                                              self.tr("Where")])
        # Keys and places whole (one key per line); the action's words wrap if they must
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.rows = shortcut_rows(window)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        note = QLabel(self.tr("Also: in the quiz 1-4 or A-D answer; on the continuum and the "
                              "board the arrow keys move the selected marker or card, in "
                              "presentation mode too. The facilitator's guide (F1) tells "
                              "more."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self.apply_filter)
        from lpdesk.ui.style.screens import fit_to_screen
        fit_to_screen(self, self.sizeHint().expandedTo(QSize(760, 620)), centre=False)

    def apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for r, row in enumerate(self.rows):
            haystack = " ".join(row).casefold()
            self.table.setRowHidden(r, not all(w in haystack for w in words))

    def visible_rows(self) -> list[tuple[str, str, str]]:
        return [row for r, row in enumerate(self.rows) if not self.table.isRowHidden(r)]


class GuideDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Facilitator's guide"))
        self.setObjectName("GuideDialog")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # offline: nothing to follow outside the guide
        self.browser.setAccessibleName(self.tr("Facilitator's guide"))
        try:
            html = (resources_dir() / "help" / "guide.html").read_text(encoding="utf-8")
        except OSError:
            html = ""
        if html:
            self.browser.setHtml(html)
        else:
            self.browser.setPlainText(self.tr("The guide file is missing from this "
                                              "installation (resources/help/guide.html)."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(680, 720)
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)
