"""Reading a pasted list of participants: what a facilitator copies from a spreadsheet, a
CSV file or an e-mail's address line, turned into names (and groups) to add.

Pure text in, a plan out; nothing is added here. The set-up page shows the plan (a preview
with the duplicates and blank lines that will be left out) before one undoable step adds it.

Understood:
- one name per line, or names separated by ';' (or ',' on a single line);
- columns separated by tabs (a spreadsheet copy): the name, then an optional group;
- a header row (tabs or commas, CSV quoting) naming the columns: Name / First name +
  Last name (Surname) / Group (Team, Table) / E-mail, in any order;
- "Surname, First" (quoted, or one per line): First Surname;
- e-mail addresses: `"Okafor, Ben" <ben@example.org>` -> Ben Okafor, `Ben Okafor <b@x>` ->
  Ben Okafor, `amira.haddad@x.org` -> Amira Haddad.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lpdesk.model.ids import new_id
from lpdesk.model.session import PALETTE, Group, Participant, Session

NAME_HEADERS = {"name", "names", "full name", "fullname", "participant", "participants",
                "participant name", "attendee", "attendees", "person", "delegate"}
FIRST_HEADERS = {"first name", "firstname", "first", "given name", "forename", "first names"}
LAST_HEADERS = {"last name", "lastname", "surname", "family name", "last"}
GROUP_HEADERS = {"group", "groups", "team", "table", "group name", "team name"}
EMAIL_HEADERS = {"email", "e-mail", "mail", "email address", "e-mail address", "address"}
_ADDRESS = re.compile(r"[^\s<>@,;\"]+@[^\s<>@,;\"]+")


@dataclass(frozen=True)
class RosterRow:
    """One participant to add: the name as it will appear, the group by name (or None)."""

    name: str
    group: str | None = None
    line: int = 0  # 1-based line of the pasted text it came from


@dataclass(frozen=True)
class Skipped:
    """A name left out, and why: 'twice in the list' or 'already in the session'."""

    name: str
    reason: str
    line: int = 0


@dataclass
class PastedRoster:
    rows: list[RosterRow] = field(default_factory=list)
    duplicates: list[Skipped] = field(default_factory=list)
    blank_lines: int = 0
    header: tuple[str, ...] | None = None  # the header row that was read as column names
    new_groups: list[str] = field(default_factory=list)  # groups the addition creates

    @property
    def empty(self) -> bool:
        return not self.rows


IN_LIST = "twice in the list"
IN_SESSION = "already in the session"


def same_name(name: str) -> str:
    """The form two names are compared in: case, accents' case and spacing ignored."""
    return " ".join(name.split()).casefold()


def existing_name(names: Iterable[str], name: str) -> str | None:
    """The name among `names` that is the same as `name` (by `same_name`), as spelt there;
    None when `name` is new. The set-up page warns before a second 'Ann Lee' joins."""
    key = same_name(name)
    return next((n for n in names if same_name(n) == key), None) if key else None


def _tidy(name: str) -> str:
    return " ".join(name.replace("\u00a0", " ").split()).strip(" ,;\"'")


def _swap_surname(name: str) -> str:
    """'Okafor, Ben' -> 'Ben Okafor'; a name without exactly one comma stays as it is."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2 and all(parts):
        return f"{parts[1]} {parts[0]}"
    return name


def name_from_address(address: str) -> str:
    """'amira.haddad@x.org' -> 'Amira Haddad': the local part's words, capitalised."""
    local = address.split("@", 1)[0].split("+", 1)[0]
    words = [w for w in re.split(r"[._\-]+", local) if w]
    return " ".join(w[:1].upper() + w[1:] for w in words) or address


def _split_outside_quotes(text: str, separators: str) -> list[str]:
    """Split at any of `separators` that is not inside "quotes" or <angle brackets>."""
    parts, current, quoted, angled = [], [], False, False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "<" and not quoted:
            angled = True
        elif char == ">" and not quoted:
            angled = False
        if char in separators and not quoted and not angled:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def name_from_mailbox(entry: str) -> str:
    """A name from one address entry: the display name if there is one ("Surname, First"
    swapped), else the address's local part."""
    entry = entry.strip()
    match = _ADDRESS.search(entry)
    if not match:
        return _tidy(entry)
    display = (entry[:match.start()] + entry[match.end():]).replace("<", " ").replace(">", " ")
    display = display.strip().strip("()").strip()
    if display.startswith('"') and display.endswith('"') and len(display) > 1:
        display = display[1:-1]
    display = _tidy(display)
    if display:
        return _tidy(_swap_surname(display))
    return name_from_address(match.group(0))


def _header_role(cell: str) -> str | None:
    key = " ".join(cell.strip().strip('"').replace("_", " ").split()).casefold()
    for role, names in (("name", NAME_HEADERS), ("first", FIRST_HEADERS),
                        ("last", LAST_HEADERS), ("group", GROUP_HEADERS),
                        ("email", EMAIL_HEADERS)):
        if key in names:
            return role
    return None


def _cells(line: str, delimiter: str) -> list[str]:
    if delimiter == "\t":
        return [c.strip() for c in line.split("\t")]
    return [c.strip() for c in next(csv.reader([line], skipinitialspace=True), [])]


