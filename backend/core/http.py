"""Cross-cutting HTTP behaviour: security headers, CORS by allowlist, structured request logs."""

from __future__ import annotations

import json
import logging
import os
import random
import time

from flask import Flask, Request, Response, g, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from sqlalchemy import inspect as sa_inspect

from backend.core.auth import bearer_token

log = logging.getLogger("backend.requests")

# Request ids only correlate log lines: unique, not secret. A seeded generator gives the same 32 hex
# digits as uuid4().hex without a getrandom() call per request (which also releases the GIL).
_request_ids = random.Random()
os.register_at_fork(after_in_child=_request_ids.seed)  # workers forked from one parent differ

# The API serves JSON only: nothing may be framed, scripted or loaded from elsewhere.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The sign-in page posts a form to itself; the docs page loads Swagger UI from its CDN.
SIGN_IN_CSP = "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'"
# The docs page and Swagger UI come from this server only (backend/core/docs_page); Swagger UI sets some
# styles inline and shows inline SVG and data: images.
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

# Set on every response: (name, lower-case name, value).
SECURITY_HEADERS = tuple(
    (name, name.lower(), value)
    for name, value in (
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "geolocation=(), camera=(), microphone=()"),
    )
)
NO_STORE = (("Cache-Control", "cache-control", "no-store"),)  # API and OAuth answers are never cached
# RFC 6750 section 3: a 401 says how to authenticate, and why a token that was sent was refused.
BEARER_CHALLENGE = "Bearer"
INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token", error_description="The access token is not valid"'
# Retry-After means "wait, then try the same again" (RFC 9110 10.2.3): true of 429 and 503 only.
# Flask-Limiter adds it to every answer of a limited route, a 400 included.
RETRY_STATUSES = (429, 503)


class BrowserOnlySessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session everywhere but under ``/api/``. API calls authenticate with a
    bearer token and never use a session, yet Flask would build a signing serializer to look for the
    cookie on every one of them (about 4% of the thread page's time, QUALITY.md B4); there they get
    Flask's null session instead: no cookie is read or set, and writing to it raises. The browser
    pages (the sign-in page under ``/oauth``) keep theirs."""

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if request.path.startswith("/api/"):
            return None  # Flask then uses make_null_session
        return super().open_session(app, request)


class JsonFormatter(logging.Formatter):
    """One JSON object per line; only the fields we put in ``extra``, never bodies or tokens."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exc_type"] = record.exc_info[0].__name__ if record.exc_info[0] else ""
            entry["trace"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def configure_logging(level: str) -> None:
    root = logging.getLogger()
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
    root.setLevel(level)
    # Libraries whose debug lines carry secrets (authlib logs every token it issues) stay at WARNING
    # whatever LOG_LEVEL says: no token, password or personal detail in the logs (QUALITY.md 2).
    for name in SECRET_BEARING_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))


SECRET_BEARING_LOGGERS = ("authlib", "urllib3", "engineio", "socketio")


def install(app: Flask) -> None:
    app.session_interface = BrowserOnlySessionInterface()
    allowed_origins = set(app.config["CORS_ORIGINS"])

    @app.before_request
    def _start() -> Response | None:
        g.request_started = time.perf_counter()
        given = request.headers.get("X-Request-Id", "")[:64]
        g.request_id = given or f"{_request_ids.getrandbits(128):032x}"
        if request.method == "OPTIONS" and request.headers.get("Origin") in allowed_origins:
            return Response(status=204)  # preflight; headers added below
        return None

    @app.after_request
    def _finish(response: Response) -> Response:
        path = request.path
        if path.startswith("/api/docs"):
            csp = DOCS_CSP
        elif path.startswith("/oauth/authorize"):
            csp = SIGN_IN_CSP
        else:
            csp = API_CSP
        headers = response.headers
        # The same as ``headers[name] = value`` for each (``setdefault`` for the CSP), with one look
        # at what the response already has instead of a scan per header: this runs on every response.
        present = {name.lower() for name, _ in headers}
        status = response.status_code
        if status == 401 and path.startswith("/api/"):
            headers["WWW-Authenticate"] = INVALID_TOKEN_CHALLENGE if bearer_token() else BEARER_CHALLENGE
        if "retry-after" in present and status not in RETRY_STATUSES:
            del headers["Retry-After"]
        if "content-security-policy" not in present:
            headers.add("Content-Security-Policy", csp)
        fixed = SECURITY_HEADERS + NO_STORE if path.startswith(("/api/v1", "/oauth")) else SECURITY_HEADERS
        for name, lowered, value in fixed:
            if lowered in present:
                headers[name] = value
            else:
                headers.add(name, value)
        request_id = g.get("request_id", "")
        if "x-request-id" in present:
            headers["X-Request-Id"] = request_id
        else:
            headers.add("X-Request-Id", request_id)

        origin = request.headers.get("Origin")
        if origin and origin in allowed_origins:
            headers["Access-Control-Allow-Origin"] = origin
            headers["Vary"] = "Origin"
            headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type, Idempotency-Key"
            headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE"
            headers["Access-Control-Max-Age"] = "600"

        # The log line's fields are gathered only when the line is written (LOG_LEVEL=INFO or lower).
        if log.isEnabledFor(logging.INFO):
            started = g.get("request_started")
            log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": g.get("request_id"),
                        "method": request.method,
                        # The path only: query strings can carry codes or tokens.
                        "path": path,
                        "status": response.status_code,
                        "ms": round((time.perf_counter() - started) * 1000, 2) if started else None,
                        "user_id": _signed_in_id(),
                    }
                },
            )
        return response


def _signed_in_id() -> int | None:
    """Who made the request, for the log line, without touching the database: after a rollback the
    account's attributes are expired, and reading ``id`` would query a database that may be down."""
    who = g.get("user") or g.get("principal")
    if who is None:
        return None
    state = sa_inspect(who, raiseerr=False)
    if state is not None:
        return state.identity[0] if state.identity else None
    return getattr(who, "id", None)
