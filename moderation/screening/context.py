"""Risk memory: several weaker risk-to-life signals from one person, or in one room, add up (issue #12).

A young person rarely writes "I'm going to kill myself" in one message. "giving my stuff away",
then "won't be here next week", then "tell my mum sorry" are each below the classifier's threshold,
but together they are a P1 (PRODUCT.md 2.7: a risk-to-life signal always reaches a moderator and
shows the author signposts). For each author (the flood key: only their own posting counts), the
screener remembers the time and the risk-to-life score of recent weak signals, in process memory,
for ``window_seconds`` (30 minutes). No text is kept. When ``needed`` weak signals fall in the window,
the message that completes them is held at P1 with the crisis signposts, labelled ``accumulated``;
the queue item's context (the author's previous messages) carries the earlier ones as evidence.

A room remembers too (``RoomMemory``): worry often arrives spread over several people ("has anyone
heard from jess", "she gave me her hoodie and said keep it", "her phone's been off all day"). When
``ROOM_NEEDED`` weak signals from at least ``ROOM_AUTHORS`` different people fall in one room (a chat
room or group, the content's space) within ``ROOM_WINDOW_SECONDS`` (15 minutes), the message that
completes them is held at P1 with the signposts, labelled ``accumulated_room``; the item's context
(the room's previous messages) holds the others. One person's signals are the author memory's job.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Callable

WINDOW_SECONDS = 30 * 60
NEEDED = 3  # weak signals in the window, this message included
# A weak signal scores at least this share of the audience's threshold, and less than the threshold:
# on out-of-fold scores (train.py), about 5% of benign messages in young people's spaces (4% in
# adults') and 11% of risk-to-life ones (7%) fall in that band; those above it are held on their own.
WEAK_SHARE = 0.5
ROOM_WINDOW_SECONDS = 15 * 60
ROOM_NEEDED = 3
ROOM_AUTHORS = 2
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


class RoomMemory:
    """Weak risk-to-life signals per room, with who sent each; no text is kept."""

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        window_seconds: float = ROOM_WINDOW_SECONDS,
        needed: int = ROOM_NEEDED,
        authors: int = ROOM_AUTHORS,
    ) -> None:
        self._clock = clock
        self.window_seconds = window_seconds
        self.needed = needed
        self.authors = authors
        self._recent: OrderedDict[str, deque[tuple[float, str | None]]] = OrderedDict()
        self._lock = threading.Lock()

    def weak_signal(self, room: str | None, author: str | None) -> bool:
        """Record one weak signal in ``room`` from ``author``; True when the room's window holds
        ``needed`` of them from at least ``authors`` people (they are then spent)."""
        if room is None:
            return False
        now = self._clock()
        horizon = now - self.window_seconds
        with self._lock:
            signals = self._recent.pop(room, None) or deque()
            while signals and signals[0][0] <= horizon:
                signals.popleft()
            signals.append((now, author))
            # An unknown author counts as someone new: it cannot be shown to be the same person.
            people = len({a for _, a in signals if a is not None}) + sum(a is None for _, a in signals)
            if len(signals) >= self.needed and people >= self.authors:
                return True  # the room is left out: its signals are spent
            self._recent[room] = signals
            while len(self._recent) > MAX_KEYS:
                self._recent.popitem(last=False)
        return False

    def __len__(self) -> int:
        return len(self._recent)
