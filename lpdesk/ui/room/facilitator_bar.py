"""Presentation mode's facilitator bar: a slim row of buttons over the bottom of the room's
screen, there only when asked for (the mouse at the bottom edge, or F6), so the facilitator
never has to leave presentation mode (which would put the facilitator's notes on the
projector) to reveal, compare, place or move on.

It holds actions only: agenda steps, the current activity's own actions, blank, break, the
timer, quick capture and leaving. It never shows notes or anything else the room should
not see; what it says about the activity is what the room's screen shows anyway.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lpdesk.ui.style.text import plain_tip
from lpdesk.ui.style.theme import BASE_POINT_SIZE, theme

EDGE_PX = 6  # the mouse this close to the bottom edge brings the bar up


class ElidedLabel(QLabel):
    """One line that gives way to the buttons, ending in an ellipsis when it must."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.full = text
        self.setToolTip(plain_tip(text))  # names whose marker is being placed
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight,
                                                   max(0, self.width() - 4)))


class BarButton(QToolButton):
    """A button for an action, with a short label of its own if given (the bar has a
    dozen buttons in a row; the menus keep the actions' full names)."""

    def __init__(self, action: QAction, short: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.short = short
        self.setDefaultAction(action)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay with the room's page
        if action.toolTip():
            self.setToolTip(action.toolTip())
        if short:
            self.setText(short)

    def actionEvent(self, event) -> None:  # noqa: N802
        super().actionEvent(event)
        if self.short:
            self.setText(self.short)


class FacilitatorBar(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("FacilitatorBar")
        self.setAccessibleName(self.tr("Facilitator bar"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 4, 8, 4)
        rows.setSpacing(4)
        self.row = QHBoxLayout()  # the activity's own actions (and everything, if it fits)
        self.row.setSpacing(4)
        self.second_row = QHBoxLayout()  # a narrow screen: the workshop's actions below
        self.second_row.setSpacing(4)
        rows.addLayout(self.row)
        rows.addLayout(self.second_row)
        self._two_rows = False
        # The facilitator's size, not the room's: the bar is read from the laptop's seat
        font = QFont(self.font())
        font.setPointSizeF(BASE_POINT_SIZE)
        self.setFont(font)
        self.placing = ElidedLabel(self)
        self.placing.setObjectName("FacilitatorBarPlacing")
        self._groups: list[list[QWidget]] = [[], [], []]  # before, activity, after
        self._stretch_at = 0
        self._placing_text = ""
        self._notice = ""  # a discreet word from the error guard, for the facilitator only
        self.pinned = False  # brought up by F6: stays until F6, Esc or a click elsewhere
        self.hide()

    def _button(self, action: QAction, short: str = "") -> QToolButton:
        button = BarButton(action, short, self)
        button.setFont(self.font())
        return button

    def _separator(self) -> QFrame:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        return line

    def set_actions(self, before: Iterable[tuple[QAction, str]],
                    after: Iterable[tuple[QAction, str]]) -> None:
        """The workshop's actions (each with its short label), left (agenda) and right
        (room) of the activity's."""
        for widget in self._groups[0] + self._groups[2]:
            self._drop(widget)
        self._groups[0] = [self._button(a, t) for a, t in before] + [self._separator()]
        self._groups[2] = [self._separator()] + [self._button(a, t) for a, t in after]
        self._rebuild()

    def set_activity(self, actions: Iterable[QAction]) -> None:
        """The current activity's own actions (reveal, consensus, boards, markers...)."""
        for widget in self._groups[1]:
            self._drop(widget)
        self._groups[1] = [self._button(a) for a in actions]
        self._rebuild()

    def _drop(self, widget: QWidget) -> None:
        self.row.removeWidget(widget)
        widget.hide()  # at once: deleteLater waits for the event loop
        widget.deleteLater()

    def set_placing(self, text: str) -> None:
        self._placing_text = text
        self._show_line()

    def set_notice(self, text: str) -> None:
        """A short word for the facilitator (e.g. "a problem was logged") before the
        placing line; "" clears it."""
        self._notice = text
        self._show_line()

    def _show_line(self) -> None:
        self.placing.set_full_text(" \u00b7 ".join(
            t for t in (self._notice, self._placing_text) if t))

    def activity_buttons(self) -> list[QToolButton]:
        return [w for w in self._groups[1] if isinstance(w, QToolButton)]

    def buttons(self) -> list[QToolButton]:
        return [w for group in self._groups for w in group if isinstance(w, QToolButton)]

    def _needs_two_rows(self) -> bool:
        """Every button whole on one line, or the workshop's actions go to a second."""
        widgets = [w for group in self._groups for w in group]
        need = sum(w.sizeHint().width() + self.row.spacing() for w in widgets) + 16 + 120
        return need > self.parentWidget().width()

    def _rebuild(self) -> None:
        for row in (self.row, self.second_row):
            while row.count():
                row.takeAt(0)
        before, activity, after = self._groups
        self._two_rows = bool(before and after) and self._needs_two_rows()
        if self._two_rows:
            for widget in activity:
                self.row.addWidget(widget)
            self.row.addWidget(self.placing, 1)
            for widget in before[:-1] + after[1:]:  # no separators on their own row
                self.second_row.addWidget(widget)
            self.second_row.insertStretch(len(before) - 1, 1)
            for widget in (before[-1], after[0]):
                widget.hide()
        else:
            for widget in before + activity:
                self.row.addWidget(widget)
            self.row.addWidget(self.placing, 1)
            for widget in after:
                self.row.addWidget(widget)
            for widget in (before[-1:] + after[:1]):
                widget.show()
        self.restyle()
        self.place()

    def restyle(self) -> None:
        t = theme()
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(t.surface))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(t.text))
        self.setPalette(palette)

    def place(self) -> None:
        """Across the bottom of the window, over the room's screen (which keeps its
        layout: nothing on it moves when the bar comes and goes)."""
        parent = self.parentWidget()
        if self._groups[0] and self._needs_two_rows() != self._two_rows:
            self._rebuild()  # the window changed size: one row or two
            return
        height = self.sizeHint().height()
        self.setGeometry(0, parent.height() - height, parent.width(), height)
        self.raise_()

    # -- coming and going ------------------------------------------------------------
    def reveal(self) -> None:
        self.place()
        self.show()
        self.raise_()

    def toggle(self) -> None:
        """F6: the bar comes up and stays (a keyboard or clicker user has no pointer at
        the bottom edge) until F6 again, Esc or a click elsewhere; or it goes."""
        if self.isVisible():
            self.hide()
            return
        self.reveal()
        self.pinned = True
        from PySide6.QtWidgets import QApplication
        QApplication.instance().installEventFilter(self)

    def hideEvent(self, event) -> None:  # noqa: N802
        if self.pinned:
            self.pinned = False
            from PySide6.QtWidgets import QApplication
            QApplication.instance().removeEventFilter(self)
        super().hideEvent(event)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """While pinned: a click anywhere else in this window puts the bar away (the click
        still does what it does)."""
        if (self.pinned and event.type() == QEvent.Type.MouseButtonPress
                and isinstance(obj, QWidget) and obj.window() is self.window()):
            # the press reaches each parent in turn when ignored: where it is decides
            at = self.mapFromGlobal(event.globalPosition().toPoint())
            if not self.rect().contains(at):
                self.hide()
        return False

    def pointer_moved(self, y: int) -> None:
        """The mouse at height `y` in the window: the bottom edge brings the bar up,
        moving well away from it puts the bar away (unless F6 brought it)."""
        parent = self.parentWidget()
        if y >= parent.height() - EDGE_PX:
            if not self.isVisible():
                self.reveal()
        elif self.isVisible() and not self.pinned and y < self.y() - 3 * self.height():
            self.hide()
