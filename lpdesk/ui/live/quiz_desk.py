"""The facilitator's side of the quiz on the phones: the quiz chooser's "On phones" button
opens it (starting the phones' server if it is off), and a bar on the quiz page says how
many phones have finished ("11 of 14 finished") with a button that closes the quiz and
places what every finished phone has on the continuum's current area."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from lpdesk.ui.base.frames import FrameRefresh
from lpdesk.ui.style.text import plain_tip


class QuizPhonesBar(QWidget):
    def __init__(self, feature, page) -> None:
        super().__init__(page)
        self.feature = feature
        self.setObjectName("QuizPhonesBar")
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 4, 0, 4)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.close_button = QPushButton(self.tr("&Close the quiz on phones"))
        self.close_button.setToolTip(self.tr("Stop taking answers and place every finished "
                                             "phone's result on the continuum"))
        self.close_button.clicked.connect(self.close_quiz)
        line.addWidget(self.label, 1)
        line.addWidget(self.close_button)
        self._bound = None
        # phones' answers and devices: once after their slice (ui/base/frames.py)
        self._frame = FrameRefresh(self, self.refresh)
        self.hide()

    def activities(self):
        controller = self.feature.controller
        activities = controller.activities if controller is not None else None
        if activities is not None and activities is not self._bound:
            activities.quiz_changed.connect(self._frame.request)
            controller.devices_changed.connect(self._frame.request)
            self._bound = activities
        return activities

    def open_quiz(self, purpose: str) -> None:
        if not self.feature.running:
            self.feature.action.trigger()  # the phones' panel shows how to join
        activities = self.activities()
        if activities is None or not self.feature.running:
            return
        from lpdesk.content import ContentError
        try:
            activities.open_quiz(purpose)
        except ContentError as exc:
            self.feature.main.statusBar().showMessage(str(exc), 10000)
        self.refresh()

    def close_quiz(self) -> None:
        activities = self.activities()
        if activities is not None:
            placed = activities.close_quiz()
            self.feature.main.statusBar().showMessage(
                self.tr("Quiz on phones closed: %n result(s) placed on the continuum", "",
                        placed), 8000)
        self.refresh()

    def refresh(self) -> None:
        activities = self.activities()
        if activities is None or not activities.quiz_open:
            self.hide()
            return
        finished, phones = activities.progress()
        purpose = self.tr("target") if activities.quiz_purpose == "target" else self.tr("now")
        text = self.tr("Quiz on phones (%1): %2 of %3 finished").replace(
            "%1", purpose).replace("%2", str(finished)).replace("%3", str(phones))
        area = activities.quiz_area()
        # say what will happen, and only that: each phone's own new run, placed when it ends
        text += " \u2013 " + (self.tr(
            "each phone's result becomes its %1 marker on \u201c%2\u201d when it finishes")
            .replace("%1", purpose).replace("%2", area.name) if area is not None else
            self.tr("no continuum area to place results on"))
        self.label.setText(text)
        self.label.setToolTip(plain_tip(text))
        self.show()
