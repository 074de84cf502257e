"""Which address phones can reach this laptop on: the machine's non-loopback IPv4 addresses,
the most likely first (Wi-Fi or the laptop's own hotspot, then other private networks).

Nothing here sends traffic: interface addresses come from the operating system (ioctl on
Linux, the host name's addresses elsewhere), and the "which interface has the default
route" trick is a UDP *connect* to a private address, which only asks the routing table
and sends no packet.
"""
from __future__ import annotations

import ipaddress
import socket
import struct
import sys
from dataclasses import dataclass

SIOCGIFADDR = 0x8915
VIRTUAL = ("docker", "veth", "virbr", "br-", "vmnet", "vboxnet", "tun", "tap", "zt", "tailscale",
           "utun", "lxc", "lxd", "podman", "cni", "flannel", "ifb")
WIRELESS = ("wl", "wifi", "wi-fi", "wlan", "ap", "hotspot", "en0")
HOTSPOT_ADDRESSES = ("192.168.137.1", "172.20.10.1", "192.168.43.1")  # Windows, iOS, Android


@dataclass(frozen=True)
class Address:
    ip: str
    interface: str = ""

    @property
    def label(self) -> str:
        return f"{self.ip} ({self.interface})" if self.interface else self.ip


def _linux_addresses() -> list[Address]:
    import fcntl

    found: list[Address] = []
    for _index, name in socket.if_nameindex():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            try:
                packed = fcntl.ioctl(s.fileno(), SIOCGIFADDR,
                                     struct.pack("256s", name.encode()[:15]))
            except OSError:  # no IPv4 address on this interface
                continue
        found.append(Address(socket.inet_ntoa(packed[20:24]), name))
    return found


def _host_addresses() -> list[Address]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [Address(info[4][0]) for info in infos]


def _default_route_ip() -> str | None:
    """The address the system would use towards a private network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 9))
            return s.getsockname()[0]
        except OSError:
            return None


def usable(ip: str) -> bool:
    try:
        a = ipaddress.IPv4Address(ip)
    except ValueError:
        return False
    return not (a.is_loopback or a.is_link_local or a.is_multicast or a.is_unspecified)


def rank(address: Address, default_ip: str | None = None) -> tuple[int, str]:
    """Lower is likelier: hotspot and Wi-Fi, the default route, private, the rest."""
    name = address.interface.lower()
    score = 50
    if address.ip in HOTSPOT_ADDRESSES:
        score = 0
    elif any(name.startswith(w) or w in name for w in WIRELESS):
        score = 10
    elif address.ip == default_ip:
        score = 20
    elif ipaddress.IPv4Address(address.ip).is_private:
        score = 30
    if any(name.startswith(v) for v in VIRTUAL):
        score += 100
    return score, address.ip


def local_addresses() -> list[Address]:
    """The machine's usable IPv4 addresses, most likely first (may be empty)."""
    found = _linux_addresses() if sys.platform.startswith("linux") else _host_addresses()
    default_ip = _default_route_ip()
    if default_ip and usable(default_ip) and default_ip not in {a.ip for a in found}:
        found.append(Address(default_ip))
    unique: dict[str, Address] = {}
    for a in found:
        if usable(a.ip) and (a.ip not in unique or not unique[a.ip].interface):
            unique[a.ip] = a
    return sorted(unique.values(), key=lambda a: rank(a, default_ip))
