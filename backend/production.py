"""Bootstrapping a deployment: the first admin and the OAuth client.

Demo data is refused in production, so a new deployment starts with nobody who can sign in. The
operator runs ``flask --app backend create-admin`` and ``register-client`` once (deploy/README.md).
Unsafe production settings are refused earlier, when the settings are loaded (``backend.config``).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlparse

from sqlalchemy import select

from backend.accounts import personas
from backend.accounts import service as accounts
from backend.accounts.models import PrivacySettings, User
from backend.auth import service as auth
from backend.auth.models import OAuthClient
from backend.core.db import db
from backend.core.errors import Unprocessable


class BootstrapError(ValueError):
    pass


def create_admin(email: str, display_name: str, password: str) -> User:
    """The first operator account (or another one): an admin with a checked password."""
    email = email.strip().lower()
    if "@" not in email:
        raise BootstrapError("that is not an email address")
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise BootstrapError("an account with that email already exists")
    try:
        accounts.check_password_policy(password)
    except Unprocessable as exc:
        raise BootstrapError(f"password refused: {exc.message}") from exc
    # Admins are adults; their exact date of birth is not needed for anything they do.
    user = User(
        email=email,
        password_hash=accounts.hash_password(password),
        display_name=display_name,
        persona=personas.ADMIN,
        date_of_birth=date(1900, 1, 1),
    )
    db.session.add(user)
    db.session.flush()
    db.session.add(PrivacySettings(user_id=user.id, allow_connection_requests=False))
    db.session.commit()
    return user


def register_client(client_id: str, name: str, redirect_uris: list[str]) -> OAuthClient:
    """A public (PKCE) client. Redirect URIs are https, or http on loopback for native apps (RFC 8252)."""
    if not redirect_uris:
        raise BootstrapError("give at least one --redirect-uri")
    for uri in redirect_uris:
        parts = urlparse(uri)
        loopback = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")
        if not parts.netloc or parts.fragment or (parts.scheme != "https" and not loopback):
            raise BootstrapError(f"{uri}: use an absolute https URL (or http on loopback) without a fragment")
    return auth.do_register_client(client_id, name, redirect_uris)
