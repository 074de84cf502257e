"""Which address phones can reach this laptop on: the machine's IPv4 addresses as the
operating system reports its network adapters (Qt's QNetworkInterface: type, up, running,
loopback, point-to-point), the likeliest first, each with the reason it was picked.

Left out unless nothing else is up: VPN and point-to-point links (a phone on the room's
Wi-Fi cannot reach a VPN address), virtual adapters (Docker, VirtualBox, Hyper-V...: they
exist only inside this machine) and link-local 169.254.x.x addresses (an adapter that got no
address from any router). Loopback is never a network address: the Phones panel offers
127.0.0.1 separately as "This computer only (try it out)". Nothing here sends traffic.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
# adapter names, where the adapter's type says little (Linux reports Wi-Fi as Ethernet):
# short prefixes match the start of a name, words anywhere ("tap" is in "Adapter")
VIRTUAL = ("docker", "veth", "virbr", "br-", "vmnet", "vboxnet", "lxc", "lxd", "podman",
           "cni", "flannel", "ifb")
VIRTUAL_WORDS = ("vethernet", "hyper-v", "virtualbox", "vmware", "wsl")
VPN = ("tun", "tap", "utun", "wg", "zt", "ppp", "ipsec")
VPN_WORDS = ("tailscale", "vpn", "wireguard", "nordlynx", "anyconnect", "globalprotect",
             "fortinet", "zerotier")
WIRELESS = ("wl", "wifi", "wi-fi", "wlan", "en0")
WIRELESS_WORDS = ("wi-fi", "wireless", "wlan", "hotspot")
HOTSPOT_ADDRESSES = ("192.168.137.1", "172.20.10.1", "192.168.43.1")  # Windows, iOS, Android


@dataclass(frozen=True)
class Address:
    ip: str
    interface: str = ""
    kind: str = ""  # "hotspot", "wifi", "ethernet", "other", "vpn", "virtual"
    why: str = ""  # in the facilitator's words: why this address is offered

    @property
    def label(self) -> str:
        return f"{self.ip} ({self.interface})" if self.interface else self.ip

    @property
    def fallback(self) -> bool:
        """A VPN or virtual adapter: offered only when nothing else is up."""
        return self.kind in ("vpn", "virtual")


def usable(ip: str) -> bool:
    try:
        a = ipaddress.IPv4Address(ip)
    except ValueError:
        return False
    return not (a.is_loopback or a.is_link_local or a.is_multicast or a.is_unspecified)


def classify(ip: str, name: str, qt_type: str = "", point_to_point: bool = False) -> str:
    """The kind of network an address is on, from the adapter's type (Qt's words: "Wifi",
    "Ethernet", "Virtual", "Ppp"...) and, where the type says little, its name."""
    low = name.lower()

    def named(prefixes: tuple[str, ...], words: tuple[str, ...]) -> bool:
        return low.startswith(prefixes) or any(w in low for w in words)

    if ip in HOTSPOT_ADDRESSES:
        return "hotspot"
    if point_to_point or qt_type in ("Ppp", "Tunnel") or named(VPN, VPN_WORDS):
        return "vpn"
    if qt_type == "Virtual" or named(VIRTUAL, VIRTUAL_WORDS):
        return "virtual"
    if qt_type in ("Wifi", "Ieee80211") or named(WIRELESS, WIRELESS_WORDS):
        return "wifi"
    if qt_type == "Ethernet":
        return "ethernet"
    return "other"


WHY = {
    "hotspot": "this laptop's own hotspot: phones join its Wi-Fi",
    "wifi": "Wi-Fi: phones on the same Wi-Fi reach it",
    "ethernet": "wired network: phones on the Wi-Fi of the same network reach it",
    "other": "a network adapter that is up",
    "vpn": "a VPN: phones in the room usually cannot reach it (nothing else is up)",
    "virtual": "a virtual adapter inside this computer (nothing else is up)",
}
ORDER = {"hotspot": 0, "wifi": 10, "ethernet": 20, "other": 30, "vpn": 100, "virtual": 110}


def rank(address: Address, default_ip: str | None = None) -> tuple[int, str]:
    """Lower is likelier: hotspot, Wi-Fi, wired, other; VPN and virtual adapters last."""
    kind = address.kind or classify(address.ip, address.interface)
    score = ORDER.get(kind, 30)
    if kind in ("ethernet", "other") and not ipaddress.IPv4Address(address.ip).is_private:
        score += 5  # a public address is rarely the room's network
    return score, address.ip


def choose(found: list[Address]) -> list[Address]:
    """Usable addresses, most likely first; VPN and virtual ones only if nothing else."""
    unique: dict[str, Address] = {}
    for a in found:
        if usable(a.ip) and a.ip not in unique:
            kind = a.kind or classify(a.ip, a.interface)
            unique[a.ip] = Address(a.ip, a.interface, kind, a.why or WHY[kind])
    real = [a for a in unique.values() if not a.fallback]
    return sorted(real or list(unique.values()), key=rank)


def _interfaces() -> list[Address]:
    """Every IPv4 address of an adapter that is up and running (not loopback)."""
    from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

    flags = QNetworkInterface.InterfaceFlag
    found: list[Address] = []
    for iface in QNetworkInterface.allInterfaces():
        f = iface.flags()
        if not (f & flags.IsUp and f & flags.IsRunning) or f & flags.IsLoopBack:
            continue
        name = iface.humanReadableName() or iface.name()
        qt_type = iface.type().name
        for entry in iface.addressEntries():
            ip = entry.ip()
            if ip.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            text = ip.toString()
            found.append(Address(text, name, classify(
                text, name, qt_type, bool(f & flags.IsPointToPoint))))
    return found


def local_addresses() -> list[Address]:
    """The machine's addresses phones may reach, most likely first (may be empty)."""
    return choose(_interfaces())
