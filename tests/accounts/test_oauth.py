"""Sign-in: authorization code + PKCE, refresh rotation and reuse detection, revocation, token checks."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import time_machine
from joserfc import jwt
from joserfc.jwk import OctKey
from sqlalchemy import select

from backend.auth import service as auth_service
from backend.auth import tokens
from backend.auth.models import AuthorizationCode
from backend.auth.server import CodeGrant, RefreshGrant, StoredCode, StoredRefresh
from backend.core.db import db
from tests.factories import PASSWORD

CLIENT = "community-demo"
REDIRECT = "http://127.0.0.1:8765/callback"


@pytest.fixture
def oauth_client(app: Any) -> None:
    auth_service.do_register_client(CLIENT, "Demo", [REDIRECT])


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_url(challenge: str | None, method: str = "S256", **extra: str) -> str:
    params = {
        "response_type": "code",
        "client_id": CLIENT,
        "redirect_uri": REDIRECT,
        "state": "xyz",
        "scope": "api",
    }
    if challenge is not None:
        params.update(code_challenge=challenge, code_challenge_method=method)
    params.update(extra)
    return "/oauth/authorize?" + urlencode(params)


def authorization_code(client: Any, email: str, password: str = PASSWORD) -> tuple[str, str]:
    """The browser half of the flow: form, credentials, redirect with a code. (code, verifier)."""
    verifier, challenge = pkce()
    url = authorize_url(challenge)
    form = client.get(url)
    assert form.status_code == 200 and "<form" in form.get_data(as_text=True)
    response = client.post(url, data={"email": email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    location = urlparse(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["xyz"]
    return query["code"][0], verifier


def exchange(client: Any, code: str, verifier: str) -> Any:
    return client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": CLIENT,
            "code_verifier": verifier,
        },
    )


def sign_in(client: Any, email: str, password: str = PASSWORD) -> dict[str, Any]:
    """The whole browser flow: form, credentials, redirect with code, code + verifier for tokens."""
    token = exchange(client, *authorization_code(client, email, password))
    assert token.status_code == 200, token.json
    return dict(token.json)


def refresh(client: Any, refresh_token: str) -> Any:
    return client.post(
        "/oauth/token",
        data={"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": CLIENT},
    )


def me(client: Any, access_token: str) -> Any:
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {access_token}"})


def test_code_flow_with_pkce_signs_in(client: Any, cast: Any, oauth_client: None) -> None:
    tokens_ = sign_in(client, cast.adopter.user.email)
    assert tokens_["token_type"] == "Bearer"
    assert tokens_["expires_in"] == 15 * 60
    response = me(client, tokens_["access_token"])
    assert response.status_code == 200
    assert response.json["id"] == cast.adopter.id
    assert response.json["persona"] == "adopter"
    assert "date_of_birth" not in response.json


def test_pkce_is_required_and_only_s256(client: Any, oauth_client: None) -> None:
    assert client.get(authorize_url(None)).status_code == 400
    _, challenge = pkce()
    assert client.get(authorize_url(challenge, method="plain")).status_code == 400


def test_wrong_verifier_gets_no_token(client: Any, cast: Any, oauth_client: None) -> None:
    _, challenge = pkce()
    url = authorize_url(challenge)
    response = client.post(url, data={"email": cast.adopter.user.email, "password": PASSWORD})
    code = parse_qs(urlparse(response.headers["Location"]).query)["code"][0]
    bad = client.post(
        "/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": CLIENT,
            "code_verifier": pkce()[0],
        },
    )
    assert bad.status_code == 400
    assert bad.json["error"] == "invalid_grant"


def test_unregistered_redirect_uri_is_never_redirected_to(client: Any, oauth_client: None) -> None:
    _, challenge = pkce()
    response = client.get(authorize_url(challenge, redirect_uri="https://evil.example/cb"))
    assert response.status_code == 400
    assert "Location" not in response.headers


def test_password_and_implicit_grants_are_not_offered(client: Any, cast: Any, oauth_client: None) -> None:
    password_grant = client.post(
        "/oauth/token",
        data={
            "grant_type": "password",
            "username": cast.adopter.user.email,
            "password": PASSWORD,
            "client_id": CLIENT,
        },
    )
    assert password_grant.status_code == 400
    assert password_grant.json["error"] == "unsupported_grant_type"
    _, challenge = pkce()
    assert client.get(authorize_url(challenge, response_type="token")).status_code == 400


def test_wrong_password_reshows_the_form_and_repeated_failures_lock(
    client: Any, cast: Any, oauth_client: None
) -> None:
    _, challenge = pkce()
    url = authorize_url(challenge)
    email = cast.adopter.user.email
    for _ in range(5):
        wrong = client.post(url, data={"email": email, "password": "not the password"})
        assert wrong.status_code == 401
        assert "did not match" in wrong.get_data(as_text=True)
    # Locked now: even the right password is refused, with the same generic message.
    locked = client.post(url, data={"email": email, "password": PASSWORD})
    assert locked.status_code == 401
    unknown = client.post(url, data={"email": "nobody@test.example", "password": PASSWORD})
    assert unknown.get_data(as_text=True) == wrong.get_data(as_text=True)


def test_refresh_rotates_and_reuse_revokes_the_family(client: Any, cast: Any, oauth_client: None) -> None:
    first = sign_in(client, cast.adopter.user.email)
    second = refresh(client, first["refresh_token"])
    assert second.status_code == 200
    assert second.json["refresh_token"] != first["refresh_token"]
    assert me(client, second.json["access_token"]).status_code == 200

    # The spent token comes back (stolen): refused, and the whole family is signed out.
    replay = refresh(client, first["refresh_token"])
    assert replay.status_code == 400
    assert refresh(client, second.json["refresh_token"]).status_code == 400
    assert me(client, second.json["access_token"]).status_code == 401
    assert me(client, first["access_token"]).status_code == 401


def test_a_code_is_exchanged_once_and_a_replay_ends_its_sign_in(
    client: Any, cast: Any, oauth_client: None
) -> None:
    """RFC 6749 4.1.2: a code works once; a second use is refused and revokes the tokens it gave."""
    code, verifier = authorization_code(client, cast.adopter.user.email)
    first = exchange(client, code, verifier)
    assert first.status_code == 200
    assert me(client, first.json["access_token"]).status_code == 200

    replay = exchange(client, code, verifier)
    assert replay.status_code == 400 and replay.json["error"] == "invalid_grant"
    assert "access_token" not in replay.json
    # The sign-in the code started is over: its access and refresh tokens no longer work.
    assert me(client, first.json["access_token"]).status_code == 401
    assert refresh(client, first.json["refresh_token"]).status_code == 400
    # Other sign-ins of the same person are untouched.
    assert me(client, cast.adopter.token).status_code == 200


def test_a_failed_exchange_does_not_spend_the_code(client: Any, cast: Any, oauth_client: None) -> None:
    code, verifier = authorization_code(client, cast.adopter.user.email)
    assert exchange(client, code, pkce()[0]).status_code == 400  # wrong verifier
    assert exchange(client, code, verifier).status_code == 200


def test_two_racing_exchanges_of_one_code_cannot_both_win(
    client: Any, cast: Any, oauth_client: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race: the second exchange read the code before the first one committed, so it saw it
    unused. Replayed here deterministically by letting the second read miss the "used" mark; the
    conditional update in the token transaction is what must refuse it."""
    code, verifier = authorization_code(client, cast.adopter.user.email)
    first = exchange(client, code, verifier)
    assert first.status_code == 200

    def stale_read(self: Any, code: str, client_: Any) -> Any:
        row = db.session.scalar(
            select(AuthorizationCode).where(AuthorizationCode.code_hash == tokens.hash_secret(code))
        )
        assert row is not None and row.used_at is not None  # committed by the first exchange
        return StoredCode(_unused_copy(row))

    monkeypatch.setattr(CodeGrant, "query_authorization_code", stale_read)
    second = exchange(client, code, verifier)
    assert second.status_code == 400 and second.json["error"] == "invalid_grant"
    assert me(client, first.json["access_token"]).status_code == 401


