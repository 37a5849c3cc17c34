"""Access tokens: the signature check is remembered per token and key (``tokens._signed_claims``,
bench/LEDGER.md), the claims are not. Remembered or not, ``verify_access_token`` must answer exactly
as the general decoder (joserfc's ``jwt.decode`` with the same key and claims registry) does, and a
token must stop working the moment its expiry passes or the key changes, even after it was accepted.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import pytest
import time_machine
from joserfc import jwt
from joserfc.errors import JoseError

from backend.auth import tokens
from tests.factories import signed_token, token_part


def _general(app: Any, token: str) -> tokens.AccessClaims | None:
    """The general way: joserfc's decoder (HS256 only) and the same registry; None when refused."""
    config = app.config
    try:
        decoded = jwt.decode(token, tokens._signing_key(), algorithms=tokens.ALGORITHMS)
        if decoded.header != tokens.HEADER:
            return None
        tokens._claims_registry(config["JWT_ISSUER"], config["JWT_AUDIENCE"]).validate(decoded.claims)
        claims = decoded.claims
        return tokens.AccessClaims(
            user_id=int(claims["sub"]),
            family_id=claims.get("fam"),
            client_id=str(claims.get("client_id", "")),
            scope=str(claims.get("scope", "")),
            expires_at=int(claims["exp"]),
        )
    except (JoseError, ValueError, KeyError, TypeError, RecursionError):
        return None


def _ours(token: str) -> tokens.AccessClaims | None:
    try:
        return tokens.verify_access_token(token)
    except tokens.InvalidToken:
        return None


def _tokens(app: Any) -> dict[str, str]:
    with app.app_context():
        good = tokens.mint_access_token(7, "client", "family-7")
    header, payload, signature = good.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    now = int(time.time())
    return {
        "good": good,
        "no family": signed_token(app, tokens.HEADER, {k: v for k, v in claims.items() if k != "fam"}),
        "alg none": f"{token_part({'alg': 'none', 'typ': 'at+jwt'})}.{payload}.",
        "header without typ": signed_token(app, {"alg": "HS256"}, claims),
        "payload not an object": signed_token(app, tokens.HEADER, b"[1]"),
        "wrong audience": signed_token(app, tokens.HEADER, {**claims, "aud": "someone-else"}),
        "wrong issuer": signed_token(app, tokens.HEADER, {**claims, "iss": "someone-else"}),
        "no subject": signed_token(app, tokens.HEADER, {k: v for k, v in claims.items() if k != "sub"}),
        "subject not a number": signed_token(app, tokens.HEADER, {**claims, "sub": "abc"}),
        "expired": signed_token(app, tokens.HEADER, {**claims, "exp": now - 1}),
        "not yet valid": signed_token(app, tokens.HEADER, {**claims, "nbf": now + 3600}),
        "issued in the future": signed_token(app, tokens.HEADER, {**claims, "iat": now + 3600}),
        "tampered payload": f"{header}.{token_part({**claims, 'sub': '8'})}.{signature}",
        "other signature": f"{header}.{payload}.{token_part(b'x' * 32)}",
        "short signature": f"{header}.{payload}.{signature[:-4]}",
        "two parts": f"{header}.{payload}",
        "not a token": "not-a-token",
    }


def test_remembered_or_not_every_token_gets_the_general_decoders_answer(app: Any) -> None:
    cases = _tokens(app)
    tokens._signed_claims.cache_clear()
    with app.app_context():
        for why, token in cases.items():
            expected = _general(app, token)
            assert (expected is not None) == (why == "good" or why == "no family"), why
            first, second = _ours(token), _ours(token)  # the second may come from memory
            assert first == second == expected, why
    assert tokens._signed_claims.cache_info().hits >= 2  # the good tokens were remembered


def test_a_remembered_token_is_refused_once_it_expires_or_the_key_changes(app: Any) -> None:
    tokens._signed_claims.cache_clear()
    with app.app_context():
        token = tokens.mint_access_token(7, "client", "family-7")
        claims = tokens.verify_access_token(token)
        assert tokens.verify_access_token(token) == claims
        assert tokens._signed_claims.cache_info().hits == 1
        with time_machine.travel(claims.expires_at + 1, tick=False):
            assert _ours(token) is None
            assert _general(app, token) is None
        app.config["SECRET_KEY"] = "another-secret-key-of-at-least-32-characters"
        assert _ours(token) is None
        assert _general(app, token) is None


@pytest.mark.parametrize("defect", ["header", "signature", "payload"])
def test_a_refused_token_is_never_remembered(app: Any, defect: str) -> None:
    tokens._signed_claims.cache_clear()
    with app.app_context():
        header, payload, signature = tokens.mint_access_token(7, "client", "family-7").split(".")
        bad = {
            "header": f"{token_part({'alg': 'none'})}.{payload}.{signature}",
            "signature": f"{header}.{payload}.{token_part(b'y' * 32)}",
            "payload": signed_token(app, tokens.HEADER, b"[1]"),
        }[defect]
        for _ in range(2):
            assert _ours(bad) is None
    assert tokens._signed_claims.cache_info().currsize == 0
