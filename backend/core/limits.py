"""Rate limiting: Flask-Limiter, doing its per-request work only on requests a limit applies to."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from flask import g
from flask_limiter import Limiter as FlaskLimiter


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
