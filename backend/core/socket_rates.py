"""A per-person bound on every client -> server Socket.IO event (QUALITY.md: rate limits on
messages; every event bounded).

Each event a client can send costs the server work and, for some, everyone in a room work too
(``typing`` is rebroadcast to the room). So each has a rate per person, counted across all of that
person's sockets (opening more sockets buys nothing) and, with Redis, across processes. Beyond it the
event is answered with a 429 ack (for ``connect``: refused) and does nothing. ``send`` is bounded
twice: here per event, counting retries of an already stored message, and by the chat pipeline per
new message (``RATE_LIMIT_MESSAGE``).

Each limit can be changed with ``RATE_LIMIT_SOCKET_<EVENT>`` (for example ``RATE_LIMIT_SOCKET_TYPING=
20/10second``); ``RATELIMIT_ENABLED=0`` switches them off with the HTTP limits (load tests only).
"""

from __future__ import annotations

from flask import current_app
from limits import parse

from backend.extensions import limiter

# Generous for people, tight for scripts: a client re-joins and re-syncs every room after a
# reconnect, types in bursts, and refreshes its token every few minutes.
DEFAULT_RATES: dict[str, str] = {
    "connect": "30/minute",
    "auth": "10/minute",
    "join": "120/minute",
    "leave": "120/minute",
    "sync": "120/minute",
    "send": "60/10second",
    "typing": "10/10second",
}


def rate_of(event: str) -> str:
    return str(current_app.config.get(f"RATE_LIMIT_SOCKET_{event.upper()}", DEFAULT_RATES[event]))


def within_rate(event: str, user_id: int) -> bool:
    """Count one ``event`` from this person; False once they are over its limit."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    return bool(limiter.hit(parse(rate_of(event)), "socket", event, str(user_id)))


def check_bounded(event: str) -> str:
    """For handlers at registration: an event without a bound is a programming error, refused at
    start-up rather than left unlimited."""
    if event not in DEFAULT_RATES:
        raise KeyError(f"socket event {event!r} has no rate limit in DEFAULT_RATES")
    return event
