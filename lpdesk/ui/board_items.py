"""The things drawn on a practices board: cards, cells (and the deck), and headers.

Items only draw and forward input to their scene (BoardScene), which owns the rules:
what a drop means, which command to push, how keys move a card.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QTextOption
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSceneWheelEvent,
    QGraphicsTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from lpdesk.model.matrix import Cell
from lpdesk.ui.board_layout import MARK_W, PAD_X, PAD_Y, WRAP
from lpdesk.ui.theme import Theme

if TYPE_CHECKING:
    from lpdesk.ui.board_scene import BoardScene

MATCH, MISMATCH = "match", "mismatch"


def tinted(colour: str, alpha: float) -> QColor:
    c = QColor(colour)
    c.setAlphaF(alpha)
    return c


class CardItem(QGraphicsItem):
    """One practice card: wrapped text, and after the reveal a mark and where the model
    puts it. Painted by hand (a rounded box and two texts) and cached as a pixmap, so
    dragging one card over a full board repaints almost nothing."""

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.text = ""
        self.hint = ""  # e.g. "Model: New workplace learning"
        self.state: str | None = None  # MATCH, MISMATCH or None
        self.size = QRectF(0, 0, 100, 40)
        self.font, self.hint_font, self.scale, self.theme = QFont(), QFont(), 1.0, None
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)

    def set_look(self, text: str, hint: str, state: str | None, width: float, height: float,
                 font: QFont, hint_font: QFont, scale: float, theme: Theme) -> None:
        if (text, hint, state, width, height, font, hint_font, scale, theme) == (
                self.text, self.hint, self.state, self.size.width(), self.size.height(),
                self.font, self.hint_font, self.scale, self.theme):
            return
        if (width, height) != (self.size.width(), self.size.height()):
            self.prepareGeometryChange()
            self.size = QRectF(0, 0, width, height)
        self.text, self.hint, self.state = text, hint, state
        self.font, self.hint_font, self.scale, self.theme = font, hint_font, scale, theme
        self.setToolTip(text + (f"\n{hint}" if hint else ""))
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt name)
        return self.size.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        t = self.theme
        if t is None:
            return
        s = self.scale
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(t.background)
        border, width = QColor(t.grid), 1.5 * s
        if self.state == MATCH:
            border, width = QColor(t.match), 3 * s
        elif self.state == MISMATCH:
            border, width = QColor(t.mismatch), 3 * s
            fill = QColor("#FFF1EF") if QColor(t.background).lightness() > 128 \
                else tinted(t.mismatch, 0.25)
        if self.isSelected():
            border, width = QColor(t.accent), 4 * s
        painter.setPen(QPen(border, width))
        painter.setBrush(fill)
        box = self.size.adjusted(width / 2, width / 2, -width / 2, -width / 2)
        painter.drawRoundedRect(box, 6 * s, 6 * s)
        text_rect = self.size.adjusted(PAD_X * s, PAD_Y * s, -(PAD_X + MARK_W) * s, -PAD_Y * s)
        painter.setPen(QColor(t.text))
        painter.setFont(self.font)
        used = painter.boundingRect(text_rect, WRAP, self.text)
        painter.drawText(text_rect, WRAP, self.text)
        if self.hint:
            painter.setPen(QColor(t.mismatch if self.state == MISMATCH else t.muted_text))
            painter.setFont(self.hint_font)
            painter.drawText(text_rect.adjusted(0, used.height() + 2 * s, 0, 0), WRAP, self.hint)
        if self.state is not None:
            mark = "\u2713" if self.state == MATCH else "!"
            painter.setPen(QColor(t.match if self.state == MATCH else t.mismatch))
            mark_font = QFont(self.font)
            mark_font.setBold(True)
            mark_font.setPixelSize(round(self.font.pixelSize() * 1.15))
            painter.setFont(mark_font)
            painter.drawText(QRectF(self.size.right() - (MARK_W + PAD_X * 0.5) * s,
                                    PAD_Y * s * 0.5, MARK_W * s, MARK_W * s * 1.3),
                             int(Qt.AlignmentFlag.AlignCenter), mark)

    # -- input: forwarded to the scene, which knows the board -----------------------------
    def board_scene(self) -> BoardScene:
        return self.scene()  # type: ignore[return-value]

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.board_scene().press_card(self, event.scenePos())
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.board_scene().drag_card(self, event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.board_scene().release_card(self, event.scenePos())

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if not self.board_scene().card_key(self, event):
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        self.board_scene().card_menu(self, event.screenPos())

    def itemChange(self, change, value):  # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.update()
        return super().itemChange(change, value)


class ContainerItem(QGraphicsRectItem):
    """A cell of the grid, or the deck: a frame that clips its cards and scrolls them with
    the mouse wheel when they do not all fit."""

    def __init__(self, key: Cell | None) -> None:
        super().__init__()
        self.key = key
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        self.content = QGraphicsRectItem(self)
        self.content.setPen(Qt.PenStyle.NoPen)
        self.content.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.bar = QGraphicsRectItem(self)  # scroll position, shown only when it scrolls
        self.bar.setPen(Qt.PenStyle.NoPen)
        self.bar.setZValue(10)
        self.scroll, self.content_height, self.pad = 0.0, 0.0, 0.0
        self.highlighted = False
        self.theme: Theme | None = None

    def set_geometry(self, rect: QRectF, content_height: float, pad: float, theme: Theme,
                     fill: str) -> None:
        self.setRect(QRectF(0, 0, rect.width(), rect.height()))
        self.setPos(rect.topLeft())
        self.content_height, self.pad, self.theme, self.fill = content_height, pad, theme, fill
        self.content.setRect(QRectF(0, 0, rect.width(), content_height))
        self.set_scroll(self.scroll)
        self._restyle()

    @property
    def max_scroll(self) -> float:
        return max(0.0, self.content_height - self.rect().height())

    def set_scroll(self, value: float) -> None:
        self.scroll = min(max(0.0, value), self.max_scroll)
        self.content.setPos(self.pad, self.pad - self.scroll)
        h = self.rect().height()
        if self.max_scroll > 0 and self.theme is not None:
            length = max(24.0, h * h / self.content_height)
            top = (h - length) * self.scroll / self.max_scroll
            self.bar.setRect(QRectF(self.rect().width() - 5, top, 4, length))
            self.bar.setBrush(QColor(self.theme.muted_text))
            self.bar.show()
        else:
            self.bar.hide()

    def ensure_visible(self, top: float, bottom: float) -> None:
        """Scroll so content between `top` and `bottom` (content coordinates) shows."""
        view_h = self.rect().height() - 2 * self.pad
        if top < self.scroll:
            self.set_scroll(top)
        elif bottom > self.scroll + view_h:
            self.set_scroll(bottom - view_h)

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self._restyle()

    def _restyle(self) -> None:
        t = self.theme
        if t is None:
            return
        if self.highlighted:
            self.setPen(QPen(QColor(t.accent), 3))
            self.setBrush(tinted(t.accent, 0.12))
        else:
            self.setPen(QPen(QColor(t.grid), 1))
            self.setBrush(QBrush(QColor(self.fill)))

    def wheelEvent(self, event: QGraphicsSceneWheelEvent) -> None:  # noqa: N802
        if self.max_scroll <= 0:
            event.ignore()
            return
        self.set_scroll(self.scroll - event.delta() / 2)
        event.accept()


class HeaderItem(QGraphicsRectItem):
    """A row or column name (with an optional second line, e.g. the row's agreement).
    Double-click or right-click asks the scene to rename or edit it."""

    def __init__(self, axis_id: str | None) -> None:
        super().__init__()
        self.axis_id = axis_id
        self.label = QGraphicsTextItem(self)
        self.label.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.html = ""
        self.setPen(Qt.PenStyle.NoPen)

    def set_content(self, rect: QRectF, html: str, font: QFont, theme: Theme,
                    centred: bool) -> None:
        self.setRect(QRectF(0, 0, rect.width(), rect.height()))
        self.setPos(rect.topLeft())
        self.label.setDefaultTextColor(QColor(theme.text))
        self.label.setFont(font)
        self.label.setTextWidth(max(10.0, rect.width() - 2 * PAD_X))
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter if centred
                             else Qt.AlignmentFlag.AlignLeft)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        self.label.document().setDefaultTextOption(option)
        if self.html != html:
            self.html = html
            self.label.setHtml(html)
        h = self.label.boundingRect().height()
        self.label.setPos(QPointF(PAD_X - 4, max(0.0, (rect.height() - h) / 2)))

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.axis_id is not None:
            self.scene().axis_activated(self.axis_id)  # type: ignore[attr-defined]

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        if self.axis_id is not None:
            self.scene().axis_menu(self.axis_id, event.screenPos())  # type: ignore[attr-defined]
