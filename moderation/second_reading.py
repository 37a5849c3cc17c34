"""Second reading: what screening let through without a risk-to-life or harm finding is read again, off
the request, by the second reader (``screening/reader.py``, issue #12).

The screen decides, within its 1 ms, whether content is published. The second reader takes 10-50 ms a
message, so it never holds anything up: each screened text the screen found no risk to life in at P0/P1,
or no harm in, goes on a bounded queue, and one thread per process reads it for what the screen left
unread. A finding is dealt with as the screen would have dealt with it (``learned.decision``): the
content's queue item is opened (or raised) under the category with the label ``second_reader``, at P1
for a risk to life and for harm in young people's spaces, P2 for harm in adults', and content the screen
would have held is hidden pending review (the hide the reports rule uses; child-to-parent violence told
by a carer is only noted, at P3). Its author is sent the category's signposts (crisis lines for a risk
to life, Childline and 999 for abuse; PRODUCT.md 2.7), through a notice the backend copies into their
notifications.

What it cannot promise, and why that is acceptable: a reading waits behind others (seconds, at
most ``QUEUE_LIMIT`` messages; the thread takes at most ``CPU_SHARE`` of a core, about a dozen
messages a second, so that requests keep the rest); a full queue or a process that stops loses the
readings not yet done (counted in the log). Nothing is lost that the screen found: this adds findings, never
removes one. A moderation database that is down is tried again ``ATTEMPTS`` times.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import queue as queues
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from flask import Flask

from moderation import audit, db, decisions, effects, notifications, queue
from moderation.models import EffectState
from moderation.screening import SIGNPOSTS, Match, ScreenResult, reader
from moderation.serial import jsonable
from moderation.types import Subject

log = logging.getLogger(__name__)

QUEUE_LIMIT = 1000
ATTEMPTS = 3
RETRY_SECONDS = 5.0
# The share of one core the reading may take. It competes with requests for the process's
# interpreter lock as well as for the CPU (B1, chat fan-out on two cores, against the bare server:
# 0.67 with second reading off, 0.31 reading all it could, 0.44 at half a core; docs/operations.md).
CPU_SHARE = 0.5
LABEL = "second_reader"
HIDE_REASON = "Hidden pending review: the second reader read a risk in it after it was published"


@dataclass(frozen=True)
class Reading:
    subject: Subject
    groups: tuple[str, ...]  # what the screen left unread (``reader.unread_groups``)
    attempts: int = 0


class SecondReading:
    """The process's queue and its reading thread (started with the app, ``start``)."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.pending: queues.Queue[Reading] = queues.Queue(maxsize=QUEUE_LIMIT)
        self.skipped = 0
        self.stop = threading.Event()

    def submit(self, reading: Reading) -> None:
        if self.stop.is_set():
            return
        try:
            self.pending.put_nowait(reading)
        except queues.Full:
            # Counted and logged (never the text): the screen's own verdict stands for this one.
            self.skipped += 1
            log.warning("second reading skipped %s:%s: queue full", reading.subject.type, reading.subject.id)

    def loop(self) -> None:
        try:
            _off_the_loop(reader.load)  # the weights load here, at start-up, not on a request
        except Exception:
            log.exception("second reading is off: the second reader could not load")
            self.stop.set()
            return
        while not self.stop.is_set():
            try:
                reading = self.pending.get(timeout=1.0)
            except queues.Empty:
                continue
            started = time.perf_counter()
            try:
                with self.app.app_context():
                    read(reading.subject, reading.groups)
            except Exception:
                log.exception("second reading of %s:%s failed", reading.subject.type, reading.subject.id)
                if reading.attempts + 1 < ATTEMPTS and not self.stop.wait(RETRY_SECONDS):
                    self.submit(replace(reading, attempts=reading.attempts + 1))
            finally:
                self.pending.task_done()
            # Rest in proportion to the work just done, so reading again takes at most CPU_SHARE
            # of a core however much arrives (what does not fit waits, or is skipped when the queue
            # is full).
            self.stop.wait((time.perf_counter() - started) * (1 / CPU_SHARE - 1))


