"""The quiz in presentation mode: the facilitator bar's actions for it (the answer keys
and buttons already work on the room's screen). A mixin of QuizPage, kept apart so the
page stays about asking and scoring."""
from __future__ import annotations

from PySide6.QtGui import QAction


class PresentingQuiz:
    """Needs the page's runs and results (`current_run`, `question_index`, `result`,
    `total`, `next_person_id`, `session`) and its actions (`start_run`, ...)."""

    def room_actions(self) -> list[QAction]:
        """For presentation mode's facilitator bar (the answer keys work there already):
        start the room's quiz or each person's in turn, move between questions, place the
        result on the continuum and go on to the next person, all without leaving F5."""
        if not hasattr(self, "_room_actions"):
            made = {}
            for key, text, tip, slot in (
                    ("room", self.tr("Quiz the room"), self.tr(
                        "Start (or reopen) the whole room's quiz"),
                     lambda: self.start_run("room", None)),
                    ("each", self.tr("Each in turn"), self.tr(
                        "The quiz for each person in turn"), self.start_each_in_turn),
                    ("back", self.tr("\u25c0 Question"), self.tr(
                        "Previous question (Left arrow)"), self.previous_question),
                    ("forward", self.tr("Question \u25b6"), self.tr(
                        "Next question (Right arrow)"), self.next_question),
                    ("place", self.tr("Place result"), self.tr(
                        "Put the result on the continuum (one undo step)"), self.place_result),
                    ("next", self.tr("Next person"), self.tr(
                        "The next person's quiz"), self.next_person)):
                action = QAction(text, self)
                action.setToolTip(tip)
                action.triggered.connect(lambda _=False, s=slot: s())
                made[key] = action
            self._room_actions = made
            self._sync_room_actions()
        return list(self._room_actions.values())

    def _sync_room_actions(self) -> None:
        actions = getattr(self, "_room_actions", None)
        if not actions:
            return
        run = self.current_run()
        index = self.question_index(run) if run is not None else None
        asking = index is not None and index < self.total
        result = self.result(run) if run is not None and not asking else None
        actions["back"].setEnabled(index is not None and index > 0)
        actions["forward"].setEnabled(asking)
        actions["place"].setEnabled(result is not None and result.position is not None)
        actions["next"].setEnabled(run is not None and self.next_person_id(run) is not None)
        actions["each"].setEnabled(bool(self.session.participants))
