"""Session set-up: details, the participant list (type, Enter, next) and groups."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lpdesk.commands.session import (
    AddGroupCommand,
    AddParticipantsCommand,
    RemoveGroupCommand,
    RemoveParticipantCommand,
    RenameGroupCommand,
    SetDetailCommand,
    UpdateParticipantCommand,
)
from lpdesk.document import SessionDocument
from lpdesk.model import grouping, limits
from lpdesk.ui.setup.date_field import DateField
from lpdesk.ui.setup.duplicate_names import DuplicateNameWarning
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.tab_keys import tab_leaves
from lpdesk.ui.style.text import plain_tip

NAME_COL, GROUP_COL = 0, 1


class _GroupDelegate(QStyledItemDelegate):
    """Edits a participant's group with a combo box of the session's groups."""

    def __init__(self, page: SetupPage) -> None:
        super().__init__(page)
        self.page = page

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt name)
        combo = QComboBox(parent)
        combo.addItem(self.page.tr("(no group)"), None)
        for g in self.page.session.groups:
            combo.addItem(g.name, g.id)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))

    def setModelData(self, editor, model, index):  # noqa: N802
        row = index.row()
        pid = self.page.participant_ids[row]
        gid = editor.currentData()
        if self.page.session.participant(pid).group_id != gid:
            self.page.doc.push(UpdateParticipantCommand(self.page.session, pid, group_id=gid))


class SetupPage(QWidget):
    def __init__(self, doc: SessionDocument, parent: QWidget | None = None,
                 audience: bool = False) -> None:
        super().__init__(parent)
        self.doc = doc
        self.session = doc.session
        self.audience = audience
        self.participant_ids: list[str] = []
        self.paste_dialog = None
        self._refreshing = False
        self.setObjectName("SetupPage")
        self._build()
        self.name_entry.installEventFilter(self)  # its Ctrl+Z: see eventFilter
        listen(self, self.session.changed, self._on_session_changed)
        self.refresh_details()
        self.refresh_participants()
        self.refresh_groups()

    # -- building ------------------------------------------------------------------
    def _build(self) -> None:
        root = QHBoxLayout(self)
        details = QGroupBox(self.tr("Session"))
        form = QFormLayout(details)
        # Labels above the fields: long titles stay readable in a narrow column.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.title_edit = QLineEdit()
        self.client_edit = QLineEdit()
        self.facilitator_edit = QLineEdit()
        for edit in (self.title_edit, self.client_edit, self.facilitator_edit):
            edit.setMaxLength(limits.NAME)  # what a session file may hold (model/limits)
        self.date_edit = DateField()
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.notes_edit = QPlainTextEdit()
        tab_leaves(self.notes_edit)  # Tab and Ctrl+Tab move on, never typed
        # Facilitator's private notes: they reach the client only when asked for at export.
        self.notes_edit.setPlaceholderText(self.tr(
            "Private notes for you (e.g. who is sceptical). Not in the exported summary "
            "unless you tick \u201cInclude my private notes\u201d when exporting."))
        self.notes_edit.setAccessibleName(self.tr("Private notes"))
        self.notes_hint = QLabel(self.tr(
            "Private: not in the exported summary unless you include it"))
        self.notes_hint.setObjectName("PrivateNotesHint")
        self.notes_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_hint.setWordWrap(True)
        self.notes_hint.setAccessibleName(self.notes_hint.text())
        self.notes_hint.setBuddy(self.notes_edit)
        for label, edit, name in (
            (self.tr("&Title"), self.title_edit, "title"),
            (self.tr("&Client organisation"), self.client_edit, "client"),
            (self.tr("Fac&ilitator"), self.facilitator_edit, "facilitator"),
        ):
            edit.setAccessibleName(label.replace("&", ""))
            edit.textEdited.connect(lambda text, n=name: self._set_detail(n, text))
            form.addRow(label, edit)
        form.addRow(self.tr("&Date"), self.date_edit)
        form.addRow(self.tr("Private n&otes"), self.notes_edit)
        form.addRow(self.notes_hint)
        self.date_edit.date_edited.connect(lambda iso: self._set_detail("date", iso))
        self.notes_edit.textChanged.connect(
            lambda: self._set_detail("notes", self.notes_edit.toPlainText()))
        root.addWidget(details, 3)

        people = QGroupBox(self.tr("Participants"))
        pl = QVBoxLayout(people)
        entry = QHBoxLayout()
        self.name_entry = QLineEdit()
        self.name_entry.setMaxLength(limits.NAME)
        self.name_entry.setPlaceholderText(self.tr("Type a name and press Enter"))
        self.name_entry.setAccessibleName(self.tr("New participant name"))
        self.name_entry.returnPressed.connect(self._add_typed_name)
        name_label = QLabel(self.tr("&Name:"))
        name_label.setBuddy(self.name_entry)  # Alt+N: straight to the name field
        self.name_entry.setToolTip(self.tr("Type a name and press Enter (Alt+N comes here)"))
        self.paste_button = QPushButton(self.tr("&Paste list..."))
        self.paste_button.clicked.connect(lambda: self.paste_names())
        entry.addWidget(name_label)
        entry.addWidget(self.name_entry, 1)
        entry.addWidget(self.paste_button)
        pl.addLayout(entry)
        self.duplicate_warning = DuplicateNameWarning(self.name_entry)
        pl.addWidget(self.duplicate_warning)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Group")])
        self.table.horizontalHeader().setSectionResizeMode(NAME_COL, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setItemDelegateForColumn(GROUP_COL, _GroupDelegate(self))
        self.table.setAccessibleName(self.tr("Participant list"))
        self.table.itemChanged.connect(self._item_changed)
        self.table.installEventFilter(self)
        pl.addWidget(self.table, 1)
        self.count_label = QLabel()
        remove = QPushButton(self.tr("Re&move selected"))
        remove.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(remove)
        pl.addLayout(row)
        root.addWidget(people, 3)

        groups = QGroupBox(self.tr("Groups"))
        gl = QVBoxLayout(groups)
        self.group_list = QListWidget()
        self.group_list.setAccessibleName(self.tr("Groups"))
        self.group_list.itemChanged.connect(self._group_renamed)
        gl.addWidget(self.group_list, 1)
        add_group = QPushButton(self.tr("&Add group"))
        add_group.clicked.connect(self.add_group)
        remove_group = QPushButton(self.tr("Remove group"))
        remove_group.clicked.connect(self.remove_selected_group)
        split = QPushButton(self.tr("&Split into groups..."))
        split.setToolTip(self.tr("Share the participants out over N groups, in list order"))
        split.clicked.connect(self.ask_split)
        for b in (add_group, remove_group, split):
            gl.addWidget(b)
        root.addWidget(groups, 1)

    # -- model -> view ---------------------------------------------------------------
    def _on_session_changed(self, what: str) -> None:
        if what == "details":
            self.refresh_details()
        elif what == "participants":
            self.refresh_participants()
        elif what == "groups":
            self.refresh_groups()
            self.refresh_participants()

    def refresh_details(self) -> None:
        s = self.session
        for edit, value in ((self.title_edit, s.title), (self.client_edit, s.client),
                            (self.facilitator_edit, s.facilitator)):
            if edit.text() != value:
                edit.setText(value)
        if self.notes_edit.toPlainText() != s.notes:
            self._refreshing = True
            self.notes_edit.setPlainText(s.notes)
            self._refreshing = False
        if self.date_edit.value() != s.date:
            self.date_edit.set_value(s.date)

    def refresh_participants(self) -> None:
        self._refreshing = True
        s = self.session
        self.participant_ids = [p.id for p in s.participants]
        groups = {g.id: g.name for g in s.groups}
        self.table.setRowCount(len(s.participants))
        for row, p in enumerate(s.participants):
            name = QTableWidgetItem(p.name)
            name.setData(Qt.ItemDataRole.DecorationRole, QColor(p.colour))
            name.setToolTip(plain_tip(p.name))
            group = QTableWidgetItem(groups.get(p.group_id, ""))
            group.setData(Qt.ItemDataRole.UserRole, p.group_id)
            self.table.setItem(row, NAME_COL, name)
            self.table.setItem(row, GROUP_COL, group)
        self.duplicate_warning.recheck([p.name for p in s.participants])
        count = len(s.participants)
        self.count_label.setText(self.tr("1 participant") if count == 1
                                 else self.tr("%d participants") % count)
        self._refreshing = False

    def refresh_groups(self) -> None:
        self._refreshing = True
        self.group_list.clear()
        for g in self.session.groups:
            item = QListWidgetItem(g.name)
            item.setData(Qt.ItemDataRole.UserRole, g.id)
            item.setData(Qt.ItemDataRole.DecorationRole, QColor(g.colour))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.group_list.addItem(item)
        self._refreshing = False

    # -- view -> commands -------------------------------------------------------------
    def _set_detail(self, name: str, value: str) -> None:
        if not self._refreshing and getattr(self.session, name) != value:
            self.doc.push(SetDetailCommand(self.session, name, value))

    def add_names(self, names: list[str]) -> None:
        """Add participants in one undoable step (used by typing and by pasting)."""
        names = [n.strip() for n in names if n.strip()]
        if not names:
            return
        made = self.session.new_participants(names)
        self.doc.push(AddParticipantsCommand(self.session, made))
        self.table.scrollToBottom()

    def _add_typed_name(self) -> None:
        name = self.name_entry.text().strip()
        if name and not self.duplicate_warning.allow(
                name, [p.name for p in self.session.participants]):
            return  # warned: Enter again keeps both, editing the name drops the warning
        self.add_names([name])
        # setText (not clear) also empties the field's own undo history: Ctrl+Z now undoes
        # the addition, instead of putting the name back into the field for a duplicate.
        self.name_entry.setText("")

    def paste_names(self, text: str | None = None) -> None:
        """The paste dialog (starting with the clipboard's text): a preview first, then
        everyone (and their new groups) added in one undoable step."""
        from lpdesk.ui.setup.paste_dialog import PasteNamesDialog  # dialogs load on use

        self.paste_dialog = PasteNamesDialog(self.session, self, text)
        if self.paste_dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_roster(self.paste_dialog.roster)
        self.paste_dialog.deleteLater()
        self.paste_dialog = None

    def add_roster(self, roster) -> None:
        """Add a read list (lpdesk/model/roster.py) with its new groups, in one step."""
        from lpdesk.model.roster import plan_addition

        groups, people = plan_addition(self.session, roster)
        if people:
            self.doc.push(AddParticipantsCommand(self.session, people, groups=groups))
            self.table.scrollToBottom()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._refreshing or item.column() != NAME_COL:
            return
        pid = self.participant_ids[item.row()]
        name = item.text().strip()
        if not name:
            self.refresh_participants()  # an empty name is refused: show the old one again
        elif name != self.session.participant(pid).name:
            self.doc.push(UpdateParticipantCommand(self.session, pid, name=name))
            from lpdesk.model.roster import existing_name  # not with the page: ~8 ms

            others = [p.name for p in self.session.participants if p.id != pid]
            if existing_name(others, name) is not None:
                self.duplicate_warning.renamed_to_twin(name)

    def selected_participant_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.participant_ids[r] for r in rows]

    def remove_selected(self) -> None:
        ids = self.selected_participant_ids()
        if not ids:
            return
        stack = self.doc.undo_stack
        stack.beginMacro(self.tr("Remove %s") % self.session.participant(ids[0]).name
                         if len(ids) == 1 else self.tr("Remove %d participants") % len(ids))
        for pid in ids:
            self.doc.push(RemoveParticipantCommand(self.session, pid))
        stack.endMacro()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.name_entry and event.type() == QEvent.Type.ShortcutOverride:
            # The field claims Ctrl+Z / Ctrl+Shift+Z only when it has something of its own
            # to undo or redo; otherwise the session's Undo / Redo (window actions) run.
            if event.matches(QKeySequence.StandardKey.Undo):
                return not self.name_entry.isUndoAvailable()
            if event.matches(QKeySequence.StandardKey.Redo):
                return not self.name_entry.isRedoAvailable()
        if obj is self.table and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Delete and self.table.state() != \
                    QAbstractItemView.State.EditingState:
                self.remove_selected()
                return True
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_names()  # the same preview as the button: nothing added unseen
                return True
        return super().eventFilter(obj, event)

    def add_group(self, name: str | None = None) -> None:
        if not name:
            name = self.tr("Group %d") % (len(self.session.groups) + 1)
        self.doc.push(AddGroupCommand(self.session, self.session.new_group(name)))

    def _group_renamed(self, item: QListWidgetItem) -> None:
        if self._refreshing:
            return
        gid = item.data(Qt.ItemDataRole.UserRole)
        name = item.text().strip()
        if not name:
            self.refresh_groups()
        elif name != self.session.group(gid).name:
            self.doc.push(RenameGroupCommand(self.session, gid, name))

    def remove_selected_group(self) -> None:
        item = self.group_list.currentItem()
        if item is not None:
            self.doc.push(RemoveGroupCommand(self.session, item.data(Qt.ItemDataRole.UserRole)))

    def ask_split(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        count, ok = QInputDialog.getInt(self, self.tr("Split into groups"),
                                        self.tr("Number of groups:"), 3, 2, 12)
        if ok:
            self.split_into_groups(count)

    def split_into_groups(self, count: int) -> None:
        """Make sure `count` groups exist and deal participants out over them in turn."""
        stack = self.doc.undo_stack
        stack.beginMacro(self.tr("Split into %d groups") % count)
        for _ in range(grouping.groups_to_add(self.session, count)):
            self.add_group()
        for pid, gid in grouping.deal(self.session, count):  # the rule: model/grouping.py
            self.doc.push(UpdateParticipantCommand(self.session, pid, group_id=gid))
        stack.endMacro()
