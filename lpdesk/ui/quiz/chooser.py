"""The facilitator's bar above the quiz: which run is on screen, and starting a new one
for a person, a group or the whole room (now or target), or for each person in turn.
It only asks; the quiz page decides and pushes the commands."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from lpdesk.model.quiz import QuizRun
from lpdesk.model.session import Session
from lpdesk.ui.style.text import plain_tip

PHONES = "phones:"  # the subject list's "everyone, on their own phones"


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


class FittingCombo(QComboBox):
    """A combo box as wide as its longest choice (up to `max_chars` characters), that elides
    its text with '…' when given less room, and then shows the whole choice as its tool tip:
    never 'Group: Harbou' or 'Where we are n'."""

    def __init__(self, max_chars: int = 32, tip: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.max_chars = max_chars
        self.tip = tip
        # not AdjustToContents: Qt would measure every choice again at each size hint
        # (3,000 in the largest session); `sizeHint` measures, once per change
        self.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        self.currentIndexChanged.connect(lambda *_: self._update_tip())
        self._widths: dict[str, float] = {}  # a choice's width in `_widths_font`
        self._widths_font = ""
        self._widest: tuple[tuple, float] | None = None  # (font, placeholder), width
        self._measured: list[str] | None = None  # `measure_as`: None, the choices
        model = self.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged,
                       model.modelReset, model.layoutChanged):
            signal.connect(self._forget_widest)

    def _forget_widest(self, *_args) -> None:
        if self._widest is not None and self._measured is None:
            self._widest = None
            self.updateGeometry()  # the layout asks `sizeHint` again

    def measure_as(self, texts: list[str]) -> bool:
        """Take the width from `texts`, each choice at its widest (a run's "13/13 ✓"),
        rather than from the choices: choices that change by the hundred while phones
        answer then never measure again nor re-lay out the page. The same texts again
        change nothing (False)."""
        if texts == self._measured:
            return False
        self._measured = list(texts)
        self._widest = None
        self.updateGeometry()
        return True

    def _width(self, fm, text: str) -> float:
        """A choice's width, remembered: 200 phones' runs change a few choices at a time,
        and the size hint measures them all (`_widths` is for the font `_widest` says)."""
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = fm.horizontalAdvance(text)
        return width

    def _chrome(self) -> int:
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt,
                                             QSize(0, 0), self).width()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        fm = self.fontMetrics()
        key = (self.font().key(), self.placeholderText())
        if self._widest is None or self._widest[0] != key:  # measured once per change
            if key[0] != self._widths_font or len(self._widths) > 10_000:
                self._widths, self._widths_font = {}, key[0]
            texts = self._measured if self._measured is not None else [
                self.itemText(i) for i in range(self.count())]
            self._widest = key, max([self._width(fm, text) for text in texts]
                                    + [self._width(fm, self.placeholderText())])
        widest = self._widest[1]
        cap = fm.horizontalAdvance("M") * self.max_chars
        hint = super().sizeHint()
        return QSize(min(widest, cap) + self._chrome() + 4, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance("Mmmmm…") + self._chrome(),
                     super().minimumSizeHint().height())

    def text_room(self) -> int:
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        return self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                           QStyle.SubControl.SC_ComboBoxEditField,
                                           self).width()

    def shown_text(self) -> str:
        """The current choice as painted: whole, or elided to the room it has."""
        text = self.currentText() if self.currentIndex() >= 0 else self.placeholderText()
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight,
                                             self.text_room())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        opt.currentText = self.shown_text()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_tip()

    def _update_tip(self) -> None:
        text = self.currentText()
        cut = bool(text) and self.shown_text() != text
        self.setToolTip(plain_tip(f"{text}\n{self.tip}" if cut and self.tip else text if cut
                                  else self.tip))  # the text may be a participant's name


def set_choices(combo: QComboBox, choices: list[tuple[str, str]]) -> bool:
    """Make `combo`'s items (text, data) `choices`, setting only those that differ (and
    adding or removing at the end); True if any did. The items last set are remembered on
    the combo (`set_choices` alone fills it): asking Qt for 3,000 texts is slow."""
    shown: list[tuple[str, str]] = getattr(combo, "choices_set", [])
    if combo.count() != len(shown):  # filled some other way: ask Qt
        shown = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    combo.choices_set = list(choices)
    if shown == choices:
        return False
    changed = False
    for i, ((text, data), (was_text, was_data)) in enumerate(zip(choices, shown, strict=False)):
        if was_text != text:
            combo.setItemText(i, text)
            changed = True
        if was_data != data:
            combo.setItemData(i, data)
            changed = True
    while combo.count() > len(choices):
        combo.removeItem(combo.count() - 1)
        changed = True
    for text, data in choices[combo.count():]:
        combo.addItem(text, data)
        changed = True
    return changed


class QuizRunChooser(QWidget):
    run_chosen = Signal(object)  # run id or None
    start_requested = Signal(str, object, str)  # subject kind, subject id, purpose
    each_in_turn_requested = Signal(str)  # purpose
    remove_requested = Signal(str)  # run id
    phones_requested = Signal(str)  # purpose: everyone takes the quiz on their own phone

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        shown = QLabel(self.tr("&Showing:"))
        self.runs = FittingCombo(36, self.tr("Which person's, group's or room's quiz is on "
                                             "screen"))
        self.runs.setPlaceholderText(self.tr("(no quiz on screen)"))
        self.runs.setAccessibleName(self.tr("Quiz on screen"))
        shown.setBuddy(self.runs)
        self.runs.activated.connect(self._run_activated)
        self.remove = QPushButton(self.tr("Re&move"))
        self.remove.setToolTip(self.tr("Remove this quiz and its answers (undoable)"))
        self.remove.clicked.connect(self._remove_clicked)
        new = QLabel(self.tr("New &quiz for:"))
        self.subject = FittingCombo(28, self.tr("Who answers the new quiz"))
        self.subject.setAccessibleName(self.tr("Who answers the new quiz"))
        new.setBuddy(self.subject)
        self.purpose = FittingCombo(24, self.tr("A 'where we want to be' quiz places the "
                                                "target marker"))
        self.purpose.addItem(self.tr("Where we are now"), "now")
        self.purpose.addItem(self.tr("Where we want to be"), "target")
        self.purpose.setAccessibleName(self.tr("What the new quiz asks about"))
        self.start = QPushButton(self.tr("S&tart"))
        self.start.setToolTip(self.tr("Start the quiz (or reopen it if this one exists)"))
        self.start.clicked.connect(self._start_clicked)
        self.each = QPushButton(self.tr("Each &in turn"))
        self.each.setToolTip(self.tr("Each person in turn: start with the first person who "
                                     "has not finished; 'Next person' on the result moves on"))
        self.each.clicked.connect(
            lambda: self.each_in_turn_requested.emit(self.purpose.currentData()))
        for combo in (self.runs, self.subject, self.purpose):
            combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # One line when it fits beside the agenda, else two (what is on screen / a new quiz):
        # the choices are then shown whole instead of cut.
        self.showing_row = QHBoxLayout()
        self.showing_row.addWidget(shown)
        self.showing_row.addWidget(self.runs, 1)
        self.showing_row.addWidget(self.remove)
        self.new_row = QHBoxLayout()
        self.new_row.addWidget(new)
        self.new_row.addWidget(self.subject, 1)
        self.new_row.addWidget(self.purpose)
        self.new_row.addWidget(self.start)
        self.new_row.addWidget(self.each)
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.addLayout(self.showing_row, 1)
        self.rows.addSpacing(12)
        self.rows.addLayout(self.new_row)

    def one_line_width(self) -> int:
        return self.showing_row.sizeHint().width() + 12 + self.new_row.sizeHint().width()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        wide = self.width() >= self.one_line_width()
        direction = QBoxLayout.Direction.LeftToRight if wide \
            else QBoxLayout.Direction.TopToBottom
        if self.rows.direction() != direction:
            self.rows.setDirection(direction)

    def refresh(self, session: Session, total: int, answered_of) -> None:
        """Fill both lists from the session; `answered_of(run)` counts a run's answers.
        Only the choices that differ are set (200 phones' runs move on a few at a time)."""
        self._filling = True
        people = {p.id: p.name for p in session.participants}
        groups = {g.id: g.name for g in session.groups}
        whole_room = self.tr("The whole room")
        room = QCoreApplication.translate("QuizPage", "The whole room")  # as subject_name
        now, target = self.tr("now"), self.tr("target")
        runs, widest = [], []
        for run in session.quiz.runs:
            count = answered_of(run)
            mark = " \u2713" if total and count == total else ""
            name = (people if run.subject_kind == "participant" else groups if
                    run.subject_kind == "group" else {}).get(run.subject_id or "", room)
            purpose = target if run.purpose == "target" else now
            runs.append((f"{name} \u00b7 {purpose} \u00b7 {count}/{total}{mark}", run.id))
            widest.append(f"{name} \u00b7 {purpose} \u00b7 {total}/{total} \u2713")
        set_choices(self.runs, runs)
        changed = self.runs.measure_as(widest)  # progress alone never re-lays out the page
        current = session.quiz.current_run_id
        index = self.runs.findData(current) if current else -1
        if self.runs.currentIndex() != index:
            self.runs.setCurrentIndex(index)
        self.remove.setEnabled(current is not None)
        chosen = self.subject.currentData()
        subjects = [(whole_room, subject_key("room", None)),
                    # everyone takes it on their own phone; each result goes on the area
                    (self.tr("Everyone, on phones"), PHONES)]
        subjects += [(self.tr("Group: %s") % name, subject_key("group", gid))
                     for gid, name in groups.items()]
        subjects += [(name, subject_key("participant", pid)) for pid, name in people.items()]
        changed = set_choices(self.subject, subjects) or changed
        index = max(0, self.subject.findData(chosen) if chosen else -1)
        if self.subject.currentIndex() != index:  # the whole room unless chosen otherwise
            self.subject.setCurrentIndex(index)
        self.each.setEnabled(bool(session.participants))
        self._filling = False
        if changed:
            self.updateGeometry()
            self._fit_rows()

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
        if data == PHONES:
            self.phones_requested.emit(self.purpose.currentData())
            return
        kind, _, subject_id = str(data).partition(":")
        self.start_requested.emit(kind, subject_id or None, self.purpose.currentData())
