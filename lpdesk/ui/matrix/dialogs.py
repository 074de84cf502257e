"""Dialogs of the practices matrix: start a board (template or empty grid), add/edit a card."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lpdesk.content.templates import Template
from lpdesk.model import limits
from lpdesk.model.matrix import Board, Card, Cell
from lpdesk.model.session import Group
from lpdesk.ui.style.screens import fit_to_screen

EACH_GROUP = "each-group"  # NewBoardChoice.group: one board per group


@dataclass(frozen=True)
class NewBoardChoice:
    template_id: str | None  # None: an empty grid
    name: str
    group: str | None  # EACH_GROUP, a group id, or None for the whole room


@dataclass(frozen=True)
class CardChoice:
    text: str
    cell: Cell | None  # where a new card starts (None: the deck)
    reference: Cell | None
    reference_column: str | None
    all_boards: bool = False  # a new card: on every group board of the template, not only this


class NewBoardDialog(QDialog):
    def __init__(self, templates: list[Template], groups: list[Group],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New board"))
        self.templates = templates
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Template"))
        for t in templates:
            item = QListWidgetItem(t.name)
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setToolTip(t.about)
            self.list.addItem(item)
        empty = QListWidgetItem(self.tr("Empty grid (your own rows, columns and cards)"))
        empty.setData(Qt.ItemDataRole.UserRole, None)
        self.list.addItem(empty)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Board name"))
        self.name.setMaxLength(limits.NAME)  # what a session file may hold (model/limits)
        self.group = QComboBox()
        self.group.setAccessibleName(self.tr("For whom"))
        if groups:
            self.group.addItem(self.tr("One board for each group (%d)") % len(groups),
                               EACH_GROUP)
        self.group.addItem(self.tr("One board for the whole room"), None)
        for g in groups:
            self.group.addItem(self.tr("Group %s only") % g.name, g.id)
        self.list.currentRowChanged.connect(self._template_chosen)
        self.list.setCurrentRow(0)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&For:"), self.group)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Start from:")))
        layout.addWidget(self.list)
        layout.addWidget(self.about)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(560, 460), centre=False)

    def _template_chosen(self, row: int) -> None:
        if 0 <= row < len(self.templates):
            t = self.templates[row]
            self.about.setText(f"{t.about}\n\n{self.tr('Credit:')} {t.credit}")
            self.name.setText(t.name)
        else:
            self.about.setText(self.tr("A 3 \u00d7 3 grid with no cards: rename the rows and "
                                       "columns, add cards, add or remove rows and columns."))
            self.name.setText(self.tr("Our board"))

    def choice(self) -> NewBoardChoice:
        item = self.list.currentItem()
        template_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return NewBoardChoice(template_id, self.name.text().strip() or self.tr("Board"),
                              self.group.currentData())


class CardDialog(QDialog):
    """Add or edit a card: its text, where a new card starts, and the model's answer. A new
    card goes on the board shown; with `sibling_boards` > 1 a box offers every group board
    of the template instead (off by default: the facilitator chooses it knowingly)."""

    def __init__(self, board: Board, card: Card | None = None,
                 parent: QWidget | None = None, sibling_boards: int = 1) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit card") if card else self.tr("Add card"))
        self.text = QPlainTextEdit(card.text if card else "")
        self.text.setAccessibleName(self.tr("Card text"))
        self.text.setTabChangesFocus(True)
        cells = [((r.id, c.id), f"{r.name} \u00b7 {c.name}")
                 for r in board.rows for c in board.columns]
        # Options kept in Python lists (by combo index): tuples do not survive QVariant.
        self.places: list[Cell | None] = [None] + [cell for cell, _ in cells]
        self.place = QComboBox()
        self.place.setAccessibleName(self.tr("Starts in"))
        self.place.addItems([self.tr("The deck")] + [label for _, label in cells])
        self.answers: list[tuple[str, object] | None] = [None]
        self.model = QComboBox()
        self.model.setAccessibleName(self.tr("Where the model puts it"))
        self.model.addItem(self.tr("No model answer"))
        for c in board.columns:
            self.answers.append(("column", c.id))
            self.model.addItem(self.tr("Anywhere in %s") % c.name)
        for cell, label in cells:
            self.answers.append(("cell", cell))
            self.model.addItem(label)
        if card is not None:
            wanted = ("cell", card.reference) if card.reference else \
                ("column", card.reference_column) if card.reference_column else None
            self.model.setCurrentIndex(self.answers.index(wanted)
                                       if wanted in self.answers else 0)
        form = QFormLayout()
        form.addRow(self.tr("&Text:"), self.text)
        if card is None:
            form.addRow(self.tr("&Starts in:"), self.place)
        form.addRow(self.tr("&Model answer:"), self.model)
        self.all_boards = QCheckBox(self.tr("Add it to all %d group boards of this template "
                                            "(in their decks), not only to this one")
                                    % sibling_boards)
        self.all_boards.setChecked(False)
        self.offers_all_boards = card is None and sibling_boards > 1
        if self.offers_all_boards:
            form.addRow("", self.all_boards)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._check()
        fit_to_screen(self, QSize(520, 300), centre=False)

    def _check(self) -> None:
        ok = bool(self.text.toPlainText().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def choice(self) -> CardChoice:
        answer = self.answers[max(0, self.model.currentIndex())]
        return CardChoice(
            self.text.toPlainText().strip(), self.places[max(0, self.place.currentIndex())],
            answer[1] if answer and answer[0] == "cell" else None,  # type: ignore[misc]
            answer[1] if answer and answer[0] == "column" else None,  # type: ignore[misc]
            self.offers_all_boards and self.all_boards.isChecked())
