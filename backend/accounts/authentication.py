"""Passwords and sign-in checks: the password policy and hashing (argon2), and the account behind a
password or an access token (``authenticate_*``: every check, one prebuilt statement each).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import Integer, String, and_, bindparam, select

from backend.accounts.models import (
    AccountStatus,
    Family,
    User,
)
from backend.auth import tokens
from backend.auth.models import TokenFamily
from backend.core.db import db, read_first, utcnow
from backend.core.errors import Unauthorized, Unprocessable

_hasher = PasswordHasher()
# Verified against when the email is unknown, so a miss costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password-but-same-cost")


# --- passwords -------------------------------------------------------------------------------


@cache
def _common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("common_passwords.txt")
    return frozenset(
        line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")
    )


def check_password_policy(password: str) -> None:
    if len(password) < 10:
        raise Unprocessable("Password too short", {"password": ["Use at least 10 characters."]})
    if password.lower() in _common_passwords():
        raise Unprocessable(
            "Password too common", {"password": ["This password is too common; choose another."]}
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(stored: str | None, password: str) -> bool:
    """One argon2 verification, against the dummy hash when there is no stored one."""
    return _password_matches(stored, password)


def _password_matches(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


# --- people ----------------------------------------------------------------------------------


def normalise_email(email: str) -> str:
    return email.strip().lower()


def authenticate_password(email: str, password: str) -> User | None:
    """Sign-in check with lock-out after repeated failures. Commits the counter either way.

    Exactly one argon2 verification whatever the email: an unknown email and a locked account are
    checked against a dummy hash, so the time taken does not tell whether an account exists."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    now = utcnow()
    locked = user is not None and user.locked_until is not None and user.locked_until > now
    matches = _password_matches(None if user is None or locked else user.password_hash, password)
    if locked:
        return None
    if user is None or not matches or not user.is_active:
        if user is not None and user.status != AccountStatus.DELETED:
            user.failed_logins += 1
            if user.failed_logins >= current_app.config["LOGIN_LOCKOUT_THRESHOLD"]:
                user.locked_until = now + timedelta(seconds=current_app.config["LOGIN_LOCKOUT_SECONDS"])
                user.failed_logins = 0
            db.session.commit()
        return None
    user.failed_logins = 0
    user.locked_until = None
    db.session.commit()
    return user


def authenticate_access_token(token: str) -> User:
    """Bearer token to active user, or 401. Checked on every request and socket connect."""
    claims = _access_claims(token)
    row = db.session.execute(
        _access_token_statement(), {"user_id": claims.user_id, "family_id": claims.family_id}
    ).first()
    if row is None:
        raise Unauthorized("Invalid or expired token")
    user, family_id, family_revoked_at = row
    _check_access(user.status, family_id, family_revoked_at)
    return user


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling, from a bearer token checked exactly as ``authenticate_access_token`` checks it,
    without loading the account object: the account's columns the walls read (``is_active``,
    ``persona``, ``verified_at``, ``family``), for read routes that need nothing else (the thread
    page, QUALITY.md B4). ``family`` is loaded on use, as ``User.family`` is."""

    id: int
    persona: str
    status: str
    family_id: int | None
    verified_at: datetime | None

    @property
    def is_active(self) -> bool:
        return self.status == AccountStatus.ACTIVE

    @property
    def family(self) -> Family | None:
        return db.session.get(Family, self.family_id) if self.family_id is not None else None


def authenticate_principal(token: str) -> Principal:
    """Bearer token to the active caller as a ``Principal``, or 401: the same checks as
    ``authenticate_access_token`` (signature, issuer, audience, expiry, an active account, the
    account's own unrevoked token family) in one Core statement, with no ORM object built, read on
    the context's read connection (``db.reader()``: no ORM session made for it)."""
    claims = _access_claims(token)
    row = read_first(
        db.reader(),
        _principal_statement(),
        {"user_id": claims.user_id, "family_id": claims.family_id},
    )
    if row is None:
        raise Unauthorized("Invalid or expired token")
    user_id, persona, status, family_id, verified_at, token_family_id, token_family_revoked_at = row
    _check_access(status, token_family_id, token_family_revoked_at)
    return Principal(user_id, persona, status, family_id, verified_at)


def _access_claims(token: str) -> tokens.AccessClaims:
    try:
        return tokens.verify_access_token(token)
    except tokens.InvalidToken as exc:
        raise Unauthorized("Invalid or expired token") from exc


def _check_access(status: str, family_id: str | None, family_revoked_at: datetime | None) -> None:
    # A token naming no family (or one we never issued) is not ours; a revoked family is signed out;
    # a suspended or deleted account is not active.
    if status != AccountStatus.ACTIVE or family_id is None or family_revoked_at is not None:
        raise Unauthorized("Invalid or expired token")


def _token_family_join(user_id: Any) -> Any:
    """The sign-in's token family, which must be the account's own."""
    families = TokenFamily.__table__
    return and_(families.c.id == bindparam("family_id", type_=String), families.c.user_id == user_id)


@cache
def _access_token_statement() -> Any:
    """The account and its sign-in's token family, built once with bound parameters: it runs on
    every request."""
    return (
        select(User, TokenFamily.id, TokenFamily.revoked_at)
        .outerjoin(TokenFamily.__table__, _token_family_join(User.id))
        .where(User.id == bindparam("user_id", type_=Integer))
    )


@cache
def _principal_statement() -> Any:
    """``_access_token_statement`` for a ``Principal``: the account's columns, not the entity (a
    table-level select, so no ORM loading runs)."""
    users, families = User.__table__, TokenFamily.__table__
    return (
        select(
            users.c.id,
            users.c.persona,
            users.c.status,
            users.c.family_id,
            users.c.verified_at,
            families.c.id,
            families.c.revoked_at,
        )
        .select_from(users)
        .outerjoin(families, _token_family_join(users.c.id))
        .where(users.c.id == bindparam("user_id", type_=Integer))
    )
