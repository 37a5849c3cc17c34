"""Risk memory: several weaker risk-to-life signals from one person add up (issue #12).

A young person rarely writes "I'm going to kill myself" in one message. "giving my stuff away",
then "won't be here next week", then "tell my mum sorry" are each below the classifier's threshold,
but together they are a P1 (PRODUCT.md 2.7: a risk-to-life signal always reaches a moderator and
shows the author signposts). For each author (the flood key: only their own posting counts), the
screener remembers the time and the risk-to-life score of recent weak signals, in process memory,
for ``window_seconds`` (30 minutes). No text is kept. When ``needed`` weak signals fall in the window,
the message that completes them is held at P1 with the crisis signposts, labelled ``accumulated``;
the queue item's context (the author's previous messages) carries the earlier ones as evidence.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Callable

WINDOW_SECONDS = 30 * 60
NEEDED = 3  # weak signals in the window, this message included
# A weak signal scores at least this share of the audience's threshold: on the validation split,
# about 4% of benign young people's messages and 87% of risk-to-life ones in young people's spaces.
WEAK_SHARE = 0.5
MAX_KEYS = 20_000  # authors remembered at once; the least recently active are forgotten first


class RiskMemory:
    def __init__(
        self,
        *,
        clock: Callable[[], float],
        window_seconds: float = WINDOW_SECONDS,
        needed: int = NEEDED,
    ) -> None:
        self._clock = clock
        self.window_seconds = window_seconds
        self.needed = needed
        self._recent: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def weak_signal(self, key: str | None) -> bool:
        """Record one weak signal from ``key``; True when it completes ``needed`` in the window
        (the remembered signals are then spent, so the next alert needs ``needed`` new ones)."""
        if key is None:
            return False
        now = self._clock()
        horizon = now - self.window_seconds
        with self._lock:
            times = self._recent.pop(key, None) or deque()
            while times and times[0] <= horizon:
                times.popleft()
            times.append(now)
            if len(times) >= self.needed:
                return True  # the key is left out: its signals are spent
            self._recent[key] = times
            while len(self._recent) > MAX_KEYS:
                self._recent.popitem(last=False)
        return False

    def __len__(self) -> int:
        return len(self._recent)
