"""The app factory."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from backend import (
    accounts,
    applications,
    auth,
    chat,
    cli,
    events,
    groups,
    health,
    insights,
    jobs,
    journeys,
    live_rights,
    mentoring,
    models,
    moderation_link,
    notifications,
    playdates,
    reports,
    safeguarding,
    socket_events,
)
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
from moderation import api as moderation

# Every feature's tables: relationships between features resolve only once all models are imported.
METADATA = models.metadata


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
    _register_features(app)

    app.config["API_SPEC_OPTIONS"] = {"security": [{"bearerAuth": []}, {"oauth2": ["api"]}]}
    api = openapi.Api(app)
    app.extensions["smorest_api"] = api
    _register_api(api)
    app.register_blueprint(health.bp)
    app.register_blueprint(docs_page.bp)
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
    if settings["TIMERS_ENABLED"]:
        jobs.start(app)
    # Not a TIMERS_ENABLED timer: every process that serves sockets must renew its presence leases
    # and re-check its sockets' rights, whatever else it runs.
    live_rights.start(app)
    return app


def _register_features(app: Flask) -> None:
    """Each feature installs its hooks, report subjects, exporters, decision handlers, Socket.IO
    handlers and jobs, listed in its ``register(app)`` (ARCHITECTURE.md section 4): "what happens
    when an account is deleted" is answered by reading these. They run before ``socketio.init_app``
    (Flask-SocketIO gives each server it makes the handlers it knows then: backend/core/sockets.py),
    and in this order, which is the order hooks run in (groups end a young person's memberships
    before their sockets are re-checked; moderators' sockets are re-checked first)."""
    accounts.register(app)
    auth.register(app)
    safeguarding.register(app)
    socket_events.register(app)
    groups.register(app)
    live_rights.register(app)
    chat.register(app)
    reports.register(app)
    moderation_link.register(app)
    # The second milestone's features, each on its own tables; they call into the ones above.
    notifications.register(app)
    journeys.register(app)
    applications.register(app)
    insights.register(app)
    mentoring.register(app)
    playdates.register(app)
    events.register(app)


def _register_api(api: openapi.Api) -> None:
    """Every feature's blueprint, all under /api/v1."""
    from backend.accounts import routes as accounts_routes
    from backend.applications import routes as applications_routes
    from backend.chat import routes as chat_routes
    from backend.events import routes as events_routes
    from backend.groups import routes as groups_routes
    from backend.insights import routes as insights_routes
    from backend.journeys import routes as journeys_routes
    from backend.mentoring import routes as mentoring_routes
    from backend.notifications import routes as notifications_routes
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
    for blueprint in (accounts_routes.blp, chat_routes.blp, groups_routes.blp, reports_routes.blp):
        api.register_blueprint(blueprint)
    api.register_blueprint(notifications_routes.blp)
    api.register_blueprint(events_routes.blp)
    api.register_blueprint(playdates_routes.blp)
    api.register_blueprint(insights_routes.blp)
    api.register_blueprint(applications_routes.blp)
    api.register_blueprint(mentoring_routes.blp)
    api.register_blueprint(journeys_routes.blp)
    api.register_blueprint(moderation.blueprint(), url_prefix="/api/v1/moderation")
    api.when_documented(openapi.complete)
