"""The facilitator's whole evening, driven by a machine (issue 23): a Hypothesis
`RuleBasedStateMachine` over the real `MainWindow`, offscreen. Used by
tests/ui/window/test_ui_journeys.py (a fixed seed, a short budget) and by `python -m
benchmarks.journeys --minutes N` (the long run).

How to add an action (every new feature adds its own, in the same change):
1. Write one method on `Journey`, named for what the facilitator does
   (`matrix_add_card`), decorated with `@rule()`, then `@only_if(...)` if it only makes
   sense sometimes (e.g. `lambda self: self.presenting()`; not Hypothesis's `precondition`,
   see `only_if`), then `@step`, so it is timed, settled and checked like the others. An
   activity's rule goes there first: `@step` then `@only_if(lambda self: self.go_to(KIND))`
   (the agenda row clicked, timed with the step).
2. Reach the feature the way a user does: a menu's real QAction (`self.menu_action(...)`,
   which fails if the action is in no menu), a key on the widget that has the keyboard
   (`self.key(...)`), a toolbar button or a start-page button (`self.click(...)`). Call a
   page's method only where the user's way is a dialog we answer anyway, and say so.
3. Any dialog it opens must be answered: the `ask_*` methods are replaced in `Journey.
   __init__` / `answer_dialogs`, and any other modal window is closed by the watchdog
   (and counted: an unexpected dialog fails the step if it is an error box).
4. A bug someone else owns: add it to KNOWN_BUGS with its issue and owner and gate the
   rule (or one of its choices) with `known(...)`; remove the entry when it is fixed.

After every step the invariants hold: no error box (the window's `show_error`, which the
error guard also uses), no Python exception into the event loop, no Qt message about a
deleted object, no step using more than STEP_LIMIT seconds of CPU (a hang dumps every
thread's stack after HANG_SECONDS and ends the process), the menus' Python side alive,
no phones' redraw held for the facilitator's window while it is in sight, and the session
writes and reads back the same (the file reader's checks are the model's invariants).
"""
from __future__ import annotations

import faulthandler
import functools
import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, qInstallMessageHandler
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget
from shiboken6 import isValid

# seconds: a step slower than this fails (generous: CI machines are shared and loaded)
STEP_LIMIT = float(os.environ.get("LPDESK_JOURNEY_STEP_LIMIT", "5"))
HANG_SECONDS = 120  # no step returns in this long: dump every stack and end the process
# A file to write every step to before it runs: a hang or a crash ends the process without
# Hypothesis's report of the steps that led there; the file's end is that report
TRACE = os.environ.get("LPDESK_JOURNEYS_TRACE")


def trace(line: str) -> None:
    if TRACE:
        with open(TRACE, "a", encoding="utf-8") as out:
            out.write(line + "\n")

# Bugs owned by another branch this round, met by the machine: the rule (or the choice)
# that hits one is skipped while it is listed here. Remove an entry when its fix lands.
KNOWN_BUGS: dict[str, str] = {}

# Where the facilitator is (the agenda's current activity, the area, quiz run and question,
# board) is navigation, not an edit (issue 26's decision): it never marks the session unsaved
# and is written whenever the file is saved, so a reopened unmodified file may show another
# place than the one the window moved to since. The reopen check compares without it.
NAVIGATION_ONLY = True


def known(name: str) -> bool:
    return name in KNOWN_BUGS


LIFETIME_WORDS = ("already deleted", "Unexpected nullptr parameter",
                  "QObject::connect: Cannot connect", "destroyed while", "deleted while",
                  "different thread", "QBasicTimer::", "Recursive repaint detected")


@dataclass
class Tally:
    """What the machine saw, for the long run's report."""
    steps: int = 0
    skipped: int = 0  # rules drawn that did not apply (only_if)
    sequences: int = 0
    slowest: float = 0.0
    slowest_step: str = ""
    rules: dict[str, int] = field(default_factory=dict)


TALLY = Tally()


