"""The facilitator locks the board on screen, or every board, against moves from the phones
(and unlocks them); the facilitator's own moves stay possible. Shown on the matrix page
while the phones' server runs."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget


class MatrixPhonesBar(QWidget):
    def __init__(self, feature, page) -> None:
        super().__init__(page)
        self.feature, self.page = feature, page
        self.setObjectName("MatrixPhonesBar")
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 4)
        self.lock_board = QCheckBox(self.tr("&Lock this board on phones"))
        self.lock_board.setToolTip(self.tr("The group's phones see the board but cannot move "
                                           "cards"))
        self.lock_board.clicked.connect(self._lock_board)
        self.lock_all = QCheckBox(self.tr("Lock &all boards on phones"))
        self.lock_all.clicked.connect(self._lock_all)
        line.addWidget(self.lock_board)
        line.addWidget(self.lock_all)
        line.addStretch(1)
        from lpdesk.ui.style.binding import listen
        feature.main.page_changed.connect(self.refresh)
        feature.action.toggled.connect(self.refresh)
        listen(self, page.matrix.changed, lambda *_: self.refresh())
        self.refresh()

    def activities(self):
        controller = self.feature.controller
        return controller.activities if controller is not None and self.feature.running \
            else None

    def _board_id(self) -> str | None:
        board = self.page.matrix.current_board
        return board.id if board is not None else None

    def _lock_board(self, on: bool) -> None:
        activities, board_id = self.activities(), self._board_id()
        if activities is not None and board_id is not None:
            activities.set_locked([board_id], on)
        self.refresh()

    def _lock_all(self, on: bool) -> None:
        activities = self.activities()
        if activities is not None:
            activities.set_locked([b.id for b in self.page.matrix.boards], on)
        self.refresh()

    def refresh(self, *_args) -> None:
        activities = self.activities()
        self.setVisible(activities is not None)
        if activities is None:
            return
        locked = activities.locked_boards
        ids = {b.id for b in self.page.matrix.boards}
        self.lock_board.setChecked(self._board_id() in locked)
        self.lock_all.setChecked(bool(ids) and ids <= locked)
