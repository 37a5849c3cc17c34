"""Signed JWT access tokens (joserfc) and hashed opaque secrets.

Access tokens are short-lived HS256 JWTs checked against a fixed algorithm list with required
``iss``, ``aud`` and ``exp``; ``alg: none`` or any other algorithm is refused by construction.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import uuid
from dataclasses import dataclass
from typing import Any

from flask import current_app
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

ALGORITHMS = ["HS256"]


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    family_id: str | None
    client_id: str
    scope: str


class InvalidToken(Exception):
    """The token is malformed, tampered with, expired or not meant for this API."""


def _signing_key() -> OctKey:
    # A key of its own derived from SECRET_KEY, so a token key never doubles as the session key.
    secret = current_app.config["SECRET_KEY"].encode()
    derived = hmac.new(secret, b"access-token-signing-v1", hashlib.sha256).digest()
    return OctKey.import_key(derived)


def mint_access_token(user_id: int, client_id: str, family_id: str | None, scope: str = "api") -> str:
    now = int(time.time())
    config = current_app.config
    claims: dict[str, Any] = {
        "iss": config["JWT_ISSUER"],
        "aud": config["JWT_AUDIENCE"],
        "sub": str(user_id),
        "iat": now,
        "exp": now + int(config["ACCESS_TOKEN_TTL"]),
        "jti": uuid.uuid4().hex,
        "client_id": client_id,
        "scope": scope,
    }
    if family_id:
        claims["fam"] = family_id
    return jwt.encode({"alg": "HS256", "typ": "at+jwt"}, claims, _signing_key(), algorithms=ALGORITHMS)


def verify_access_token(token: str) -> AccessClaims:
    config = current_app.config
    try:
        decoded = jwt.decode(token, _signing_key(), algorithms=ALGORITHMS)
        registry = jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": config["JWT_ISSUER"]},
            aud={"essential": True, "value": config["JWT_AUDIENCE"]},
            exp={"essential": True},
            sub={"essential": True},
        )
        registry.validate(decoded.claims)
        claims = decoded.claims
        return AccessClaims(
            user_id=int(claims["sub"]),
            family_id=claims.get("fam"),
            client_id=str(claims.get("client_id", "")),
            scope=str(claims.get("scope", "")),
        )
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        raise InvalidToken(type(exc).__name__) from exc


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(value: str) -> str:
    """Refresh tokens, codes and invitations are stored only as hashes: a leaked table is useless."""
    return hashlib.sha256(value.encode()).hexdigest()
