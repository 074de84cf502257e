"""The Windows installer lets phones reach lpdesk: an inbound firewall rule for lpdesk.exe on
private networks only, added at install (whether installed for all users or for one, which
asks an administrator once) and removed at uninstall. Read from bundle/windows/lpdesk.iss,
with its preprocessor defines expanded as Inno Setup's would."""
from __future__ import annotations

import re

from repo_paths import ROOT

ISS = ROOT / "bundle" / "windows" / "lpdesk.iss"


def sections() -> dict[str, list[str]]:
    """Section name -> its entries, with {#Define}s expanded and Inno's "" read as "."""
    text = ISS.read_text(encoding="utf-8")
    defines = {m.group(1): m.group(2) or m.group(3) for m in re.finditer(
        r"^#define (\w+) (?:'([^']*)'|\"([^\"]*)\")\s*$", text, re.M)}
    out: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith((";", "#")):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            current = header.group(1)
            continue
        for name, value in defines.items():
            line = line.replace("{#" + name + "}", value)
        out.setdefault(current, []).append(line.replace('""', '"'))
    return out


def netsh(entries: list[str], verb: str) -> list[str]:
    return [e for e in entries if "netsh.exe" in e and f"advfirewall firewall {verb} rule" in e]


def rule_names(entries: list[str]) -> set[str]:
    return {m for e in entries for m in re.findall(r'name="([^"]+)"', e)}


def test_install_adds_an_inbound_rule_for_lpdesk_on_private_networks_only():
    s = sections()
    added = netsh(s["Run"], "add")
    assert added, "no firewall rule at install"
    for entry in added:
        assert "dir=in" in entry and "action=allow" in entry
        assert "profile=private" in entry and "public" not in entry and "profile=any" not in entry
        assert 'program="{app}\\lpdesk.exe"' in entry
        assert "Tasks: firewall" in entry
    # both install modes: all users (already administrator) and one user (asks once)
    assert any("Check: IsAdminInstallMode" in e for e in added)
    assert any("Check: not IsAdminInstallMode" in e and 'Verb: "runas"' in e for e in added)
    assert any(t.startswith('Name: "firewall"') and "unchecked" not in t for t in s["Tasks"])


def test_uninstall_removes_the_same_rule_and_a_reinstall_does_not_stack_them():
    s = sections()
    added, removed = netsh(s["Run"], "add"), netsh(s["UninstallRun"], "delete")
    assert removed, "the firewall rule outlives the app"
    assert rule_names(added) == rule_names(removed) == {"lpdesk (phones)"}
    assert any("Check: IsAdminInstallMode" in e for e in removed)
    assert any("Check: not IsAdminInstallMode" in e and 'Verb: "runas"' in e for e in removed)
    assert all("RunOnceId:" in e for e in removed)
    # at install, an old rule of the same name is deleted before the new one is added
    for mode in ("Check: IsAdminInstallMode", "Check: not IsAdminInstallMode"):
        line = " ".join(e for e in s["Run"] if mode in e)
        assert 0 <= line.find("firewall delete rule") < line.find("firewall add rule"), mode
