"""Per-request deadlines: every wait a request or socket event makes on a database ends by then.

A request (or socket event) starts with ``REQUEST_TIMEOUT`` seconds to live. Each answer it waits
for from a server database is waited for at most until then (``backend.core.db``: the connection's
waits take ``remaining()`` as their timeout), so a slow or silent database gives the caller a 503
within the deadline instead of holding a thread for as long as the network lets it hang (QUALITY.md
section 3, "Every wait is bounded"). The deadline lives in a context variable: it follows the
request's thread (or greenlet under gevent) and nothing else, and work with no deadline (timers,
commands) is bounded by the per-statement limit alone.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, g

_deadline: ContextVar[float | None] = ContextVar("request_deadline", default=None)


def remaining() -> float | None:
    """Seconds left before the current deadline (0 once it has passed), or None with no deadline."""
    deadline = _deadline.get()
    if deadline is None:
        return None
    return max(0.0, deadline - time.monotonic())


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Run a block under a deadline ``seconds`` from now (or the current one, if that is sooner)."""
    deadline = time.monotonic() + seconds
    current = _deadline.get()
    token = _deadline.set(deadline if current is None else min(current, deadline))
    try:
        yield
    finally:
        _deadline.reset(token)


def install(app: Flask) -> None:
    """Every HTTP request runs under ``REQUEST_TIMEOUT``."""

    @app.before_request
    def _start_deadline() -> None:
        g._deadline_token = _deadline.set(time.monotonic() + app.config["REQUEST_TIMEOUT"])

    @app.teardown_request
    def _end_deadline(_exc: BaseException | None) -> None:
        token = g.pop("_deadline_token", None)
        if token is not None:
            _deadline.reset(token)
