"""Anonymising: participant labels (real names or P1, P2 ...) and the free-text scrubber.

Anonymising replaces participant names with P1, P2 ... in participant order, everywhere:
labels, tables, CSV rows, and inside free texts (notes, comments, card texts), where a
participant's full name, or one of its words of three letters or more, becomes their label
(a word two participants share becomes "[participant]"). The facilitator's name is kept: the
facilitator is the author of the document.
"""
from __future__ import annotations

import re

from lpdesk.export.wording import tr
from lpdesk.model.session import Session


class Names:
    """Participant labels (real names or P1, P2 ...) and the free-text scrubber."""

    def __init__(self, session: Session, anonymise: bool) -> None:
        self.anonymise = anonymise
        self.label: dict[str, str] = {}
        for index, p in enumerate(session.participants, 1):
            self.label[p.id] = f"P{index}" if anonymise else p.name
        self._pattern: re.Pattern[str] | None = None
        self._replacement: dict[str, str] = {}
        if anonymise:
            self._build(session)

    def _build(self, session: Session) -> None:
        words: dict[str, set[str]] = {}
        for p in session.participants:
            full = p.name.strip()
            if full:
                self._replacement.setdefault(full, self.label[p.id])
            for word in re.split(r"[\s\-]+", full):
                if len(word) >= 3:
                    words.setdefault(word, set()).add(self.label[p.id])
        for word, labels in words.items():
            if word not in self._replacement:
                self._replacement[word] = labels.pop() if len(labels) == 1 \
                    else tr("[participant]")
        if self._replacement:
            keys = sorted(self._replacement, key=len, reverse=True)
            self._pattern = re.compile(
                r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")

    def text(self, value: str) -> str:
        """Free text with participant names replaced when anonymising."""
        if self._pattern is None or not value:
            return value
        return self._pattern.sub(lambda m: self._replacement[m.group(0)], value)
