"""Which errors an operation can answer: the error responses, and the statuses read from the view's code.

Decided from the code and not blanket-documented (``error_statuses``): 401 unless public, 404 for path
parameters and persona gates, 400/413/415 for a JSON body, 422 always (unknown query parameters are
refused on every route, ``core.gate``), 429 where a rate limit applies, and 403/404/409/422/429
wherever the view's code can raise them, found by reading the view and the functions it calls
(``raised_by``).
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import types
from collections.abc import Callable, Iterator
from typing import Any

from flask import Flask

from backend.core import gate

ERROR_REF = {"$ref": "#/components/schemas/Error"}

RATE_LIMIT_HEADERS = {
    "X-RateLimit-Limit": "How many requests the limit allows in its window.",
    "X-RateLimit-Remaining": "How many are left in the current window.",
    "X-RateLimit-Reset": "When the window resets (Unix time, seconds).",
    "Retry-After": "Seconds to wait before trying again (on 429 only).",
}

# Status -> (component name, description). Each is answered with the ``Error`` schema.
ERROR_RESPONSES: dict[int, tuple[str, str]] = {
    400: ("BAD_REQUEST", "Malformed request: the body is not JSON that decodes within bounds."),
    401: (
        "UNAUTHORIZED",
        "No access token, or one that is not valid (expired, revoked, malformed). The "
        'WWW-Authenticate header says which: `Bearer`, or `Bearer error="invalid_token"`.',
    ),
    403: ("FORBIDDEN", "Signed in, but this action is not allowed to you."),
    404: (
        "NOT_FOUND",
        "Nothing here: it does not exist, you may not see it, or the operation is not for you "
        "(the same answer in each case).",
    ),
    409: ("CONFLICT", "The request conflicts with the current state (already done, or a repeat)."),
    413: ("PAYLOAD_TOO_LARGE", "The body is larger than the server accepts."),
    415: ("UNSUPPORTED_MEDIA_TYPE", "The body is not sent as `Content-Type: application/json`."),
    422: (
        "UNPROCESSABLE_ENTITY",
        "Invalid input: `errors` names each field (unknown query parameters and body fields "
        "included) with its problems.",
    ),
    429: ("TOO_MANY_REQUESTS", "A rate limit is used up; wait before trying again."),
}


def rate_limit_header_refs(exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        name: {"$ref": f"#/components/headers/{name}"} for name in RATE_LIMIT_HEADERS if name not in exclude
    }


def _error_status(obj: Any) -> int | None:
    """An error class of ours (backend ``ApiError`` or moderation's ``ModerationError``): its status."""
    if isinstance(obj, type) and issubclass(obj, Exception):
        code = getattr(obj, "code", None)
        if isinstance(code, int) and 400 <= code < 600:
            return code
    return None


def _ours(obj: Any) -> bool:
    module = getattr(obj, "__module__", "") or ""
    return module.split(".")[0] in ("backend", "moderation")


def _resolve(node: ast.expr, namespace: dict[str, Any]) -> Any:
    """A name or dotted name in a function's globals (``service.join``, ``NotFound``), or None."""
    if isinstance(node, ast.Name):
        return namespace.get(node.id)
    if isinstance(node, ast.Attribute):
        owner = _resolve(node.value, namespace)
        if isinstance(owner, types.ModuleType | type):
            return getattr(owner, node.attr, None)
    return None


def _functions_in(obj: Any) -> Iterator[Callable[..., Any]]:
    if isinstance(obj, type):
        return  # a class constructed: its errors are raised by its methods' callers, if at all
    function = inspect.unwrap(obj) if callable(obj) else None
    if isinstance(function, types.FunctionType) and _ours(function):
        yield function


def raised_by(function: Callable[..., Any]) -> set[int]:
    """The statuses of the errors ``function`` and the functions of ours it calls can raise.

    A static reading: ``raise X(...)`` where X is one of our error classes (or a function annotated
    to return one), followed through every call to a module-level function of ours. Calls through
    objects (``self.x()``) are not followed; the structural errors (auth, gate, body) are added by
    ``error_statuses`` from what the route declares."""
    found: set[int] = set()
    seen: set[types.FunctionType] = set()
    pending: list[Any] = [inspect.unwrap(function)]
    while pending:
        current = pending.pop()
        if current in seen or not isinstance(current, types.FunctionType):
            continue
        seen.add(current)
        raised, called = _read(current)
        namespace = current.__globals__  # names are looked up now, as the code would
        for node in raised:
            status = _raised_status(_resolve(node, namespace))
            if status is not None:
                found.add(status)
        for node in called:
            pending.extend(_functions_in(_resolve(node, namespace)))
    return found


def _raised_status(target: Any) -> int | None:
    status = _error_status(target)
    if status is None and isinstance(target, types.FunctionType):
        returns = target.__annotations__.get("return")
        if isinstance(returns, str):
            returns = target.__globals__.get(returns)
        status = _error_status(returns)
    return status


# One parse per function and process: a function's code never changes while the process runs, and
# every app the process creates (each test creates one) documents the same views. Parsing (some 1,800
# functions' source) was most of the cost of creating an app.
_readings: dict[types.FunctionType, tuple[tuple[ast.expr, ...], tuple[ast.expr, ...]]] = {}


def _read(function: types.FunctionType) -> tuple[tuple[ast.expr, ...], tuple[ast.expr, ...]]:
    """What ``function`` raises (``raise X`` / ``raise X(...)``: the X) and what it calls, as written."""
    reading = _readings.get(function)
    if reading is None:
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
        except (OSError, TypeError, SyntaxError):
            reading = ((), ())
        else:
            raised: list[ast.expr] = []
            called: list[ast.expr] = []
            for node in ast.walk(tree):
                if isinstance(node, ast.Raise) and node.exc is not None:
                    raised.append(node.exc.func if isinstance(node.exc, ast.Call) else node.exc)
                elif isinstance(node, ast.Call):
                    called.append(node.func)
            reading = (tuple(raised), tuple(called))
        _readings[function] = reading
    return reading


def _rate_limited(app: Flask, endpoint: str, method: str) -> bool:
    """Whether Flask-Limiter limits this (endpoint, method): ``limiter.limit`` on the view."""
    from backend.extensions import limiter

    view = app.view_functions[endpoint]
    name = f"{view.__module__}.{view.__name__}.{view.__qualname__}"
    groups = limiter.limit_manager._decorated_limits.get(name, ())
    return any(not group.methods or method in group.methods for group in groups)


def error_statuses(app: Flask, rule: Any, method: str) -> tuple[set[int], bool]:
    """The error statuses an operation can answer, and whether it sends the rate-limit headers."""
    view = gate.view_method(app, rule.endpoint, method.upper())
    operation = gate.operation_of(view)
    # 422: unknown query parameters are refused on every route. 401: without a token, unless the
    # view is public; on a public one too when a token is sent and refused (``core.auth``).
    statuses = {401, 422} | raised_by(view)
    if rule.arguments or operation.personas is not None:
        statuses.add(404)
    if operation.takes_json and method.upper() in gate.BODY_METHODS:
        statuses |= {400, 413, 415, 422}
    limited = _rate_limited(app, rule.endpoint, method)
    if limited:
        statuses.add(429)
    return {s for s in statuses if s in ERROR_RESPONSES}, limited
