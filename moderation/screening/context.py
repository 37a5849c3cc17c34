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

With several server processes (``REDIS_URL``), a person's posts and messages reach different
processes, so both memories keep their signals in Redis (``SharedSignals``), where every process adds
them up. If Redis does not answer within ``SHARED_TIMEOUT_SECONDS``, the process counts in its own
memory (as one process always does) and tries Redis again after ``SHARED_RETRY_SECONDS``: screening
never waits longer, and signals still add up within each process.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import asdict

from .types import WeakSignal

log = logging.getLogger(__name__)

WINDOW_SECONDS = 30 * 60
NEEDED = 3  # weak signals in the window, this message included
# A weak signal scores at least this share of the audience's threshold, and less than the threshold:
# on out-of-fold scores (train.py), about 5% of benign messages in young people's spaces (4% in
# adults') and 11% of risk-to-life ones (7%) fall in that band; those above it are held on their own.
WEAK_SHARE = 0.5
ROOM_WINDOW_SECONDS = 15 * 60
ROOM_NEEDED = 3
ROOM_AUTHORS = 2
MAX_KEYS = 20_000  # authors (rooms) remembered at once; the least recently active are forgotten first
# A signal's text kept for the evidence, at most: a long message's opening is enough for the moderator
# to find it. An author keeps at most ``needed`` - 1 signals and a room ``needed`` x ``authors``, so a
# flood of weak signals from 20,000 accounts into 20,000 rooms keeps at most 8 x 20,000 x 2,000
# characters (about 320 MB) in a process, or in Redis; ordinary use keeps a few kilobytes.
KEPT_CHARS = 2_000
SHARED_TIMEOUT_SECONDS = 0.25  # the longest screening waits for Redis
SHARED_RETRY_SECONDS = 5.0  # how long Redis is left alone after it did not answer


def kept(signal: WeakSignal) -> WeakSignal:
    """The signal as the memory keeps it: its text cut to ``KEPT_CHARS``."""
    if len(signal.text) <= KEPT_CHARS:
        return signal
    return WeakSignal(
        signal.text[: KEPT_CHARS - 1] + "…", signal.at, signal.author, signal.space, signal.subject
    )


class SignalMemory:
    """Weak signals per key (an author, a room) over a window. ``needed`` of them from at least
    ``authors`` people (an unknown author counts as someone new: it cannot be shown to be the same
    person) complete an alert; they are then spent, so the next alert needs new ones."""

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        window_seconds: float,
        needed: int,
        authors: int = 1,
        shared: SharedSignals | None = None,
    ) -> None:
        self._clock = clock
        self.window_seconds = window_seconds
        self.needed = needed
        self.authors = authors
        self._shared = shared
        self._recent: OrderedDict[str, deque[tuple[float, WeakSignal]]] = OrderedDict()
        self._lock = threading.Lock()

    def weak_signal(self, key: str | None, signal: WeakSignal) -> tuple[WeakSignal, ...] | None:
        """Record one weak signal under ``key``. When it completes an alert, the earlier signals,
        oldest first; otherwise None."""
        if key is None:
            return None
        signal = kept(signal)
        if self._shared is not None:
            try:
                return self._shared.record(key, signal, self)
            except Unanswered:
                pass  # counted in this process's memory meanwhile
        now = self._clock()
        horizon = now - self.window_seconds
        with self._lock:
            signals = self._recent.pop(key, None) or deque()
            while signals and signals[0][0] <= horizon:
                signals.popleft()
            signals.append((now, signal))
            if completes([s for _, s in signals], self.needed, self.authors):
                return tuple(earlier for _, earlier in list(signals)[:-1])  # the key is left out: spent
            # Signals that have not added up are a few people's: the newest ``needed`` x ``authors``
            # are kept, which bounds the memory and still lets the next people complete them.
            while len(signals) > self.needed * self.authors:
                signals.popleft()
            self._recent[key] = signals
            while len(self._recent) > MAX_KEYS:
                self._recent.popitem(last=False)
        return None

    def __len__(self) -> int:
        return len(self._recent)


def completes(signals: list[WeakSignal], needed: int, authors: int) -> bool:
    """Whether ``signals`` (the window's, the newest included) make an alert. ``_RECORD`` says the
    same for the signals kept in Redis: change both together."""
    people = [s.author for s in signals]
    return (
        len(signals) >= needed and len({a for a in people if a is not None}) + people.count(None) >= authors
    )


