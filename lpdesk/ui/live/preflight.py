"""Can phones reach me? The Phones panel's preflight, in four lines a facilitator reads
before the room fills: which network the laptop is on and what the phones must join; the
server answering its own address (an HTTP GET from a worker thread: the GUI never waits);
the hotspot's limit (about 8 devices) for a bigger room; and "Test with your phone", ticked
when a phone opens the page. Below it, what to check when no phone arrives."""
from __future__ import annotations

import threading
import urllib.request

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from lpdesk.live.network import LOOPBACK, Address

PROBE_TIMEOUT_S = 3.0
OK, BAD, WAIT = "\u2713", "\u2717", "\u2026"


class _Probe(QObject):
    """Carries the worker's answer back to the GUI thread (a queued signal)."""

    done = Signal(str, bool, str)  # url, answered, what went wrong


def probe(url: str, timeout: float = PROBE_TIMEOUT_S) -> tuple[bool, str]:
    """GET `url` directly (no proxy: it is on this machine); (answered, problem)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status == 200, "" if response.status == 200 else \
                f"HTTP {response.status}"
    except OSError as exc:  # URLError, timeouts, refused
        return False, str(getattr(exc, "reason", exc))


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class Preflight(QGroupBox):
    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Can phones reach this laptop?"))
        self.setObjectName("Preflight")
        self.controller = controller
        self.addresses: list[Address] = []
        self.answered: bool | None = None
        self.problem = ""
        self.phone_seen = False
        self._probe = _Probe()
        self._probe.done.connect(self._answered)
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 6, 8, 6)
        self.network = _plain(QLabel())
        self.network.setObjectName("PreflightNetwork")
        self.server = _plain(QLabel())
        self.server.setObjectName("PreflightServer")
        self.hotspot = _plain(QLabel(self.tr(
            "A laptop's or phone's hotspot takes only about 8 devices (Windows 8, most "
            "phones 5-10): for a bigger room use a travel router or the venue's Wi-Fi.")))
        self.hotspot.setObjectName("PreflightHotspot")
        self.phone = _plain(QLabel())
        self.phone.setObjectName("PreflightPhone")
        self.help = _plain(QLabel(self.tr(
            "No phone arrives? Check that the phone is on the same Wi-Fi as this laptop "
            "(not on mobile data); that the Wi-Fi does not keep devices apart (guest "
            "networks often do); on Windows, that the network is set to Private and "
            "lpdesk is allowed through the firewall; and that the address is typed "
            "exactly, with the number after the colon.")))
        self.help.setObjectName("PreflightHelp")
        # a short dock (a 720-line screen) folds the lines away behind one button, as the
        # QR code steps aside: the list of phones and "Take phone out" stay in sight
        self.folded = False
        self.unfold = QToolButton()
        self.unfold.setObjectName("PreflightUnfold")
        self.unfold.setCheckable(True)
        self.unfold.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.unfold.setArrowType(Qt.ArrowType.RightArrow)
        self.unfold.toggled.connect(lambda _on: self.refresh())
        self.unfold.setAutoRaise(True)
        self.unfold.setFixedHeight(self.fontMetrics().height() + 2)
        self.unfold.hide()  # the panel puts it beside "N of M placed" (a line it has anyway)
        for label in (self.network, self.server, self.hotspot, self.phone):
            box.addWidget(label)
        box.addWidget(self.help)
        row = QHBoxLayout()
        row.addStretch(1)
        self.again = QPushButton(self.tr("Check a&gain"))
        self.again.setToolTip(self.tr("Ask the server at its own address again"))
        self.again.clicked.connect(self.check)
        row.addWidget(self.again)
        box.addLayout(row)
        controller.started.connect(lambda *_: self.check())
        controller.stopped.connect(self.refresh)
        controller.devices_changed.connect(self._devices_changed)
        self.refresh()

    def set_addresses(self, addresses: list[Address]) -> None:
        self.addresses = list(addresses)
        self.refresh()

    def _current(self) -> Address | None:
        server = self.controller.server
        ip = server.address if server is not None else None
        return next((a for a in self.addresses if a.ip == ip), None)

    def network_text(self) -> str:
        c = self.controller
        if not c.running or c.server is None:  # a resize may ask while it starts
            return self.tr("Phones cannot join now.")
        if c.server.address == LOOPBACK:
            return self.tr("This computer only: open the address in a browser here to try "
                           "it out. Phones cannot reach it.")
        a = self._current()
        where = f"{a.interface}, {a.ip}" if a is not None and a.interface else c.server.address
        if a is not None and a.kind == "hotspot":
            return self.tr("This laptop's own hotspot (%s): phones join the hotspot's "
                           "Wi-Fi.") % where
        if a is not None and a.kind == "vpn":
            return self.tr("Only a VPN is up (%s): phones in the room usually cannot reach "
                           "it. Join the room's Wi-Fi.") % where
        if a is not None and a.kind == "virtual":
            return self.tr("Only a virtual adapter is up (%s): phones cannot reach it. "
                           "Join the room's Wi-Fi.") % where
        if a is not None and a.kind == "ethernet":
            return self.tr("Wired network (%s): phones must join the Wi-Fi of this same "
                           "network.") % where
        return self.tr("Wi-Fi (%s): phones must join the same Wi-Fi as this laptop.") % where

    def refresh(self) -> None:
        on = self.controller.running
        self.network.setText(self.network_text())
        url = self.controller.url
        if self.answered is None:
            self.server.setText(WAIT + " " + self.tr("Asking the server at its own address..."))
        elif self.answered:
            self.server.setText(OK + " " + self.tr("The server answers at %s") % url)
        else:
            self.server.setText(BAD + " " + self.tr(
                "The server does not answer at %s (%s): this computer's firewall or "
                "security software may block it.") % (url, self.problem))
        self.phone.setText(
            (OK + " " + self.tr("Test with your phone: a phone has opened the page."))
            if self.phone_seen else
            (self.tr("Test with your phone: open the address on your own phone; a check "
                     "mark shows here when it arrives.")))
        shown = not self.folded or self.unfold.isChecked()
        mark = WAIT if self.answered is None else OK if self.answered else BAD
        self.unfold.setText(mark + " " + self.tr("Checks"))
        self.unfold.setToolTip(self.tr("Hide the checks") if shown else self.tr(
            "Show what to check so phones can join"))
        self.unfold.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.unfold.setVisible(on and self.folded)
        self.setVisible(shown)
        self.network.setVisible(shown)
        for label in (self.server, self.hotspot, self.phone):
            label.setVisible(on and shown)
        # once a phone arrived, the help is not needed
        self.help.setVisible(on and shown and not self.phone_seen)
        self.again.setVisible(on and shown)

    def set_folded(self, folded: bool) -> None:
        """Fold the lines behind one button (a short dock); the facilitator may unfold."""
        if folded != self.folded:
            self.folded = folded
            if not folded:
                self.unfold.setChecked(False)
            self.refresh()

    def unfolded_height(self, width: int) -> int:
        """The height all the lines take at `width` (folded or not)."""
        m = self.layout().contentsMargins()
        inner = max(1, width - m.left() - m.right() - 4)
        labels = [self.network, self.server, self.hotspot, self.phone]
        if not self.phone_seen:
            labels.append(self.help)
        spacing = max(0, self.layout().spacing())
        title = self.fontMetrics().height() + 6
        return (title + m.top() + m.bottom() + self.again.sizeHint().height()
                + sum(label.heightForWidth(inner) + spacing for label in labels))

    def check(self) -> None:
        """Ask the server at the address phones use, from a worker thread."""
        url = self.controller.url
        self.answered = None
        self.refresh()
        if not url:
            return
        done = self._probe.done
        threading.Thread(target=lambda: done.emit(url, *probe(url)), daemon=True,
                         name="lpdesk-preflight").start()

    def _answered(self, url: str, answered: bool, problem: str) -> None:
        if url != self.controller.url:
            return  # an answer for an address no longer in use
        self.answered, self.problem = answered, problem
        self.refresh()

    def _devices_changed(self) -> None:
        seen = any(d.connected for d in self.controller.room.devices.values())
        if seen and not self.phone_seen:
            self.phone_seen = True
            self.refresh()
