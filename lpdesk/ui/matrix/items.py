"""The things drawn on a practices board: cards, cells (and the deck), and headers.

Items only draw and forward input to whoever they were given (`CardInput`,
`HeaderInput`: the board's scene, which owns the rules: what a drop means, which command
to push, how keys move a card). They do not know the scene's class.
"""
from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSceneContextMenuEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSceneWheelEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from lpdesk.model.matrix import Cell
from lpdesk.ui.matrix.flow import MARK_W, PAD_X, PAD_Y, WRAP
from lpdesk.ui.style.text import plain_tip
from lpdesk.ui.style.theme import Theme

MATCH, MISMATCH = "match", "mismatch"


class CardInput(Protocol):
    """Where a card's mouse, key and menu input goes (the board's scene)."""

    def press_card(self, item: CardItem, pos: QPointF) -> None: ...
    def drag_card(self, item: CardItem, pos: QPointF) -> None: ...
    def release_card(self, item: CardItem, pos: QPointF) -> None: ...
    def card_key(self, item: CardItem, event: QKeyEvent) -> bool: ...
    def card_menu(self, item: CardItem, screen_pos: QPoint) -> None: ...


class HeaderInput(Protocol):
    """Where a row or column header's double-click and menu go (the board's scene)."""

    def axis_activated(self, axis_id: str) -> None: ...
    def axis_menu(self, axis_id: str, screen_pos: QPoint) -> None: ...


def tinted(colour: str, alpha: float) -> QColor:
    c = QColor(colour)
    c.setAlphaF(alpha)
    return c


class CardItem(QGraphicsItem):
    """One practice card: wrapped text, and after the reveal a mark and where the model
    puts it. Painted by hand (a rounded box and two texts) and cached as a pixmap, so
    dragging one card over a full board repaints almost nothing."""

    def __init__(self, card_id: str, input: CardInput) -> None:  # noqa: A002
        super().__init__()
        self.card_id = card_id
        self.input = input
        self.text = ""
        self.hint = ""  # e.g. "Model: New workplace learning"
        self.state: str | None = None  # MATCH, MISMATCH or None
        self.size = QRectF(0, 0, 100, 40)
        self.font, self.hint_font, self.scale, self.theme = QFont(), QFont(), 1.0, None
        self.marks = False  # keep MARK_W free on the right for the reveal mark
        self.spoken = ""  # what a screen reader says (the view carries it: see view.py)
        self.spoken_for: tuple | None = None  # what `spoken` was made from (the scene)
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)

    def set_look(self, text: str, hint: str, state: str | None, width: float, height: float,
                 font: QFont, hint_font: QFont, scale: float, theme: Theme,
                 marks: bool = True) -> None:
        if (text, hint, state, width, height, font, hint_font, scale, theme, marks) == (
                self.text, self.hint, self.state, self.size.width(), self.size.height(),
                self.font, self.hint_font, self.scale, self.theme, self.marks):
            return
        if (width, height) != (self.size.width(), self.size.height()):
            self.prepareGeometryChange()
            self.size = QRectF(0, 0, width, height)
        self.text, self.hint, self.state = text, hint, state
        self.font, self.hint_font, self.scale, self.theme = font, hint_font, scale, theme
        self.marks = marks
        self.setToolTip(plain_tip(text + (f"\n{hint}" if hint else "")))
        self.update()

    def text_rect(self) -> QRectF:
        """Where the text may go: inside the padding, left of the mark's room."""
        s = self.scale
        return self.size.adjusted(PAD_X * s, PAD_Y * s,
                                  -(PAD_X + (MARK_W if self.marks else 0.0)) * s, -PAD_Y * s)

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
        text_rect = self.text_rect()
        painter.setPen(QColor(t.text))
        painter.setFont(self.font)
        used = painter.drawText(text_rect, WRAP, self.text)  # (one text layout, not two)
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

    # -- input: forwarded to `input` (the scene), which knows the board ------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.input.press_card(self, event.scenePos())
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.input.drag_card(self, event.scenePos())

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        self.input.release_card(self, event.scenePos())

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if not self.input.card_key(self, event):
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        self.input.card_menu(self, event.screenPos())


