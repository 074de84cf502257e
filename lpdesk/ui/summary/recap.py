"""The recap the room sees at the close: where it stands on each area of the continuum (the
medians of now and target with their stages, and the move it wants), the agreed position, and
how far each matrix board agrees with the reference model.

Figures come from the model (`statistics`, `matrix_stats`), wording from
`lpdesk.model.continuum_words`: the same numbers and words as the continuum page and the
exported summary. Every text from the session is shown as plain text.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from lpdesk.content.stages import ContinuumContent, continuum_content
from lpdesk.model import continuum_words as words
from lpdesk.model.matrix_stats import board_agreement
from lpdesk.model.session import Session
from lpdesk.model.statistics import counts_groups, placements_of, summarise
from lpdesk.ui.style.theme import set_sheet, theme


def tr(text: str) -> str:
    return QCoreApplication.translate("SummaryRecap", text)


def words_tr(text: str) -> str:
    return QCoreApplication.translate("ContinuumWords", text)


@dataclass(frozen=True)
class AreaLine:
    name: str
    now: str  # '37 (Blended)' or '–'
    target: str
    move: str  # 'move +25 towards the learner', 'no move' or ''
    agreed: str  # 'Agreed: ...' or ''


@dataclass(frozen=True)
class BoardLine:
    name: str
    agreement: str  # '7 of 10 placed cards match (70%)'


def _with_stage(value: float | None, content: ContinuumContent) -> str:
    if value is None:
        return words.DASH
    return f"{words.format_position(value)} ({content.stage_at(value).name})"


def _move(gap: float | None) -> str:
    if gap is None:
        return ""
    if abs(gap) < 0.5:
        return tr("no move")
    text = tr("{points} towards the learner") if gap > 0 else \
        tr("{points} towards the organisation")
    return text.format(points=words.format_gap(gap))


def area_lines(session: Session, content: ContinuumContent) -> list[AreaLine]:
    """One line per area: the room's medians (participants, or groups when the room works by
    groups; the export's rule, `counts_groups`) and the agreed position."""
    continuum = session.continuum
    people = [p.id for p in session.participants]
    groups = [g.id for g in session.groups]
    lines = []
    for area in continuum.areas:
        by_groups = counts_groups(area)  # the area's own switch, as its page shows
        stats = summarise(placements_of(area, groups if by_groups else people,
                                        by_groups=by_groups))
        agreed = words.agreed_sentence(area.consensus, content, words_tr)
        lines.append(AreaLine(area.name, _with_stage(stats.now.median, content),
                              _with_stage(stats.target.median, content),
                              _move(stats.gap.median), agreed))
    return lines


def board_lines(session: Session) -> list[BoardLine]:
    """One line per board that has a reference model: how many placed cards match it."""
    groups = {g.id: g.name for g in session.groups}
    lines = []
    for board in session.matrix.boards:
        if not any(c.has_reference for c in board.cards):
            continue
        a = board_agreement(board)
        name = board.name
        group = groups.get(board.group_id or "")
        if group and group.lower() not in name.lower():
            name = f"{name} ({group})"
        if a.share is None:
            text = tr("no card placed yet")
        else:
            text = tr("{m} of {p} placed cards match ({share}%)").format(
                m=a.matching, p=a.placed, share=round(100 * a.share))
        lines.append(BoardLine(name, text))
    return lines


