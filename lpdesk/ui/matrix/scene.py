"""A practices board on screen: the grid, the deck beside it, and the cards.

The scene renders one board of the session and turns input into undo commands: a drag is
one MoveCardCommand pushed on release (`drop_card` is the drop handler, also called by
tests), arrow keys move the selected card between cells, and a card's menu offers
"Move to". The scene never edits the model itself.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QApplication, QGraphicsScene, QMenu

from lpdesk.commands.matrix import MoveCardCommand
from lpdesk.document import SessionDocument
from lpdesk.model.matrix import Board, Cell
from lpdesk.ui.base.frames import FrameRefresh, IdleWork
from lpdesk.ui.matrix.items import CardItem, ContainerItem, HeaderItem
from lpdesk.ui.matrix.layout import CELL_PAD, PAD_X, BoardLayout, LayoutJob, room_warm_ups
from lpdesk.ui.matrix.reveal import reveal_info
from lpdesk.ui.matrix.spoken import card_words
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.theme import Theme, follow_theme, theme

WARM_UP_DELAY_MS = 50  # after a room's layout, before it measures the sizes next to it
# The room's text shrinks at once when a placed card would not show, and grows back only
# once its board has been still this long: while phones move cards it does not swing by a
# size at every move (each swing re-lays out and repaints every card on the room's screen).
# Then it grows back to its best size at once, laid out in pieces like a phones' move. (It
# grew a size at a time, 120 ms apart, while its layout was one piece: each step re-laid
# out and repainted every card, 9 repaints of 5-10 ms for a board that had shrunk 9 sizes.)
GROW_AFTER_MS = 1500
# After a phones' slice the room's layout is done in pieces: a piece stops before its next
# plan of the board once it has run this long (each plan measures the cards at one size).
LAYOUT_PIECE_MS = 4.0


class _Laid(NamedTuple):
    """What a layout of a board is made from and shown with: the board's state when the
    layout began, and the layout's job."""

    board: Board
    states: dict
    hints: dict[str, str]
    notes: dict
    row_notes: dict[str, str]
    title: str
    scale: float
    theme: Theme
    texts: dict[str, str]  # card id -> text
    names: dict[str, str]  # row or column id -> name
    column_ids: set[str]
    job: LayoutJob
    held_for: tuple
    at_most: int | None


def tr(text: str) -> str:
    return QCoreApplication.translate("BoardScene", text)


