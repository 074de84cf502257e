"""The widget showing a BoardScene: 1:1, sized to the view, so the board always fits."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from lpdesk.ui.matrix.scene import BoardScene


def tr(text: str) -> str:
    return QCoreApplication.translate("BoardView", text)


class BoardView(QGraphicsView):
    """Shows a BoardScene at 1:1, sized to the view: the board always fits the screen."""

    def __init__(self, scene: BoardScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.board_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        if scene.for_room:
            # One rectangle round all that changed, not the exact region: on the room's
            # board a phones' move that rebalances the grid touches dozens of items, and
            # Qt's raster engine clips every fill and card to a region of many rectangles
            # span by span (measured at 1920x1080: a repaint's median 6.7 -> 3.0 ms, its
            # longest 17 -> 9 ms). The facilitator's board keeps the exact region: its
            # frame is steady, a move changes two cells, and the rectangle round two
            # distant cells repainted most of a full board (900 cards: the redraw after a
            # phones' slice, median 4.3 -> 6.2 ms).
            self.setViewportUpdateMode(
                QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(tr("Practices board"))
        self.viewport().setAccessibleName(tr("Practices board"))
        # Scene items have no accessibility of their own: the view speaks for the card
        # that has the keyboard focus.
        scene.focusItemChanged.connect(lambda *_args: self.speak())
        scene.layout_done.connect(self.speak)
        self.setToolTip(tr("Drag cards into the grid. Keyboard: Tab selects a card, arrow "
                           "keys move it, Shift+Up/Down reorders, Delete sends it back to "
                           "the deck, Enter opens \u201cMove to\u201d."))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.board_scene.up_to_date()  # what changed while hidden, before the first paint
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        size = self.viewport().size()
        self.board_scene.set_size(size.width(), size.height())

    FOCUS_WIDTH = 3

    def speak(self) -> None:
        """Name the view after its focused card (text, place, reveal), else the board."""
        from lpdesk.ui.matrix.items import CardItem

        item = self.scene().focusItem() if self.scene() is not None else None
        board = self.board_scene.board
        name = tr("Practices board")
        if board is not None:
            name = tr("Practices board %1: %2 cards, %3 still to sort").replace(
                "%1", board.name).replace("%2", str(len(board.cards))).replace(
                "%3", str(len(board.cards_in(None))))
        if isinstance(item, CardItem) and item.spoken:
            name = item.spoken
        if self.accessibleName() != name:
            self.setAccessibleName(name)  # Qt tells the screen reader (NameChanged)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """The board, and while it has the keyboard focus an outline round it, so Tab
        shows where the keys go before any card is selected."""
        super().paintEvent(event)
        if self.hasFocus():
            from lpdesk.ui.style.theme import theme

            painter = QPainter(self.viewport())
            w = self.FOCUS_WIDTH
            painter.setPen(QPen(QColor(theme().accent), w))
            painter.drawRect(self.viewport().rect().adjusted(w // 2, w // 2,
                                                             -(w - w // 2), -(w - w // 2)))
            painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Arrow keys or Tab with no card selected select the first card."""
        if self.scene().focusItem() is None and event.key() in (
                Qt.Key.Key_Tab, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up,
                Qt.Key.Key_Down):
            self.board_scene.select_next(None)
            event.accept()
            return
        super().keyPressEvent(event)
