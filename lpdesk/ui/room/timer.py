"""The countdown as the room sees it: big digits, 'paused' under them, and a gentle pulse
of the frame when time is up (no sound, no flashing colours: the room should notice, not
jump). When a countdown starts, the frame lights up and 'started' shows for two seconds, so
the facilitator sees it runs (and that the next Ctrl+T pauses it)."""
from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from lpdesk.model.timer import Countdown, TimerState, format_clock
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.theme import theme, theme_state

PULSE_SECONDS = 2.0  # one slow breath of the frame
PULSE_FOR = 30.0  # then the frame stays lit
START_CUE_MS = 2000  # how long a start is shown


class TimerDisplay(QWidget):
    """Shows a Countdown. `repaint_now()` is called by the owner's tick; the widget reads
    the countdown, it never changes it."""

    def __init__(self, countdown: Countdown, parent: QWidget | None = None,
                 idle_text: str | None = None) -> None:
        super().__init__(parent)
        self.countdown = countdown
        self.idle_text = idle_text if idle_text is not None else self.tr("no timer")
        self.setObjectName("TimerDisplay")
        self.setAccessibleName(self.tr("Timer"))
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._state = countdown.state
        self._started = QElapsedTimer()  # valid while the start cue shows
        self._cue_end = QTimer(self)
        self._cue_end.setSingleShot(True)
        self._cue_end.setInterval(START_CUE_MS)
        self._cue_end.timeout.connect(self.repaint_now)
        listen(self, countdown.changed, self._countdown_changed)
        theme_state().theme_changed.connect(self.update)
        self.repaint_now()

    def _countdown_changed(self) -> None:
        state = self.countdown.state
        if state is TimerState.RUNNING and self._state is not TimerState.RUNNING:
            self._started.start()
            self._cue_end.start()
        elif state is not TimerState.RUNNING:
            self._started.invalidate()
        self._state = state
        self.repaint_now()

    # -- what to show ---------------------------------------------------------------
    def start_cue(self) -> float:
        """1 just after a start, fading to 0 over two seconds."""
        if not self._started.isValid() or self.countdown.finished:
            return 0.0
        return max(0.0, 1.0 - self._started.elapsed() / START_CUE_MS)

    def caption(self) -> str:
        c = self.countdown
        if c.finished:
            return self.tr("time is up")
        if self.start_cue() > 0:
            return self.tr("started")
        if c.state is TimerState.PAUSED:
            return self.tr("paused")
        if c.state is TimerState.READY:
            return self.tr("ready")
        return ""

    def digits(self) -> str:
        return format_clock(self.countdown.remaining()) if self.countdown.active \
            else self.idle_text

    def cue_strength(self) -> float:
        """0 (no cue) .. 1 (frame fully lit): a slow pulse for the first half minute."""
        c = self.countdown
        if not c.finished:
            return 0.0
        over = c.overtime()
        if over >= PULSE_FOR:
            return 1.0
        return 0.45 + 0.55 * (0.5 - 0.5 * math.cos(2 * math.pi * over / PULSE_SECONDS))

    def repaint_now(self) -> None:
        description = self.digits()
        if self.caption():
            description += ", " + self.caption()
        self.setAccessibleDescription(description)
        self.setToolTip(self.tr("Activity timer: %s") % description)
        self.update()

    # -- drawing ----------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        fm = QFontMetrics(self.font())
        return QSize(fm.horizontalAdvance("00:00") + fm.height() * 2, int(fm.height() * 1.8))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        fm = QFontMetrics(self.font())
        return QSize(fm.horizontalAdvance("0:00") + fm.height(), fm.height() + 6)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        t = theme()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        h = self.height()
        frame = max(2.0, h * 0.06)
        rect = QRectF(self.rect()).adjusted(frame / 2, frame / 2, -frame / 2, -frame / 2)
        radius = min(rect.height(), rect.width()) * 0.18
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(t.surface))
        p.drawRoundedRect(rect, radius, radius)
        cue = max(self.cue_strength(), self.start_cue())
        if cue > 0:
            colour = QColor(t.accent)
            colour.setAlphaF(cue)
            p.setPen(QPen(colour, frame))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(rect, radius, radius)
        caption = self.caption()
        active = self.countdown.active
        digits_h = rect.height() * (0.58 if caption else 0.72)
        font = QFont(self.font())
        font.setBold(active)
        font.setPixelSize(max(8, int(digits_h * (0.8 if active else 0.45))))
        text = self.digits()
        fm = QFontMetrics(font)
        if fm.horizontalAdvance(text) > rect.width() * 0.9:  # narrow: shrink to fit
            font.setPixelSize(max(8, int(font.pixelSize() * rect.width() * 0.9
                                         / fm.horizontalAdvance(text))))
        p.setFont(font)
        p.setPen(QColor(t.target if self.countdown.finished
                        else t.text if active else t.muted_text))
        digits_rect = QRectF(rect.left(), rect.top(), rect.width(),
                             rect.height() * (0.64 if caption else 1.0))
        p.drawText(digits_rect, Qt.AlignmentFlag.AlignCenter, text)
        if caption:
            small = QFont(self.font())
            small.setPixelSize(max(8, int(rect.height() * 0.26)))
            p.setFont(small)
            p.setPen(QColor(t.muted_text))
            p.drawText(QRectF(rect.left(), digits_rect.bottom() - rect.height() * 0.04,
                              rect.width(), rect.height() * 0.36),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, caption)
        p.end()
