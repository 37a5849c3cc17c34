"""Per-person rate limits checked inside a service call, before its costly work.

HTTP routes that only need a per-request limit use ``limiter.limit`` on the view (login, registration,
reports). Writes whose cost is rendering and screening (chat messages over Socket.IO, forum posts and
threads, group proposals over HTTP) check here first, as their service call's first step, so an
account that floods costs the server only this check (PRODUCT.md 2.2: "rate limit -> sanitise ->
moderation screen"; security issue #10.10). One counter per person and kind, in the limiter's storage
(memory, or Redis when scaled out, so every process counts together).
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from limits import parse_many

from backend.core.errors import TooManyRequests
from backend.extensions import limiter

# The defaults; an operator overrides each with RATE_LIMIT_<KIND> (README "Configuration").
DEFAULT_RATES = {
    "message": "30/10second",
    "connection": "20/hour",
    # Threads, replies, edits and group proposals together: a busy conversation stays well inside it.
    "post": "20/minute;200/hour",
    # Playdate suggestions to other families (issue #19): a few a day is plenty for anyone.
    "playdate_invitation": "10/hour;30/day",
}


# The per-route limits (``limiter.limit`` on a view): the defaults, overridden the same way.
ROUTE_RATES = {
    "login": "20/minute",
    "registration": "10/hour",
    "reports": "20/hour",
}


def route_rate(what: str) -> str:
    """The limit of a rate-limited route: ``RATE_LIMIT_<WHAT>`` or its default."""
    return str(current_app.config.get(f"RATE_LIMIT_{what.upper()}", ROUTE_RATES[what]))


def count_rate(user: Any, what: str) -> None:
    """Count one ``what`` for ``user``; 429 when any of its limits is used up. (It records the
    attempt in the limiter's storage, refused or not: a count, not a check.)"""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    rates = parse_many(current_app.config.get(f"RATE_LIMIT_{what.upper()}", DEFAULT_RATES[what]))
    for rate in rates:
        if not limiter.hit(rate, what, str(user.id)):
            raise TooManyRequests(f"Too many {what}s; please slow down")
