"""The quiz in presentation mode: the facilitator bar's actions for it (the answer keys
and buttons already work on the room's screen), and choosing who answers (a person, a
group, the whole room, or everyone on their phones) with W or the bar's "Who" menu, so
the facilitator never leaves F5 for the chooser. A mixin of QuizPage, kept apart so the
page stays about asking and scoring."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QMenu

from lpdesk.ui.style.text import plain_tip


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
            who = QAction(self.tr("Who answers (W)"), self)
            who.setToolTip(self.tr("A person, a group, the whole room or everyone on "
                                   "their phones"))
            who.setMenu(self.who_menu())
            made = {"who": who, **made}
            self._room_actions = made
            self._sync_room_actions()
        return list(self._room_actions.values())

    # -- who answers -------------------------------------------------------------------------
    phones_opener: Callable[[str], None] | None = None  # set by presentation mode

    def set_phones_opener(self, opener: Callable[[str], None] | None) -> None:
        """How to open the quiz on everyone's phones (the phones' feature, if any)."""
        self.phones_opener = opener

    def who_menu(self) -> QMenu:
        """The choice of who answers, filled afresh each time it opens."""
        menu = getattr(self, "_who_menu", None)
        if menu is None:
            menu = self._who_menu = QMenu(self)
            menu.setObjectName("QuizWhoMenu")
            menu.setToolTipsVisible(False)  # nothing pops up over the room's screen
            menu.aboutToShow.connect(self._fill_who_menu)
            self._who_target = False
            self._fill_who_menu()
        return menu

    def _fill_who_menu(self) -> None:
        menu = self._who_menu
        menu.clear()
        target = menu.addAction(self.tr("For where we want to be (target)"))
        target.setCheckable(True)
        target.setChecked(self._who_target)
        target.toggled.connect(lambda on: setattr(self, "_who_target", on))
        menu.addSeparator()

        def add(text: str, slot) -> QAction:
            action = menu.addAction(text.replace("&", "&&"))  # a name is not a mnemonic
            action.triggered.connect(lambda _=False: slot(self._purpose()))
            return action

        add(self.tr("The whole room"), lambda p: self.start_run("room", None, p))
        phones = add(self.tr("Everyone, on phones"), self._open_on_phones)
        phones.setEnabled(self.phones_opener is not None)
        groups = self.session.groups
        if groups:
            menu.addSeparator()
        for g in groups:
            add(self.tr("Group: %s") % g.name,
                lambda p, gid=g.id: self.start_run("group", gid, p))
        if self.session.participants:
            menu.addSeparator()
            add(self.tr("Each in turn"), self.start_each_in_turn)
        people = menu.addMenu(self.tr("One person")) if len(self.session.participants) > 12 \
            else menu
        for person in self.session.participants:
            a = people.addAction(person.name.replace("&", "&&"))
            a.setToolTip(plain_tip(person.name))
            a.triggered.connect(lambda _=False, pid=person.id:
                                self.start_run("participant", pid, self._purpose()))

    def _purpose(self) -> str:
        return "target" if getattr(self, "_who_target", False) else "now"

    def _open_on_phones(self, purpose: str) -> None:
        if self.phones_opener is not None:
            self.phones_opener(purpose)

    def show_who_menu(self) -> QMenu:
        """W in presentation mode: the choice pops up in the middle of the room's page."""
        menu = self.who_menu()
        size = menu.sizeHint()
        centre = self.mapToGlobal(self.rect().center())
        menu.popup(centre - QPoint(size.width() // 2, size.height() // 2))
        return menu

    def room_key(self, event: QKeyEvent) -> bool:
        """W (no modifier) chooses who answers; the answer keys are the page's own."""
        if event.key() == Qt.Key.Key_W and not event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            self.show_who_menu()
            return True
        return False

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
