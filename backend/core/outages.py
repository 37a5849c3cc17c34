"""Which failures are outages of a dependency (a database or Redis down, slow or unreachable), not
bugs: the one list the HTTP error handlers, socket acks and rate limits share.

An outage is answered 503 "temporarily unavailable" (retry later), never 500, and never by
serving anything unchecked: with its data unreachable a permission check fails closed.
"""

from __future__ import annotations

import redis.exceptions
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

# OperationalError: refused, reset, timed out (ours included: backend.core.db.BoundedConnection),
# statement cancelled by statement_timeout. PoolTimeout: no free pooled connection in time.
# Redis's ConnectionError and TimeoutError cover refused, reset and unanswered.
OUTAGES: tuple[type[Exception], ...] = (
    OperationalError,
    PoolTimeout,
    DisconnectionError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)

MESSAGE = "The service is temporarily unavailable; please try again shortly."


def is_outage(exc: BaseException) -> bool:
    """True for a dependency that is down or too slow, including a driver error raised on a
    connection SQLAlchemy found broken (``connection_invalidated``)."""
    if isinstance(exc, OUTAGES):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated
