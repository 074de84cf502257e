"""One quiz question on the projector: who answers, progress, the question and its answers
as big buttons, and (for the facilitator) the navigation row. It shows what the page gives
it and asks through signals. Its keys (1-4, A-D, arrows, Delete) are routed by the page
through `lpdesk.ui.quiz.keys`."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lpdesk.content.quiz import MAX_ANSWERS
from lpdesk.model.quiz_scoring import Question
from lpdesk.ui.quiz.widgets import AnswerButton, QuizProgress, pixel_font
from lpdesk.ui.style.theme import set_sheet, theme

LETTERS = "ABCDEF"[:MAX_ANSWERS]


class QuizQuestionView(QWidget):
    answer_chosen = Signal(int)  # 0 = A
    clear_requested = Signal()
    previous_requested = Signal()
    next_requested = Signal()
    jump_requested = Signal(int)  # a question index

    def __init__(self, parent: QWidget | None = None, audience: bool = False) -> None:
        super().__init__(parent)
        self.audience = audience
        self.unit = 1.0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        head = QHBoxLayout()
        self.subject_label = QLabel()
        self.subject_label.setTextFormat(Qt.TextFormat.PlainText)  # a participant's name
        self.subject_label.setWordWrap(True)
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName(self.tr("Progress"))
        head.addWidget(self.subject_label, 1)
        head.addWidget(self.progress_label, 0, Qt.AlignmentFlag.AlignRight)
        lay.addLayout(head)
        self.progress = QuizProgress()
        self.progress.setAccessibleName(self.tr("Answered questions"))
        if not audience:
            self.progress.setToolTip(self.tr("Filled: answered. Click one to go there."))
            self.progress.jump.connect(self.jump_requested)
        lay.addWidget(self.progress)
        lay.addSpacing(10)
        self.topic_label = QLabel()
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.question_label.setAccessibleName(self.tr("Question"))
        lay.addWidget(self.topic_label)
        lay.addWidget(self.question_label)
        lay.addSpacing(6)
        self.answer_buttons: list[AnswerButton] = []
        for i, letter in enumerate(LETTERS):
            button = AnswerButton(letter)
            button.setToolTip(self.tr("Key %d or %s") % (i + 1, letter))
            button.clicked.connect(lambda _=False, i=i: self.answer_chosen.emit(i))
            self.answer_buttons.append(button)
            lay.addWidget(button)
        lay.addStretch(1)
        nav = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("\u25c0 Previous"))
        self.previous_button.setToolTip(self.tr("Previous question (Left arrow)"))
        self.previous_button.clicked.connect(self.previous_requested)
        self.hint = QLabel(self.tr("Keys 1\u20134 or A\u2013D answer \u00b7 \u2190 \u2192 move "
                                   "\u00b7 Delete clears"))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clear_button = QPushButton(self.tr("Clear answer"))
        self.clear_button.setToolTip(self.tr("Leave this question unanswered (Delete)"))
        self.clear_button.clicked.connect(self.clear_requested)
        self.next_button = QPushButton()
        self.next_button.setToolTip(self.tr("Next question (Right arrow)"))
        self.next_button.clicked.connect(self.next_requested)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.hint, 1)
        nav.addWidget(self.clear_button)
        nav.addWidget(self.next_button)
        lay.addLayout(nav)
        for w in (self.previous_button, self.hint, self.clear_button, self.next_button):
            w.setVisible(not audience)

    def show_question(self, title: str, index: int, total: int, question: Question,
                      chosen: str | None, answered: list[bool]) -> None:
        self.subject_label.setText(title)
        self.progress_label.setText(self.tr("Question %d of %d") % (index + 1, total))
        self.progress.set_state(answered, index)
        self.topic_label.setText(question.topic)
        self.question_label.setText(question.text)
        for i, button in enumerate(self.answer_buttons):
            button.setVisible(i < len(question.answers))
            if i < len(question.answers):
                answer = question.answers[i]
                button.set_answer(answer.text, answer.id == chosen)
        self.previous_button.setEnabled(index > 0)
        self.clear_button.setEnabled(question.answer(chosen or "") is not None)
        self.next_button.setText(self.tr("See result \u25b6") if index == total - 1
                                 else self.tr("Next \u25b6"))

    def set_unit(self, unit: float) -> None:
        t, u, base = theme(), unit, self.font()
        self.unit = unit
        self.subject_label.setFont(pixel_font(base, 19 * u, bold=True))
        self.progress_label.setFont(pixel_font(base, 19 * u))
        set_sheet(self.progress_label, f"color: {t.muted_text};")
        self.topic_label.setFont(pixel_font(base, 17 * u, bold=True))
        set_sheet(self.topic_label, f"color: {t.accent};")
        self.question_label.setFont(pixel_font(base, 32 * u, bold=True))
        self.hint.setFont(pixel_font(base, 14 * u))
        set_sheet(self.hint, f"color: {t.muted_text};")
        for b in self.answer_buttons:
            b.unit = u
            b.setFont(pixel_font(base, 23 * u))
            b.updateGeometry()
            b.update()
        for b in (self.previous_button, self.clear_button, self.next_button):
            b.setFont(pixel_font(base, 17 * u, bold=b is self.next_button))
        self.progress.unit = u
        self.progress.set_state(self.progress.answered, self.progress.current)
