"""One error shape for every 4xx and 5xx: ``{"code": int, "message": str, "errors": {...}}``.

Services raise ``ApiError`` subclasses; routes never build error responses themselves. Nothing about
the server's internals (stack traces, SQL) ever reaches a client.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from backend.core import outages
from backend.core.db import db

log = logging.getLogger(__name__)


class ApiError(Exception):
    code = 400
    message = "Bad request"

    def __init__(self, message: str | None = None, errors: dict[str, Any] | None = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message
        self.errors = errors or {}


class BadRequest(ApiError):
    code, message = 400, "Bad request"


class Unauthorized(ApiError):
    code, message = 401, "Authentication required"


class Forbidden(ApiError):
    code, message = 403, "Not allowed"


class NotFound(ApiError):
    """Also what a caller gets for something that exists but that they may not see."""

    code, message = 404, "Not found"


class Conflict(ApiError):
    code, message = 409, "Conflict"


class Unprocessable(ApiError):
    code, message = 422, "Invalid request"


class UnsupportedMediaType(ApiError):
    code, message = 415, "Unsupported media type"


class TooManyRequests(ApiError):
    code, message = 429, "Too many requests"


class ServiceUnavailable(ApiError):
    code, message = 503, "Service temporarily unavailable"


def error_body(code: int, message: str, errors: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "errors": errors or {}}


def _flatten_webargs(messages: Any) -> dict[str, Any]:
    """webargs nests field errors under their location ({"json": {...}}); clients want the fields."""
    if not isinstance(messages, dict):
        return {"_schema": messages}
    if set(messages) <= {"json", "query", "form", "headers", "files", "path", "view_args"}:
        flat: dict[str, Any] = {}
        for value in messages.values():
            flat.update(value if isinstance(value, dict) else {"_schema": value})
        return flat
    return messages


def _discard_uncommitted() -> None:
    """A refused or failed request writes nothing: drop whatever it had flushed but not committed
    (the session would be closed at teardown anyway; this makes it certain and immediate)."""
    try:
        db.session.rollback()
    except Exception:  # the database may be what failed; the error answer must still go out
        log.warning("rollback after an error failed")


def _api_error(exc: ApiError) -> Response:
    _discard_uncommitted()
    response = jsonify(error_body(exc.code, exc.message, exc.errors))
    response.status_code = exc.code
    return response


def _http_error(exc: HTTPException) -> Response:
    code = exc.code or 500
    data = getattr(exc, "data", None) or {}
    errors = _flatten_webargs(data["messages"]) if "messages" in data else {}
    message = {
        400: "Malformed request" if not errors else "Invalid request",
        404: NotFound.message,  # the router's 404 says what the app's does
        413: "Request body too large",
        422: "Invalid request",
    }.get(code, exc.name)
    if code == 400 and any("Invalid JSON" in str(v) for v in errors.values()):
        message = "Malformed JSON body"
    if code == 400 and not errors and exc.description and "JSON" in exc.description:
        message, errors = "Malformed JSON body", {"json": ["The body is not valid JSON."]}
    response = jsonify(error_body(code, message, errors))
    response.status_code = code
    for key, value in exc.get_headers():
        if key.lower() not in ("content-type",):
            response.headers[key] = value
    return response


def _unavailable(exc: Exception) -> Response:
    # Fail closed: with a database or Redis unreachable or too slow (backend.core.outages) nothing
    # can be checked, so nothing is served; the client may retry.
    log.error("dependency unavailable: %s", type(exc).__name__)
    _discard_uncommitted()
    response = jsonify(error_body(503, outages.MESSAGE))
    response.status_code = 503
    return response


def _unexpected(exc: Exception) -> Response:
    log.exception("unhandled error")
    _discard_uncommitted()
    response = jsonify(error_body(500, "Internal server error"))
    response.status_code = 500
    return response


def answer(exc: Exception) -> Response:
    """The API's answer to ``exc``, in the one error shape: what the handlers below send. (The OAuth
    endpoints re-shape it into OAuth's error format, ``backend.auth.routes``.)"""
    if isinstance(exc, ApiError):
        return _api_error(exc)
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    if outages.is_outage(exc):
        return _unavailable(exc)
    return _unexpected(exc)


def reshape_errors_under(app: Flask, prefix: str, reshape: Callable[[Response], Response]) -> None:
    """Answer the errors of every request under ``prefix`` in another shape, made by ``reshape``
    from the API's answer (the OAuth endpoints answer in OAuth's, ``backend.auth.routes``)."""
    app.extensions.setdefault("error_shapes", []).append((prefix, reshape))


def _respond(exc: Exception) -> Response:
    response = answer(exc)
    for prefix, reshape in current_app.extensions.get("error_shapes", ()):
        if request.path.startswith(prefix):
            return reshape(response)
    return response


def register_error_handlers(app: Flask) -> None:
    for kind in (ApiError, HTTPException, *outages.OUTAGES, Exception):
        app.register_error_handler(kind, _respond)
