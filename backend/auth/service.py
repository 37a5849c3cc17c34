"""Token families, refresh rotation with reuse detection, revocation, demo client registration."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from backend.accounts.models import User
from backend.auth import tokens
from backend.auth.models import OAuthClient, RefreshToken, TokenFamily
from backend.core.db import db, utcnow


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    refresh_token: str
    expires_in: int
    family_id: str


def _new_refresh_token(family_id: str, user_id: int, client_id: str, scope: str) -> str:
    secret = tokens.new_secret()
    db.session.add(
        RefreshToken(
            token_hash=tokens.hash_secret(secret),
            family_id=family_id,
            user_id=user_id,
            client_id=client_id,
            scope=scope,
            expires_at=utcnow() + timedelta(seconds=current_app.config["REFRESH_TOKEN_TTL"]),
        )
    )
    return secret


def start_family(user_id: int, client_id: str) -> str:
    family = TokenFamily(id=uuid.uuid4().hex, user_id=user_id, client_id=client_id)
    db.session.add(family)
    db.session.flush()
    return family.id


def issue_tokens(
    user: User, client_id: str, scope: str = "api", family_id: str | None = None
) -> IssuedTokens:
    """Access + refresh tokens, in a new family (sign-in) or an existing one (rotation). No commit:
    the caller's transaction (the token endpoint) commits."""
    family_id = family_id or start_family(user.id, client_id)
    refresh = _new_refresh_token(family_id, user.id, client_id, scope)
    access = tokens.mint_access_token(user.id, client_id, family_id, scope)
    return IssuedTokens(access, refresh, int(current_app.config["ACCESS_TOKEN_TTL"]), family_id)


def do_issue_tokens(user: User, client_id: str) -> IssuedTokens:
    """Sign a user in directly (tests and tools); the web flow goes through /oauth/authorize."""
    issued = issue_tokens(user, client_id)
    db.session.commit()
    return issued


def find_refresh_token(secret: str) -> RefreshToken | None:
    return db.session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == tokens.hash_secret(secret))
    )


def revoke_family(family_id: str, reason: str) -> None:
    db.session.execute(
        update(TokenFamily)
        .where(TokenFamily.id == family_id, TokenFamily.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason=reason)
    )


def family_is_live(family_id: str) -> bool:
    family = db.session.get(TokenFamily, family_id)
    return family is not None and family.revoked_at is None


def do_register_client(
    client_id: str, name: str, redirect_uris: list[str], *, first_party: bool = True
) -> OAuthClient:
    client = db.session.scalar(select(OAuthClient).where(OAuthClient.client_id == client_id))
    if client is None:
        client = OAuthClient(client_id=client_id, client_name=name, is_public=True)
        db.session.add(client)
    client.client_name = name
    client.redirect_uris = redirect_uris
    client.first_party = first_party
    db.session.commit()
    return client