def test_two_racing_refreshes_of_one_token_cannot_both_rotate_it(
    client: Any, cast: Any, oauth_client: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    issued = sign_in(client, cast.adopter.user.email)
    assert refresh(client, issued["refresh_token"]).status_code == 200

    def stale_read(self: Any, refresh_token: str) -> Any:
        row = auth_service.find_refresh_token(refresh_token)
        assert row is not None and row.spent_at is not None
        db.session.expunge(row)
        row.spent_at = None  # as read before the first refresh committed
        return StoredRefresh(row)

    monkeypatch.setattr(RefreshGrant, "authenticate_refresh_token", stale_read)
    second = refresh(client, issued["refresh_token"])
    assert second.status_code == 400 and second.json["error"] == "invalid_grant"
    assert me(client, issued["access_token"]).status_code == 401  # reuse ends the sign-in


def _unused_copy(row: AuthorizationCode) -> AuthorizationCode:
    db.session.expunge(row)
    row.used_at = None
    return row


def test_revoke_ends_the_sign_in(client: Any, cast: Any, oauth_client: None) -> None:
    issued = sign_in(client, cast.adopter.user.email)
    response = client.post("/oauth/revoke", data={"token": issued["refresh_token"], "client_id": CLIENT})
    assert response.status_code == 200
    assert refresh(client, issued["refresh_token"]).status_code == 400
    assert me(client, issued["access_token"]).status_code == 401


def test_expired_token_is_refused(client: Any, cast: Any) -> None:
    token = cast.adopter.token
    assert me(client, token).status_code == 200
    with time_machine.travel(time.time() + 16 * 60, tick=False):
        assert me(client, token).status_code == 401


def _forge(app: Any, claims: dict[str, Any], key: bytes | None = None, alg: str = "HS256") -> str:
    with app.app_context():
        signing = tokens._signing_key() if key is None else OctKey.import_key(key)
        return jwt.encode({"alg": alg}, claims, signing, algorithms=[alg])


def test_wrong_audience_issuer_tampered_and_alg_none_are_refused(app: Any, client: Any, cast: Any) -> None:
    good = jwt.decode(cast.adopter.token, tokens._signing_key(), algorithms=["HS256"]).claims
    wrong_aud = _forge(app, {**good, "aud": "someone-else"})
    wrong_iss = _forge(app, {**good, "iss": "someone-else"})
    other_key = _forge(app, good, key=b"k" * 32)
    header, payload, signature = cast.adopter.token.split(".")
    evil_payload = (
        base64.urlsafe_b64encode(
            base64.urlsafe_b64decode(payload + "==").replace(
                f'"sub":"{cast.adopter.id}"'.encode(), b'"sub":"999"'
            )
        )
        .rstrip(b"=")
        .decode()
    )
    tampered = f"{header}.{evil_payload}.{signature}"
    none_header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    alg_none = f"{none_header}.{payload}."
    for bad in (wrong_aud, wrong_iss, other_key, tampered, alg_none, "not-a-token", cast.adopter.token + "x"):
        response = me(client, bad)
        assert response.status_code == 401, bad
        assert response.json["code"] == 401
    assert me(client, cast.adopter.token).status_code == 200


def test_token_in_the_query_string_is_ignored(client: Any, cast: Any) -> None:
    assert client.get(f"/api/v1/me?access_token={cast.adopter.token}").status_code == 401
    assert client.get(f"/api/v1/me?token={cast.adopter.token}").status_code == 401


def test_suspended_account_token_stops_working(client: Any, cast: Any) -> None:
    target = cast.adopter
    response = client.post(
        f"/api/v1/admin/users/{target.id}/suspension",
        json={"suspended": True, "reason": "test"},
        headers=cast.admin.headers,
    )
    assert response.status_code == 200
    assert me(client, target.token).status_code == 401


def test_a_response_type_outside_ascii_is_a_bad_link_not_a_server_error(
    client: Any, oauth_client: None
) -> None:
    """authlib refuses to build its error description from such a value (ValueError): still a 400
    page, found by fuzzing the documented /oauth/authorize."""
    _, challenge = pkce()
    for method in ("GET", "POST"):
        response = client.open(authorize_url(challenge, response_type="códé"), method=method)
        assert response.status_code == 400, method
        assert response.mimetype == "text/html"


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/oauth/revoke", {"token": "abc", "client_id": "app\x00"}),
        ("/oauth/token", {"grant_type": "refresh_token", "refresh_token": "r\x00t", "client_id": CLIENT}),
        ("/oauth/token", {"grant_type": "authorization_code", "code": "c", "x\x00": "1"}),
    ],
)
def test_a_value_no_database_can_hold_is_a_malformed_request(
    client: Any, oauth_client: None, path: str, data: dict[str, str]
) -> None:
    """A NUL in a form value reached PostgreSQL in a client or token lookup (a 500; found by the API
    fuzzer on /oauth/revoke). It is answered as OAuth answers a malformed request."""
    response = client.post(path, data=data)
    assert response.status_code == 400
    assert response.json["error"] == "invalid_request"


def test_a_nul_in_the_sign_in_link_is_a_bad_link(client: Any, oauth_client: None) -> None:
    _, challenge = pkce()
    response = client.get(authorize_url(challenge, state="s\x00"))
    assert response.status_code == 400
    assert response.mimetype == "text/html"
