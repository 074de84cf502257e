"""Crash recovery at start-up: offer the autosaved work of lpdesk instances that died.

A recovered session opens as a *modified* document that keeps its original file name and the
file's stamp as the crashed instance knew it. Why: the recovered work is the continuation of
that file, so Save writes it back where the facilitator expects it, with no extra question
while the file on disk is still the one the crashed instance had; if someone changed or
replaced the file since, the usual "changed by someone else" check asks Overwrite / Save As /
Cancel. A session that was never saved stays without a file name (Save asks where).
"""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lpdesk.storage.recovery import RecoveryInfo
from lpdesk.ui.style.screens import fit_to_screen
from lpdesk.ui.style.text import plain_message, plain_tip

Action = Literal["recover", "discard", "later"]
ENTRY_WIDTH = 640  # the list's width in the dialog's usual size, for wrapped entry heights


def tr(text: str) -> str:
    return QCoreApplication.translate("recovery", text)


def when_text(saved_at: datetime | None, now: datetime | None = None) -> str:
    """'today at 10:42 (3 minutes ago)' in local time."""
    if saved_at is None:
        return tr("at an unknown time")
    now = (now or datetime.now().astimezone()).astimezone()
    local = saved_at.astimezone(now.tzinfo)
    clock = local.strftime("%H:%M")
    days = (now.date() - local.date()).days
    if days == 0:
        day = tr("today at %s") % clock
    elif days == 1:
        day = tr("yesterday at %s") % clock
    else:
        day = tr("on %s at %s") % (local.strftime("%Y-%m-%d"), clock)
    minutes = int((now - local).total_seconds() // 60)
    if 0 <= minutes < 1:
        ago = tr("less than a minute ago")
    elif 0 < minutes < 120:
        ago = tr("%d minutes ago") % minutes if minutes > 1 else tr("1 minute ago")
    else:
        return day
    return f"{day} ({ago})"


def describe(info: RecoveryInfo, now: datetime | None = None) -> list[str]:
    """[title, file, when] lines for one recovery file, in the facilitator's words."""
    title = info.title or tr("Untitled session")
    if info.problem:
        return [title, tr("Cannot be recovered: %s") % info.problem]
    where = (tr("File: %s") % info.original) if info.original else tr("Never saved to a file")
    return [title, where, tr("Autosaved %s") % when_text(info.saved_at, now)]


def _entry(lines: list[str], damaged: bool) -> QLabel:
    """One list entry: the title large and bold, the details below it."""
    import html  # here, not at start-up: the dialog module loads on every start

    title, *details = (html.escape(line) for line in lines)
    style = "font-style: italic;" if damaged else ""
    label = QLabel(f"<div style='font-size: large; font-weight: bold'>{title}</div>"
                   f"<div style='{style}'>{'<br>'.join(details)}</div>")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setContentsMargins(10, 6, 10, 6)
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class RecoveryDialog(QDialog):
    """Lists the recoverable sessions; the choice is in `choice` after exec()."""

    def __init__(self, infos: list[RecoveryInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RecoveryDialog")
        self.setWindowTitle(tr("Recover unsaved work"))
        self.infos = infos
        self.choice: tuple[Action, int] = ("later", 0)
        heading = QLabel(tr("lpdesk closed before this work was saved"))
        heading.setObjectName("RecoveryHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        text = QLabel(tr("lpdesk keeps a copy of your session every few seconds. Recover it "
                         "to carry on where you were, or discard it."))
        text.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("RecoveryList")
        self.list.setAccessibleName(tr("Sessions that can be recovered"))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        for info in infos:
            lines = describe(info)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.AccessibleTextRole, "\n".join(lines))
            item.setToolTip(plain_tip(tr("Autosaved copy: %s") % info.path))
            self.list.addItem(item)
            entry = _entry(lines, bool(info.problem))
            item.setSizeHint(QSize(ENTRY_WIDTH, entry.heightForWidth(ENTRY_WIDTH)))
            self.list.setItemWidget(item, entry)
        self.list.setCurrentRow(0)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self._recover())
        buttons = QDialogButtonBox()
        self.recover_button = QPushButton(tr("&Recover"))
        self.recover_button.setToolTip(tr("Open the autosaved session as unsaved work"))
        self.recover_button.setDefault(True)
        self.discard_button = QPushButton(tr("&Discard..."))
        self.discard_button.setToolTip(tr("Delete the autosaved copy for good"))
        self.later_button = QPushButton(tr("Decide &Later"))
        self.later_button.setToolTip(tr("Keep the copy and ask again at the next start"))
        buttons.addButton(self.recover_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.recover_button.clicked.connect(self._recover)
        self.discard_button.clicked.connect(self._discard)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        rows = [self.list.item(i).sizeHint().height() + 2 * self.list.spacing()
                for i in range(min(4, self.list.count()))]
        height = sum(rows) + 2 * self.list.frameWidth() + 4
        self.list.setMinimumHeight(height)
        if self.list.count() <= 4:  # all entries visible: no empty list area below them
            self.list.setMaximumHeight(height)
        fit_to_screen(self, QSize(720, self.sizeHint().height()), centre=False)
        self._update_buttons()

    def _row(self) -> int:
        return max(0, self.list.currentRow())

    def _update_buttons(self, *_args) -> None:
        info = self.infos[self._row()] if self.infos else None
        self.recover_button.setEnabled(bool(info) and not info.problem)
        for row in range(self.list.count()):  # legible on the selection colour too
            self.list.itemWidget(self.list.item(row)).setStyleSheet(
                "color: palette(highlighted-text)" if row == self._row() else "")

    def _recover(self) -> None:
        if self.recover_button.isEnabled():
            self.choice = ("recover", self._row())
            self.accept()

    def _discard(self) -> None:
        title = describe(self.infos[self._row()])[0]
        answer = plain_message(
            self, QMessageBox.Icon.Question, tr("Discard autosaved work"),
            tr("Delete the autosaved copy of \u201c%s\u201d? This cannot be undone.") % title,
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Discard:
            self.choice = ("discard", self._row())
            self.accept()


def ask_recovery(parent: QWidget | None, infos: list[RecoveryInfo]) -> tuple[Action, int]:
    """Ask what to do with the recoverable sessions: (action, index into `infos`).
    Tests replace this function (or pass `ask=` to offer_recovery)."""
    dialog = RecoveryDialog(infos, parent)
    dialog.exec()
    return dialog.choice


__all__ = ["RecoveryDialog", "ask_recovery", "when_text"]
