"""Who is calling: bearer tokens on every /api/v1 route unless a view is explicitly public.

Protection is the default (fail closed): a new route is protected without anyone remembering to
protect it. Tokens are read from the Authorization header only, never from a URL.

Every authenticated request loads the caller's account (``current_user()``), except on views marked
``principal_only``: a hot read route that needs only who is calling is authenticated by the function
it names, with the same checks, and reads ``current_principal()`` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from flask import Flask, current_app, g, request

from backend.core.errors import Unauthorized

if TYPE_CHECKING:  # the account model belongs to accounts, which imports this module
    from backend.accounts.models import User

F = TypeVar("F", bound=Callable[..., Any])

_authenticators: list[Callable[[str], Any]] = []


def public(view: F) -> F:
    """Mark a view method as reachable without a token (registration, health)."""
    view._public = True  # type: ignore[attr-defined]
    return view


def principal_only(authenticate: Callable[[str], Any]) -> Callable[[F], F]:
    """Mark a view method that needs only who is calling, not their account object: its requests
    are authenticated by ``authenticate`` (a token to a principal, or ``Unauthorized``: the same
    checks as the token authenticator, without loading the account) and it reads
    ``current_principal()``. ``current_user()`` still works there; it loads the account."""

    def mark(view: F) -> F:
        view._principal_authenticator = authenticate  # type: ignore[attr-defined]
        return view

    return mark


def set_token_authenticator(fn: Callable[[str], Any]) -> None:
    """The accounts feature hands over the function that turns a bearer token into a user."""
    _authenticators[:] = [fn]


def authenticate_token(token: str) -> Any:
    return _authenticators[0](token)


def current_user() -> User:
    """The caller's account (active, its token checked); 401 when there is none."""
    user: User | None = g.get("user")
    if user is None:
        token = bearer_token() if g.get("principal") is not None else None
        if token is None:
            raise Unauthorized()
        # A principal-only view asked for the account after all: load it, with every check again.
        user = g.user = authenticate_token(token)
    return user


def current_principal() -> Any:
    """Who is calling: the principal on ``principal_only`` views, the account elsewhere."""
    principal = g.get("principal")
    return principal if principal is not None else current_user()


def _view_method() -> Any:
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None:
        return None
    view_class = getattr(view, "view_class", None)
    return getattr(view_class, request.method.lower(), None) if view_class else view


def _is_public_endpoint() -> bool:
    if current_app.view_functions.get(request.endpoint or "") is None:
        return True  # 404/405 are answered by the router, with nothing to protect
    return bool(getattr(_view_method(), "_public", False))


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
            # Either raises Unauthorized on any problem. Only one of the two is set, so nothing
            # reads a caller left in ``g`` by something else in the same app context.
            principal_authenticator = getattr(_view_method(), "_principal_authenticator", None)
            if principal_authenticator is not None:
                g.pop("user", None)
                g.principal = principal_authenticator(token)
            else:
                g.pop("principal", None)
                g.user = authenticate_token(token)
        elif not _is_public_endpoint():
            raise Unauthorized()