@dataclass
class Files:
    """Session files the journeys open: a saved sample, a second one to compare."""
    folder: Path
    sample: Path
    other: Path


def make_files(folder: Path) -> Files:
    from lpdesk.demo import demo_session
    from lpdesk.storage import dumps_session

    folder.mkdir(parents=True, exist_ok=True)
    sample, other = folder / "sample.lpdesk", folder / "other team.lpdesk"
    session = demo_session()
    sample.write_text(dumps_session(session), encoding="utf-8")
    session.title = "Another team"
    other.write_text(dumps_session(session), encoding="utf-8")
    return Files(folder, sample, other)


NAVIGATION_KEYS = {"current", "current_area", "current_run", "current_question",
                   "current_board"}


def without_navigation(text: str) -> object:
    """The session file's data without where the facilitator was (see KNOWN_BUGS)."""
    import json

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in NAVIGATION_KEYS}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(json.loads(text))


class Watch:
    """Collects what must never happen: exceptions into the event loop, Qt messages about
    deleted objects, error boxes; installed for one journey."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self._previous_hook = None
        self._previous_handler = None

    def start(self) -> None:
        self._previous_hook = sys.excepthook
        sys.excepthook = self._hook
        self._previous_handler = qInstallMessageHandler(self._qt_message)

    def stop(self) -> None:
        sys.excepthook = self._previous_hook
        qInstallMessageHandler(self._previous_handler)

    def _hook(self, kind, error, tb) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        self.problems.append(f"exception into the event loop:\n{text}")
        if self._previous_hook is not None:
            self._previous_hook(kind, error, tb)  # the app's error guard, as in the room

    def _qt_message(self, mode, context, message) -> None:
        if any(w in message for w in LIFETIME_WORDS):
            self.problems.append(f"Qt message about a deleted object: {message}")
        if self._previous_handler is not None:
            self._previous_handler(mode, context, message)

    def take(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems


def settle(ms: int = 15) -> None:
    """Let queued work run, deleted objects go, timers fire (as the real loop would)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QTest.qWait(ms)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def choices_in(menu) -> list:
    """The entries of `menu` a user could choose now (enabled, not separators)."""
    return [a for a in menu.actions() if a.isEnabled() and not a.isSeparator()]


def only_if(applies):
    """The rule does nothing unless `applies(self)`: a no-op step, not a Hypothesis
    precondition, because whether it applies depends on the window (timers, the server)
    and Hypothesis needs the same choices to give the same steps when it shrinks."""
    def wrap(method):
        @functools.wraps(method)
        def run(self, *args, **kwargs):
            if not applies(self):
                TALLY.skipped += 1
                return None
            return method(self, *args, **kwargs)
        return run
    return wrap


def step(method):
    """Time, settle and record one rule; a hang dumps every stack and ends the run."""
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        name = method.__name__
        TALLY.steps += 1
        TALLY.rules[name] = TALLY.rules.get(name, 0) + 1
        trace(f"{name} {args!r} {kwargs!r}")
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
        started, cpu = time.monotonic(), time.process_time()
        try:
            method(self, *args, **kwargs)
            settle()
        finally:
            faulthandler.cancel_dump_traceback_later()
        # CPU time decides (a busy loop freezing the window burns it; a shared CI machine
        # stretches wall time 5-10x without any fault); a wait that burns none is caught
        # by the wall-clock dump above.
        took, wall = time.process_time() - cpu, time.monotonic() - started
        if took > TALLY.slowest:
            TALLY.slowest, TALLY.slowest_step = took, name
        self.last_step_took = (name, took, wall)
    return run


class _Shim:
    """What tests/live_helpers.Phone needs of qtbot: a wait that keeps Qt running."""

    @staticmethod
    def wait(ms: int) -> None:
        QTest.qWait(ms)


