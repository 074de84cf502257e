"""The one rate limiter of the phones' side (pure Python, no Qt): a token bucket, and a
table of buckets by key (a device, an address) that forgets idle keys, so an attacker
cycling addresses or devices cannot grow it without bound.

Used by the server (messages of every frame kind per phone, new devices and wrong room
codes per address) and by the comments from phones (live/activities.py's NoteRate).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    """`burst` at once, then `rate` per second."""

    rate: float
    burst: float
    tokens: float = -1.0  # full when first used
    at: float = 0.0
    refused: int = 0  # refusals so far (a flood is cut off after so many)
    last_warned: float = float("-inf")

    def _fill(self, now: float) -> None:
        if self.tokens < 0:
            self.tokens, self.at = self.burst, now
        self.tokens = min(self.burst, self.tokens + max(0.0, now - self.at) * self.rate)
        self.at = now

    def take(self, now: float | None = None, cost: float = 1.0) -> bool:
        """Spend `cost` if there is enough; False (and counted) otherwise."""
        now = time.monotonic() if now is None else now
        self._fill(now)
        if self.tokens >= cost:
            self.tokens -= cost
            return True
        self.refused += 1
        return False

    def wait(self, now: float, cost: float = 1.0) -> float:
        """Seconds until `cost` could be taken."""
        self._fill(now)
        return 0.0 if self.tokens >= cost else (cost - self.tokens) / self.rate

    def full(self, now: float) -> bool:
        self._fill(now)
        return self.tokens >= self.burst


@dataclass
class Buckets:
    """One bucket per key, made by `make`; at most `most` keys (the idle ones, whose
    bucket is full again, are forgotten first; then the oldest)."""

    make: Callable[[], TokenBucket]
    most: int = 4096
    table: dict[str, TokenBucket] = field(default_factory=dict)

    def get(self, key: str) -> TokenBucket:
        bucket = self.table.get(key)
        if bucket is None:
            if len(self.table) >= self.most:
                self.prune(time.monotonic())
            bucket = self.table[key] = self.make()
        return bucket

    def take(self, key: str, now: float | None = None, cost: float = 1.0) -> bool:
        return self.get(key).take(now, cost)

    def prune(self, now: float) -> None:
        """Forget keys whose bucket is full again (nothing to remember about them)."""
        for key in [k for k, b in self.table.items() if b.full(now)]:
            del self.table[key]
        while len(self.table) >= self.most:  # all busy: forget the oldest
            del self.table[next(iter(self.table))]