def _label(text: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


class RecapPanel(QWidget):
    """Where the room stands and how the boards compare with the model, as two small
    tables. `refresh()` rebuilds them from the session (a handful of labels)."""

    def __init__(self, session: Session, audience: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audience = audience
        self.content = continuum_content()
        self.setObjectName("SummaryRecap")
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 4, 0, 4)
        self.stand_title = _label(tr("Where we stand"), "RecapTitle")
        self.areas = QWidget()
        self.area_grid = QGridLayout(self.areas)
        self.area_grid.setContentsMargins(0, 0, 0, 0)
        self.area_grid.setHorizontalSpacing(24)
        self.boards_title = _label(tr("Practices matrix: agreement with the model"),
                                   "RecapTitle")
        self.boards = QWidget()
        self.board_grid = QGridLayout(self.boards)
        self.board_grid.setContentsMargins(0, 0, 0, 0)
        self.board_grid.setHorizontalSpacing(24)
        for w in (self.stand_title, self.areas, self.boards_title, self.boards):
            if w is self.boards_title:
                root.addSpacing(10)
            root.addWidget(w)
        self.cells: list[tuple[QLabel, str]] = []  # label, role (for fonts and colours)
        self.refresh()

    # -- model -> view -----------------------------------------------------------------
    def refresh(self) -> None:
        for grid in (self.area_grid, self.board_grid):
            while grid.count():
                item = grid.takeAt(0)
                if item.widget() is not None:
                    item.widget().deleteLater()
        self.cells = []
        if self.session.continuum.hidden:
            self._add(self.area_grid, 0, 0, tr("The continuum vote is still private: "
                                               "reveal it to show where the room stands."),
                      "muted", span=4)
        else:
            lines = area_lines(self.session, self.content)
            for col, head in enumerate((tr("Area"), tr("Now"), tr("Target"), tr("Move"))):
                self._add(self.area_grid, 0, col, head, "head")
            for row, line in enumerate(lines, 1):
                self._add(self.area_grid, row * 2 - 1, 0, line.name, "name")
                self._add(self.area_grid, row * 2 - 1, 1, line.now, "now")
                self._add(self.area_grid, row * 2 - 1, 2, line.target, "target")
                self._add(self.area_grid, row * 2 - 1, 3, line.move, "text")
                if line.agreed:
                    self._add(self.area_grid, row * 2, 1, line.agreed, "agreed", span=3)
            self.area_grid.setColumnStretch(3, 1)
        boards = board_lines(self.session)
        pairs = 2 if len(boards) > 3 else 1  # many group boards: two a line, the actions
        for i, line in enumerate(boards):      # below keep their room
            row, col = divmod(i, pairs)
            self._add(self.board_grid, row, col * 2, line.name, "name")
            self._add(self.board_grid, row, col * 2 + 1, line.agreement, "text")
        for col in range(4):
            self.board_grid.setColumnStretch(col, 0)
        self.board_grid.setColumnStretch(pairs * 2 - 1, 1)
        self.boards_title.setVisible(bool(boards))
        self.boards.setVisible(bool(boards))
        self.restyle()

    def _add(self, grid: QGridLayout, row: int, col: int, text: str, role: str,
             span: int = 1) -> None:
        label = _label(text)
        label.setWordWrap(span > 1 or role == "name")  # figures stay on one line; names
        # and sentences wrap (a long area name must not widen the page)
        label.setProperty("recap_role", role)
        grid.addWidget(label, row, col, 1, span, Qt.AlignmentFlag.AlignTop)
        self.cells.append((label, role))

    def texts(self) -> list[str]:
        """Everything the recap says, in reading order (for tests and screen readers)."""
        return [self.stand_title.text(), *(label.text() for label, _ in self.cells)]

    # -- look ---------------------------------------------------------------------------
    def restyle(self) -> None:
        t = theme()
        size = self.font().pointSizeF() * (1.2 if self.audience else 1.0)
        title = QFont(self.font())
        title.setPointSizeF(size * 1.15)
        title.setBold(True)
        for label in (self.stand_title, self.boards_title):
            label.setFont(title)
            set_sheet(label, f"color: {t.text};")
        colours = {"head": t.muted_text, "muted": t.muted_text, "now": t.now,
                   "target": t.target, "agreed": t.consensus}
        for label, role in self.cells:
            font = QFont(self.font())
            font.setPointSizeF(size)
            font.setBold(role in ("name", "now", "target", "agreed"))
            label.setFont(font)
            set_sheet(label, f"color: {colours.get(role, t.text)};")
