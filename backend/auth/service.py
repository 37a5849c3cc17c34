"""Token families, refresh rotation with reuse detection, revocation, demo client registration."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from backend.accounts.models import User
from backend.auth import live, tokens
from backend.auth.models import AuthorizationCode, OAuthClient, RefreshToken, TokenFamily
from backend.core.auth import bearer_token
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


def claim_code(code: AuthorizationCode) -> bool:
    """Spend an authorization code, in the transaction that issues its tokens: a conditional update,
    so of two exchanges of one code (even at the same instant, on two processes) exactly one wins
    and the other finds it spent (RFC 6749 4.1.2: a code is used once)."""
    spent = db.session.execute(
        update(AuthorizationCode)
        .where(AuthorizationCode.id == code.id, AuthorizationCode.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return spent.rowcount == 1  # type: ignore[attr-defined]


def do_refuse_replayed_code(code_id: int) -> None:
    """A spent code came back: refuse it and end the sign-in it started, since whoever holds the code
    may hold that sign-in's tokens too (RFC 6749 4.1.2, "SHOULD revoke ... all tokens previously
    issued based on that authorization code"). Commits: the refusal stands on its own."""
    db.session.rollback()
    family_id = db.session.scalar(select(AuthorizationCode.family_id).where(AuthorizationCode.id == code_id))
    if family_id is not None:
        revoke_family(family_id, "authorization_code_replay")
    db.session.commit()


def claim_refresh_token(token: RefreshToken) -> bool:
    """Spend a refresh token, in the transaction that issues its successor: a conditional update, so
    two concurrent refreshes with one token cannot both rotate it (the loser is a reuse)."""
    spent = db.session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == token.id, RefreshToken.spent_at.is_(None))
        .values(spent_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return spent.rowcount == 1  # type: ignore[attr-defined]


def do_refuse_reused_refresh_token(family_id: str) -> None:
    """A spent refresh token came back: it was stolen or replayed. Sign the whole family out."""
    db.session.rollback()
    revoke_family(family_id, "refresh_token_reuse")
    db.session.commit()


def revoke_family(family_id: str, reason: str) -> None:
    """End one sign-in: its refresh tokens and access tokens stop working (each request checks the
    family), and once this commits its sockets are told and disconnected (``auth/live.py``)."""
    db.session.execute(
        update(TokenFamily)
        .where(TokenFamily.id == family_id, TokenFamily.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason=reason)
    )
    live.end_sign_in_after_commit(family_id, reason)


def current_sign_in() -> str | None:
    """The sign-in (token family) of the request's bearer token, which the request's
    authentication has already checked."""
    token = bearer_token()
    if token is None:
        return None
    try:
        return tokens.verify_access_token(token).family_id
    except tokens.InvalidToken:
        return None


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
