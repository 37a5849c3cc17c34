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


class Flood:
    category = "flooding"

    def __init__(self, *, window_seconds: float, max_messages: int, clock: Callable[[], float]) -> None:
        self.window_seconds = window_seconds
        self.max_messages = max_messages
        self._clock = clock
        self._recent: OrderedDict[str, deque[tuple[float, str]]] = OrderedDict()
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
            recent = self._recent.pop(key, None) or deque(maxlen=self._keep)
            self._recent[key] = recent  # now the most recently used
            recent.append((now, text))
            horizon = now - self.window_seconds
            while recent and recent[0][0] <= horizon:
                recent.popleft()
            in_window = len(recent)
            repeats = sum(1 for _, seen in recent if seen == text)
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
            if len(self._recent) > MAX_KEYS or not oldest or oldest[-1][0] <= horizon:
                del self._recent[oldest_key]
            else:
                break

    def __len__(self) -> int:
        return len(self._recent)