def _read_header(first: str) -> tuple[str, dict[str, int]] | None:
    """(delimiter, role -> column) when the first line names the columns."""
    for delimiter in ("\t", ",", ";"):
        if delimiter not in first:
            continue
        roles: dict[str, int] = {}
        for index, cell in enumerate(_cells(first, delimiter)):
            role = _header_role(cell)
            if role and role not in roles:
                roles[role] = index
        if roles.keys() & {"name", "first", "last", "email"}:
            return delimiter, roles
    if _header_role(first) in ("name", "email"):  # a single column with its title
        return "\t", {_header_role(first): 0}
    return None


def _from_columns(cells: list[str], roles: dict[str, int]) -> tuple[str, str | None]:
    def cell(role: str) -> str:
        index = roles.get(role)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    name = cell("name")
    if not name:
        name = " ".join(p for p in (cell("first"), cell("last")) if p)
    if not name and cell("email"):
        name = name_from_mailbox(cell("email"))
    elif "@" in name:
        name = name_from_mailbox(name)
    else:
        name = _swap_surname(name) if "name" in roles else name
    return _tidy(name), (_tidy(cell("group")) or None)


def _entries(text: str) -> tuple[list[tuple[int, str, str | None]], int, tuple[str, ...] | None]:
    """(line, name, group) for every entry in reading order, the number of blank lines, and
    the header row if one was read."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()  # a trailing newline (or several) is not a blank line in the list
    while lines and not lines[0].strip():
        lines.pop(0)
        # leading blank lines are just as meaningless; they are not reported either
    blank = sum(1 for line in lines if not line.strip())
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    if not numbered:
        return [], blank, None
    out: list[tuple[int, str, str | None]] = []
    header = _read_header(numbered[0][1])
    if header is not None:
        delimiter, roles = header
        header_cells = tuple(_cells(numbered[0][1], delimiter))
        for n, line in numbered[1:]:
            name, group = _from_columns(_cells(line, delimiter), roles)
            out.append((n, name, group))
        return out, blank, header_cells
    if any("@" in line for _, line in numbered):
        for n, line in numbered:
            for entry in _split_outside_quotes(line, ",;\t"):
                if entry.strip():
                    out.append((n, name_from_mailbox(entry), None))
        return out, blank, None
    if any("\t" in line for _, line in numbered):
        for n, line in numbered:
            cells = _cells(line, "\t")
            group = _tidy(cells[1]) if len(cells) > 1 else ""
            out.append((n, _tidy(_swap_surname(_unquote(cells[0]))), group or None))
        return out, blank, None
    one_per_line = len(numbered) > 1 and all(
        len(_split_outside_quotes(line, ",")) <= 2 for _, line in numbered)
    for n, line in numbered:
        for entry in _split_outside_quotes(line, ";"):
            if one_per_line:
                parts = [_unquote(entry)]
            else:
                parts = [_unquote(p) for p in _split_outside_quotes(entry, ",")]
            for part in parts:
                out.append((n, _tidy(_swap_surname(part)), None))
    return out, blank, None


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


def read_roster(text: str, session_names: Iterable[str] = (),
                session_groups: Iterable[str] = ()) -> PastedRoster:
    """What pasting `text` would add to a session that already has `session_names` and
    `session_groups`: the rows, the duplicates left out, the blank lines, new groups."""
    entries, blank, header = _entries(text)
    known = {same_name(n) for n in session_names}
    groups_known = {same_name(g): g for g in session_groups}  # spelt as first met
    result = PastedRoster(blank_lines=blank, header=header)
    seen: set[str] = set()
    for line, name, group in entries:
        if not name:
            continue
        key = same_name(name)
        if key in known:
            result.duplicates.append(Skipped(name, IN_SESSION, line))
            continue
        if key in seen:
            result.duplicates.append(Skipped(name, IN_LIST, line))
            continue
        seen.add(key)
        if group and same_name(group) not in groups_known:
            groups_known[same_name(group)] = group
            result.new_groups.append(group)
        if group:
            group = groups_known[same_name(group)]  # 'quay' joins the group 'Quay'
        result.rows.append(RosterRow(name, group, line))
    return result


def split_names(text: str) -> list[str]:
    """Just the names a pasted text would add (duplicates within it left out)."""
    return [row.name for row in read_roster(text).rows]


def plan_addition(session: Session, roster: PastedRoster
                  ) -> tuple[list[Group], list[Participant]]:
    """The groups and participants (not yet in `session`) that adding `roster` makes: fresh
    distinct ids, next free colours, each person in their group (an existing one by name, or
    one of the new groups)."""
    taken = set(session.all_ids())
    used = [g.colour for g in session.groups]
    by_name = {same_name(g.name): g.id for g in session.groups}
    groups: list[Group] = []
    for name in roster.new_groups:
        colour = next((c for c in PALETTE if c not in used), PALETTE[len(used) % len(PALETTE)])
        group = Group(new_id("g", taken), name, colour)
        taken.add(group.id)
        used.append(colour)
        by_name[same_name(name)] = group.id
        groups.append(group)
    participants = session.new_participants([row.name for row in roster.rows])
    for participant, row in zip(participants, roster.rows, strict=True):
        while participant.id in taken:  # never the id of a group made just above
            participant.id = new_id("p", taken | {p.id for p in participants})
        taken.add(participant.id)
        participant.group_id = by_name.get(same_name(row.group)) if row.group else None
    return groups, participants
