"""The quick quiz on the projector: one question at a time, answers as big buttons, then the
result with its stage and what drove it, placed on the continuum with one click.

Keys (active while a question is on screen): 1-4 or A-D answer, Left/Right move back and
forth, Delete clears the answer. After an answer the next question follows by itself after
a short pause, so the room sees what was chosen. Which question is on screen is saved with
the session without being an undo step (see `lpdesk.commands.quiz`).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from lpdesk.commands.quiz import (
    AnswerCommand,
    PlaceQuizResultCommand,
    RemoveRunCommand,
    StartRunCommand,
    new_run,
    show_question,
    show_run,
)
from lpdesk.content import ContentError
from lpdesk.content.quiz import QuizContent, quiz_content
from lpdesk.document import SessionDocument
from lpdesk.model.continuum_words import format_position
from lpdesk.model.quiz import QuizRun
from lpdesk.model.quiz_scoring import QuizResult, score
from lpdesk.ui.base.frames import FrameRefresh
from lpdesk.ui.quiz.chooser import QuizRunChooser, purpose_text, subject_name
from lpdesk.ui.quiz.fitting import FittingQuiz
from lpdesk.ui.quiz.keys import QuizKeys
from lpdesk.ui.quiz.presenting import PresentingQuiz
from lpdesk.ui.quiz.question_view import LETTERS, QuizQuestionView
from lpdesk.ui.quiz.result_view import PlaceState, QuizResultView
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.theme import theme_state


class QuizPage(PresentingQuiz, FittingQuiz, QWidget):
    def __init__(self, doc: SessionDocument, parent: QWidget | None = None,
                 audience: bool = False) -> None:
        super().__init__(parent)
        self.doc, self.session, self.quiz = doc, doc.session, doc.session.quiz
        self.audience = audience
        self.unit = 1.0
        self._fit = 1.0  # below 1 while a long question would not fit on screen
        self._fitted_for: object = None  # (room given, text scale, screen shown) last fitted
        self._style_sheet = ""  # the one applied: setting it again costs ~70 ms
        self._laying_out = False
        self._restyle_due = False
        self._looks: dict[QWidget, tuple] = {}  # the unit and theme each view was given
        self._valid: set[tuple[str, str]] | None = None  # (question, answer) ids: counting
        self._relayout_later = QTimer(self, singleShot=True, interval=0)
        self._relayout_later.timeout.connect(self.refresh)
        self.advance_delay_ms = 450  # long enough for the room to see the chosen answer
        self._advance_from: tuple[str, int] | None = None
        self._advance_timer = QTimer(self)
        self._advance_timer.setSingleShot(True)
        self._advance_timer.timeout.connect(self._auto_advance)
        self._chooser_timer = QTimer(self, singleShot=True, interval=250)
        self.setObjectName("QuizPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.content: QuizContent | None = None
        self.content_error = ""
        try:
            self.content = quiz_content()
        except ContentError as exc:  # edited content is broken: say so, do not crash
            self.content_error = str(exc)
        self._build()
        # the run on screen changed in a phones' slice: refresh once, after it
        self._frame_refresh = FrameRefresh(self, self.refresh)
        # other runs moved on: the chooser's list, gathered for 250 ms, then refreshed
        # as phones' work is (after the window's turn; held while presentation mode covers
        # the page: 14 refreshes, ~45 ms, in a 200-phone quiz nobody saw)
        self._chooser_refresh = FrameRefresh(self, self._refresh_chooser)
        self._chooser_timer.timeout.connect(self._chooser_refresh.later)
        listen(self, self.quiz.changed, self._quiz_changed)
        listen(self, self.session.changed, self._session_changed)
        listen(self, self.session.continuum.changed, self._continuum_changed)
        theme_state().theme_changed.connect(self._theme_changed)
        self._restyle_due = True  # styled once, by the first fit (it knows the size)
        self.refresh()

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        self.chooser: QuizRunChooser | None = None
        if not self.audience:
            self.chooser = QuizRunChooser(self)
            self.chooser.run_chosen.connect(lambda run_id: show_run(self.quiz, run_id))
            self.chooser.start_requested.connect(self.start_run)
            self.chooser.each_in_turn_requested.connect(self.start_each_in_turn)
            self.chooser.remove_requested.connect(self.remove_run)
            root.addWidget(self.chooser)
        self.views = QStackedWidget()
        root.addWidget(self.views, 1)
        self.empty_view = QWidget()
        empty = QVBoxLayout(self.empty_view)
        empty.setContentsMargins(0, 0, 0, 0)
        self.empty_title = QLabel(self.tr("Quick quiz: where are we on the continuum?"))
        self.empty_title.setWordWrap(True)
        self.empty_text = QLabel(
            self.tr("The quiz starts in a moment.") if self.audience else self.content_error
            or self.tr("Choose who answers above: one person, a group or the whole room, "
                       "then press Start. Or run it for each person in turn."))
        self.empty_text.setWordWrap(True)
        empty.addStretch(1)
        empty.addWidget(self.empty_title)
        empty.addWidget(self.empty_text)
        empty.addStretch(2)
        self.views.addWidget(self.empty_view)
        self.question_view = QuizQuestionView(audience=self.audience)
        self.question_view.answer_chosen.connect(self.answer)
        self.question_view.clear_requested.connect(self.clear_answer)
        self.question_view.previous_requested.connect(self.previous_question)
        self.question_view.next_requested.connect(self.next_question)
        self.question_view.jump_requested.connect(self.go_to)
        self.views.addWidget(self.question_view)
        self.result_view = QuizResultView(audience=self.audience)
        self.result_view.back_requested.connect(self.previous_question)
        self.result_view.place_requested.connect(self.place_result)
        self.result_view.next_person_requested.connect(self.next_person)
        self.views.addWidget(self.result_view)
        self.keys = QuizKeys(self, self._key, self._wants_key)

    # -- keys (routed by QuizKeys while the page is visible) ----------------------------
    def _answer_of_key(self, key: int) -> int | None:
        for i, letter in enumerate(LETTERS):
            if key in (getattr(Qt.Key, f"Key_{i + 1}"), getattr(Qt.Key, f"Key_{letter}")):
                return i
        return None

    def _wants_key(self, key: int) -> bool:
        view = self.views.currentWidget()
        if view is self.result_view:
            return key == Qt.Key.Key_Left or (
                key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._enter_target() is not None)
        if view is not self.question_view or self.content is None:
            return False
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return True
        choice, index = self._answer_of_key(key), self.question_index()
        return choice is not None and index is not None and index < self.total and \
            choice < len(self.content.questions[index].answers)

    def _enter_target(self):
        """What Enter presses on the result: the focused button, else "Place" (the default
        action), if it can be pressed."""
        from PySide6.QtWidgets import QAbstractButton, QApplication

        focused = QApplication.focusWidget()
        if isinstance(focused, QAbstractButton) and self.result_view.isAncestorOf(focused):
            return focused if focused.isEnabled() else None
        place = self.result_view.place_button
        return place if place.isVisibleTo(self.result_view) and place.isEnabled() else None

    def _key(self, key: int) -> bool:
        if not self._wants_key(key):
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._enter_target().click()
        elif key == Qt.Key.Key_Left:
            self.previous_question()
        elif key == Qt.Key.Key_Right:
            self.next_question()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_answer()
        else:
            self.answer(self._answer_of_key(key) or 0)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.keys.install()

    def hideEvent(self, event: QHideEvent) -> None:
        self.keys.remove()
        super().hideEvent(event)

    # -- queries ---------------------------------------------------------------------
    def current_run(self) -> QuizRun | None:
        run_id = self.quiz.current_run_id
        if run_id is None or self.content is None:
            return None
        try:
            return self.quiz.run(run_id)
        except KeyError:
            return None

    @property
    def total(self) -> int:
        return len(self.content.questions) if self.content else 0

    def question_index(self, run: QuizRun | None = None) -> int | None:
        """The question on screen (== total on the result screen); None with no run."""
        run = run or self.current_run()
        return None if run is None else min(run.current_question, self.total)

    def result(self, run: QuizRun | None = None) -> QuizResult | None:
        run = run or self.current_run()
        if run is None or self.content is None:
            return None
        return score(self.content.questions, run.answers)

    def answered_count(self, run: QuizRun) -> int:
        """The run's answers as `score` counts them, without scoring (the chooser counts
        every run of a 2,000-run session)."""
        if self._valid is None:
            self._valid = {(q.id, a.id) for q in self.content.questions
                           for a in q.answers} if self.content else set()
        return sum((item in self._valid) for item in run.answers.items())

    def find_run(self, kind: str, subject_id: str | None, purpose: str) -> QuizRun | None:
        for run in self.quiz.runs:
            if (run.subject_kind, run.subject_id, run.purpose) == (kind, subject_id, purpose):
                return run
        return None

    def next_person_id(self, run: QuizRun) -> str | None:
        if run.subject_kind != "participant":
            return None
        ids = [p.id for p in self.session.participants]
        if run.subject_id not in ids:
            return None
        at = ids.index(run.subject_id) + 1
        return ids[at] if at < len(ids) else None

    # -- actions -----------------------------------------------------------------------
    def start_run(self, kind: str, subject_id: str | None, purpose: str = "now") -> QuizRun:
        """Show this subject's quiz for `purpose`, starting it if there is none yet."""
        existing = self.find_run(kind, subject_id, purpose)
        if existing is not None:
            show_run(self.quiz, existing.id)
            return existing
        run = new_run(self.quiz, kind, subject_id, purpose)  # type: ignore[arg-type]
        self.doc.push(StartRunCommand(self.quiz, run, subject_name(self.session, run)))
        return run

    def start_each_in_turn(self, purpose: str = "now") -> QuizRun | None:
        """Start with the first person whose quiz is not complete (or the first person)."""
        people = self.session.participants
        if not people:
            return None
        for p in people:
            run = self.find_run("participant", p.id, purpose)
            result = self.result(run) if run else None
            if run is None or result is None or not result.complete:
                return self.start_run("participant", p.id, purpose)
        return self.start_run("participant", people[0].id, purpose)

    def next_person(self) -> None:
        run = self.current_run()
        next_id = self.next_person_id(run) if run else None
        if run is not None and next_id is not None:
            self.start_run("participant", next_id, run.purpose)

    def remove_run(self, run_id: str) -> None:
        run = self.quiz.run(run_id)
        self.doc.push(RemoveRunCommand(self.quiz, run_id, subject_name(self.session, run)))

    def answer(self, choice: int) -> None:
        """Choose answer number `choice` (0 = A) of the question on screen."""
        run, index = self.current_run(), self.question_index()
        if run is None or index is None or index >= self.total or self.content is None:
            return
        question = self.content.questions[index]
        if choice >= len(question.answers):
            return
        answer_id = question.answers[choice].id
        if run.answers.get(question.id) != answer_id:
            self.doc.push(AnswerCommand(self.quiz, run.id, question.id, answer_id, index))
        self._advance_from = (run.id, index)
        self._advance_timer.start(self.advance_delay_ms)

    def clear_answer(self) -> None:
        run, index = self.current_run(), self.question_index()
        if run is None or index is None or index >= self.total or self.content is None:
            return
        question = self.content.questions[index]
        if question.id in run.answers:
            self._advance_timer.stop()
            self.doc.push(AnswerCommand(self.quiz, run.id, question.id, None, index))

    def go_to(self, index: int) -> None:
        run = self.current_run()
        self._advance_timer.stop()
        if run is not None:
            show_question(self.quiz, run.id, max(0, min(index, self.total)))

    def next_question(self) -> None:
        index = self.question_index()
        if index is not None:
            self.go_to(index + 1)

    def previous_question(self) -> None:
        index = self.question_index()
        if index is not None:
            self.go_to(index - 1)

    def _auto_advance(self) -> None:
        run = self.current_run()
        if run is not None and self._advance_from == (run.id, self.question_index(run)):
            self.next_question()

    def place_state(self, run: QuizRun, result: QuizResult) -> PlaceState:
        """What placing this result would do, for the button and the note under it."""
        room = run.subject_kind == "room"
        text, placed = {
            (False, "now"): (self.tr("Place as now marker"), self.tr("Placed as now marker")),
            (False, "target"): (self.tr("Place as target marker"),
                                self.tr("Placed as target marker")),
            (True, "now"): (self.tr("Place as the room's agreed now"),
                            self.tr("Placed as the room's agreed now")),
            (True, "target"): (self.tr("Place as the room's agreed target"),
                               self.tr("Placed as the room's agreed target")),
        }[(room, run.purpose)]
        area = self.session.continuum.current_area
        if result.position is None:
            return PlaceState(text, False, self.tr("Nothing to place yet."))
        if area is None:
            return PlaceState(text, False, self.tr("Add an area on the continuum first."))
        value = round(result.position, 1)
        current = (area.consensus if room else self.session.continuum.placement(
            area.id, run.subject_id or "", group=run.subject_kind == "group")).get(run.purpose)
        if current is not None and abs(current - value) < 0.05:
            return PlaceState("\u2713 " + placed, False, self.tr(
                "Placed on \u201c%s\u201d. Ctrl+Z takes it back.") % area.name)
        note = self.tr("On the continuum area \u201c%s\u201d.") % area.name
        if current is not None:
            note += " " + self.tr("Replaces the marker at %s.") % format_position(current)
        return PlaceState(text, True, note)

    def place_result(self) -> None:
        """Put the result on the continuum's current area (one undo step)."""
        run = self.current_run()
        result = self.result(run)
        area = self.session.continuum.current_area
        if run is None or result is None or result.position is None or area is None:
            return
        self.doc.push(PlaceQuizResultCommand(
            self.session.continuum, area.id, run.subject_kind, run.subject_id, run.purpose,
            result.position, subject_name(self.session, run)))

    # -- model -> view -------------------------------------------------------------------
    def _quiz_changed(self, run_id=None) -> None:
        if run_id is not None and run_id != self.quiz.current_run_id \
                and self.chooser is not None:
            # another run moved on (a participant's on their phone): only the chooser's list
            # shows it, so its refresh is coalesced; 200 phones answering never stall the page
            if not self._chooser_timer.isActive():
                self._chooser_timer.start()
            return
        self._frame_refresh.request()

    def _refresh_chooser(self) -> None:
        if self.chooser is not None:
            self.chooser.refresh(self.session, self.total, self.answered_count)

    def _session_changed(self, what: str) -> None:
        if what in ("participants", "groups"):
            self._frame_refresh.request()

    def _continuum_changed(self, _area_id=None) -> None:
        if self.views.currentWidget() is self.result_view:
            self._frame_refresh.request()

    def _theme_changed(self, _theme=None) -> None:
        self._fitted_for = None  # fit again with the new sizes,
        self._restyle_due = True  # and restyle even if the unit stays (new colours)
        self.refresh()

    def refresh(self) -> None:
        if self._laying_out:
            # asked again from inside our own restyle (a resize it caused, a size-hint
            # query): once more when it is over, never recursively
            self._relayout_later.start()
            return
        self._laying_out = True
        try:
            self._refresh()
        finally:
            self._laying_out = False
        self._restyle_due = False
        self._looks: dict[QWidget, tuple] = {}  # the unit and theme each view was given
        self._valid: set[tuple[str, str]] | None = None  # (question, answer) ids: counting

    def _refresh(self) -> None:
        if self.chooser is not None:
            self.chooser.refresh(self.session, self.total, self.answered_count)
        run = self.current_run()
        index = self.question_index(run)
        if run is None or index is None:
            self.views.setCurrentWidget(self.empty_view)
        elif index >= self.total:
            self._show_result(run)
        else:
            self._show_question(run, index)
        self._fit_screen((run.id, index) if run is not None else None)
        self._sync_room_actions()

    def _title(self, run: QuizRun) -> str:
        return f"{subject_name(self.session, run)} \u00b7 {purpose_text(run.purpose)}"

    def _show_question(self, run: QuizRun, index: int) -> None:
        assert self.content is not None
        self._set_look(self.question_view, self.unit)  # before: one restyle, not two
        questions = self.content.questions
        self.question_view.show_question(
            self._title(run), index, self.total, questions[index],
            run.answers.get(questions[index].id),
            [q.answer(run.answers.get(q.id, "")) is not None for q in questions])
        self.views.setCurrentWidget(self.question_view)

    def _show_result(self, run: QuizRun) -> None:
        result = self.result(run)
        assert result is not None
        self._set_look(self.result_view, self.unit)
        next_id = self.next_person_id(run)
        self.result_view.show_result(
            self.tr("Result: %s") % self._title(run), result, run.purpose,
            None if self.audience else self.place_state(run, result),
            self.session.participant(next_id).name if next_id else None)
        self.views.setCurrentWidget(self.result_view)
