"""The quiz result screen: the position, its stage, a small continuum strip with the point,
what pulled the result to each side, and (for the facilitator) placing it on the continuum.
It only shows what the page gives it and asks through signals."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lpdesk.model.continuum_words import format_position
from lpdesk.model.quiz_scoring import CountedAnswer, QuizResult
from lpdesk.ui.quiz.widgets import QuizStrip, pixel_font, readable_on
from lpdesk.ui.style.theme import set_sheet, theme

SHOWN_PULLS = 2  # answers listed per side: enough to talk about, small enough to read


@dataclass(frozen=True)
class PlaceState:
    """What the place button should say and whether it can be pressed."""

    text: str
    enabled: bool
    note: str


class QuizResultView(QWidget):
    back_requested = Signal()
    place_requested = Signal()
    next_person_requested = Signal()

    def __init__(self, parent: QWidget | None = None, audience: bool = False) -> None:
        super().__init__(parent)
        self.audience = audience
        self.unit = 1.0
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 8, 0, 0)
        root.setSpacing(8)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # whose result: a name
        self.title.setWordWrap(True)
        root.addWidget(self.title)
        head = QHBoxLayout()
        self.position_label = QLabel()
        self.position_label.setAccessibleName(self.tr("Result position"))
        head.addWidget(self.position_label, 0, Qt.AlignmentFlag.AlignVCenter)
        stage_col = QVBoxLayout()
        self.stage_label = QLabel()
        self.stage_label.setAccessibleName(self.tr("Stage"))
        self.stage_text = QLabel()
        self.stage_text.setWordWrap(True)
        self.basis = QLabel()
        for w in (self.stage_label, self.stage_text, self.basis):
            stage_col.addWidget(w)
        head.addSpacing(16)
        head.addLayout(stage_col, 1)
        root.addLayout(head)
        self.strip = QuizStrip()
        root.addWidget(self.strip)
        pulls = QGridLayout()
        pulls.setHorizontalSpacing(32)
        self.left_title = QLabel(self.tr("Pulled towards the organisation"))
        self.right_title = QLabel(self.tr("Pulled towards the learner"))
        self.left_items = QLabel()
        self.right_items = QLabel()
        for col, (title, items) in enumerate(((self.left_title, self.left_items),
                                              (self.right_title, self.right_items))):
            items.setWordWrap(True)
            items.setTextFormat(Qt.TextFormat.RichText)
            items.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            pulls.addWidget(title, 0, col)
            pulls.addWidget(items, 1, col)
            pulls.setColumnStretch(col, 1)
        root.addLayout(pulls)
        root.addStretch(1)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # names the area
        self.note.setWordWrap(True)
        root.addWidget(self.note)
        buttons = QHBoxLayout()
        self.review_button = QPushButton(self.tr("\u25c0 Review answers"))
        self.review_button.setToolTip(self.tr("Back to the last question (Left arrow)"))
        self.review_button.clicked.connect(self.back_requested)
        self.place_button = QPushButton()
        self.place_button.setDefault(True)  # Enter places the result (drawn as the default)
        self.place_button.setToolTip(self.tr("Place this result on the continuum (Enter)"))
        self.place_button.clicked.connect(self.place_requested)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.next_person_requested)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        buttons.addWidget(self.place_button)
        buttons.addWidget(self.next_button)
        root.addLayout(buttons)
        for w in (self.review_button, self.place_button, self.next_button, self.note):
            w.setVisible(not audience)

    # -- filling ------------------------------------------------------------------------
    def show_result(self, title: str, result: QuizResult, which: str,
                    place: PlaceState | None, next_person: str | None) -> None:
        from lpdesk.content.stages import continuum_content
        self.title.setText(title)
        self.strip.set_point(result.position, which)
        if result.position is None:
            self.position_label.setText("\u2013")
            self.stage_label.setText(self.tr("No result yet"))
            self.stage_text.setText(self.tr("Answer at least one question to see where "
                                            "this puts you on the continuum."))
        else:
            stage = continuum_content().stage_at(result.position)
            self.position_label.setText(format_position(result.position))
            self.stage_label.setText(stage.name)
            self.stage_text.setText(stage.description)
        self.basis.setText(
            self.tr("Based on %d of %d questions") % (result.answered, result.total)
            if result.answered < result.total
            else self.tr("All %d questions answered") % result.total)
        self.left_items.setText(self._items(result.pulled_left))
        self.right_items.setText(self._items(result.pulled_right))
        if not self.audience:
            self.place_button.setVisible(place is not None)
            if place is not None:
                self.place_button.setText(place.text)
                self.place_button.setEnabled(place.enabled)
                self.note.setText(place.note)
            self.next_button.setVisible(next_person is not None)
            if next_person is not None:
                self.next_button.setText(self.tr("Next person: %s \u25b6")
                                         % next_person.replace("&", "&&"))  # not a shortcut
        self.restyle()

    def _items(self, pulls: tuple[CountedAnswer, ...]) -> str:
        if not pulls:
            return f"<i>{escape(self.tr('No answer pulled this way'))}</i>"
        muted = theme().muted_text
        rows = [f"<p style='margin-bottom:6px'><b>{escape(c.question.topic)}</b><br>"
                f"<span style='color:{muted}'>{escape(c.answer.text)}</span></p>"
                for c in pulls[:SHOWN_PULLS]]
        return "".join(rows)

    # -- look ---------------------------------------------------------------------------
    def set_unit(self, unit: float) -> None:
        self.unit = unit
        self.strip.unit = unit
        self.strip.set_point(self.strip.position, self.strip.which)
        self.restyle()

    def restyle(self) -> None:
        t, u = theme(), self.unit
        base = self.font()
        self.title.setFont(pixel_font(base, 22 * u, bold=True))
        self.position_label.setFont(pixel_font(base, 72 * u, bold=True))
        self.stage_label.setFont(pixel_font(base, 36 * u, bold=True))
        self.stage_text.setFont(pixel_font(base, 18 * u))
        self.basis.setFont(pixel_font(base, 16 * u))
        for w in (self.left_title, self.right_title):
            w.setFont(pixel_font(base, 19 * u, bold=True))
        for w in (self.left_items, self.right_items):
            w.setFont(pixel_font(base, 17 * u))
        self.note.setFont(pixel_font(base, 15 * u))
        for b in (self.review_button, self.place_button, self.next_button):
            b.setFont(pixel_font(base, 17 * u, bold=b is self.place_button))
        # The one thing to press on this screen stands out in the accent colour.
        on_accent = readable_on(t.accent).name()
        set_sheet(self.place_button,
                  f"QPushButton {{ background: {t.accent}; color: {on_accent};"
                  f" border: none; border-radius: {round(6 * u)}px;"
                  f" padding: {round(8 * u)}px {round(18 * u)}px; }}"
                  f"QPushButton:disabled {{ background: {t.surface}; color: {t.muted_text};"
                  f" border: 1px solid {t.grid}; }}"
                  f"QPushButton:focus {{ border: 3px solid {t.text}; }}")
        which_colour = t.target if self.strip.which == "target" else t.now
        set_sheet(self.position_label, f"color: {which_colour};")
        for w in (self.stage_text, self.basis, self.note):
            set_sheet(w, f"color: {t.muted_text};")
        set_sheet(self.left_title, f"color: {t.text};")
        set_sheet(self.right_title, f"color: {t.text};")
