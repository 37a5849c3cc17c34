"""Who is calling: bearer tokens on every /api/v1 route unless a view is explicitly public.

Protection is the default (fail closed): a new route is protected without anyone remembering to
protect it. Tokens are read from the Authorization header only, never from a URL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, g, request

from backend.core.errors import Unauthorized

F = TypeVar("F", bound=Callable[..., Any])

_authenticators: list[Callable[[str], Any]] = []


def public(view: F) -> F:
    """Mark a view method as reachable without a token (registration, health)."""
    view._public = True  # type: ignore[attr-defined]
    return view


def set_token_authenticator(fn: Callable[[str], Any]) -> None:
    """The accounts feature hands over the function that turns a bearer token into a user."""
    _authenticators[:] = [fn]


def authenticate_token(token: str) -> Any:
    return _authenticators[0](token)


def current_user() -> Any:
    user = g.get("user")
    if user is None:
        raise Unauthorized()
    return user


def _is_public_endpoint() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None:
        return True  # 404/405 are answered by the router, with nothing to protect
    view_class = getattr(view, "view_class", None)
    method = getattr(view_class, request.method.lower(), None) if view_class else view
    return bool(getattr(method, "_public", False))


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def install(app: Flask) -> None:
    @app.before_request
    def _authenticate() -> None:
        if not request.path.startswith("/api/v1") or request.method == "OPTIONS":
            return
        token = bearer_token()
        if token is not None:
            g.user = authenticate_token(token)  # raises Unauthorized on any problem
        elif not _is_public_endpoint():
            raise Unauthorized()
