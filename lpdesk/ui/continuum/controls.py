"""The facilitator's controls beside the continuum: whose marker, now or target, clear,
private vote, by groups, and the agreed position. They only say what was asked (signals);
the page turns that into commands."""
from __future__ import annotations

from functools import cache

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lpdesk.model.continuum import Placement
from lpdesk.ui.continuum.items import AGREED
from lpdesk.ui.style.theme import theme

Subject = tuple[str, str, str, str]  # key, name, initials, colour


@cache
def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class PlacingControls(QGroupBox):
    subject_chosen = Signal(str)
    active_chosen = Signal(str)  # "now" or "target"
    clear_requested = Signal()
    hide_toggled = Signal()
    by_groups_chosen = Signal(bool)
    consensus_edited = Signal(str, object)  # "now"/"target", position or None
    medians_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Placing"), parent)
        self._syncing = False
        self._combo_signature: tuple = ()
        layout = QVBoxLayout(self)
        self.subject_combo = QComboBox()
        self.subject_combo.setAccessibleName(self.tr("Whose marker"))
        self.subject_combo.setToolTip(self.tr("Whose marker to place (Up/Down on the plot)"))
        # a long name shows its start here (all of it in the open list), never widens the page
        self.subject_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.subject_combo.setMinimumContentsLength(16)
        self.subject_combo.activated.connect(
            lambda i: self.subject_chosen.emit(self.subject_combo.itemData(i)))
        self.clear_button = self._button(self.tr("Clear"), self.clear_requested.emit,
                                         self.tr("Remove the chosen marker (Del)"))
        whose = QHBoxLayout()
        whose.addWidget(self.subject_combo, 1)
        whose.addWidget(self.clear_button)
        layout.addLayout(whose)
        which = QHBoxLayout()
        self.now_button = QPushButton(self.tr("\u25CF Now (N)"))
        self.target_button = QPushButton(self.tr("\u25A0 Target (T)"))
        self.which_group = QButtonGroup(self)
        for button, value in ((self.now_button, "now"), (self.target_button, "target")):
            button.setCheckable(True)
            button.setAccessibleName(button.text())
            button.clicked.connect(lambda _=False, v=value: self.active_chosen.emit(v))
            self.which_group.addButton(button)
            which.addWidget(button)
        self.now_button.setToolTip(self.tr("Place where we are today (N)"))
        self.target_button.setToolTip(self.tr("Place where we want to be (T)"))
        layout.addLayout(which)
        self.keys_help = QLabel(self.tr(
            "Click a row to place, drag to move.\nKeys: \u2191\u2193 whose, \u2190\u2192 move "
            "(Shift \u00d710),\nHome/End ends, N/T now/target, Del clear."))
        self.keys_help.setObjectName("KeysHelp")
        # No word wrap: explicit lines keep the panel's height simple (no height-for-width)
        layout.addWidget(self.keys_help)
        self.hide_button = self._button(self.tr("Hide mar&kers (private vote)"),
                                        self.hide_toggled.emit,
                                        self.tr("Hide everyone's markers while people place; "
                                                "reveal them all at once"))
        self.hide_button.setCheckable(True)
        layout.addWidget(self.hide_button)
        self.by_groups_check = QCheckBox(self.tr("&Place by groups"))
        self.by_groups_check.setToolTip(self.tr("One now and one target per group instead of "
                                                "per participant, for this area only"))
        self.by_groups_check.clicked.connect(
            lambda *_: self.by_groups_chosen.emit(self.by_groups_check.isChecked()))
        layout.addWidget(self.by_groups_check)
        layout.addWidget(self._build_agreed())

    def _button(self, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("."))
        button.clicked.connect(lambda *_: slot())
        return button

    def _build_agreed(self) -> QGroupBox:
        agreed = QGroupBox(self.tr("Agreed position"))
        agreed.setToolTip(self.tr("The position the room agrees on, shown as stars"))
        grid = QGridLayout(agreed)
        self.consensus_spins: dict[str, QDoubleSpinBox] = {}
        for col, (which, label) in enumerate((("now", self.tr("&Now")),
                                              ("target", self.tr("&Target")))):
            spin = QDoubleSpinBox()
            spin.setRange(-1.0, 100.0)  # -1 shows "not set"
            spin.setDecimals(0)
            spin.setSpecialValueText(self.tr("not set"))
            spin.setKeyboardTracking(False)  # one edit when Enter is pressed, not per digit
            spin.setAccessibleName(self.tr("Agreed %s") % label.replace("&", "").lower())
            spin.lineEdit().setAccessibleName(spin.accessibleName())  # its text part too
            spin.valueChanged.connect(lambda v, w=which: self._spin_changed(w, v))
            self.consensus_spins[which] = spin
            caption = QLabel(label)
            caption.setBuddy(spin)
            grid.addWidget(caption, 0, 2 * col)
            grid.addWidget(spin, 0, 2 * col + 1)
        self.medians_button = self._button(self.tr("Use the room's &medians"),
                                           self.medians_requested.emit,
                                           self.tr("Set the agreed now and target to the "
                                                   "room's medians"))
        grid.addWidget(self.medians_button, 1, 0, 1, 4)
        return agreed

    def _spin_changed(self, which: str, value: float) -> None:
        if not self._syncing:
            self.consensus_edited.emit(which, None if value < 0 else value)

    def sync(self, subjects: list[Subject], selected: str | None, active: str,
             consensus: Placement | None, hidden: bool, by_groups: bool,
             groups_exist: bool) -> None:
        """Show the current state without emitting anything."""
        self._syncing = True
        try:
            combo = self.subject_combo
            signature = (theme().consensus, tuple(subjects))
            if signature != self._combo_signature:  # rebuilt only when people change
                self._combo_signature = signature
                combo.clear()
                combo.addItem(_swatch(theme().consensus), self.tr("Agreed position (room)"),
                              AGREED)
                for key, name, _initials, colour in subjects:
                    combo.addItem(_swatch(colour), name, key)
            combo.setCurrentIndex(max(0, combo.findData(selected)))
            self.now_button.setChecked(active == "now")
            self.target_button.setChecked(active == "target")
            self.hide_button.setChecked(hidden)
            self.hide_button.setText(self.tr("Reveal the mar&kers") if hidden
                                     else self.tr("Hide mar&kers (private vote)"))
            self.by_groups_check.setChecked(by_groups)
            self.by_groups_check.setEnabled(groups_exist or by_groups)
            for which, spin in self.consensus_spins.items():
                value = consensus.get(which) if consensus else None
                if spin.value() != (-1.0 if value is None else round(value)):
                    spin.setValue(-1.0 if value is None else value)  # (a same value repaints)
                spin.setEnabled(consensus is not None)
        finally:
            self._syncing = False