class ContainerItem(QGraphicsRectItem):
    """A cell of the grid, or the deck: a frame holding its cards. When they do not all
    fit it scrolls them a line of cards at a time (mouse wheel, or selecting a card), shows
    a scroll bar, and shows only the lines that are whole: a card is never seen cut."""

    def __init__(self, key: Cell | None) -> None:
        super().__init__()
        self.key = key
        self.viewport = QGraphicsRectItem(self)  # clips the cards to the whole lines shown
        self.viewport.setPen(Qt.PenStyle.NoPen)
        self.viewport.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
        self.content = QGraphicsRectItem(self.viewport)
        self.content.setPen(Qt.PenStyle.NoPen)
        self.content.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        self.bar = QGraphicsRectItem(self)  # scroll position, shown only when it scrolls
        self.bar.setPen(Qt.PenStyle.NoPen)
        self.bar.setZValue(10)
        self.scroll, self.content_height, self.pad = 0.0, 0.0, 0.0
        self.lines: list[tuple[float, float]] = []  # top and bottom of each line of cards
        self.highlighted = False
        self.theme: Theme | None = None
        self._geometry: tuple | None = None  # what set_geometry was last given

    def set_geometry(self, rect: QRectF, content_height: float, pad: float, theme: Theme,
                     fill: str, cards: list[QRectF] | None = None) -> None:
        """Frame `rect` holding content `content_height` tall (pads included) whose cards
        sit at `cards` (content coordinates). The same again changes nothing: a phone's
        move re-lays out a board whose other cells stay as they were."""
        key = (rect.x(), rect.y(), rect.width(), rect.height(), content_height, pad, theme,
               fill, [(r.top(), r.bottom()) for r in cards or []])
        if key == self._geometry:
            return
        self._geometry = key
        self.setRect(QRectF(0, 0, rect.width(), rect.height()))
        self.setPos(rect.topLeft())
        self.content_height, self.pad, self.theme, self.fill = content_height, pad, theme, fill
        lines: dict[float, float] = {}
        for r in cards or []:
            lines[r.top()] = max(lines.get(r.top(), r.bottom()), r.bottom())
        self.lines = sorted(lines.items())
        self.content.setRect(QRectF(0, 0, rect.width(), content_height))
        self.set_scroll(self.scroll)
        self._restyle()

    @property
    def view_height(self) -> float:
        """Height of the part of the content that can show at once."""
        return self.rect().height() - 2 * self.pad

    def stops(self) -> list[float]:
        """Where the scroll may rest: at the top of a line, down to the first line from
        which the rest all show."""
        if self.content_height <= self.rect().height() + 0.5 or not self.lines:
            return [0.0]
        last, room = self.lines[-1][1], self.view_height + 0.5
        stops = [top for top, _ in self.lines if last - top > room]
        end = next((top for top, _ in self.lines if last - top <= room), None)
        return [0.0] + [t for t in stops if t > 0] + ([end] if end is not None and end > 0
                                                      else [])

    @property
    def max_scroll(self) -> float:
        return self.stops()[-1]

    def set_scroll(self, value: float) -> None:
        """Scroll to the first stop at or after `value` (so what asked to be seen is)."""
        stops = self.stops()
        max_scroll = stops[-1]
        self.scroll = next((x for x in stops if x >= value - 0.5), max_scroll)
        self.content.setPos(self.pad, self.pad - self.scroll)
        w, h = self.rect().width(), self.rect().height()
        if max_scroll <= 0:  # all of it shows (most cells): no clipping to lines, no bar
            self.viewport.setRect(QRectF(0, 0, w, h))
            self.bar.hide()
            return
        bottom_edge = self.scroll + self.view_height + 0.5
        whole = [(t, b) for t, b in self.lines if t >= self.scroll - 0.5 and b <= bottom_edge]
        if whole:
            top = self.pad + whole[0][0] - self.scroll - self.pad / 2
            bottom = self.pad + whole[-1][1] - self.scroll + self.pad / 2
            self.viewport.setRect(QRectF(0, max(0.0, top), w, min(h, bottom) - max(0.0, top)))
        else:
            self.viewport.setRect(QRectF(0, 0, w, h))
        if self.theme is not None:
            length = max(24.0, h * h / self.content_height)
            top = (h - length) * self.scroll / max_scroll
            bar_w = max(3.0, 0.75 * self.pad)
            self.bar.setRect(QRectF(w - (self.pad + bar_w) / 2, top, bar_w, length))
            self.bar.setBrush(QColor(self.theme.muted_text))
            self.bar.show()
        else:
            self.bar.hide()

    def visible_rect(self) -> QRectF:
        """The part of the frame where cards show, in scene coordinates."""
        return self.viewport.sceneBoundingRect()

    def scroll_by_lines(self, lines: int) -> None:
        stops = self.stops()
        here = min(range(len(stops)), key=lambda i: abs(stops[i] - self.scroll))
        self.set_scroll(stops[max(0, min(len(stops) - 1, here + lines))])

    def ensure_visible(self, top: float, bottom: float) -> None:
        """Scroll so content between `top` and `bottom` (content coordinates) shows."""
        if top < self.scroll:
            self.set_scroll(top)
        elif bottom > self.scroll + self.view_height:
            self.set_scroll(bottom - self.view_height)

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
        self.scroll_by_lines(-1 if event.delta() > 0 else 1)
        event.accept()


