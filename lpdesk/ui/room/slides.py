"""Full-screen slides for the room that are not an activity: the blank screen (B), the
break slide ('back in 5 minutes') and the welcome slide shown during set-up (the set-up
page itself holds the facilitator's private session notes, so the room never sees it)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from lpdesk.document import SessionDocument
from lpdesk.ui.room.state import RoomDisplay
from lpdesk.ui.room.timer import TimerDisplay
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.theme import theme, theme_state


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # session text: titles, names
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _sized(label: QLabel, px: float, bold: bool = False) -> None:
    font = QFont(label.font())
    font.setPixelSize(max(10, int(px)))
    font.setBold(bold)
    label.setFont(font)


class BlankSlide(QWidget):
    """Pure black, whatever the theme: the room looks at the facilitator, not the screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BlankSlide")
        self.setAccessibleName(self.tr("Blank screen"))
        # Painted by hand: a style sheet background on a plain QWidget is never drawn, and
        # the palette's window colour is the theme's (white in the normal theme).
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        QPainter(self).fillRect(self.rect(), QColor("#000000"))


class BreakSlide(QWidget):
    """'Back in 5 minutes', the time to be back, and the break's own countdown."""

    def __init__(self, display: RoomDisplay, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.display = display
        self._over = False
        self.setObjectName("BreakSlide")
        self.setAccessibleName(self.tr("Break"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        self.heading = _label(name="BreakHeading")
        self.back_at = _label(name="BreakBackAt")
        self.clock = TimerDisplay(display.break_timer, self, idle_text="")
        self.clock.setAccessibleName(self.tr("Break countdown"))
        layout.addStretch(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.back_at)
        layout.addSpacing(20)
        layout.addWidget(self.clock, 4, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        display.changed.connect(self.refresh)
        display.tick.connect(self._tick)
        theme_state().theme_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        t = theme()
        minutes = self.display.break_minutes
        over = self.display.break_timer.finished
        self._over = over
        self.heading.setText(self.tr("Welcome back") if over else
                             self.tr("Back in 1 minute") if minutes == 1
                             else self.tr("Back in %d minutes") % minutes)
        ends = self.display.break_ends
        self.back_at.setText(self.tr("We start again at %s") % ends.strftime("%H:%M")
                             if ends and not over else "")
        self.heading.setStyleSheet(f"color: {t.text};")
        self.back_at.setStyleSheet(f"color: {t.muted_text};")
        self._fit()

    def _tick(self) -> None:
        if self.display.break_timer.finished != self._over:
            self.refresh()
        self.clock.repaint_now()

    def _fit(self) -> None:
        h = max(200, self.height())
        _sized(self.heading, h * 0.11, bold=True)
        _sized(self.back_at, h * 0.05)
        self.clock.setFixedSize(int(h * 0.62), int(h * 0.26))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()


class WelcomeSlide(QWidget):
    """During set-up the room sees the session's title, who is here, and today's plan."""

    def __init__(self, doc: SessionDocument, parent: QWidget | None = None,
                 audience: bool = True) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setObjectName("WelcomeSlide")
        self.setAccessibleName(self.tr("Welcome"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        self.title = _label(name="WelcomeTitle")
        self.subtitle = _label(name="WelcomeSubtitle")
        self.groups = QGridLayout()
        self.groups.setHorizontalSpacing(32)
        self.plan = _label(name="WelcomePlan")
        self.plan.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(24)
        layout.addLayout(self.groups)
        layout.addSpacing(24)
        layout.addWidget(self.plan, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        listen(self, doc.session.changed, lambda *_: self.refresh())
        listen(self, doc.session.agenda.changed, lambda *_: self.refresh())
        theme_state().theme_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        s, t = self.doc.session, theme()
        self.title.setText(s.title or self.tr("Welcome"))
        bits = [b for b in (s.client, s.date, s.facilitator) if b]
        self.subtitle.setText("  \u00b7  ".join(bits))
        while self.groups.count():
            item = self.groups.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        columns = [(g.name, [p.name for p in s.members(g.id)], g.colour) for g in s.groups]
        loose = [p.name for p in s.participants if p.group_id is None]
        if loose:
            columns.append((self.tr("Participants") if not s.groups else self.tr("No group"),
                            loose, t.text))
        for col, (name, members, colour) in enumerate(columns[:6]):
            head = _label(name, "WelcomeGroup")
            head.setStyleSheet(f"color: {t.text}; border-bottom: 4px solid {colour};")
            body = _label("\n".join(members[:14] + (["\u2026"] if len(members) > 14 else [])))
            body.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            body.setStyleSheet(f"color: {t.text};")
            self.groups.addWidget(head, 0, col)
            self.groups.addWidget(body, 1, col)
        plan = [i for i in s.agenda.items if not i.skipped and i.kind != "setup"]
        self.plan.setText(self.tr("Today") + "\n" + "\n".join(
            f"{n}.  {i.title}" for n, i in enumerate(plan, 1)))
        self.title.setStyleSheet(f"color: {t.text};")
        self.subtitle.setStyleSheet(f"color: {t.muted_text};")
        self.plan.setStyleSheet(f"color: {t.text};")
        self._fit()

    def _fit(self) -> None:
        h = max(240, self.height())
        _sized(self.title, h * 0.085, bold=True)
        _sized(self.subtitle, h * 0.04)
        _sized(self.plan, h * 0.035)
        for i in range(self.groups.count()):
            w = self.groups.itemAt(i).widget()
            if isinstance(w, QLabel):
                _sized(w, h * (0.038 if w.objectName() == "WelcomeGroup" else 0.03),
                       bold=w.objectName() == "WelcomeGroup")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()