_reading: SecondReading | None = None


def start(app: Flask) -> SecondReading:
    """Start this process's reading thread (a daemon). The reader's weights load on it, not on the
    request path. Under gevent the arithmetic runs on the hub's thread pool (``_off_the_loop``)."""
    global _reading
    if _reading is not None:
        _reading.stop.set()
    _reading = SecondReading(app)
    threading.Thread(target=_reading.loop, name="second-reading", daemon=True).start()
    return _reading


def stop() -> None:
    global _reading
    if _reading is not None:
        _reading.stop.set()
        _reading = None


def submit(subject: Subject, result: ScreenResult | None) -> None:
    """Queue ``subject`` for a second reading of what the screen left unread; nothing when second
    reading is not running in this process."""
    groups = reader.unread_groups(result)
    if _reading is not None and groups:
        _reading.submit(Reading(subject, groups))


T = TypeVar("T")


def _off_the_loop(work: Callable[..., T], *args: Any) -> T:
    """``work(*args)`` on a real thread at the lowest CPU priority (``_lowest_priority``). Under gevent
    that is a thread of its own, not a greenlet: a greenlet doing 10-50 ms of arithmetic would hold
    up every socket of the process."""
    try:
        from gevent import monkey
    except ImportError:
        return _lowest_priority(work, *args)
    if monkey.is_module_patched("threading"):
        return _gevent_pool().apply(_lowest_priority, (work, *args))  # type: ignore[no-any-return]
    return _lowest_priority(work, *args)


def _lowest_priority(work: Callable[..., T], *args: Any) -> T:
    """``work(*args)`` with the calling OS thread at nice 19 (Linux sets it per thread): a busy
    process answers its requests first and reads again with the CPU left over. Measured with B2
    (10,000 chat sends, each read again): p99 ack 11.2 ms at normal priority against 5.6 ms with
    second reading off (docs/operations.md)."""
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or not allowed: normal priority
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    return work(*args)


@functools.cache
def _gevent_pool() -> Any:
    """One thread of its own (the hub's pool also resolves names, which must not run at nice 19)."""
    from gevent.threadpool import ThreadPool

    return ThreadPool(1)


def read(subject: Subject, groups: tuple[str, ...] = tuple(reader.READ_GROUPS)) -> int | None:
    """Read ``subject`` again for ``groups``; on a finding, open or raise its queue item, hide the
    content where the screen would have held it, and leave the author's signposts for the backend.
    The item's id, or None when nothing was found."""
    started = time.perf_counter()
    found = _off_the_loop(reader.findings, subject.text, subject.audience, groups)
    if not found:
        return None
    whole = ((0, len(subject.text)),)
    holds = any(f.action == "hold" for f in found)
    hide = None
    with db.write() as session:
        item, _evidence = queue.open_or_update(
            session,
            subject,
            source="screening",
            priority=min(f.priority for f in found),
            categories=tuple(f.category for f in found),
            matches=tuple(Match(f.category, LABEL, whole, f.priority) for f in found),
            verdict="hold" if holds else "allow",
        )
        for finding in found:
            audit.record(session, "item.second_reading", "item", item.id, category=finding.category)
            if finding.category in SIGNPOSTS:
                signposts = jsonable(list(SIGNPOSTS[finding.category]))
                author = subject.author.user_id
                notifications.signpost_author(session, item, author, finding.category, signposts)
        if holds and not item.held and item.hidden_at is None:
            hide = decisions.system_hide(session, item, HIDE_REASON)
        session.commit()
        hide_id = hide.id if hide is not None and hide.effect_state == EffectState.PENDING else None
    if hide_id is not None:
        effects.apply(hide_id)
    log.info("second reading raised item %s (%.0f ms)", item.id, (time.perf_counter() - started) * 1000)
    return item.id
