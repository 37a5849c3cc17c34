"""One error shape for every 4xx and 5xx: ``{"code": int, "message": str, "errors": {...}}``.

Services raise ``ApiError`` subclasses; routes never build error responses themselves. Nothing about
the server's internals (stack traces, SQL) ever reaches a client.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
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


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> ResponseReturnValue:
        _discard_uncommitted()
        return jsonify(error_body(exc.code, exc.message, exc.errors)), exc.code

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> ResponseReturnValue:
        code = exc.code or 500
        data = getattr(exc, "data", None) or {}
        errors = _flatten_webargs(data["messages"]) if "messages" in data else {}
        message = {
            400: "Malformed request" if not errors else "Invalid request",
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

    def _unavailable(exc: Exception) -> ResponseReturnValue:
        # Fail closed: with a database or Redis unreachable or too slow (backend.core.outages)
        # nothing can be checked, so nothing is served; the client may retry.
        log.error("dependency unavailable: %s", type(exc).__name__)
        return jsonify(error_body(503, outages.MESSAGE)), 503

    for outage in outages.OUTAGES:
        app.register_error_handler(outage, _unavailable)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> ResponseReturnValue:
        if outages.is_outage(exc):
            return _unavailable(exc)
        log.exception("unhandled error")
        _discard_uncommitted()
        return jsonify(error_body(500, "Internal server error")), 500
