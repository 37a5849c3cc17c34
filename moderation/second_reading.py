"""Second reading: what screening let through without a risk-to-life finding is read again, off the
request, by the second reader (``screening/reader.py``, issue #12).

The screen decides, within its 1 ms, whether content is published. The second reader takes 10-50
ms a message, so it never holds anything up: each screened text without a risk-to-life finding at
P0/P1 goes on a bounded queue, and one thread per process reads it. When the reader and the linear
model together read a risk to life, the content's queue item is opened (or raised) at P1 under
``self_harm`` or ``friend_concern`` with the label ``second_reader``, and the author is sent the crisis
signposts (PRODUCT.md 2.7), through a notice the backend copies into their notifications.

What it cannot promise, and why that is acceptable: a reading waits behind others (seconds, at
most ``QUEUE_LIMIT`` messages); a full queue or a process that stops loses the readings not yet
done (counted in the log). Nothing is lost that the screen found: this adds findings, never
removes one. A moderation database that is down is tried again ``ATTEMPTS`` times.
"""

from __future__ import annotations

import logging
import queue as queues
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask

from moderation import audit, db, notifications, queue
from moderation.screening import SIGNPOSTS, Match, ScreenResult, reader
from moderation.serial import jsonable
from moderation.types import Subject

log = logging.getLogger(__name__)

QUEUE_LIMIT = 1000
ATTEMPTS = 3
RETRY_SECONDS = 5.0
LABEL = "second_reader"


@dataclass(frozen=True)
class Reading:
    subject: Subject
    attempts: int = 0


class SecondReading:
    """The process's queue and its reading thread (started with the app, ``start``)."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.pending: queues.Queue[Reading] = queues.Queue(maxsize=QUEUE_LIMIT)
        self.skipped = 0
        self.stop = threading.Event()

    def submit(self, subject: Subject, attempts: int = 0) -> None:
        if self.stop.is_set():
            return
        try:
            self.pending.put_nowait(Reading(subject, attempts))
        except queues.Full:
            # Counted and logged (never the text): the screen's own verdict stands for this one.
            self.skipped += 1
            log.warning("second reading skipped %s:%s: queue full", subject.type, subject.id)

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
            try:
                with self.app.app_context():
                    read(reading.subject)
            except Exception:
                log.exception("second reading of %s:%s failed", reading.subject.type, reading.subject.id)
                if reading.attempts + 1 < ATTEMPTS and not self.stop.wait(RETRY_SECONDS):
                    self.submit(reading.subject, reading.attempts + 1)
            finally:
                self.pending.task_done()


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
    """Queue ``subject`` for a second reading when the screen left a risk to life unread; nothing
    when second reading is not running in this process."""
    if _reading is not None and reader.needs_reading(result):
        _reading.submit(subject)


T = TypeVar("T")


def _off_the_loop(work: Callable[..., T], *args: Any) -> T:
    """``work(*args)`` on a real thread: under gevent, a greenlet doing 10-50 ms of arithmetic would
    hold up every socket of the process."""
    try:
        from gevent import get_hub, monkey
    except ImportError:
        return work(*args)
    if monkey.is_module_patched("threading"):
        return get_hub().threadpool.apply(work, args)  # type: ignore[no-any-return]
    return work(*args)


def read(subject: Subject) -> int | None:
    """Read ``subject`` again; on a finding, open or raise its queue item at P1 and leave the
    author's signposts for the backend. The item's id, or None when nothing was found."""
    started = time.perf_counter()
    category = _off_the_loop(reader.finding, subject.text, subject.audience)
    if category is None:
        return None
    match = Match(category, LABEL, ((0, len(subject.text)),), reader.PRIORITY)
    with db.write() as session:
        item, _evidence = queue.open_or_update(
            session,
            subject,
            source="screening",
            priority=reader.PRIORITY,
            categories=(category,),
            matches=(match,),
            verdict="allow",
        )
        audit.record(session, "item.second_reading", "item", item.id, category=category)
        notifications.signpost_author(
            session, item, subject.author.user_id, category, jsonable(list(SIGNPOSTS[category]))
        )
        session.commit()
    log.info("second reading raised item %s (%.0f ms)", item.id, (time.perf_counter() - started) * 1000)
    return item.id