class HeaderItem(QGraphicsRectItem):
    """A row or column name (with an optional second line, e.g. the row's agreement), or
    the deck's title. Painted by hand with the very fonts and widths the layout measured
    it with, so the text never runs past its rect into the grid. Double-click or
    right-click asks `input` (the scene) to rename or edit it."""

    def __init__(self, axis_id: str | None, input: HeaderInput) -> None:  # noqa: A002
        super().__init__()
        self.axis_id = axis_id
        self.input = input
        self.name, self.note, self.note_colour = "", "", ""
        self.font, self.note_font = QFont(), QFont()
        self.pad, self.centred = PAD_X, False
        self.text_colour = ""
        self._content: tuple | None = None  # what set_content was last given
        self._rects: list[QRectF] | None = None  # text_rects for that content
        self.setPen(Qt.PenStyle.NoPen)

    def set_content(self, rect: QRectF, name: str, font: QFont, theme: Theme,
                    centred: bool, pad: float = PAD_X, note: str = "",
                    note_font: QFont | None = None, note_colour: str = "") -> None:
        """Show `name` (bold, `font`) and below it `note` (`note_font`, `note_colour`) in
        `rect`, `pad` in from the left and right. The same again changes nothing (no
        repaint)."""
        note_colour = note_colour or theme.muted_text
        note_font = note_font or font
        key = (rect.x(), rect.y(), rect.width(), rect.height(), name, font, theme.text,
               centred, pad, note, note_font, note_colour)
        if key == self._content:
            return
        self._content, self._rects = key, None
        self.setRect(QRectF(0, 0, rect.width(), rect.height()))
        self.setPos(rect.topLeft())
        self.name, self.note, self.note_colour = name, note, note_colour
        self.font, self.note_font = font, note_font
        self.pad, self.centred, self.text_colour = pad, centred, theme.text
        self.update()

    def _flags(self) -> int:
        align = Qt.AlignmentFlag.AlignHCenter if self.centred else Qt.AlignmentFlag.AlignLeft
        return int(align | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)

    def text_rects(self) -> list[QRectF]:
        """Where the name (and the note) are drawn, in item coordinates: as wide and as
        tall as the text really is, so tests can check it stays inside the rect. Measured
        once per content: a phones' move repaints every header below a grown row."""
        if self._rects is None:
            self._rects = self._measure_rects()
        return [QRectF(r) for r in self._rects]

    def _measure_rects(self) -> list[QRectF]:
        width = max(1.0, self.rect().width() - 2 * self.pad)
        parts = [(self.name, self.font)] + ([(self.note, self.note_font)] if self.note else [])
        rects = [QFontMetricsF(font).boundingRect(QRectF(self.pad, 0, width, 1e6),
                                                  self._flags(), text)
                 for text, font in parts]
        top = max(0.0, (self.rect().height() - sum(r.height() for r in rects)) / 2)
        placed = []
        for r in rects:
            placed.append(QRectF(r.left(), top, r.width(), r.height()))
            top += r.height()
        return placed

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if not self.name:
            return
        width = max(1.0, self.rect().width() - 2 * self.pad)
        rects = self.text_rects()
        parts = [(self.name, self.font, self.text_colour)]
        if self.note:
            parts.append((self.note, self.note_font, self.note_colour))
        for (text, font, colour), r in zip(parts, rects, strict=True):
            painter.setFont(font)
            painter.setPen(QColor(colour))
            painter.drawText(QRectF(self.pad, r.top(), width, r.height()), self._flags(), text)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.axis_id is not None:
            self.input.axis_activated(self.axis_id)

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:  # noqa: N802
        if self.axis_id is not None:
            self.input.axis_menu(self.axis_id, event.screenPos())