class Journey(RuleBasedStateMachine):
    """One facilitator's evening: a fresh main window, started as `lpdesk` with no file."""

    files: Files  # set by the test (tests/ui/window/test_ui_journeys.py) or the long run

    def __init__(self) -> None:
        super().__init__()
        TALLY.sequences += 1
        trace(f"--- sequence {TALLY.sequences}")
        from lpdesk.app import create_main_window

        self.errors: list[str] = []
        self.modal_seen: list[str] = []
        self.phones: list = []
        self.saved: Path | None = None
        self.saves = 0
        self.last_step_took = ("start", 0.0, 0.0)
        self.kind_choice = 0  # which activity Add activity... picks (set by the rule)
        self.window = create_main_window(None, False, recover=False)
        self.answer_dialogs()
        from lpdesk.ui.window.error_guard import install, message_box_notifier
        self._uninstall_guard = install(message_box_notifier(self.window))
        self.watch = Watch()  # outside the guard: sees the traceback, then the guard runs
        self.watch.start()
        self.window.resize(1280, 720)
        self.window.show()
        QTest.qWaitForWindowExposed(self.window)
        self._popup_seen = None
        self.watchdog = QTimer()
        self.watchdog.setInterval(50)
        self.watchdog.timeout.connect(self._answer_modal)
        self.watchdog.start()
        settle(50)

    # -- answering every dialog ---------------------------------------------------------
    def answer_dialogs(self) -> None:
        w = self.window
        w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        w.ask_open_path = lambda: str(self.files.sample)
        w.ask_save_path = self._save_path
        w.ask_file_changed = lambda path: "overwrite"
        w.ask_file_protected = lambda path, kind: "cancel"
        w.show_error = lambda title, text: self.errors.append(f"{title}: {text}")
        ws = w.workshop
        ws.ask_capture = lambda kind, title: (kind, f"{kind} from the journey")
        ws.ask_break_minutes = lambda: 5
        ws.ask_timer_minutes = lambda: 3
        plan = ws.agenda_actions
        plan.ask_kind = lambda titles: self.kind_choice % len(titles) if titles else None
        plan.ask_title = lambda current: f"{current} (journey)"[:80]
        plan.ask_minutes_value = lambda current: (current + 5) % 120

    def _save_path(self) -> str:
        self.saves += 1
        return str(self.files.folder / f"journey {self.saves}.lpdesk")

    def _answer_modal(self) -> None:
        """Any modal window nobody answered: an error box is a failure, others are
        closed (the journey goes on)."""
        popup = QApplication.activePopupWidget()  # a menu a step opened and left open:
        if popup is not None and popup is self._popup_seen:  # closed at its second look
            popup.close()
        self._popup_seen = popup
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        if isinstance(modal, QMessageBox) and modal.icon() in (
                QMessageBox.Icon.Warning, QMessageBox.Icon.Critical):
            self.errors.append(f"error box: {modal.windowTitle()}: {modal.text()}")
        self.modal_seen.append(type(modal).__name__)
        modal.reject() if hasattr(modal, "reject") else modal.close()

    # -- how a user reaches things ----------------------------------------------------------
    def menu_action(self, action: QAction) -> None:
        """Trigger `action` as chosen from a menu: it must be in one of the window's
        menus (or their submenus), enabled; each menu on the way is shown as a hover
        would (its aboutToShow runs)."""
        path = self._menu_path(self.window.menuBar().actions(), action)
        assert path is not None, f"{action.text()!r} is in no menu"
        for menu in path:
            menu.aboutToShow.emit()
        if action.isEnabled():
            action.trigger()
        for menu in reversed(path):
            menu.aboutToHide.emit()

    def _menu_path(self, actions, wanted: QAction, seen=None) -> list[QMenu] | None:
        seen = seen or set()
        for a in actions:
            if a is wanted:
                return []
            menu = a.menu()
            if isinstance(menu, QMenu) and id(menu) not in seen:
                seen.add(id(menu))
                below = self._menu_path(menu.actions(), wanted, seen)
                if below is not None:
                    return [menu, *below]
        return None

    def keyboard_widget(self) -> QWidget:
        """Where a key press goes: the presentation window if it is up, else the focus."""
        presentation = self.window.workshop._presentation
        if presentation is not None and presentation.view_window is not None:
            view = presentation.view_window
            focus = view.focusWidget()
            return focus if focus is not None else view
        focus = QApplication.focusWidget()
        return focus if focus is not None and focus.window() is self.window else self.window

    def key(self, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.keyboard_widget(), key, modifiers)

    @staticmethod
    def click(widget: QWidget) -> None:
        assert widget is not None and isValid(widget)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    def page(self):
        return self.window.stack.currentWidget()

    def page_kind(self) -> str | None:
        item_id = self.window.current_item_id()
        if item_id is None or self.start_page_shown():
            return None
        return self.window.doc.session.agenda.item(item_id).kind

    def start_page_shown(self) -> bool:
        from lpdesk.ui.window.start_page import start_page_shown
        return start_page_shown(self.window)

    def presenting(self) -> bool:
        p = self.window.workshop._presentation
        return p is not None and p.active

    def phones_on(self) -> bool:
        return self.window.live.running

    def on_page(self, kind: str) -> bool:
        return self.page_kind() == kind and not self.presenting()

    def go_to(self, kind: str) -> bool:
        """Click the agenda row of the first activity of `kind` (as the facilitator would
        before using it); False if there is none or the agenda is out of reach."""
        if self.start_page_shown() or self.presenting():
            return False
        if self.page_kind() == kind:
            return True
        agenda = self.window.agenda_list
        for row in range(agenda.count()):
            item_id = agenda.item(row).data(Qt.ItemDataRole.UserRole)
            if self.window.doc.session.agenda.item(item_id).kind == kind:
                item = agenda.item(row)
                agenda.scrollToItem(item)
                QTest.mouseClick(agenda.viewport(), Qt.MouseButton.LeftButton,
                                 Qt.KeyboardModifier.NoModifier,
                                 agenda.visualItemRect(item).center())
                settle()
                return self.page_kind() == kind
        return False

    # -- File ---------------------------------------------------------------------------
    @rule()
    @step
    def file_new_from_the_menu(self):
        self.menu_action(self.window.new_action)

    @rule()
    @step
    def key_ctrl_n(self):
        self.key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)

    @rule()
    @step
    def file_open_from_the_menu(self):
        self.menu_action(self.window.open_action)

    @rule()
    @step
    def file_open_recent(self):
        """File > Open Recent: hover (the menu fills), then its first session."""
        w = self.window
        w.file_menu.aboutToShow.emit()
        w.recent_menu.aboutToShow.emit()
        first = next((a for a in w.recent_menu.actions() if a.isEnabled()), None)
        if first is not None:
            first.trigger()

    @rule()
    @step
    def file_close_from_the_menu(self):
        self.menu_action(self.window.close_action)

    @rule()
    @step
    def key_ctrl_s(self):
        self.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    @rule()
    @step
    def file_save_as_from_the_menu(self):
        self.menu_action(self.window.save_as_action)

    @rule()
    @step
    def reopen_what_was_saved(self):
        """File > Open the file last saved: it reads back as the session the window had."""
        doc = self.window.doc
        if doc.path is None or doc.is_modified:
            return
        from lpdesk.storage import dumps_session
        before = dumps_session(doc.session)
        path = doc.path
        self.window.ask_open_path = lambda: str(path)
        try:
            self.menu_action(self.window.open_action)
        finally:
            self.window.ask_open_path = lambda: str(self.files.sample)
        settle()
        after = dumps_session(self.window.doc.session)
        if NAVIGATION_ONLY:
            before, after = without_navigation(before), without_navigation(after)
        assert after == before, "the saved session reopened different"

    @rule()
    @step
    def compare_sessions(self):
        """File > Compare Sessions with two files, then the comparison closed."""
        import lpdesk.ui.compare.window as compare

        chosen = [str(self.files.sample), str(self.files.other)]
        original = compare.QFileDialog.getOpenFileNames
        compare.QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: (chosen, ""))
        try:
            self.menu_action(self.window.compare_action)
        finally:
            compare.QFileDialog.getOpenFileNames = original
        settle(30)
        opened = getattr(self.window, "compare_window", None)
        if opened is not None and isValid(opened):
            opened.close()

    # -- the start page -------------------------------------------------------------------
    @rule()
    @step
    def help_start_page(self):
        self.menu_action(self.window.help.start_action)

    @rule(button=st.sampled_from(["new_button", "open_button", "sample_button"]))
    @only_if(lambda self: self.start_page_shown())
    @step
    def start_page_button(self, button):
        from lpdesk.ui.window.start_page import front
        self.click(getattr(front(self.window).page, button))

    @rule()
    @only_if(lambda self: self.start_page_shown())
    @step
    def start_page_recent_session(self):
        from lpdesk.ui.window.start_page import front
        recent = front(self.window).page.recent_list
        item = recent.item(0)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            recent.itemActivated.emit(item)  # Enter or a double click on it

    # -- Edit -----------------------------------------------------------------------------
    @rule()
    @step
    def key_undo(self):
        self.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    @rule()
    @step
    def key_redo(self):
        self.key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                 | Qt.KeyboardModifier.ShiftModifier)

    # -- View and the agenda -----------------------------------------------------------------
    @rule(down=st.booleans())
    @step
    def key_page_down_or_up(self, down):
        self.key(Qt.Key.Key_PageDown if down else Qt.Key.Key_PageUp)

    @rule(row=st.integers(0, 9))
    @only_if(lambda self: not self.start_page_shown())
    @step
    def agenda_row_clicked(self, row):
        agenda = self.window.agenda_list
        if agenda.count() and agenda.isVisible():
            item = agenda.item(row % agenda.count())
            agenda.scrollToItem(item)
            rect = agenda.visualItemRect(item)
            QTest.mouseClick(agenda.viewport(), Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier, rect.center())

    @rule(which=st.sampled_from(["in", "out", "reset"]))
    @step
    def zoom(self, which):
        key = {"in": Qt.Key.Key_Equal, "out": Qt.Key.Key_Minus, "reset": Qt.Key.Key_0}[which]
        self.key(key, Qt.KeyboardModifier.ControlModifier)

    @rule(name=st.sampled_from(["normal", "high_contrast"]))
    @step
    def view_theme(self, name):
        actions = self.window.workshop.theme_actions
        self.menu_action(actions.get(name) or next(iter(actions.values())))

    @rule(size=st.sampled_from([(1024, 600), (1280, 720), (1920, 1080), (800, 600)]))
    @only_if(lambda self: not self.presenting())
    @step
    def window_resized(self, size):
        self.window.resize(*size)

    # -- the room ----------------------------------------------------------------------------
    @rule()
    @step
    def key_f5(self):
        self.key(Qt.Key.Key_F5)

    @rule()
    @only_if(lambda self: self.presenting())
    @step
    def key_escape(self):
        self.key(Qt.Key.Key_Escape)

    @rule()
    @only_if(lambda self: self.presenting())
    @step
    def key_f6(self):
        self.key(Qt.Key.Key_F6)

    @rule(index=st.integers(0, 12))
    @only_if(lambda self: self.presenting())
    @step
    def facilitator_bar_button(self, index):
        bar = self.window.workshop._presentation.view_window.bar
        if not bar.isVisible():
            return
        buttons = [b for b in bar.buttons() if b.isVisible() and b.isEnabled()]
        if not buttons:
            return
        button = buttons[index % len(buttons)]
        menu = button.menu() or (button.defaultAction().menu()
                                 if button.defaultAction() is not None else None)
        if menu is None:
            self.click(button)
            return
        # a button that opens a menu (Break length): its menu waits for a choice in a loop
        # of its own, so the choice is made as a user's would be, one of its entries
        menu.aboutToShow.emit()
        choices = choices_in(menu)
        if choices:
            choices[index % len(choices)].trigger()

    @rule(shift=st.booleans())
    @step
    def key_b(self, shift):
        self.key(Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier if shift
                 else Qt.KeyboardModifier.NoModifier)

    @rule(which=st.sampled_from(["earlier", "later", "skip", "remove", "add", "rename",
                                 "minutes"]), kind=st.integers(0, 4))
    @only_if(lambda self: not self.start_page_shown())
    @step
    def agenda_plan_key(self, which, kind):
        """The plan's keys on the activity shown (Ctrl+Shift+Up/Down/X/Del/I/R/M); their
        dialogs (which activity, title, minutes) are answered."""
        self.kind_choice = kind
        keys = {"earlier": Qt.Key.Key_Up, "later": Qt.Key.Key_Down, "skip": Qt.Key.Key_X,
                "remove": Qt.Key.Key_Delete, "add": Qt.Key.Key_I, "rename": Qt.Key.Key_R,
                "minutes": Qt.Key.Key_M}
        self.key(keys[which], Qt.KeyboardModifier.ControlModifier
                 | Qt.KeyboardModifier.ShiftModifier)

    @rule()
    @only_if(lambda self: self.presenting())
    @step
    def key_j_join_slide(self):
        """J in presentation mode: the join slide (starts the phones' server if off)."""
        self.key(Qt.Key.Key_J)

    @rule(pick=st.integers(0, 6))
    @step
    @only_if(lambda self: self.page_kind() == "quiz" and self.presenting()
             or self.go_to("quiz"))
    def key_w_who_answers(self, pick):
        """W on the quiz in presentation mode (F5 first if not presenting): who answers
        (one of the menu's choices, 'Everyone, on phones' included)."""
        if not self.presenting():
            self.key(Qt.Key.Key_F5)
            settle()
            if not self.presenting():
                return
        self.key(Qt.Key.Key_W)
        settle()
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            return
        choices = choices_in(menu)
        if pick < len(choices):
            choices[pick].trigger()
        menu.close()

    @rule()
    @step
    def audience_window_from_the_menu(self):
        self.menu_action(self.window.workshop.audience_action)

    @rule(kind=st.sampled_from(["comment", "action"]))
    @step
    def capture_note(self, kind):
        """Ctrl+K / Ctrl+Shift+A: a comment or an agreed action, typed in its dialog."""
        if kind == "comment":
            self.key(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        else:
            self.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                     | Qt.KeyboardModifier.ShiftModifier)

    # -- phones (127.0.0.1 only: lpdesk.live.network.local_addresses is replaced) -----------
    @rule()
    @step
    def phones_toolbar_button(self):
        self.click(self.window.live.button)

    @rule()
    @only_if(lambda self: self.phones_on())
    @step
    def join_slide_from_the_menu(self):
        self.menu_action(self.window.live.slide_action)

    @rule()
    @only_if(lambda self: len(self.phones) < 4)
    @step
    def phone_joins(self):
        """A participant scans the code; the facilitator lets phones in first if needed
        (Room > Let participants join from phones)."""
        from live_helpers import Phone

        if not self.phones_on():
            self.menu_action(self.window.live.action)
            settle()
            if not self.phones_on():
                return
        controller = self.window.live.controller
        phone = Phone(_Shim(), controller.url)
        self.phones.append(phone)
        phone.join(controller.room.code)

    @rule(index=st.integers(0, 3), which=st.sampled_from(["now", "target"]),
          value=st.one_of(st.none(), st.floats(0, 100)))
    @only_if(lambda self: self.phones_on() and self.phones)
    @step
    def phone_places(self, index, which, value):
        phone = self.phones[index % len(self.phones)]
        if phone.closed:
            return
        session = self.window.doc.session
        people = [p.id for p in session.participants]
        area = session.continuum.current_area
        if not people or area is None:
            return
        from websockets.exceptions import ConnectionClosed

        try:
            seq = phone.send({"type": "claim", "participant": people[index % len(people)]})
            phone.wait_for(lambda m: m.get("seq") == seq, timeout=3)
            phone.place(area.id, which, value)
        except (AssertionError, ConnectionClosed):
            # the phone was let go (another session opened, phones off): lpdesk said bye
            # (1001) and closed it, as it should; found by the long run (Open Recent, then
            # an old phone sending)
            self.phones.remove(phone)

    @rule(index=st.integers(0, 3))
    @only_if(lambda self: bool(self.phones))
    @step
    def phone_leaves(self, index):
        phone = self.phones.pop(index % len(self.phones))
        phone.close()

    # -- the activities -----------------------------------------------------------------------
    @rule()
    @step
    @only_if(lambda self: self.go_to("continuum"))
    def continuum_add_area(self):
        """Areas > Add area... (the name dialog answered)."""
        page = self.page()
        page.ask_area_name = lambda title, text="": "Compliance"
        page.add_area_action.trigger()

    @rule()
    @step
    @only_if(lambda self: self.go_to("continuum"))
    def continuum_remove_area(self):
        self.page().remove_area_action.trigger()

    @rule()
    @step
    @only_if(lambda self: self.go_to("continuum"))
    def continuum_private_vote_toggled(self):
        """The 'Hide markers (private vote)' button, then Reveal with it again."""
        self.click(self.page().controls.hide_button)

    @rule(key=st.sampled_from([Qt.Key.Key_Right, Qt.Key.Key_Left, Qt.Key.Key_Down,
                               Qt.Key.Key_T, Qt.Key.Key_N, Qt.Key.Key_Delete]))
    @step
    @only_if(lambda self: self.go_to("continuum"))
    def continuum_key_on_the_plot(self, key):
        view = self.page().plot.view
        view.setFocus()
        QTest.keyClick(view, key)

    @rule(who=st.sampled_from(["participant", "room"]), choice=st.integers(0, 3))
    @step
    @only_if(lambda self: self.go_to("quiz"))
    def quiz_for_a_person_or_the_room(self, who, choice):
        """A quiz run started and one answer given (the page's own methods: the
        chooser is a set of combo boxes the quiz tests drive)."""
        page = self.page()
        people = page.session.participants
        if who == "participant" and people:
            page.start_run("participant", people[0].id)
        else:
            page.start_run("room", None)
        page.answer(choice)

    @rule(key=st.sampled_from(["1", "2", "3", "4", "A", "D", "Left", "Right"]))
    @step
    @only_if(lambda self: self.go_to("quiz"))
    def quiz_key(self, key):
        """The quiz's keys, pressed where the keyboard is (1-4 and A-D answer, the arrows
        move): the page's key filter follows the focus (ui/quiz/keys.py). With a question
        on screen and nothing else taking keys (a text field, a popup), the answer is the
        key's; with no run yet, the room's quiz is started first (the chooser's Start)."""
        from lpdesk.ui.quiz.keys import types_text
        page = self.page()
        if page.content is None:
            return
        if page.current_run() is None:
            page.start_run("room", None)
        run = page.current_run()
        index = page.question_index()
        asking = page.views.currentWidget() is page.question_view and index < page.total
        target, focus = self.keyboard_widget(), QApplication.focusWidget()
        takes_keys = (asking and page.isVisible() and target.window() is page.window()
                      and not types_text(target)
                      and not (focus is not None and types_text(focus))
                      and QApplication.activePopupWidget() is None)
        self.key(getattr(Qt.Key, f"Key_{key}"))
        if takes_keys and key not in ("Left", "Right"):
            question = page.content.questions[index]
            choice = "1234".index(key) if key.isdigit() else "ABCD".index(key)
            if choice < len(question.answers):
                assert run.answers.get(question.id) == question.answers[choice].id, \
                    f"the quiz key {key} did not answer question {index + 1}"

    @rule(which=st.sampled_from(["next_action", "previous_action", "reveal_action",
                                 "consensus_action"]))
    @step
    @only_if(lambda self: self.go_to("matrix"))
    def matrix_toolbar(self, which):
        """Board switch, reveal the model, consensus view: the page's tool buttons."""
        page = self.page()
        action = getattr(page, which)
        if action.isEnabled():
            action.trigger()

    @rule()
    @step
    @only_if(lambda self: self.go_to("matrix"))
    def matrix_add_card(self):
        from lpdesk.ui.matrix.dialogs import CardChoice

        page = self.page()
        page.ask_card = lambda card_id: CardChoice("A card from the journey", None, None,
                                                   None)
        if page.add_card_action.isEnabled():
            page.add_card_action.trigger()

    @rule(kind=st.sampled_from(["comment", "action"]))
    @step
    @only_if(lambda self: self.go_to("summary"))
    def summary_add_note(self, kind):
        """Typed in the summary's box and Enter (the page's add_note does that)."""
        self.page().add_note(kind, f"{kind} on the summary")

    # -- after every step --------------------------------------------------------------------
    @invariant()
    def nothing_went_wrong(self):
        problems = self.watch.take()
        errors, self.errors = self.errors, []
        name, took, wall = self.last_step_took
        assert not errors, "an error box was raised:\n" + "\n".join(errors)
        assert not problems, "\n".join(problems)
        assert took <= STEP_LIMIT, \
            f"{name} took {took:.1f} s of CPU, {wall:.1f} s in all (limit {STEP_LIMIT} s)"

    @invariant()
    def menus_alive(self):
        w = self.window
        dead = [name for name in ("file_menu", "edit_menu", "view_menu", "recent_menu",
                                  "help_menu", "new_action", "undo_action")
                if not isValid(getattr(w, name))]
        assert isValid(w.menuBar()) and not dead, f"Python side deleted: {dead}"

    @invariant()
    def a_window_in_sight_shows_what_phones_did(self):
        """The facilitator's window holds its phones' redraws only while presentation mode
        covers it: once F5 ends (or never began), none waits."""
        from lpdesk.ui.base.frames import covered, refreshes_held

        w = self.window
        if isValid(w) and not covered(w):
            assert not refreshes_held(w), "the facilitator's window, in sight, still " \
                "holds the phones' redraws"

    @invariant()
    def session_reads_back_the_same(self):
        from lpdesk.storage import dumps_session, parse_session

        text = dumps_session(self.window.doc.session)
        again = dumps_session(parse_session(text))
        assert again == text, "the session does not read back as written"

    def teardown(self):
        try:
            for phone in self.phones:
                phone.close()
            self.watchdog.stop()
            w = self.window
            if isValid(w):
                if self.presenting():
                    w.workshop.presentation.stop()
                if w.workshop.audience is not None:
                    w.workshop.audience.close()
                w.live.stop()
                w.doc.undo_stack.setClean()
                w.close()
                w.deleteLater()
            settle(30)
        finally:
            self._uninstall_guard()
            self.watch.stop()


def warm_up() -> None:
    """Import what the first visit to each page and window imports (the room's windows,
    the phones' server): a step is timed for its work, not for a module loaded once per
    process."""
    import importlib

    from lpdesk.ui.window.pages import PAGES

    for spec in PAGES.values():
        importlib.import_module(spec.module)
    for name in ("lpdesk.ui.room.presentation", "lpdesk.ui.room.audience_window",
                 "lpdesk.ui.live.controller", "lpdesk.ui.live.panel",
                 "lpdesk.ui.live.join_slide", "lpdesk.ui.compare.window", "lpdesk.storage",
                 "lpdesk.ui.window.autosave", "lpdesk.ui.window.capture", "aiohttp"):
        importlib.import_module(name)


def prepare(folder: Path, monkeypatch=None) -> None:
    """Everything a journey needs outside the window: the files, phones on 127.0.0.1,
    the comparison's file dialog answered."""
    import lpdesk.live.network as network
    from lpdesk.live.network import Address

    Journey.files = make_files(folder)
    warm_up()
    def local():
        return [Address("127.0.0.1", "journey")]

    if monkeypatch is not None:
        monkeypatch.setattr(network, "local_addresses", local)
    else:
        network.local_addresses = local
