"""The app factory."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# Socket.IO handlers must be registered at import time, before any socketio.init_app: Flask-SocketIO
# attaches handlers registered later only to the server that exists then, so a second app (tests,
# or a re-created app) would otherwise run without its connect check.
from backend import (  # noqa: F401
    cli,
    events,
    health,
    jobs,
    live_rights,
    models,
    notifications,
    playdates,
    safeguarding,
    socket_events,
)
from backend.accounts import service as accounts
from backend.auth import routes as oauth_routes
from backend.auth import server as oauth_server
from backend.chat import events as chat_events  # noqa: F401
from backend.chat import group_rooms as chat_group_rooms  # noqa: F401
from backend.chat import held as chat_held  # noqa: F401
from backend.chat import live as chat_live  # noqa: F401
from backend.config import load_config
from backend.core import auth as core_auth
from backend.core import (
    deadline,
    docs_page,
    errors,
    gate,
    http,
    limits,
    message_queue,
    openapi,
    origins,
    presence,
    routing,
)
from backend.core.db import db
from backend.extensions import limiter, socketio
from backend.groups import held as groups_held  # noqa: F401
from moderation import api as moderation


def create_app(config: dict[str, Any] | None = None) -> Flask:
    settings = load_config(config)
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=False)
    app.config.update(settings)
    limits.configure(app, settings)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    routing.install(app)
    if settings["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings["PROXY_COUNT"], x_proto=settings["PROXY_COUNT"])  # type: ignore[method-assign]

    http.configure_logging(settings["LOG_LEVEL"])
    http.install(app)  # first, so every later hook's response still gets headers and a log line
    deadline.install(app)
    db.init_app(app, settings["DATABASE_URL"])
    safeguarding.init_app(app, socketio)

    app.config["API_SPEC_OPTIONS"] = {"security": [{"bearerAuth": []}, {"oauth2": ["api"]}]}
    api = errors.Api(app)
    app.extensions["smorest_api"] = api
    _register_api(api)
    app.register_blueprint(health.bp)
    app.register_blueprint(docs_page.bp)
    oauth_server.init_app(app)
    app.register_blueprint(oauth_routes.bp)
    errors.reshape_errors_under(app, "/oauth/", oauth_routes.oauth_errors)
    core_auth.set_token_authenticator(accounts.authenticate_access_token)
    core_auth.install(app)
    gate.install(app)  # after authentication: who may call is decided before the body is read

    presence.init_app(app)
    limiter.init_app(app)
    # Flask-SocketIO keeps the first app's message-queue manager in its options; a later app (a
    # test, or one without Redis) must get the manager its own REDIS_URL asks for.
    socketio.server_options.pop("client_manager", None)
    socketio.init_app(
        app,
        async_mode=settings["SOCKETIO_ASYNC_MODE"],
        # With REDIS_URL, a Redis message queue that recovers within seconds and tells sockets to
        # resync (core/message_queue.py); without, the in-memory manager of one process.
        client_manager=message_queue.manager(settings),
        # Browsers may connect only from the same origin or an allowlisted one, as for HTTP (an
        # empty list here would switch python-engineio's check off: backend/core/origins.py).
        cors_allowed_origins=origins.origin_check(settings["CORS_ORIGINS"], settings["PROXY_COUNT"]),
        max_http_buffer_size=settings["MAX_CONTENT_LENGTH"],
        # One socket's events run one after another on its own connection's thread: a client's
        # messages keep their order, and no thread is started per event (about a sixth of the
        # server's time per message). Different sockets still run side by side.
        async_handlers=False,
    )

    errors.register_error_handlers(app)
    cli.register(app)
    notifications.register(app)
    playdates.register(app)
    events.register(app)
    if settings["TIMERS_ENABLED"]:
        jobs.start(app)
    # Not a TIMERS_ENABLED timer: every process that serves sockets must renew its presence leases
    # and re-check its sockets' rights, whatever else it runs.
    live_rights.start(app)
    return app


def _register_api(api: errors.Api) -> None:
    """Every feature's blueprint, all under /api/v1."""
    from backend.accounts import routes as accounts_routes
    from backend.chat import routes as chat_routes
    from backend.events import routes as events_routes
    from backend.groups import routes as groups_routes
    from backend.playdates import routes as playdates_routes
    from backend.reports import routes as reports_routes

    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    )
    # How a client gets that token: the authorization-code flow with PKCE (no client secret).
    api.spec.components.security_scheme(
        "oauth2",
        {
            "type": "oauth2",
            "description": "Authorization code with PKCE (S256); public clients, no secret.",
            "flows": {
                "authorizationCode": {
                    "authorizationUrl": "/oauth/authorize",
                    "tokenUrl": "/oauth/token",
                    "refreshUrl": "/oauth/token",
                    "scopes": {"api": "everything the signed-in person may do"},
                }
            },
        },
    )
    openapi.install(api._app, api.spec)
    for blueprint in (
        accounts_routes.blp,
        chat_routes.blp,
        events_routes.blp,
        groups_routes.blp,
        playdates_routes.blp,
        reports_routes.blp,
    ):
        api.register_blueprint(blueprint)
    api.register_blueprint(moderation.blueprint(), url_prefix="/api/v1/moderation")
    openapi.complete(api.spec)
