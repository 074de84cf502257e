"""The session's date: a text field that takes a typed date, with a calendar on F4 /
Alt+Down or its calendar button.

Why not QDateEdit: it keeps Tab for stepping through year, month and day (a keyboard user
is stuck in it), and with "(no date)" showing, typing 2026-12-01 was appended to that text
("(no date)20261201") and thrown away on leaving. Here Tab leaves, the typed date is read
when the field is left or Enter is pressed (2026-12-01, 2026-12-1, 20261201, 2026/12/01),
an empty field means no date, and a date that cannot be read stays on screen, marked, with
a hint, instead of vanishing. Up/Down move by a day."""
from __future__ import annotations

import datetime
import re

from PySide6.QtCore import QDate, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLineEdit, QWidget

_SEPARATED = re.compile(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*$")
_DIGITS = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")


def read_date(text: str) -> str | None:
    """The ISO date (yyyy-mm-dd) a typed text means, '' for no date, None if unreadable."""
    if not text.strip():
        return ""
    match = _SEPARATED.match(text) or _DIGITS.match(text)
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:  # 2026-02-30
        return None


def _calendar_icon(colour: str) -> QIcon:
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor(colour), 2.5))
    p.drawRoundedRect(QRectF(5, 7, 22, 20), 3, 3)
    p.drawLine(5, 13, 27, 13)
    for x in (11, 21):
        p.drawLine(x, 4, x, 9)
    p.setBrush(QColor(colour))
    for x in (10, 16, 22):
        for y in (18, 23):
            p.drawRect(QRectF(x - 1.2, y - 1.2, 2.4, 2.4))
    p.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """`date_edited(iso)` when the facilitator has typed or picked a date ('' = no date)."""

    date_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = ""
        self._calendar = None
        self.setPlaceholderText(self.tr("yyyy-mm-dd (no date)"))
        self.setClearButtonEnabled(False)
        self.calendar_action = QAction(self.tr("Choose the date on a calendar (F4)"), self)
        self._draw_icon()
        from lpdesk.ui.style.theme import follow_theme
        follow_theme(self, lambda *_: self._draw_icon())  # legible in high contrast too
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self.commit)

    def _draw_icon(self) -> None:
        from lpdesk.ui.style.theme import theme
        self.calendar_action.setIcon(_calendar_icon(theme().text))

    # -- the value ------------------------------------------------------------------------
    def value(self) -> str:
        return self._value

    def set_value(self, iso: str) -> None:
        """Show a date from the session (not an edit)."""
        self._value = iso
        self.setText(iso)
        self._mark(valid=True)

    def is_valid(self) -> bool:
        return read_date(self.text()) is not None

    def commit(self) -> None:
        iso = read_date(self.text())
        if iso is None:
            self._mark(valid=False)
            return
        self._mark(valid=True)
        if self.text() != iso:
            self.setText(iso)
        if iso != self._value:
            self._value = iso
            self.date_edited.emit(iso)

    def _mark(self, valid: bool) -> None:
        if valid:
            self.setStyleSheet("")
            self.setToolTip(self.tr("Type the date as 2026-12-01 (empty for no date); F4 "
                                    "opens a calendar"))
        else:
            from lpdesk.ui.style.theme import theme
            self.setStyleSheet(f"QLineEdit {{ border: 2px solid {theme().mismatch}; }}")
            self.setToolTip(self.tr("Not a date: type it as 2026-12-01, or leave the field "
                                    "empty for no date"))

    # -- keys and the calendar ---------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and
                                    mods == Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods == Qt.KeyboardModifier.NoModifier:
            iso = read_date(self.text()) or datetime.date.today().isoformat()
            day = datetime.date.fromisoformat(iso) + datetime.timedelta(
                days=1 if key == Qt.Key.Key_Up else -1)
            self.setText(day.isoformat())
            self.commit()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        from PySide6.QtWidgets import QCalendarWidget

        if self._calendar is None:
            self._calendar = QCalendarWidget(self)
            self._calendar.setWindowFlags(Qt.WindowType.Popup)
            self._calendar.setAccessibleName(self.tr("Calendar"))
            self._calendar.activated.connect(self._picked)
            self._calendar.clicked.connect(self._picked)
        iso = read_date(self.text())
        self._calendar.setSelectedDate(QDate.fromString(iso, "yyyy-MM-dd") if iso
                                       else QDate.currentDate())
        self._calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self._calendar.show()
        self._calendar.setFocus()

    def _picked(self, date: QDate) -> None:
        self._calendar.hide()
        self.setText(date.toString("yyyy-MM-dd"))
        self.commit()
        self.setFocus()