class BoardScene(QGraphicsScene):
    edit_card_requested = Signal(str)
    delete_card_requested = Signal(str)
    axis_rename_requested = Signal(str)
    axis_menu_requested = Signal(str, QPoint)
    layout_done = Signal()

    def __init__(self, doc: SessionDocument, editable: bool = True, parent=None) -> None:
        super().__init__(parent)
        self.doc, self.matrix, self.editable = doc, doc.session.matrix, editable
        self.board_id: str | None = None
        self.size = (1000.0, 600.0)
        self.text_scale = 1.0  # the room's screen may grow the board more than the theme
        # The room's screen never hides a placed card (the facilitator's cells may scroll)
        self.for_room = not editable
        self.layout: BoardLayout | None = None
        self.cards: dict[str, CardItem] = {}
        self.containers: dict[Cell | None, ContainerItem] = {}
        self.headers: dict[str | None, HeaderItem] = {}
        self.deck_title = HeaderItem(None, self)
        self.addItem(self.deck_title)
        self.empty_note = self.addText("")
        self.dragging: CardItem | None = None
        self.press_pos = QPointF()
        self.grab_offset = QPointF()
        self.drop_target: ContainerItem | None = None
        # a phones' slice (cards moved on their phones) lays the board out once, after it;
        # the room's board in pieces (`refresh_in_pieces`)
        self._refresh = FrameRefresh(self, self.refresh, pieces=self.refresh_in_pieces
                                     if self.for_room else None)
        # the first layout waits for the view's size (or the next event loop turn): a page
        # being built would otherwise lay the board out for a size it never shows
        self._first = QTimer(self, singleShot=True, interval=0)
        self._first.timeout.connect(self.up_to_date)
        listen(self, self.matrix.changed, self._matrix_changed)
        self._stale = False  # changed while no view showed it: laid out when shown
        # what each cell's items show (`_changed_containers`), and the look they show it in
        self._drawn: dict[Cell | None, tuple] = {}
        self._drawn_look: tuple | None = None
        # The room's board measures the sizes next to its own while idle (`room_warm_ups`,
        # one plan a turn): the measures the next size change of the room's text will ask
        # for, so it does not make them in the refresh after a phones' slice (10-20 ms of
        # a 50-80 ms stall at 1920x1080). Dropped once no view shows the board.
        self.warm = IdleWork(self, wanted=self._warm_wanted)
        self._warm_for: tuple | None = None  # what the warm-up was made for
        # the room's text grows back once the board has been still (GROW_AFTER_MS)
        self._still = QTimer(self, singleShot=True, interval=GROW_AFTER_MS)
        self._still.timeout.connect(self._grow_back)
        self._held_for: tuple | None = None  # what the size was chosen for (board, view)
        self._growth_held = False  # a layout kept the size: it may grow once still
        follow_theme(self, lambda *_: self._changed())

    # -- what is shown ----------------------------------------------------------------
    @property
    def board(self) -> Board | None:
        if self.board_id is None:
            return None
        try:
            return self.matrix.board(self.board_id)
        except KeyError:
            return None

    def set_board(self, board_id: str | None) -> None:
        """Show another board. The same board again is a no-op: changes to it arrive
        through the model's event, and laying out twice would double every frame's cost."""
        if board_id == self.board_id and self.layout is not None:
            return
        self.clearSelection()
        for container in self.containers.values():
            container.set_scroll(0)
        self.board_id = board_id
        if self.layout is None and not self._seen():
            self._first.start()
            return
        self.refresh()

    def set_size(self, width: float, height: float) -> None:
        size = (max(200.0, width), max(150.0, height))
        if size == self.size and self.layout is not None and not self._first.isActive():
            return
        self.size = size
        self.setSceneRect(QRectF(0, 0, *self.size))
        self._first.stop()
        self.refresh()

    def set_text_scale(self, scale: float) -> None:
        """Grow the board's text by at least `scale` (the theme's presentation scale still
        applies when larger): the audience window scales its own fonts, not the theme."""
        if scale != self.text_scale:
            self.text_scale = scale
            self.refresh()

    def _matrix_changed(self, board_id: str | None) -> None:
        if board_id is None or board_id == self.board_id:
            if self.for_room:
                self._still.start()  # moving: the text may shrink, not grow, until still
            self._changed()

    def _grow_back(self) -> None:
        """The room's board is still: its text grows back to its best size (`refresh`), in
        pieces as after a phones' slice."""
        if not self._growth_held or self._still.isActive():
            return
        if self._seen():
            self._refresh.later()
        else:
            self._stale = True  # laid out when a view shows it

    def _changed(self) -> None:
        """The board or the theme changed: redraw (once after a phones' slice), or if no
        view shows the board now (the consensus or another page is on screen), when one
        does (`BoardView.showEvent`): a hidden board costs nothing while phones move cards."""
        if self.views() and self.layout is not None and not self._seen():
            self._stale = True
            return
        self._refresh.request()

    def up_to_date(self) -> None:
        """Run a refresh still due (the first layout, phones' moves): before input reads
        the layout."""
        due = self._stale or self._first.isActive() or (self.layout is None
                                                        and self.board_id is not None)
        self._first.stop()
        if self._refresh.pending():
            self._refresh.flush()  # one refresh at once, whatever made it due
        elif due:
            self.refresh()

    def refresh(self, *_args) -> None:
        """Bring every item in line with the board at once: cards, texts, marks and places
        (the facilitator's edit, a resize, a reader; after a phones' slice the room's
        board does it in pieces instead, `refresh_in_pieces`)."""
        self._refresh.drop_pieces()  # this refresh supersedes any under way
        laid = self._begin()
        if laid is not None:
            layout = laid.job.run()
            assert layout is not None  # (no out_of_time: never paused)
            self._laid_out(laid, layout)
            self._show(laid, layout)

    def refresh_in_pieces(self) -> Iterator[None]:
        """The room's refresh after a phones' slice, as pieces of phones' work, each in its
        own turn of the event loop (`FrameRefresh`): the layout, as many pieces as its
        budget asks (LAYOUT_PIECE_MS: a text size drop measures every card at several
        sizes), then the items set to it, which Qt repaints right after (every card at a
        new size). In one go they were a 20-28 ms stall at 1920x1080; the facilitator's
        drag and the room's other views get a turn between. Each piece shows the board as
        it was when the layout began."""
        laid = self._begin()
        if laid is None:
            return
        while True:
            start = time.perf_counter()
            layout = laid.job.run(
                lambda start=start: (time.perf_counter() - start) * 1000 >= LAYOUT_PIECE_MS)
            if layout is not None:
                break
            yield  # more of the layout in the next piece
            if self._hidden_since():
                return
        self._laid_out(laid, layout)
        yield  # the items set in a piece of their own
        if not self._hidden_since():
            self._show(laid, layout)

    def _hidden_since(self) -> bool:
        """Between two pieces no view came to show the board any more: the refresh stops,
        and the board is laid out again when a view shows it."""
        if self._seen():
            return False
        self._stale = True
        return True

    def _begin(self) -> _Laid | None:
        """What a refresh lays out and shows: the board's state now, and its layout to be
        made (None: no board, and the scene says so)."""
        self._stale = False
        board, t = self.board, theme()
        if self.backgroundBrush().color() != QColor(t.background):  # repaints the board
            self.setBackgroundBrush(QColor(t.background))
        if board is None:
            self._clear(set(), set(), set())
            self.deck_title.hide()
            self.empty_note.setPlainText(tr("No board yet."))
            self.empty_note.setDefaultTextColor(QColor(t.muted_text))
            self.empty_note.show()
            return None
        self.empty_note.hide()
        states, hints, notes = reveal_info(board)
        title = tr("Cards to sort (%d)") % len(board.cards_in(None))
        scale = max(t.font_scale, self.text_scale)
        row_notes = {row: note for row, (note, _) in notes.items()}
        held_for = (board.id, self.size, scale, board.revealed)
        at_most = None
        if self.for_room and self.layout is not None and held_for == self._held_for \
                and self._still.isActive():
            at_most = self.layout.size  # cards are moving: no larger than now
        job = LayoutJob(board, *self.size, scale, hints, row_notes, title,
                        show_every_card=self.for_room, steady=True,
                        near=self.layout.size if self.layout is not None else None,
                        at_most=at_most)
        return _Laid(board, states, hints, notes, row_notes, title, scale, t,
                     {c.id: c.text for c in board.cards},
                     {a.id: a.name for a in (*board.rows, *board.columns)},
                     {c.id for c in board.columns}, job, held_for, at_most)

    def _laid_out(self, laid: _Laid, layout: BoardLayout) -> None:
        """`laid`'s layout is done: the room's text may grow once still if the layout
        kept the size it was held to."""
        self._held_for = laid.held_for
        self._growth_held = laid.at_most is not None and layout.size == laid.at_most

    def _show(self, laid: _Laid, layout: BoardLayout) -> None:
        """Set the items to `layout`, of the board as it was in `laid` (a phones' move
        since then is shown by the refresh it made due)."""
        board, t = laid.board, laid.theme
        states, hints, notes = laid.states, laid.hints, laid.notes
        row_notes, title, scale = laid.row_notes, laid.title, laid.scale
        self.layout = layout
        s = layout.scale
        self._clear(set(laid.texts), set(layout.containers), set(laid.names))
        names, texts = laid.names, laid.texts
        axes = tuple(names.items())  # a renamed row or column: the cards say it anew
        changed = self._changed_containers(layout, texts, hints, states, (
            layout.card_font.key(), layout.hint_font.key(), s, t, layout.marks, axes))
        for key in changed:
            box, item = layout.containers[key], self.containers.get(key)
            if item is None:
                item = self.containers[key] = ContainerItem(key)
                self.addItem(item)
            item.set_geometry(box.rect, box.content_height, CELL_PAD * s, t, t.surface,
                              [rect for _, rect in box.cards])
        column_ids = laid.column_ids
        for axis_id, rect in [*layout.row_headers, *layout.column_headers]:
            header = self.headers.get(axis_id)
            if header is None:
                header = self.headers[axis_id] = HeaderItem(axis_id, self)
                self.addItem(header)
            note, all_match = notes.get(axis_id, ("", False))
            header.set_content(rect, names[axis_id], layout.header_font, t,
                               centred=axis_id in column_ids, pad=PAD_X * s, note=note,
                               note_font=layout.note_font,
                               note_colour=t.match if all_match else t.muted_text)
            tip = tr("Double-click to rename") if self.editable else ""
            if header.toolTip() != tip:
                header.setToolTip(tip)
        self.deck_title.show()
        self.deck_title.set_content(layout.deck_title, layout.deck_title_text,
                                    layout.header_font, t, centred=False, pad=PAD_X * s)
        for key in changed:
            box, container = layout.containers[key], self.containers[key]
            for card_id, rect in box.cards:
                item = self.cards.get(card_id)
                if item is None:
                    item = self.cards[card_id] = CardItem(card_id, self)
                    self.addItem(item)
                words = (texts[card_id], key, hints.get(card_id, ""), states.get(card_id),
                         axes)
                if item.spoken_for != words:  # only the cards that moved or changed
                    item.spoken_for = words
                    item.spoken = card_words(board, card_id, hints.get(card_id, ""),
                                             states.get(card_id))
                item.set_look(texts[card_id], hints.get(card_id, ""), states.get(card_id),
                              rect.width(), rect.height(), layout.card_font, layout.hint_font,
                              s, t, layout.marks and key is not None)
                if item is not self.dragging:
                    if item.parentItem() is not container.content:
                        item.setParentItem(container.content)
                        item.setZValue(0)
                    item.setPos(rect.topLeft())
            if self.dragging is None:  # (a lifted card is in no cell: all again after)
                self._drawn[key] = self._shown(key, box, texts, hints, states)
        focus = self.focusItem()
        if isinstance(focus, CardItem):
            self.ensure_visible(focus.card_id)
        if self.for_room:
            warm_for = (board.id, self.size, scale, layout.size, board.revealed)
            if warm_for != self._warm_for:  # the same size again: what is left still holds
                self._warm_for = warm_for
                self.warm.start(room_warm_ups(board, *self.size, scale, layout.size, hints,
                                              row_notes, title), WARM_UP_DELAY_MS)
        self.layout_done.emit()

    def _seen(self) -> bool:
        """Whether a view shows the board now."""
        return any(v.isVisible() for v in self.views())

    def _warm_wanted(self) -> bool:
        """Whether a view shows the board (if not, its warm-up is dropped, and made anew
        for the next layout)."""
        if self._seen():
            return True
        self._warm_for = None
        return False

    def _changed_containers(self, layout: BoardLayout, texts: dict[str, str],
                            hints: dict[str, str], states: dict, look: tuple) -> list:
        """The cells (and the deck) whose frame, cards or cards' looks differ from what
        their items show: a phone's move changes two, and the others are not touched
        (their items are neither set nor walked). All of them after a change of the look
        (text size, theme, reveal, axes' names) and while or after a card is dragged."""
        if self.dragging is not None or look != self._drawn_look:
            self._drawn, self._drawn_look = {}, look
        return [key for key, box in layout.containers.items()
                if self._drawn.get(key) != self._shown(key, box, texts, hints, states)]

    def _shown(self, key, box, texts: dict[str, str], hints: dict[str, str],
               states: dict) -> tuple:
        """What the items of a cell (or the deck) show, to compare with the layout."""
        return (self.containers.get(key), box.rect.getRect(), box.content_height, box.cards,
                [(self.cards.get(c), texts[c], hints.get(c, ""), states.get(c))
                 for c, _ in box.cards])

    def _clear(self, card_ids: set[str], keys: set, axis_ids: set[str]) -> None:
        """Remove items of cards, cells and headers the board no longer has. Cards still
        needed are lifted out of a cell that goes first: deleting a cell deletes what it
        holds, and the card would be lost under our feet."""
        for key in [k for k in self.containers if k not in keys]:
            for child in self.containers[key].content.childItems():
                if isinstance(child, CardItem) and child.card_id in card_ids:
                    child.setParentItem(None)
        for store, keep in ((self.cards, card_ids), (self.containers, keys),
                            (self.headers, axis_ids)):
            for key in [k for k in store if k not in keep]:
                item = store.pop(key)
                if item is self.dragging:
                    self.dragging = None
                self.removeItem(item)

    def ensure_visible(self, card_id: str) -> None:
        item, board = self.cards.get(card_id), self.board
        if item is None or board is None:
            return
        container = self.containers.get(board.cell_of(card_id))
        if container is not None and item.parentItem() is container.content:
            container.ensure_visible(item.y(), item.y() + item.size.height())

    # -- moving cards -------------------------------------------------------------------
    def move_card(self, card_id: str, cell: Cell | None, position: int | None = None) -> bool:
        """Push one MoveCardCommand putting the card at `position` in `cell` (None: the
        deck; position None: last). Returns False, pushing nothing, if nothing would
        change."""
        board = self.board
        if board is None or card_id not in {c.id for c in board.cards}:
            return False
        if board.cell_of(card_id) == cell:  # only the order inside the cell can change
            here = [c.id for c in board.cards_in(cell)]
            others = [cid for cid in here if cid != card_id]
            others.insert(len(others) if position is None else min(position, len(others)),
                          card_id)
            if others == here:
                self.refresh()  # a drag that ends where it began: put the card back
                return False
        index = board.insertion_index(card_id, cell, position)
        self.doc.push(MoveCardCommand(self.matrix, board.id, card_id, cell, index))
        return True

    def drop_position(self, key: Cell | None, card_id: str, pos: QPointF) -> int:
        """How many of the container's other cards come before a drop at `pos`: in a
        column of cards, those whose middle is above it; in lines of several cards, also
        those to its left on the same line."""
        container, layout = self.containers[key], self.layout
        assert layout is not None
        offset = container.content.scenePos()
        full = container.rect().width() - 2 * container.pad - 1
        before = 0
        for other_id, rect in layout.containers[key].cards:
            if other_id == card_id:
                continue
            r = rect.translated(offset)
            if rect.width() >= full:
                before += pos.y() > r.center().y()
            else:
                before += pos.y() > r.bottom() or (pos.y() >= r.top()
                                                   and pos.x() > r.center().x())
        return before

    def drop_card(self, card_id: str, scene_pos: QPointF) -> bool:
        """The drop handler: a card let go at `scene_pos` lands in the cell or deck there,
        between the cards it was dropped between. One undo command, or none if it lands
        outside or where it was."""
        self.up_to_date()
        layout = self.layout
        target = layout.container_at(scene_pos.x(), scene_pos.y()) if layout else None
        if target is None:
            self.refresh()
            return False
        position = self.drop_position(target.key, card_id, scene_pos)
        return self.move_card(card_id, target.key, position)

    def move_card_by(self, card_id: str, rows: int, columns: int) -> bool:
        """Keyboard moves: left/right between columns (right of the last column is the
        deck, left from the deck enters the grid), up/down between rows."""
        board = self.board
        if board is None or not board.rows or not board.columns:
            return False
        row_ids, col_ids = [r.id for r in board.rows], [c.id for c in board.columns]
        cell = board.cell_of(card_id)
        if cell is None:
            if columns >= 0:
                return False
            target: Cell | None = (row_ids[0], col_ids[-1])
        else:
            r, c = row_ids.index(cell[0]) + rows, col_ids.index(cell[1]) + columns
            if not 0 <= r < len(row_ids) or c < 0:
                return False
            target = None if c >= len(col_ids) else (row_ids[r], col_ids[c])
        return self.move_card(card_id, target)

    def move_within(self, card_id: str, step: int) -> bool:
        """Shift+Up/Down: move a card earlier or later among the cards of its cell."""
        board = self.board
        if board is None:
            return False
        cell = board.cell_of(card_id)
        ids = [c.id for c in board.cards_in(cell)]
        new = ids.index(card_id) + step
        if not 0 <= new < len(ids):
            return False
        return self.move_card(card_id, cell, new)

    # -- input from the cards -----------------------------------------------------------
    def select_card(self, card_id: str) -> None:
        item = self.cards.get(card_id)
        if item is not None:
            self.clearSelection()
            item.setSelected(True)
            item.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ensure_visible(card_id)

    def press_card(self, item: CardItem, pos: QPointF) -> None:
        self.up_to_date()  # the card is lifted from where it shows now
        self.select_card(item.card_id)
        self.press_pos = pos
        self.grab_offset = pos - item.scenePos()

    def drag_card(self, item: CardItem, pos: QPointF) -> None:
        if self.dragging is None:
            if (pos - self.press_pos).manhattanLength() < QApplication.startDragDistance():
                return
            start = item.scenePos()
            self.dragging = item
            self._drawn = {}  # the card leaves its cell: the next refresh puts it anywhere
            item.setParentItem(None)
            item.setPos(start)
            item.setZValue(1000)
            item.setOpacity(0.92)
            item.setCursor(Qt.CursorShape.ClosedHandCursor)
        item.setPos(pos - self.grab_offset)
        target = self.layout.container_at(pos.x(), pos.y()) if self.layout else None
        container = self.containers.get(target.key) if target is not None else None
        if container is not self.drop_target:
            if self.drop_target is not None:
                self.drop_target.set_highlighted(False)
            if container is not None:
                container.set_highlighted(True)
            self.drop_target = container

    def release_card(self, item: CardItem, pos: QPointF) -> None:
        if self.dragging is not item:
            return
        self.dragging = None
        item.setOpacity(1.0)
        item.setCursor(Qt.CursorShape.OpenHandCursor)
        if self.drop_target is not None:
            self.drop_target.set_highlighted(False)
            self.drop_target = None
        self.drop_card(item.card_id, pos)

    def card_key(self, item: CardItem, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        moves = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
                 Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        if key in moves and not shift:
            self.move_card_by(item.card_id, *moves[key])
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and shift:
            self.move_within(item.card_id, -1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.move_card(item.card_id, None)
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.select_next(item.card_id, -1 if key == Qt.Key.Key_Backtab or shift else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Menu):
            view = self.views()[0] if self.views() else None
            if view is not None:
                corner = view.mapFromScene(item.sceneBoundingRect().bottomLeft())
                self.card_menu(item, view.viewport().mapToGlobal(corner))
        elif key == Qt.Key.Key_Escape:
            self.clearSelection()
        else:
            return False
        event.accept()
        return True

    def visual_order(self) -> list[str]:
        """Card ids as the eye reads them: cells row by row, then the deck."""
        self.up_to_date()
        if self.layout is None:
            return []
        keys = [k for k in self.layout.containers if k is not None] + [None]
        return [cid for k in keys for cid, _ in self.layout.containers[k].cards]

    def select_next(self, card_id: str | None, step: int = 1) -> None:
        order = self.visual_order()
        if not order:
            return
        index = order.index(card_id) + step if card_id in order else 0
        self.select_card(order[index % len(order)])

    def move_menu(self, card_id: str, menu: QMenu) -> None:
        """Fill `menu` with every place a card can go (the keyboard's way to drag)."""
        board = self.board
        assert board is not None
        here = board.cell_of(card_id)
        for row in board.rows:
            sub = menu.addMenu(row.name)
            for column in board.columns:
                action = sub.addAction(column.name)
                action.setEnabled(here != (row.id, column.id))
                action.triggered.connect(
                    lambda _=False, c=(row.id, column.id): self.move_card(card_id, c))
        menu.addSeparator()
        deck = menu.addAction(tr("Back to the deck"))
        deck.setEnabled(here is not None)
        deck.triggered.connect(lambda _=False: self.move_card(card_id, None))

    def build_card_menu(self, card_id: str) -> QMenu:
        menu = QMenu()
        self.move_menu(card_id, menu.addMenu(tr("Move to")))
        if self.editable:
            menu.addSeparator()
            menu.addAction(tr("Edit card\u2026")).triggered.connect(
                lambda _=False: self.edit_card_requested.emit(card_id))
            menu.addAction(tr("Delete card")).triggered.connect(
                lambda _=False: self.delete_card_requested.emit(card_id))
        return menu

    def card_menu(self, item: CardItem, screen_pos: QPoint) -> None:
        self.select_card(item.card_id)
        self.build_card_menu(item.card_id).exec(screen_pos)

    def axis_activated(self, axis_id: str) -> None:
        if self.editable:
            self.axis_rename_requested.emit(axis_id)

    def axis_menu(self, axis_id: str, screen_pos: QPoint) -> None:
        if self.editable:
            self.axis_menu_requested.emit(axis_id, screen_pos)
