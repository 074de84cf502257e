"""Anonymising: participant and group labels, and the free-text scrubber.

What an anonymised summary promises (every format: PDF, HTML, Markdown, CSV, PNG):

- every participant is shown as P1, P2 ... (in participant order) and every group as G1,
  G2 ... (in group order), in labels, tables, charts, CSV rows and sentences;
- inside free text (title, client, notes, comments, actions, area, board, row, column and
  card names) a participant's full name or a group's full name becomes its label, and every
  word of a participant's name, of any length, becomes the participant's label (a word two
  participants share becomes "[participant]"). Words are matched whole, ignoring case and
  accents (Chloé = Chloe = CHLOE, composed or decomposed), full-width forms and the kind of
  apostrophe (O'Neill = O’Neill), and a name's words match across spaces, hyphens,
  apostrophes and full stops ("Ben Okafor", "ben-okafor");
- so the title, and with it the PDF's title (metadata), the HTML page's title and the
  suggested file name, and the names of PNG files (made from area and board names) carry no
  participant or group name either.

The facilitator's name is kept: the facilitator is the author of the document. A name
written so differently that no rule above matches it (a nickname, a misspelling) is not
found: read the summary before it leaves the room.

Scrubbing is linear in the text: the text is cut into words once and each word looked up in
a trie of the names' folded words (no pattern with one alternative per name), so 5,000
participants cost milliseconds and no call holds the interpreter for long.
"""
from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from lpdesk.export.wording import tr
from lpdesk.model.session import Session

# A word: a run of anything but white space and punctuation (letters of any script with
# their combining marks, digits). Apostrophes and hyphens separate words.
_SEPARATORS = (r"\s!-/:-@\[-`{-~\u00a0-\u00bf\u02bc\u2000-\u206f\u2e00-\u2e7f"
               r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65")
_WORD = re.compile(f"[^{_SEPARATORS}]+")
# what may stand between the words of one name
_JOINER = re.compile(r"[\s\-\u2010-\u2015'`\u2018\u2019\u02bc\uff07.]+")
MAX_NAME_WORDS = 8  # runs of more words of one name are matched as the full name only
_VALUE = "\0"  # the trie node key holding the replacement
# letters that do not decompose into a base letter and an accent, as they are written
# without one (after case folding)
_UNACCENTED = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "ŧ": "t",
                             "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word as names are compared: compatibility-decomposed, accents dropped, case
    folded ('Chloé', 'CHLOE', 'Chloe\\u0301' and 'Ｃｈｌｏｅ' all give 'chloe'; 'Søren'
    gives 'soren')."""
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return plain.translate(_UNACCENTED)


def words(text: str) -> list[str]:
    return [fold(m.group(0)) for m in _WORD.finditer(text)]


class Names:
    """Participant and group labels (real names, or P1 ... and G1 ...) and `text`, which
    scrubs free text when anonymising."""

    def __init__(self, session: Session, anonymise: bool,
                 others: Iterable[Session] = ()) -> None:
        """`others`: further sessions (a comparison's) whose participants and groups may be
        mentioned too; their names become "[participant]" and "[group]", as theirs are not
        labelled here."""
        self.anonymise = anonymise
        self._others = [o for o in others if o is not session]
        self.label: dict[str, str] = {}
        self.group: dict[str, str] = {}
        for index, p in enumerate(session.participants, 1):
            self.label[p.id] = f"P{index}" if anonymise else p.name
        for index, g in enumerate(session.groups, 1):
            self.group[g.id] = f"G{index}" if anonymise else g.name
        self._trie: dict = {}
        if anonymise:
            self._build(session)

    def _add(self, phrase: list[str], label: str, priority: int,
             ambiguous: str | None = None) -> None:
        """File `phrase` under `label`; a phrase already filed at a higher priority keeps
        its label, one filed at the same priority by someone else becomes `ambiguous`."""
        if not phrase:
            return
        node = self._trie
        for word in phrase:
            node = node.setdefault(word, {})
        held = node.get(_VALUE)
        if held is None or held[1] > priority:
            node[_VALUE] = (label, priority)
        elif held[1] == priority and held[0] != label and ambiguous is not None:
            node[_VALUE] = (ambiguous, priority)

    def _build(self, session: Session) -> None:
        someone = tr("[participant]")
        for p in session.participants:  # full names first, then groups, then single words
            self._add(words(p.name), self.label[p.id], 0, someone)
        for g in session.groups:
            self._add(words(g.name), self.group[g.id], 1, tr("[group]"))
        for p in session.participants:  # every run of a name's words: "O'Neill", "Ben"
            parts = words(p.name)[:MAX_NAME_WORDS]
            for start in range(len(parts)):
                for end in range(start + 1, len(parts) + 1):
                    self._add(parts[start:end], self.label[p.id], 2, someone)
        for other in self._others:  # a comparison's other sessions, after everyone here
            for p in other.participants:
                parts = words(p.name)[:MAX_NAME_WORDS]
                for start in range(len(parts)):
                    for end in range(start + 1, len(parts) + 1):
                        self._add(parts[start:end], someone, 3)
            for g in other.groups:
                self._add(words(g.name), tr("[group]"), 3)

    def text(self, value: str) -> str:
        """Free text with participant and group names replaced when anonymising."""
        if not self._trie or not value:
            return value
        found = list(_WORD.finditer(value))
        out: list[str] = []
        done = 0  # value[:done] is in out
        i, n = 0, len(found)
        while i < n:
            node, j, hit = self._trie, i, None
            while j < n:
                if j > i and not _JOINER.fullmatch(value, found[j - 1].end(), found[j].start()):
                    break
                node = node.get(fold(found[j].group(0)))
                if node is None:
                    break
                j += 1
                if _VALUE in node:
                    hit = (j, node[_VALUE][0])
            if hit is None:
                i += 1
                continue
            end, label = hit
            out.append(value[done:found[i].start()])
            out.append(label)
            done = found[end - 1].end()
            i = end
        if not out:
            return value
        out.append(value[done:])
        return "".join(out)


def anonymised_session(session: Session, others: Iterable[Session] = ()) -> Session:
    """A copy of `session` as an anonymised document shows it: participants P1, P2 ...,
    groups G1, G2 ..., and every free text (title, client, notes, areas, boards, rows,
    columns, cards, agenda, the room's notes and their authors) scrubbed by `Names`. The
    comparison of workshops reads these copies, so it keeps the promise the summary keeps;
    the session itself is not touched. `others`: see `Names`."""
    names = Names(session, True, others)
    t = names.text
    out = copy.deepcopy(session)
    for p in out.participants:
        p.name = names.label[p.id]
    for g in out.groups:
        g.name = names.group[g.id]
    out.title, out.client, out.notes = t(out.title), t(out.client), t(out.notes)
    for area in out.continuum.areas:
        area.name = t(area.name)
    for board in out.matrix.boards:
        board.name = t(board.name)
        for axis in (*board.rows, *board.columns):
            axis.name = t(axis.name)
        for card in board.cards:
            card.text = t(card.text)
    for item in out.agenda.items:
        item.title, item.notes = t(item.title), t(item.notes)
    for note in out.room.notes:
        note.text = t(note.text)
        note.author = t(note.author) if note.author else ""
    return out
