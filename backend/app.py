"""The app factory."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# Socket.IO handlers must be registered at import time, before any socketio.init_app: Flask-SocketIO
# attaches handlers registered later only to the server that exists then, so a second app (tests,
# or a re-created app) would otherwise run without its connect check.
from backend import cli, health, jobs, models, safeguarding, socket_events  # noqa: F401
from backend.accounts import service as accounts
from backend.auth import routes as oauth_routes
from backend.auth import server as oauth_server
from backend.chat import events as chat_events  # noqa: F401
from backend.chat import walls as chat_walls  # noqa: F401
from backend.config import load_config
from backend.core import auth as core_auth
from backend.core import errors, gate, http, presence, routing
from backend.core.db import db
from backend.extensions import limiter, socketio
from moderation import api as moderation


def create_app(config: dict[str, Any] | None = None) -> Flask:
    settings = load_config(config)
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=False)
    app.config.update(settings)
    app.config["RATELIMIT_STORAGE_URI"] = settings["REDIS_URL"] or "memory://"
    app.config["RATELIMIT_ENABLED"] = settings["RATELIMIT_ENABLED"]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    routing.install(app)
    if settings["PROXY_COUNT"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings["PROXY_COUNT"], x_proto=settings["PROXY_COUNT"])  # type: ignore[method-assign]

    http.configure_logging(settings["LOG_LEVEL"])
    http.install(app)  # first, so every later hook's response still gets headers and a log line
    db.init_app(app, settings["DATABASE_URL"])
    safeguarding.init_app(app, socketio)

    app.config["API_SPEC_OPTIONS"] = {"security": [{"bearerAuth": []}]}
    api = errors.Api(app)
    app.extensions["smorest_api"] = api
    _register_api(api)
    app.register_blueprint(health.bp)
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
        message_queue=settings["REDIS_URL"],
        # Browsers may connect only from allowlisted origins (an empty list means same-origin only).
        cors_allowed_origins=settings["CORS_ORIGINS"] or [],
        max_http_buffer_size=settings["MAX_CONTENT_LENGTH"],
        # One socket's events run one after another on its own connection's thread: a client's
        # messages keep their order, and no thread is started per event (about a sixth of the
        # server's time per message). Different sockets still run side by side.
        async_handlers=False,
    )

    errors.register_error_handlers(app)
    cli.register(app)
    if settings["TIMERS_ENABLED"]:
        jobs.start(app)
    return app


def _register_api(api: errors.Api) -> None:
    """Every feature's blueprint, all under /api/v1."""
    from backend.accounts import routes as accounts_routes
    from backend.chat import routes as chat_routes
    from backend.groups import routes as groups_routes
    from backend.reports import routes as reports_routes

    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
    )
    for blueprint in (accounts_routes.blp, chat_routes.blp, groups_routes.blp, reports_routes.blp):
        api.register_blueprint(blueprint)
    api.register_blueprint(moderation.blueprint(), url_prefix="/api/v1/moderation")
