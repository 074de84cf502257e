"""The practices matrix activity: group boards of practice cards, the reveal, the consensus.

The page shows one board at a time (the session's current board), a switcher between the
boards (one per group, usually), and the facilitator's tools: start a board from a template
or an empty grid, add/edit/delete cards, reveal the model, compare the groups. With
`audience=True` it shows only the board and its figures; presentation mode makes such a page
`interactive`: the room's screen then takes the facilitator's keys and clicks too (reveal,
consensus, boards; cards move by mouse and keyboard), with no editing chrome. Whether the
consensus shows is the session's navigation (`Matrix.comparing`), so every screen agrees.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lpdesk.commands.matrix import (
    AddBoardsCommand,
    RemoveBoardCommand,
    SetRevealedCommand,
)
from lpdesk.content.templates import board_from_template, empty_board, template, templates
from lpdesk.document import SessionDocument
from lpdesk.model.ids import new_id
from lpdesk.model.matrix import Board
from lpdesk.model.matrix_stats import board_agreement
from lpdesk.ui.base.frames import FrameRefresh
from lpdesk.ui.matrix.board_edits import BoardEdits
from lpdesk.ui.matrix.consensus import ConsensusView
from lpdesk.ui.matrix.dialogs import (
    EACH_GROUP,
    NewBoardChoice,
    NewBoardDialog,
)
from lpdesk.ui.matrix.items import CardItem
from lpdesk.ui.matrix.scene import BoardScene
from lpdesk.ui.matrix.view import BoardView
from lpdesk.ui.style.actions import make_action
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.theme import BASE_POINT_SIZE, follow_theme, theme


class MatrixPage(QWidget, BoardEdits):
    """One board at a time with its switcher and tools; card, row and column edits are in
    `BoardEdits` (ui/matrix/board_edits.py)."""
    def __init__(self, doc: SessionDocument, parent: QWidget | None = None,
                 audience: bool = False) -> None:
        super().__init__(parent)
        self.doc, self.matrix, self.audience = doc, doc.session.matrix, audience
        self.interactive = not audience
        self.setObjectName("MatrixPage")
        self.last_message = ""  # the last status message (also when not in a main window)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.figure = QLabel()
        self.figure.setAccessibleName(self.tr("Agreement with the model"))
        self.figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.scene = BoardScene(doc, editable=not audience, parent=self)
        self.view = BoardView(self.scene)
        self._consensus: ConsensusView | None = None  # built when first shown (`consensus`)
        self.empty = QLabel(self.tr("No board yet.") if audience else self.tr(
            "No board yet. Start one from a template with \u201cNew board\u201d: one board "
            "per group lets the groups compare."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        for widget in (self.view, self.empty):
            self.stack.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        self._make_actions()
        if not audience:
            layout.addWidget(self._make_toolbar())
        # title left, agreement right: one line, the board gets the rest; when both do not
        # fit (a small screen, a big zoom) the agreement goes under the title and the title
        # wraps, rather than running under the agreement
        self.heading = heading = QWidget()
        row = self.heading_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, heading)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(self.title, 1)
        row.addWidget(self.figure)
        layout.addWidget(heading)
        layout.addWidget(self.stack, 1)
        self.scene.edit_card_requested.connect(self.edit_card)
        self.scene.delete_card_requested.connect(self.delete_card)
        self.scene.axis_rename_requested.connect(self.rename_axis)
        self.scene.axis_menu_requested.connect(self._axis_menu)
        # this board changed in a phones' slice: once, after it (ui/base/frames.py)
        self._refresh = FrameRefresh(self, self.refresh)
        # Another board changed (a group moving cards from its phones): the figures and the
        # recap follow, gathered for 150 ms, so six groups sorting at once never stall the
        # page, then refreshed as phones' work is (after the window's turn; held while
        # presentation mode covers the facilitator's page)
        self._later = QTimer(self, singleShot=True, interval=150)
        self._later.timeout.connect(self._refresh.later)
        self._heading_for: tuple | None = None  # what the heading was last fitted to
        listen(self, self.matrix.changed, self._matrix_changed)
        listen(self, doc.session.changed, lambda what: what == "groups" and self.refresh())
        follow_theme(self, lambda *_: self.refresh())
        self.refresh()

    # -- chrome -----------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "",
                checkable: bool = False) -> QAction:
        return make_action(self, text, slot, shortcut, tip or text, checkable=checkable,
                           on_toggle=checkable, add_to=self if self.interactive else None)

    def _make_actions(self) -> None:
        """What the facilitator does on the board: on the toolbar here, and on the room's
        screen in presentation mode (keys and its facilitator bar)."""
        self.previous_action = self._action(self.tr("\u25c0"), lambda: self.step_board(-1),
                                            "Ctrl+PgUp", self.tr("Previous board"))
        self.next_action = self._action(self.tr("\u25b6"), lambda: self.step_board(1),
                                        "Ctrl+PgDown", self.tr("Next board"))
        self.reveal_action = self._action(self.tr("Reveal model"), self.set_revealed,
                                          "Ctrl+R", self.tr("Show where the source model "
                                                            "puts each card"), True)
        self.consensus_action = self._action(self.tr("Consensus"), self.show_consensus,
                                             "Ctrl+G", self.tr("Compare the groups: where "
                                                               "each group put each card"),
                                             True)

    def room_actions(self) -> list[QAction]:
        """The actions presentation mode's facilitator bar offers for this activity."""
        return [self.previous_action, self.next_action, self.reveal_action,
                self.consensus_action]

    def set_interactive(self, on: bool) -> None:
        """The room's screen in presentation mode: the facilitator's keys work here."""
        if on == self.interactive:
            return
        self.interactive = on
        for action in self.room_actions():
            self.addAction(action) if on else self.removeAction(action)

    def room_key(self, event: QKeyEvent) -> bool:
        """A key pressed on the room's screen in presentation mode: the board's keys
        (arrows and Tab choose and move cards) work wherever the keyboard is."""
        if not self.interactive or self.stack.currentWidget() is not self.view:
            return False
        focus = self.scene.focusItem()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(focus, CardItem):
            return self.scene.card_key(focus, event)
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Left, Qt.Key.Key_Right,
                           Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.scene.select_next(None)
            return True
        return False

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar(self.tr("Matrix"))
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar = bar
        self.board_combo = QComboBox()
        self.board_combo.setAccessibleName(self.tr("Board"))
        self.board_combo.setToolTip(self.tr("Switch between the boards (one per group)"))
        self.board_combo.setMinimumContentsLength(16)
        self.board_combo.activated.connect(
            lambda i: self.show_board(self.board_combo.itemData(i)))
        self.new_action = self._action(self.tr("New board\u2026"), self.new_board,
                                       "Ctrl+Shift+B", self.tr("Start a board from a template "
                                                               "or an empty grid"))
        self.remove_action = self._action(self.tr("Remove board"), self.remove_board,
                                          tip=self.tr("Remove this board (undo brings it "
                                                      "back)"))
        self.add_card_action = self._action(self.tr("Add card\u2026"), self.add_card,
                                            "Ctrl+Shift+C", self.tr("Add a practice card"))
        self.add_row_action = self._action(self.tr("Add row\u2026"),
                                           lambda: self.add_axis("row"))
        self.add_column_action = self._action(self.tr("Add column\u2026"),
                                              lambda: self.add_axis("column"))
        self.together_action = self._action(
            self.tr("All group boards"), lambda _on: None, checkable=True,
            tip=self.tr("Card, row and column edits apply to every board of this template, "
                        "so the groups stay comparable"))
        self.together_action.setChecked(True)
        bar.addWidget(self.board_combo)
        bar.addActions([self.previous_action, self.next_action])
        for action, name in ((self.previous_action, self.tr("Previous board")),
                             (self.next_action, self.tr("Next board"))):
            bar.widgetForAction(action).setAccessibleName(name)  # not "◀" / "▶"
        bar.addSeparator()
        bar.addActions([self.reveal_action, self.consensus_action])
        bar.addSeparator()
        bar.addAction(self.new_action)  # a visible button: starting a board is a main step
        edit = QToolButton()
        edit.setText(self.tr("Edit"))
        edit.setToolTip(self.tr("Boards, cards, rows and columns"))
        edit.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(edit)
        menu.addActions([self.new_action, self.remove_action])
        menu.addSeparator()
        menu.addActions([self.add_card_action, self.add_row_action, self.add_column_action])
        menu.addSeparator()
        menu.addAction(self.together_action)
        edit.setMenu(menu)
        self.edit_button = edit
        bar.addWidget(edit)
        self._draw_icons()
        follow_theme(self, lambda *_: self._draw_icons())
        self.installEventFilter(self)  # the toolbar fits the page's width (eventFilter)
        return bar

    ICONS = {"previous_action": "previous", "next_action": "next", "new_action": "new-board",
             "remove_action": "remove", "add_card_action": "add-card",
             "reveal_action": "reveal", "consensus_action": "consensus"}

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt name)
        if obj is self and event.type() == QEvent.Type.Resize:
            from lpdesk.ui.style.icons import fit_toolbar
            fit_toolbar(self.toolbar, self.width() - 12)  # words, or icons alone if narrow
        return False

    def _draw_icons(self) -> None:
        from lpdesk.ui.style.icons import name_overflow_button, refit_toolbar, set_icons
        set_icons(self, self.ICONS)
        name_overflow_button(self.toolbar)
        refit_toolbar(self.toolbar, self.width() - 12)
        for action in (self.previous_action, self.next_action):  # arrows: the icon says it
            self.toolbar.widgetForAction(action).setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonIconOnly)

    @property
    def consensus(self) -> ConsensusView:
        """The comparison of the groups' boards, built the first time it is asked for
        (most pages never show it)."""
        if self._consensus is None:
            self._consensus = ConsensusView(self.doc)
            self.stack.insertWidget(1, self._consensus)
            self._consensus.set_board(self.board.id if self.board else None)
        return self._consensus

    @property
    def board(self) -> Board | None:
        return self.matrix.current_board

    def _matrix_changed(self, board_id=None) -> None:
        board = self.board
        if board_id is not None and board is not None and board_id != board.id \
                and not self.matrix.comparing:
            if not self._later.isActive():
                self._later.start()
            return
        self._refresh.request()

    def refresh(self) -> None:
        """Show the current board and bring the title, figures and tools up to date."""
        board, t = self.board, theme()
        scale = self.text_scale()
        self.scene.set_text_scale(scale)
        self.scene.set_board(board.id if board else None)
        if self._consensus is not None:
            self._consensus.set_board(board.id if board else None)
        # set only what differs: a style sheet set again restyles the label, a heading
        # fitted again measures rich text (a phone's move changes at most the figure)
        for label, sheet in (
                (self.title, f"font-size: {round(22 * scale)}px; color: {t.text};"),
                (self.figure, f"font-size: {round(16 * scale)}px; color: {t.muted_text};")):
            if label.styleSheet() != sheet:
                label.setStyleSheet(sheet)
        figure = self._figure_text(board)
        if self.figure.text() != figure:
            self.figure.setText(figure)
        if self.figure.isHidden() == bool(figure):
            self.figure.setVisible(bool(figure))
        self._fit_heading()
        consensus = self.matrix.comparing
        self.stack.setCurrentWidget(self.empty if board is None
                                    else self.consensus if consensus else self.view)
        has = board is not None
        siblings = self.matrix.siblings(board.id) if board else []
        self.previous_action.setEnabled(len(self.matrix.boards) > 1)
        self.next_action.setEnabled(len(self.matrix.boards) > 1)
        judged = has and any(c.has_reference for c in board.cards)
        self.reveal_action.setEnabled(bool(judged))
        for action, on in ((self.reveal_action, bool(has and board.revealed)),
                           (self.consensus_action, consensus)):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        self.consensus_action.setEnabled(len(siblings) > 1 or consensus)
        if self.audience:
            return
        combo = self.board_combo
        combo.blockSignals(True)
        boards = [(b.name, b.id) for b in self.matrix.boards]
        if boards != [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]:
            combo.clear()
            for name, board_id in boards:
                combo.addItem(name, board_id)
        if board is not None:
            index = combo.findData(board.id)
            if combo.currentIndex() != index:
                combo.setCurrentIndex(index)
        combo.blockSignals(False)
        for action in (self.remove_action, self.add_card_action, self.add_row_action,
                       self.add_column_action):
            action.setEnabled(has)

    def text_scale(self) -> float:
        """How much to grow the text: the theme's presentation scale, or on the room's
        screen that screen's own (the audience window scales its fonts, not the theme)."""
        scale = theme().font_scale
        if self.audience:
            scale = max(scale, self.font().pointSizeF() / BASE_POINT_SIZE)
        return scale

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if self.audience and event.type() == QEvent.Type.FontChange:
            self.refresh()  # the room's screen was scaled up or down

    def _title_html(self, board: Board | None, short: bool = False) -> str:
        """'● Harbour board · Traditional vs new workplace learning' (dot: the group's
        colour). One short line: every pixel of height goes to the cards."""
        if board is None:
            return ""
        from html import escape
        title = f"<b>{escape(board.name)}</b>"
        if board.group_id:
            try:
                group = self.doc.session.group(board.group_id)
                title = f"<span style='color:{group.colour}'>\u25cf</span> " + title
                if group.name.lower() not in board.name.lower():
                    title += f" ({escape(group.name)})"
            except KeyError:
                pass
        if board.template_id and not short:
            try:
                name = template(board.template_id).name
                if name.lower() not in board.name.lower():
                    title += f" &nbsp;\u00b7&nbsp; {escape(name)}"
            except KeyError:
                pass
        return title

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_heading()

    def _fit_heading(self) -> None:
        """One line if the title and the agreement fit side by side; else the title
        without its template's name; else (the facilitator's page) two lines. The room's
        screen keeps one line: the board needs the height. Only when the width, the texts
        or their size changed."""
        key = (self.width(), self._title_html(self.board), self.figure.text(),
               self.figure.isVisibleTo(self), self.title.styleSheet(), self.font().key())
        if key == self._heading_for:
            return
        self._heading_for = key
        margins = self.heading_row.contentsMargins()
        room = self.width() - 12 - margins.left() - margins.right()
        figure = (self.figure.sizeHint().width() + max(0, self.heading_row.spacing())
                  if self.figure.isVisibleTo(self) else 0)
        wrapped = self.title.wordWrap()
        self.title.setWordWrap(False)
        full = self._title_html(self.board)
        if self.title.text() != full:
            self.title.setText(full)
        one_line = self.title.sizeHint().width() + figure <= room
        if not one_line:
            self.title.setText(self._title_html(self.board, short=True))
            one_line = self.audience or self.title.sizeHint().width() + figure <= room
        self.title.setWordWrap(wrapped)
        self.heading_row.setDirection(QBoxLayout.Direction.LeftToRight if one_line
                                      else QBoxLayout.Direction.TopToBottom)
        self.figure.setAlignment((Qt.AlignmentFlag.AlignRight if one_line
                                  else Qt.AlignmentFlag.AlignLeft)
                                 | Qt.AlignmentFlag.AlignVCenter)
        if wrapped == one_line:
            self.title.setWordWrap(not one_line)

    def _figure_text(self, board: Board | None) -> str:
        if board is None or not board.revealed:
            return ""
        a = board_agreement(board)
        if a.share is None:
            return self.tr("Matches the model: no cards placed yet")
        return self.tr("Matches the model: %d of %d (%d%%)") % (
            a.matching, a.placed, round(100 * a.share))

    # -- boards ------------------------------------------------------------------------
    def show_board(self, board_id: str | None) -> None:
        """Switch boards: where we are is not an edit (no undo step), like the agenda."""
        if board_id is not None and board_id != (self.board.id if self.board else None):
            self.matrix.set_current_board(board_id)

    def step_board(self, step: int) -> None:
        ids = [b.id for b in self.matrix.boards]
        if self.board is not None and len(ids) > 1:
            self.show_board(ids[(ids.index(self.board.id) + step) % len(ids)])

    def ask_new_board(self) -> NewBoardChoice | None:
        dialog = NewBoardDialog(templates(), self.doc.session.groups, self)
        return dialog.choice() if dialog.exec() else None

    def new_board(self) -> None:
        choice = self.ask_new_board()
        if choice is None:
            return
        groups = self.doc.session.groups
        targets = ([(g.id, f"{choice.name} \u2014 {g.name}") for g in groups]
                   if choice.group == EACH_GROUP else [(choice.group, choice.name)])
        taken = {b.id for b in self.matrix.boards}
        grid_id = new_id("grid") if choice.template_id is None and len(targets) > 1 else None
        boards = []
        for group_id, name in targets:
            if choice.template_id is not None:
                board = board_from_template(template(choice.template_id), name, group_id, taken)
            else:
                board = empty_board(name, group_id, taken,
                                    rows=[self.tr("Row %d") % i for i in (1, 2, 3)],
                                    columns=[self.tr("Column %d") % i for i in (1, 2, 3)])
                board.template_id = grid_id  # one empty grid per group: still comparable
            taken.add(board.id)
            boards.append(board)
        self.doc.push(AddBoardsCommand(self.matrix, boards))

    def remove_board(self) -> None:
        if self.board is not None:
            self.doc.push(RemoveBoardCommand(self.matrix, self.board.id))

    def set_revealed(self, on: bool) -> None:
        if self.board is not None and self.board.revealed != on:
            ids = [b.id for b in self.matrix.siblings(self.board.id)]
            self.doc.push(SetRevealedCommand(self.matrix, ids, on))

    def show_consensus(self, on: bool) -> None:
        """Navigation, not an edit: no undo step; every screen of the room follows."""
        self.matrix.set_comparing(on)
