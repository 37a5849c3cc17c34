"""Risk memory: several weaker risk-to-life signals from one person, or in one room, add up (issue #12).

A young person rarely writes "I'm going to kill myself" in one message. "giving my stuff away",
then "won't be here next week", then "tell my mum sorry" are each below the classifier's threshold,
but together they are a P1 (PRODUCT.md 2.7: a risk-to-life signal always reaches a moderator and
shows the author signposts). For each author (the flood key: only their own posting counts), the
screener remembers recent weak signals, in process memory, for ``window_seconds`` (30 minutes). When
``needed`` weak signals fall in the window, the message that completes them is held at P1 with the
crisis signposts, labelled ``accumulated``, and the earlier ones come back with it
(``ScreenResult.earlier``) for the queue item's evidence: the moderator sees the messages that added
up, wherever they were posted (another room, a forum thread), not just what was said around the
last one. A signal's text is kept only while it can still count (the window, at most
``KEPT_CHARS`` of it) and is dropped when it expires, is spent or its author is forgotten.

A room remembers too (``RoomMemory``): worry often arrives spread over several people ("has anyone
heard from jess", "she gave me her hoodie and said keep it", "her phone's been off all day"). When
``ROOM_NEEDED`` weak signals from at least ``ROOM_AUTHORS`` different people fall in one room (a chat
room or group, the content's space) within ``ROOM_WINDOW_SECONDS`` (15 minutes), the message that
completes them is held at P1 with the signposts, labelled ``accumulated_room``, with the others as
evidence. One person's signals are the author memory's job.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from collections.abc import Callable

from .types import WeakSignal

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
# A signal's text kept for the evidence, at most: a long message's opening is enough for the moderator
# to find it. An author keeps at most ``needed`` - 1 signals and a room ``needed`` x ``authors``, so a
# flood of weak signals from 20,000 accounts into 20,000 rooms keeps at most 8 x 20,000 x 2,000
# characters (about 320 MB); ordinary use keeps a few kilobytes.
KEPT_CHARS = 2_000


def kept(signal: WeakSignal) -> WeakSignal:
    """The signal as the memory keeps it: its text cut to ``KEPT_CHARS``."""
    if len(signal.text) <= KEPT_CHARS:
        return signal
    return WeakSignal(
        signal.text[: KEPT_CHARS - 1] + "…", signal.at, signal.author, signal.space, signal.subject
    )


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
        self._recent: OrderedDict[str, deque[tuple[float, WeakSignal]]] = OrderedDict()
        self._lock = threading.Lock()

    def weak_signal(self, key: str | None, signal: WeakSignal) -> tuple[WeakSignal, ...] | None:
        """Record one weak signal from ``key``. When it completes ``needed`` in the window, the
        earlier signals, oldest first (they are then spent, so the next alert needs ``needed`` new
        ones); otherwise None."""
        if key is None:
            return None
        now = self._clock()
        horizon = now - self.window_seconds
        with self._lock:
            signals = self._recent.pop(key, None) or deque()
            while signals and signals[0][0] <= horizon:
                signals.popleft()
            if len(signals) + 1 >= self.needed:
                return tuple(earlier for _, earlier in signals)  # the key is left out: spent
            signals.append((now, kept(signal)))
            self._recent[key] = signals
            while len(self._recent) > MAX_KEYS:
                self._recent.popitem(last=False)
        return None

    def __len__(self) -> int:
        return len(self._recent)


class RoomMemory:
    """Weak risk-to-life signals per room, with who sent each."""

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
        self._recent: OrderedDict[str, deque[tuple[float, WeakSignal]]] = OrderedDict()
        self._lock = threading.Lock()

    def weak_signal(self, room: str | None, signal: WeakSignal) -> tuple[WeakSignal, ...] | None:
        """Record one weak signal in ``room`` (from ``signal.author``). When the room's window holds
        ``needed`` of them from at least ``authors`` people, the earlier ones, oldest first (they are
        then spent); otherwise None."""
        if room is None:
            return None
        now = self._clock()
        horizon = now - self.window_seconds
        with self._lock:
            signals = self._recent.pop(room, None) or deque()
            while signals and signals[0][0] <= horizon:
                signals.popleft()
            signals.append((now, kept(signal)))
            # An unknown author counts as someone new: it cannot be shown to be the same person.
            authors = [s.author for _, s in signals]
            people = len({a for a in authors if a is not None}) + authors.count(None)
            if len(signals) >= self.needed and people >= self.authors:
                return tuple(earlier for _, earlier in list(signals)[:-1])  # the room is left out: spent
            # Signals that have not added up are a few people's: the newest ``needed`` x ``authors``
            # are kept, which bounds the memory and still lets the next people complete them.
            while len(signals) > self.needed * self.authors:
                signals.popleft()
            self._recent[room] = signals
            while len(self._recent) > MAX_KEYS:
                self._recent.popitem(last=False)
        return None

    def __len__(self) -> int:
        return len(self._recent)
