"""Editing a board's cards, rows and columns from the matrix page: on the board shown or,
with "All group boards", on every board of its template (one undo step for all).

A mixin of `MatrixPage` (ui/matrix/page.py), split out so the page file stays about
showing boards; it uses only the page attributes declared below.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QInputDialog, QMenu

from lpdesk.commands.matrix import (
    AddAxisCommand,
    AddCardCommand,
    DeleteCardCommand,
    EditCardCommand,
    RemoveAxisCommand,
    RenameAxisCommand,
    together,
)
from lpdesk.model.ids import new_id
from lpdesk.model.matrix import Axis, Board, Card
from lpdesk.ui.matrix.dialogs import CardChoice, CardDialog

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from lpdesk.document import SessionDocument
    from lpdesk.model.matrix import Matrix
    from lpdesk.ui.matrix.scene import BoardScene
    from lpdesk.ui.matrix.view import BoardView


class BoardEdits:
    """Card, row and column edits; `MatrixPage` provides these attributes."""

    doc: SessionDocument
    matrix: Matrix
    scene: BoardScene
    view: BoardView
    audience: bool
    together_action: QAction
    last_message: str

    if TYPE_CHECKING:
        @property
        def board(self) -> Board | None: ...
        def tr(self, text: str) -> str: ...
        def window(self): ...

    # -- cards, rows and columns: on this board or on all its group boards ---------------
    def targets(self, has=lambda b: True) -> list[Board]:
        board = self.board
        if board is None:
            return []
        boards = self.matrix.siblings(board.id) \
            if self.audience is False and self.together_action.isChecked() else [board]
        return [b for b in boards if has(b)]

    def ask_card(self, card_id: str | None) -> CardChoice | None:
        assert self.board is not None
        card = self.board.card(card_id) if card_id else None
        dialog = CardDialog(self.board, card, self,
                            sibling_boards=len(self.matrix.siblings(self.board.id)))
        return dialog.choice() if dialog.exec() else None

    def ask_axis_name(self, title: str, current: str = "") -> str | None:
        name, ok = QInputDialog.getText(self, title, self.tr("Name:"), text=current)
        return name.strip() if ok and name.strip() else None

    def add_card(self) -> None:
        """A new card on the board shown (or, chosen in the dialog, on every group board of
        its template), then selected and scrolled to, with a word in the status bar."""
        board = self.board
        choice = self.ask_card(None) if board is not None else None
        if board is None or choice is None:
            return
        boards = self.matrix.siblings(board.id) if choice.all_boards else [board]
        card_id = new_id("card", {c.id for b in self.matrix.boards for c in b.cards})

        def make(board_id):
            b = self.matrix.board(board_id)
            ref = choice.reference if choice.reference and b.has_cell(choice.reference) \
                else None
            col = choice.reference_column if choice.reference_column in {
                c.id for c in b.columns} else None
            cell = choice.cell if board_id == board.id else None
            return AddCardCommand(self.matrix, board_id,
                                  Card(card_id, choice.text, ref, True, col), cell)
        self.doc.push(together(self.tr("Add card"), [b.id for b in boards], make))
        self.scene.select_card(card_id)
        self.view.setFocus()
        self.say(self.card_added_message(board, choice, len(boards)))

    def card_added_message(self, board: Board, choice: CardChoice, count: int) -> str:
        if choice.cell is not None:
            rows = {r.id: r.name for r in board.rows}
            cols = {c.id: c.name for c in board.columns}
            where = self.tr("in %s · %s") % (rows.get(choice.cell[0], ""),
                                                  cols.get(choice.cell[1], ""))
        else:
            where = self.tr("in the deck")
        if count > 1:
            return self.tr("Card added to %d boards, %s on %s, in the deck on the others "
                           "(Ctrl+Z takes it back)") % (count, where, board.name)
        return self.tr("Card added to %s, %s (Ctrl+Z takes it back)") % (board.name, where)

    def say(self, message: str) -> None:
        """A short message in the main window's status bar, if there is one."""
        from PySide6.QtWidgets import QMainWindow

        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 6000)
        self.last_message = message

    def edit_card(self, card_id: str) -> None:
        choice = self.ask_card(card_id)
        if choice is None:
            return
        boards = self.targets(lambda b: card_id in {c.id for c in b.cards})
        self.doc.push(together(self.tr("Edit card"), [b.id for b in boards], lambda b: (
            EditCardCommand(self.matrix, b, card_id, choice.text, choice.reference,
                            choice.reference_column))))

    def delete_card(self, card_id: str) -> None:
        boards = self.targets(lambda b: card_id in {c.id for c in b.cards})
        self.doc.push(together(self.tr("Delete card"), [b.id for b in boards],
                               lambda b: DeleteCardCommand(self.matrix, b, card_id)))

    def _has_axis(self, axis_id: str):
        return lambda b: axis_id in {a.id for a in (*b.rows, *b.columns)}

    def rename_axis(self, axis_id: str) -> None:
        if self.board is None:
            return
        kind, _, axis = self.board.axis(axis_id)
        name = self.ask_axis_name(self.tr("Rename row") if kind == "row"
                                  else self.tr("Rename column"), axis.name)
        if name is None or name == axis.name:
            return
        boards = self.targets(self._has_axis(axis_id))
        self.doc.push(together(self.tr("Rename"), [b.id for b in boards], lambda b: (
            RenameAxisCommand(self.matrix, b, axis_id, name))))

    def add_axis(self, kind: str, after: str | None = None) -> None:
        if self.board is None:
            return
        name = self.ask_axis_name(self.tr("Add row") if kind == "row" else self.tr("Add column"))
        if name is None:
            return
        boards = self.targets()
        axis_id = new_id("row" if kind == "row" else "col",
                         {a.id for b in boards for a in (*b.rows, *b.columns)})

        def make(board_id):
            b = self.matrix.board(board_id)
            axes = [a.id for a in (b.rows if kind == "row" else b.columns)]
            index = axes.index(after) + 1 if after in axes else None
            return AddAxisCommand(self.matrix, board_id, kind, Axis(axis_id, name), index)
        self.doc.push(together(self.tr("Add row") if kind == "row" else self.tr("Add column"),
                               [b.id for b in boards], make))

    def remove_axis(self, axis_id: str) -> None:
        boards = self.targets(self._has_axis(axis_id))
        self.doc.push(together(self.tr("Remove"), [b.id for b in boards],
                               lambda b: RemoveAxisCommand(self.matrix, b, axis_id)))

    def axis_menu(self, axis_id: str) -> QMenu:
        assert self.board is not None
        kind = self.board.axis(axis_id)[0]
        menu = QMenu(self)
        menu.addAction(self.tr("Rename\u2026"), lambda: self.rename_axis(axis_id))
        menu.addAction(self.tr("Add row below\u2026") if kind == "row"
                       else self.tr("Add column to the right\u2026"),
                       lambda: self.add_axis(kind, axis_id))
        many = len(self.board.rows if kind == "row" else self.board.columns) > 1
        remove = menu.addAction(self.tr("Remove row") if kind == "row"
                                else self.tr("Remove column"), lambda: self.remove_axis(axis_id))
        remove.setEnabled(many)
        return menu

    def _axis_menu(self, axis_id: str, pos: QPoint) -> None:
        self.axis_menu(axis_id).exec(pos)