class RiskMemory(SignalMemory):
    """One author's signals (the flood key), over 30 minutes."""

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        window_seconds: float = WINDOW_SECONDS,
        needed: int = NEEDED,
        shared: SharedSignals | None = None,
    ) -> None:
        super().__init__(clock=clock, window_seconds=window_seconds, needed=needed, shared=shared)


class RoomMemory(SignalMemory):
    """One room's signals, over 15 minutes, from at least two people."""

    def __init__(
        self,
        *,
        clock: Callable[[], float],
        window_seconds: float = ROOM_WINDOW_SECONDS,
        needed: int = ROOM_NEEDED,
        authors: int = ROOM_AUTHORS,
        shared: SharedSignals | None = None,
    ) -> None:
        super().__init__(
            clock=clock, window_seconds=window_seconds, needed=needed, authors=authors, shared=shared
        )


class Unanswered(Exception):
    """Redis did not answer (or is being left alone after it did not): count in this process."""


# Atomic per key, so two processes never both spend (or both miss) one alert. KEYS[1]: the key's
# sorted set (score: when a signal was screened). ARGV: now, the window's start, the new signal
# (JSON), needed, authors, how many unspent signals to keep, and the key's lifetime in seconds.
# Returns the signals of a completed alert (the key is then gone: spent), or nothing. The alert's rule
# is ``completes``'s, written again in Lua so that Redis decides it in the same step as it records.
_RECORD = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3])
local signals = redis.call('ZRANGE', KEYS[1], 0, -1)
if #signals >= tonumber(ARGV[4]) then
  local seen, people = {}, 0
  for _, member in ipairs(signals) do
    local author = cjson.decode(member)['author']
    if author == cjson.null or author == nil then
      people = people + 1
    elseif not seen[author] then
      seen[author] = true
      people = people + 1
    end
  end
  if people >= tonumber(ARGV[5]) then
    redis.call('DEL', KEYS[1])
    return signals
  end
end
local extra = #signals - tonumber(ARGV[6])
if extra > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, extra - 1) end
redis.call('EXPIRE', KEYS[1], ARGV[7])
return false
"""


class SharedSignals:
    """A memory's signals in Redis, shared by every server process: one sorted set per key, under
    ``prefix``, that expires with the window. Waits at most ``SHARED_TIMEOUT_SECONDS``; when Redis
    does not answer, ``record`` raises ``Unanswered`` and Redis is left alone for
    ``SHARED_RETRY_SECONDS``. Scores are wall-clock seconds, which every process shares."""

    def __init__(
        self,
        url: str,
        prefix: str,
        *,
        clock: Callable[[], float] = time.time,
        timeout: float = SHARED_TIMEOUT_SECONDS,
        retry_after: float = SHARED_RETRY_SECONDS,
    ) -> None:
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        self._script = self._redis.register_script(_RECORD)
        self._error = redis.RedisError
        self.prefix = prefix
        self._clock = clock
        self._retry_after = retry_after
        self._resting_until = 0.0

    def record(self, key: str, signal: WeakSignal, memory: SignalMemory) -> tuple[WeakSignal, ...] | None:
        """``memory.weak_signal`` in Redis: the earlier signals of a completed alert, oldest first, or
        None."""
        now = self._clock()
        if now < self._resting_until:
            raise Unanswered
        mine = uuid.uuid4().hex  # tells this signal apart from an identical one
        member = json.dumps({"id": mine, **asdict(signal)}, sort_keys=True)
        args: list[str | float] = [now, now - memory.window_seconds, member, memory.needed, memory.authors]
        args += [memory.needed * memory.authors, int(memory.window_seconds) + 1]
        try:
            found = self._script(keys=[self.prefix + key], args=args)
        except self._error as exc:
            # The type only: an error's text could quote the signal (QUALITY.md: no message text in logs).
            log.warning(
                "risk memory: Redis did not answer (%s); counting in this process", type(exc).__name__
            )
            self._resting_until = now + self._retry_after
            raise Unanswered from exc
        if not found:
            return None
        signals = [json.loads(m) for m in found]
        return tuple(
            WeakSignal(s["text"], s["at"], s["author"], s["space"], s["subject"])
            for s in signals
            if s["id"] != mine
        )
