"""The facilitator's join panel: the QR code, the address in large type and the room code,
the address chooser (with plain advice when there is no usable network), the options
(pause input, join without a name, type a new name, the join slide on the room's screen),
how many have placed, and the list of phones."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lpdesk.live.network import LOOPBACK
from lpdesk.ui.live.devices import DeviceList
from lpdesk.ui.live.qr import QrCode
from lpdesk.ui.style.binding import listen
from lpdesk.ui.style.screens import scroll_area_around

LIST_ROWS = 3.5  # phones the list shows at least
QR_LEAST = 110  # px: a smaller code is hard to scan from a seat; it steps aside instead


def no_network_advice() -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate(
        "JoinPanel",
        "This laptop is on no network the phones could reach. Turn on the laptop's "
        "hotspot (or a travel router), or join the phones and the laptop to the same "
        "Wi-Fi, then press Look again. On Windows, allow lpdesk through the firewall "
        "when asked.")


def placed_text(session) -> str:
    """'14 of 20 placed' for the area on screen (groups when the room works by groups)."""
    from PySide6.QtCore import QCoreApplication

    c = session.continuum
    area = c.current_area
    subjects = session.groups if c.by_groups else session.participants
    table = (area.group_placements if c.by_groups else area.placements) if area else {}
    placed = sum(1 for s in subjects if s.id in table and not table[s.id].is_empty())
    return QCoreApplication.translate("JoinPanel", "%d of %d placed") % (placed, len(subjects))


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class JoinPanel(QWidget):
    address_chosen = Signal(str)
    look_again = Signal()

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("JoinPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)  # a 720-line screen: the list of phones fits under the code
        self.state = _plain(QLabel())
        self.state.setObjectName("JoinState")
        layout.addWidget(self.state)
        self.qr = QrCode()
        layout.addWidget(self.qr, 3)
        self.address = _plain(QLabel())
        self.address.setObjectName("JoinAddress")
        self.address.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.address.setFont(big)
        layout.addWidget(self.address)
        self.code = _plain(QLabel())
        self.code.setObjectName("JoinCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setFont(big)
        layout.addWidget(self.code)
        self.advice = _plain(QLabel(no_network_advice()))
        self.advice.setObjectName("NoNetworkAdvice")
        layout.addWidget(self.advice)
        row = QHBoxLayout()
        self.addresses = QComboBox()
        self.addresses.setAccessibleName(self.tr("Address phones use"))
        self.addresses.setToolTip(self.tr("The network the phones are on (Wi-Fi or the "
                                          "laptop's hotspot)"))
        self.addresses.activated.connect(
            lambda i: self.address_chosen.emit(self.addresses.itemData(i)))
        self.refresh_button = QPushButton(self.tr("&Look again"))
        self.refresh_button.setToolTip(self.tr("Look for networks again (after turning on "
                                               "the hotspot or joining a Wi-Fi)"))
        self.refresh_button.clicked.connect(self.look_again)
        row.addWidget(self.addresses, 1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        self.lock = QCheckBox(self.tr("&Pause input"))
        self.lock.setToolTip(self.tr("Phones show the continuum but cannot change it"))
        self.anonymous = QCheckBox(self.tr("Join &without a name"))
        self.anonymous.setToolTip(self.tr("A phone may join as an unnamed participant"))
        self.new_names = QCheckBox(self.tr("&New names"))
        self.new_names.setToolTip(self.tr("A phone may type a name that is not on the list; "
                                          "it becomes a participant"))
        self.slide = QCheckBox(self.tr("&Join slide"))
        self.slide.setToolTip(self.tr("Show the QR code, the address and the room code on "
                                      "the room's screen"))
        grid = QGridLayout()
        for i, box in enumerate((self.lock, self.slide, self.anonymous, self.new_names)):
            box.setStatusTip(box.toolTip())
            grid.addWidget(box, i // 2, i % 2)
        layout.addLayout(grid)
        self.addresses.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.addresses.setMinimumContentsLength(12)
        self.lock.toggled.connect(lambda on: controller.set_options(locked=on))
        self.anonymous.toggled.connect(lambda on: controller.set_options(anonymous=on))
        self.new_names.toggled.connect(lambda on: controller.set_options(new_names=on))
        self.placed = _plain(QLabel())
        self.placed.setObjectName("JoinPlaced")
        from lpdesk.ui.live.preflight import Preflight  # can phones reach me? (issue 25)
        self.preflight = Preflight(controller)
        placed_row = QHBoxLayout()
        self.placed.setWordWrap(False)  # "9 of 9 placed": one line beside the button
        placed_row.addWidget(self.placed, 1)
        placed_row.addWidget(self.preflight.unfold)  # the folded preflight's one line
        layout.addLayout(placed_row)
        layout.addWidget(self.preflight)
        # what phones may add (issue 24's caps) and the latest problem with a phone: said
        # here, never in a box on the room's screen
        self.caps = _plain(QLabel())
        self.caps.setObjectName("JoinCaps")
        layout.addWidget(self.caps)
        self.trouble = _plain(QLabel())
        self.trouble.setObjectName("JoinTrouble")
        self.trouble.setWordWrap(True)
        self.trouble.hide()
        layout.addWidget(self.trouble)
        controller.trouble.connect(self.show_trouble)
        self.devices = DeviceList(controller)
        self.devices.remove_requested.connect(controller.remove_device)
        self.devices.free_requested.connect(controller.free_name)
        layout.addWidget(self.devices, 2)
        # the list shows several phones before anything scrolls (layout, 1280x720 dock)
        rows = self.devices.tree.fontMetrics().height() + 8
        tree = self.devices.tree
        tree.setMinimumHeight(int(rows * LIST_ROWS) + 28)
        # and takes what the dock has left beyond that, rather than asking for 192 px and
        # making the dock scroll both ways
        tree.setSizePolicy(tree.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Ignored)
        controller.started.connect(lambda *_: self.refresh())
        controller.stopped.connect(self.refresh)
        controller.options_changed.connect(self.refresh)
        controller.devices_changed.connect(self.devices.schedule)
        # "9 of 9 placed" follows every placement, as the page's own count does
        session = controller.doc.session
        for event in (session.continuum.changed, session.changed):
            listen(self, event, lambda *_: self._count_placed())

    def _count_placed(self) -> None:
        text = placed_text(self.controller.doc.session)
        if self.placed.text() != text:
            self.placed.setText(text)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_code()

    def _viewport_height(self) -> int:
        area = scroll_area_around(self)
        return area.viewport().height() if area is not None else self.height()

    def fit_code(self) -> None:
        """The QR code takes the height the rest leaves in the dock (a square as wide as
        the dock pushed the list of phones and "Take phone out" out of sight on a 720-line
        screen); too little room and it steps aside: the address and the room code stay,
        and the join slide shows the code to the room."""
        if not self.controller.running:
            return
        flight = self.preflight
        if self.controller.running:  # fold its lines when they would make the dock scroll
            others = (self.layout().totalMinimumSize().height()
                      - (flight.minimumSizeHint().height() if flight.isVisible() else 0)
                      - (min(self.qr.height(), self.qr.minimumHeight())
                         if self.qr.isVisible() else 0))
            flight.set_folded(others + flight.unfolded_height(self.width() - 12)
                              > self._viewport_height())
        shown = self.qr.height() if self.qr.isVisible() else 0
        rest = self.layout().totalMinimumSize().height() - min(shown, self.qr.minimumHeight())
        spare = self._viewport_height() - rest
        room = max(0, min(spare, self.width() - 16))
        fits = room >= QR_LEAST
        if fits:
            self.qr.setMaximumHeight(room)
        if fits != self.qr.isVisible():
            self.qr.setVisible(fits)
        self._say_state()

    def _say_state(self) -> None:
        on = self.controller.running
        text = (self.tr("Phones cannot join now.") if not on else
                self.tr("Phones can join: scan the code or open the address.")
                if self.qr.isVisibleTo(self) else self.tr("Phones can join at:"))
        if self.state.text() != text:
            self.state.setText(text)

    def set_addresses(self, addresses, current: str | None) -> None:
        self.addresses.clear()
        for a in addresses:
            self.addresses.addItem(a.label, a.ip)
            self.addresses.setItemData(self.addresses.count() - 1, a.why,
                                       Qt.ItemDataRole.ToolTipRole)
        if self.addresses.findData(LOOPBACK) < 0:  # rehearsing alone, no network needed
            self.addresses.addItem(self.tr("This computer only (try it out)"), LOOPBACK)
        self.preflight.set_addresses(addresses)
        if current is not None:
            index = self.addresses.findData(current)
            if index >= 0:
                self.addresses.setCurrentIndex(index)
        self.advice.setVisible(not addresses)
        self.refresh()

    def refresh(self) -> None:
        c = self.controller
        on = c.running
        self.qr.set_text(c.join_url() if on else "")
        self.qr.setVisible(on)
        self.fit_code()
        self._say_state()
        self.address.setText(c.url.removeprefix("http://").rstrip("/") if on else "")
        self.code.setText(self.tr("Room code: %s") % c.room.code if on else "")
        options = c.room.options
        for box, value in ((self.lock, options.locked), (self.anonymous, options.anonymous),
                           (self.new_names, options.new_names)):
            if box.isChecked() != value:
                box.blockSignals(True)
                box.setChecked(value)
                box.blockSignals(False)
        self.placed.setText(placed_text(c.doc.session))
        ids = c.room.identity
        parts = []
        if options.new_names or ids.new_names:
            parts.append(self.tr("New names from phones: %1 of %2")
                         .replace("%1", str(ids.new_names)).replace("%2", str(ids.new_names_cap)))
        if options.anonymous or ids.anonymous:
            parts.append(self.tr("Without a name: %1 of %2")
                         .replace("%1", str(ids.anonymous)).replace("%2", str(ids.anonymous_cap)))
        self.caps.setText(" · ".join(parts))
        self.caps.setVisible(bool(parts))

    def show_trouble(self, text: str) -> None:
        """The latest problem with a phone (a refused claim, a flood cut off)."""
        self.trouble.setText(text)
        self.trouble.setVisible(bool(text))
