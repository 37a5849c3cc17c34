"""Signed JWT access tokens (joserfc) and hashed opaque secrets.

Access tokens are short-lived HS256 JWTs with required ``iss``, ``aud``, ``exp`` and ``sub``. They
are minted by joserfc; on every request the one header we mint is required exactly (so ``alg: none``
or any other algorithm is refused by construction), the HMAC-SHA256 signature is compared in
constant time, and the claims are checked by joserfc's claims registry.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from flask import current_app
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

ALGORITHMS = ["HS256"]
HEADER = {"alg": "HS256", "typ": "at+jwt"}  # the only header minted, and the only one accepted
# Three base64url parts (no padding): anything else is not one of our tokens.
_COMPACT = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    family_id: str | None
    client_id: str
    scope: str
    expires_at: int  # ``exp``: seconds since the epoch


class InvalidToken(Exception):
    """The token is malformed, tampered with, expired or not meant for this API."""


def _signing_key() -> OctKey:
    return _oct_key(_key_bytes(current_app.config["SECRET_KEY"]))


@lru_cache(maxsize=8)
def _key_bytes(secret: str) -> bytes:
    """A key of its own derived from SECRET_KEY, so a token key never doubles as the session key.
    Derived once per secret (every request verifies a token with it); a changed secret derives anew."""
    return hmac.new(secret.encode(), b"access-token-signing-v1", hashlib.sha256).digest()


@lru_cache(maxsize=8)
def _oct_key(key: bytes) -> OctKey:
    return OctKey.import_key(key)


@lru_cache(maxsize=8)
def _claims_registry(issuer: str, audience: str) -> jwt.JWTClaimsRegistry:
    """The required claims; holds no per-token state (``exp`` is checked against the clock on each
    ``validate``), so one per issuer and audience serves every request."""
    return jwt.JWTClaimsRegistry(
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "value": audience},
        exp={"essential": True},
        sub={"essential": True},
    )


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
    """The claims of a valid access token, or ``InvalidToken``.

    Checked here rather than by ``jwt.decode`` because it runs on every request and the general
    decoder (any algorithm, header registry, key objects) costs several times more: the token must
    be three base64url parts, its header exactly ``HEADER``, its signature the HMAC-SHA256 of the
    first two parts under our key (``hmac.compare_digest``), its payload a JSON object whose claims
    pass joserfc's registry (``iss``, ``aud``, ``exp``, ``sub`` required; ``nbf``/``iat`` checked).

    The first part (form, header, signature, payload) depends only on the token and the key, so a
    token that passed it is remembered (``_signed_claims``); the claims, which depend on the clock
    (expiry), are validated on every call. Whether the sign-in is still live (revoked family,
    suspended account) is the caller's database check, never remembered.
    """
    config = current_app.config
    try:
        claims, access = _signed_claims(token, _key_bytes(config["SECRET_KEY"]))
        _claims_registry(config["JWT_ISSUER"], config["JWT_AUDIENCE"]).validate(claims)
        return access
    except (JoseError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise InvalidToken(type(exc).__name__) from exc


@lru_cache(maxsize=4096)
def _signed_claims(token: str, key: bytes) -> tuple[dict[str, Any], AccessClaims]:
    """A token's payload and its ``AccessClaims`` if its form, header and signature are right under
    ``key`` (else it raises, and nothing is remembered). A pure function of its arguments, so each
    live token is checked once per process (bench/LEDGER.md); a changed key is another entry. The
    payload is only read afterwards (joserfc's ``validate`` does not change it)."""
    if not _COMPACT.fullmatch(token):
        raise InvalidToken("malformed")
    header, payload, signature = token.split(".")
    if json.loads(_b64decode(header)) != HEADER:
        raise InvalidToken("header")
    signed = f"{header}.{payload}".encode("ascii")
    expected = hmac.new(key, signed, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, _b64decode(signature)):
        raise InvalidToken("signature")
    claims = json.loads(_b64decode(payload))
    if not isinstance(claims, dict):
        raise InvalidToken("payload")
    access = AccessClaims(
        user_id=int(claims["sub"]),
        family_id=claims.get("fam"),
        client_id=str(claims.get("client_id", "")),
        scope=str(claims.get("scope", "")),
        expires_at=int(claims["exp"]),
    )
    return claims, access


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(value: str) -> str:
    """Refresh tokens, codes and invitations are stored only as hashes: a leaked table is useless."""
    return hashlib.sha256(value.encode()).hexdigest()
