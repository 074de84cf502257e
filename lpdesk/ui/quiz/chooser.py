"""The facilitator's bar above the quiz: which run is on screen, and starting a new one
for a person, a group or the whole room (now or target), or for each person in turn.
It only asks; the quiz page decides and pushes the commands."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from lpdesk.model.quiz import QuizRun
from lpdesk.model.session import Session


def subject_key(kind: str, subject_id: str | None) -> str:
    """The subject list's item data: a plain string, which Qt compares reliably."""
    return f"{kind}:{subject_id or ''}"


def subject_name(session: Session, run: QuizRun) -> str:
    """Who answered a run, in words for the screen."""
    from PySide6.QtCore import QCoreApplication
    try:
        if run.subject_kind == "participant" and run.subject_id:
            return session.participant(run.subject_id).name
        if run.subject_kind == "group" and run.subject_id:
            return session.group(run.subject_id).name
    except KeyError:
        pass
    return QCoreApplication.translate("QuizPage", "The whole room")


def purpose_text(purpose: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate(
        "QuizPage", "where we want to be" if purpose == "target" else "where we are now")


class QuizRunChooser(QWidget):
    run_chosen = Signal(object)  # run id or None
    start_requested = Signal(str, object, str)  # subject kind, subject id, purpose
    each_in_turn_requested = Signal(str)  # purpose
    remove_requested = Signal(str)  # run id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        shown = QLabel(self.tr("&Showing:"))
        self.runs = QComboBox()
        # Narrow minimums, growing with the window: the row must fit beside the agenda at
        # 1280x720; long names are elided, the tooltip and the list show them in full.
        self.runs.setMinimumContentsLength(12)
        self.runs.setPlaceholderText(self.tr("(no quiz on screen)"))
        self.runs.setAccessibleName(self.tr("Quiz on screen"))
        self.runs.setToolTip(self.tr("Which person's, group's or room's quiz is on screen"))
        shown.setBuddy(self.runs)
        self.runs.activated.connect(self._run_activated)
        self.remove = QPushButton(self.tr("&Remove"))
        self.remove.setToolTip(self.tr("Remove this quiz and its answers (undoable)"))
        self.remove.clicked.connect(self._remove_clicked)
        new = QLabel(self.tr("New &quiz for:"))
        self.subject = QComboBox()
        self.subject.setMinimumContentsLength(9)
        self.subject.setAccessibleName(self.tr("Who answers the new quiz"))
        new.setBuddy(self.subject)
        self.purpose = QComboBox()
        self.purpose.setMinimumContentsLength(9)
        self.purpose.addItem(self.tr("Where we are now"), "now")
        self.purpose.addItem(self.tr("Where we want to be"), "target")
        self.purpose.setAccessibleName(self.tr("What the new quiz asks about"))
        self.purpose.setToolTip(self.tr("A 'where we want to be' quiz places the target marker"))
        self.start = QPushButton(self.tr("S&tart"))
        self.start.setToolTip(self.tr("Start the quiz (or reopen it if this one exists)"))
        self.start.clicked.connect(self._start_clicked)
        self.each = QPushButton(self.tr("&Each in turn"))
        self.each.setToolTip(self.tr("Each person in turn: start with the first person who "
                                     "has not finished; 'Next person' on the result moves on"))
        self.each.clicked.connect(
            lambda: self.each_in_turn_requested.emit(self.purpose.currentData()))
        for combo in (self.runs, self.subject, self.purpose):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        row.addWidget(shown)
        row.addWidget(self.runs, 3)
        row.addWidget(self.remove)
        row.addSpacing(12)
        row.addWidget(new)
        row.addWidget(self.subject, 2)
        row.addWidget(self.purpose, 2)
        row.addWidget(self.start)
        row.addWidget(self.each)

    def refresh(self, session: Session, total: int, answered_of) -> None:
        """Fill both lists from the session; `answered_of(run)` counts a run's answers."""
        self._filling = True
        self.runs.clear()
        for run in session.quiz.runs:
            count = answered_of(run)
            mark = " \u2713" if total and count == total else ""
            purpose = self.tr("target") if run.purpose == "target" else self.tr("now")
            self.runs.addItem(f"{subject_name(session, run)} \u00b7 {purpose} \u00b7 "
                              f"{count}/{total}{mark}", run.id)
        current = session.quiz.current_run_id
        self.runs.setCurrentIndex(self.runs.findData(current) if current else -1)
        self.remove.setEnabled(current is not None)
        chosen = self.subject.currentData()
        self.subject.clear()
        self.subject.addItem(self.tr("The whole room"), subject_key("room", None))
        for g in session.groups:
            self.subject.addItem(self.tr("Group: %s") % g.name, subject_key("group", g.id))
        for p in session.participants:
            self.subject.addItem(p.name, subject_key("participant", p.id))
        index = self.subject.findData(chosen) if chosen else -1
        self.subject.setCurrentIndex(index if index >= 0 else min(1, self.subject.count() - 1))
        self.each.setEnabled(bool(session.participants))
        self._filling = False

    def _run_activated(self, index: int) -> None:
        if not self._filling:
            self.run_chosen.emit(self.runs.itemData(index))

    def _remove_clicked(self) -> None:
        run_id = self.runs.currentData()
        if run_id:
            self.remove_requested.emit(run_id)

    def _start_clicked(self) -> None:
        data = self.subject.currentData()
        if not data:
            return
        kind, _, subject_id = str(data).partition(":")
        self.start_requested.emit(kind, subject_id or None, self.purpose.currentData())
