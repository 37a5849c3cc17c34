"""Flooding: too many messages, or the same message again and again, in a short time.

Blocked outright ("flooding"): a burst of messages drowns a conversation and, in a chat, pushes a
young person's message out of sight before anyone can answer it. The state is a bounded in-memory
map per process; with several processes each counts its own share, which still stops a burst from
one connection. Every attempt counts, blocked or not, so a flooder stays blocked until they pause.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Callable

from .types import Doc, Hit

REPEAT_LIMIT = 3  # the same text this many times in the window is flooding
MAX_KEYS = 20_000  # senders remembered at once; the least recently active are forgotten first
PRIORITY = 4


class _Recent:
    """One sender's attempts in the window, oldest first, with how often each text occurs in it
    (kept as attempts come and go, so a scan costs the same however busy the window is)."""

    __slots__ = ("attempts", "texts")

    def __init__(self) -> None:
        self.attempts: deque[tuple[float, str]] = deque()
        self.texts: dict[str, int] = {}

    def add(self, at: float, text: str) -> None:
        self.attempts.append((at, text))
        self.texts[text] = self.texts.get(text, 0) + 1

    def drop_oldest(self) -> None:
        _, text = self.attempts.popleft()
        left = self.texts[text] - 1
        if left:
            self.texts[text] = left
        else:
            del self.texts[text]


class Flood:
    category = "flooding"

    def __init__(self, *, window_seconds: float, max_messages: int, clock: Callable[[], float]) -> None:
        self.window_seconds = window_seconds
        self.max_messages = max_messages
        self._clock = clock
        self._recent: OrderedDict[str, _Recent] = OrderedDict()
        self._lock = threading.Lock()
        # Only the last max_messages + 1 (at least REPEAT_LIMIT) entries can matter to either rule.
        self._keep = max(max_messages + 1, REPEAT_LIMIT)

    def scan(self, doc: Doc) -> list[Hit]:
        key = doc.item.flood_key
        if key is None:
            return []
        now = self._clock()
        text = " ".join(doc.norm.text.split())
        with self._lock:
            recent = self._recent.pop(key, None) or _Recent()
            self._recent[key] = recent  # now the most recently used
            recent.add(now, text)
            horizon = now - self.window_seconds
            attempts = recent.attempts
            while attempts and (attempts[0][0] <= horizon or len(attempts) > self._keep):
                recent.drop_oldest()
            in_window = len(attempts)
            repeats = recent.texts.get(text, 0)
            self._evict(horizon)
        label = None
        if in_window > self.max_messages:
            label = "too_many_messages"
        elif repeats >= REPEAT_LIMIT and text:
            label = "repeated_message"
        if label is None:
            return []
        return [Hit(self.category, label, ((0, len(doc.norm.text)),), PRIORITY, "block")]

    def _evict(self, horizon: float) -> None:
        """Forget senders with nothing in the window (oldest first), and any beyond MAX_KEYS."""
        while self._recent:
            oldest_key, oldest = next(iter(self._recent.items()))
            attempts = oldest.attempts
            if len(self._recent) > MAX_KEYS or not attempts or attempts[-1][0] <= horizon:
                del self._recent[oldest_key]
            else:
                break

    def __len__(self) -> int:
        return len(self._recent)
