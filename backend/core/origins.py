"""Which browser origins may open a Socket.IO connection: the same allowlist as HTTP.

A browser sends ``Origin`` with every WebSocket handshake and cross-site request; without a check, any
web page a signed-in person visits could open a socket with a token it got hold of, or ride on a
polling session. python-engineio's own settings do not fit: ``cors_allowed_origins=[]`` switches the
check off entirely, and a list allows only the listed origins, not the server's own. So the check is
this function: the server's own origin (same origin) or one listed in ``CORS_ORIGINS``.

A request with no ``Origin`` at all is not checked by python-engineio (``engineio.Server.
handle_request``): programs that are not browsers (python-socketio, the JS client under Node, the
load client) send none and are not exposed to cross-site requests, and still authenticate with a token.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def origin_check(allowlist: Iterable[str], proxy_count: int) -> Callable[[str | None, dict[str, Any]], bool]:
    """The ``cors_allowed_origins`` callable for python-engineio. ``proxy_count`` > 0 means a
    reverse proxy sets ``X-Forwarded-Proto`` (as ``PROXY_COUNT`` does for HTTP): the browser's origin
    then has the proxy's scheme, not the one the app server was reached with."""
    allowed = frozenset(allowlist)

    def allowed_origin(origin: str | None, environ: dict[str, Any]) -> bool:
        return origin is not None and (origin in allowed or origin == same_origin(environ, proxy_count))

    return allowed_origin


def same_origin(environ: dict[str, Any], proxy_count: int) -> str | None:
    """The server's own origin as the browser names it: scheme and ``Host`` of the request."""
    host = environ.get("HTTP_HOST")
    if not host:
        return None
    scheme = str(environ.get("wsgi.url_scheme", "http"))
    forwarded = environ.get("HTTP_X_FORWARDED_PROTO")
    if proxy_count and forwarded:
        # The value the proxy nearest to us appended (the same one ProxyFix trusts for HTTP).
        values = [v.strip() for v in str(forwarded).split(",")]
        scheme = values[-proxy_count] if len(values) >= proxy_count else values[0]
    return f"{scheme}://{host}"
