"""Rate limiting: Flask-Limiter, doing its per-request work only on requests a limit applies to, and
falling back to per-process limits while Redis is unreachable."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from flask import Flask, g
from flask_limiter import Limiter as FlaskLimiter
from limits import RateLimitItem

from backend.core import outages

log = logging.getLogger(__name__)

# While Redis is unreachable, how often a limit check asks whether it is back.
STORAGE_RECHECK_SECONDS = 5.0


def configure(app: Flask, settings: Mapping[str, Any]) -> None:
    """Where the counts live: in memory on the embedded default, in Redis when REDIS_URL is set.

    Redis down must not lock people out (QUALITY.md section 3: sign-in and token refresh keep
    working): on a storage error the limits are counted in this process's memory instead, so they
    still hold, per process, until Redis answers again. Every Redis call is bounded by the Redis
    timeouts: a frozen Redis costs one check a couple of seconds, not a hung request."""
    redis_url = settings["REDIS_URL"]
    app.config["RATELIMIT_STORAGE_URI"] = redis_url or "memory://"
    app.config["RATELIMIT_ENABLED"] = settings["RATELIMIT_ENABLED"]
    if redis_url:
        app.config["RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"] = True
        app.config["RATELIMIT_STORAGE_OPTIONS"] = {
            "socket_connect_timeout": settings["REDIS_CONNECT_TIMEOUT"],
            "socket_timeout": settings["REDIS_SOCKET_TIMEOUT"],
            # This deployment's own keys (DEPLOYMENT_NAME): others on the same Redis count apart.
            "key_prefix": settings["REDIS_PREFIX"] + "limits",
        }


class _NoLimits:
    """The limiter context of a request that no limit looked at: no limit to report in headers,
    nothing to deduct, nothing to reset. Immutable, so nothing can leak from one request to another
    through it: a write would raise."""

    __slots__ = ()
    view_rate_limit = None
    view_rate_limits: tuple[Any, ...] = ()
    conditional_deductions: MappingProxyType[Any, Any] = MappingProxyType({})
    seen_limits: frozenset[Any] = frozenset()

    def reset(self) -> None:
        pass


_NO_LIMITS = _NoLimits()


class Limiter(FlaskLimiter):
    """Flask-Limiter's ``Limiter``, without its work on requests that no limit applies to.

    Our limits are per route (``limiter.limit`` on a view), and a limited view checks its limits
    itself when it is called. Flask-Limiter also runs a pass before every request for the limits
    that apply to routes without being declared on them (default, application, blueprint and meta
    limits, the in-memory fallback), and its after-request and teardown hooks make, read and reset
    a per-request context even when nothing was checked: about a tenth of the thread page's time
    (QUALITY.md B4), on every route, for limits we do not configure. So that pass runs only while
    such a limit exists, and a request that no check ran on reads an empty context instead of
    making one. A limited route is limited exactly as before (tests/core/test_limits.py).
    """

    def init_app(self, app: Flask) -> None:
        # Flask-Limiter keeps an outage (and once set, the fallback) on the extension, which outlives
        # an app: tests make many, and ``backend.extensions.limiter`` is shared. A new app starts with
        # its own storage, reachable until shown otherwise, and its own config's fallback setting;
        # otherwise it counted in the old fallback until a recheck moved it to its storage, splitting
        # the counts so that a limit was never reached (tests/core/test_limits.py).
        self._storage_dead = False
        self._in_memory_fallback_enabled = bool(self._in_memory_fallback)
        self._last_recheck = 0.0
        super().init_app(app)

    def hit(self, rate: RateLimitItem, *identifiers: str) -> bool:
        """Count one against a limit checked outside a view (chat messages, connection requests):
        False when over it. With the same fallback as limited routes: while the storage is
        unreachable the count is kept in this process's memory."""
        if self._storage_dead:
            self._recheck_storage()
        try:
            return bool(self.limiter.hit(rate, *identifiers))
        except Exception as exc:
            if not (outages.is_outage(exc) and self._in_memory_fallback_enabled and not self._storage_dead):
                raise
            log.warning("rate limit storage unreachable (%s): counting in memory", type(exc).__name__)
            self._storage_dead = True
            return bool(self.limiter.hit(rate, *identifiers))

    def _recheck_storage(self) -> None:
        # Flask-Limiter rechecks on limited routes only; a process serving only sockets must also
        # return to the shared counts when Redis is back.
        now = time.monotonic()
        if now - getattr(self, "_last_recheck", 0.0) < STORAGE_RECHECK_SECONDS:
            return
        self._last_recheck = now
        if self._storage is not None and self._storage.check():
            log.info("rate limit storage recovered")
            self._storage_dead = False

    def _has_route_wide_limits(self) -> bool:
        # Flask-Limiter's own containers, read without evaluating any limit.
        manager = self.limit_manager
        return bool(
            manager._default_limits
            or manager._application_limits
            or manager._blueprint_limits
            or self._meta_limits
            or self._in_memory_fallback
        )

    def _check_request_limit(self, callable_name: str | None = None, in_middleware: bool = True) -> None:
        # Called by the before-request hook (in_middleware) and by every limited view.
        if in_middleware and not self._has_route_wide_limits():
            return
        g._rate_limit_checked = True
        super()._check_request_limit(callable_name, in_middleware)

    @property
    def context(self) -> Any:
        if not g.get("_rate_limit_checked"):
            return _NO_LIMITS
        return super().context
