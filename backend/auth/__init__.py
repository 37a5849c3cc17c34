"""Sign-in: the OAuth 2.0 authorization server, access tokens and live sign-ins of sockets."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Everything auth installs, listed once (ARCHITECTURE.md section 4): the authorization server
    and its /oauth routes, whose errors keep OAuth's own shape. (Sockets whose sign-in ended are
    swept by ``backend/live_rights.py``'s timer, with ``auth.live.sweep_local_sockets``.)"""
    from backend.auth import routes, server
    from backend.core import errors

    server.init_app(app)
    app.register_blueprint(routes.bp)
    errors.reshape_errors_under(app, "/oauth/", routes.oauth_errors)
