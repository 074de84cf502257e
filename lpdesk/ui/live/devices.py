"""The live list of phones that joined: who each one is, group, last seen and what it sent;
the facilitator can take a phone out (it can send nothing more) or free its name."""
from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

REFRESH_MS = 300  # at most this often while phones keep sending; and every 5 s for "ago"


def ago(seconds: float) -> str:
    from PySide6.QtCore import QCoreApplication

    def tr(text: str) -> str:
        return QCoreApplication.translate("DeviceList", text)

    if seconds < 5:
        return tr("just now")
    if seconds < 60:
        return tr("%d s ago") % seconds
    return tr("%d min ago") % (seconds // 60)


class DeviceList(QWidget):
    remove_requested = Signal(str)  # device id
    free_requested = Signal(str)  # participant id

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("DeviceList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setObjectName("DeviceTree")
        self.tree.setAccessibleName(self.tr("Phones that joined"))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setMinimumWidth(160)
        self.tree.setHeaderLabels([self.tr("Participant"), self.tr("Group"),
                                   self.tr("Last seen"), self.tr("Sent")])
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("&Take phone out"))
        self.remove_button.setToolTip(self.tr("The phone can send nothing more; its name "
                                              "is kept until you free it"))
        self.remove_button.clicked.connect(self._remove)
        self.free_button = QPushButton(self.tr("&Free the name"))
        self.free_button.setToolTip(self.tr("Another phone may take the name; this phone "
                                            "picks a different one (for good)"))
        self.free_button.clicked.connect(self._free)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.free_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._clock = QTimer(self, interval=5000)
        self._clock.timeout.connect(self.refresh)
        self._clock.start()
        controller.devices_changed.connect(self.schedule)
        self.refresh()

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        session = self.controller.doc.session
        people = {p.id: p for p in session.participants}
        groups = {g.id: g.name for g in session.groups}
        selected = self.selected_device()
        now = time.time()
        rows = sorted(self.controller.room.devices.values(), key=lambda d: d.joined)
        self.tree.setUpdatesEnabled(False)
        try:
            while self.tree.topLevelItemCount() > len(rows):
                self.tree.takeTopLevelItem(self.tree.topLevelItemCount() - 1)
            for i, device in enumerate(rows):
                item = self.tree.topLevelItem(i)
                if item is None:
                    item = QTreeWidgetItem()
                    self.tree.addTopLevelItem(item)
                p = people.get(device.participant_id) if device.participant_id else None
                texts = [p.name if p else self.tr("(choosing a name)"),
                         groups.get(p.group_id, "") if p and p.group_id else "",
                         self.tr("taken out") if device.removed
                         else ago(now - device.last_seen) if device.connected
                         else self.tr("offline"),
                         device.last_sent]
                for column, text in enumerate(texts):
                    if item.text(column) != text:
                        item.setText(column, text)  # item text is never rich text
                item.setData(0, Qt.ItemDataRole.UserRole, device.id)
                item.setSelected(device.id == selected)
        finally:
            self.tree.setUpdatesEnabled(True)
        self._selection_changed()

    def selected_device(self) -> str | None:
        items = self.tree.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def _selection_changed(self) -> None:
        device = self.controller.room.devices.get(self.selected_device() or "")
        self.remove_button.setEnabled(device is not None and not device.removed)
        self.free_button.setEnabled(device is not None and device.participant_id is not None)

    def _remove(self) -> None:
        device_id = self.selected_device()
        if device_id:
            self.remove_requested.emit(device_id)

    def _free(self) -> None:
        device = self.controller.room.devices.get(self.selected_device() or "")
        if device is not None and device.participant_id:
            self.free_requested.emit(device.participant_id)
