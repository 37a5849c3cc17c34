"""No secret or personal detail reaches the logs (QUALITY.md section 2): a real server process runs the
flows that carry them (sign-up with a date of birth, sign-in with a password, tokens and their refresh,
a child's details, a forum post, a chat message, a report) and its whole log, at DEBUG, is searched for
every one of them."""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import requests
import socketio

from backend.auth import service as auth_service
from tests.chat.helpers import make_group
from tests.servers import server

pytestmark = pytest.mark.slow

CLIENT, REDIRECT = "community-demo", "http://127.0.0.1:8765/callback"


def _sign_in(base: str, email: str, password: str) -> dict[str, Any]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = {
        "response_type": "code",
        "client_id": CLIENT,
        "redirect_uri": REDIRECT,
        "scope": "api",
        "state": "s",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    signed_in = requests.post(
        f"{base}/oauth/authorize",
        params=query,
        data={"email": email, "password": password},
        allow_redirects=False,
        timeout=10,
    )
    assert signed_in.status_code == 302, signed_in.text
    code = parse_qs(urlparse(signed_in.headers["Location"]).query)["code"][0]
    token = requests.post(
        f"{base}/oauth/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": CLIENT,
            "code_verifier": verifier,
        },
        timeout=10,
    )
    assert token.status_code == 200, token.text
    return {**token.json(), "code": code, "verifier": verifier}


def test_full_flows_leave_no_secret_or_personal_detail_in_the_logs(app: Any, cast: Any) -> None:
    auth_service.do_register_client(CLIENT, "Demo", [REDIRECT])
    group, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    group_id = group.id
    email = f"log-{uuid.uuid4().hex[:8]}@example.org"
    password = f"unusual passphrase {uuid.uuid4().hex[:6]}"
    birthday = "1979-04-23"
    post_body = f"Our week was hard {uuid.uuid4().hex[:8]}"
    chat_body = f"Thinking of you all {uuid.uuid4().hex[:8]}"
    report_details = f"This worried me {uuid.uuid4().hex[:8]}"
    with server(app.config, LOG_LEVEL="DEBUG") as base:
        signed_up = requests.post(
            f"{base}/api/v1/accounts",
            json={
                "email": email,
                "password": password,
                "display_name": "Logan",
                "date_of_birth": birthday,
                "persona": "adopter",
            },
            timeout=10,
        )
        assert signed_up.status_code == 202, signed_up.text
        issued = _sign_in(base, email, password)
        bearer = {"Authorization": f"Bearer {issued['access_token']}"}
        refreshed = requests.post(
            f"{base}/oauth/token",
            data={
                "grant_type": "refresh_token",
                "refresh_token": issued["refresh_token"],
                "client_id": CLIENT,
            },
            timeout=10,
        ).json()
        child = requests.post(
            f"{base}/api/v1/me/family/children",
            json={"birth_month": 7, "birth_year": 2016, "legal_route": "kinship", "needs": ["fasd"]},
            headers={"Authorization": f"Bearer {refreshed['access_token']}"},
            timeout=10,
        )
        assert child.status_code == 201, child.text

        adopter = {"Authorization": f"Bearer {cast.adopter.token}"}
        thread = requests.post(
            f"{base}/api/v1/groups/{group_id}/threads",
            json={"title": "A week", "body": post_body},
            headers=adopter,
            timeout=10,
        )
        assert thread.status_code == 201, thread.text
        client = socketio.Client(reconnection=False)
        client.connect(base, auth={"token": cast.adopter.token}, transports=["websocket"], wait_timeout=10)
        client.call("join", {"room": room}, timeout=10)
        ack = client.call("send", {"room": room, "client_id": "log-1", "body": chat_body}, timeout=10)
        client.disconnect()
        reported = requests.post(
            f"{base}/api/v1/reports",
            json={
                "subject_type": "message",
                "subject_id": ack["id"],
                "reason": "other",
                "details": report_details,
            },
            headers={"Authorization": f"Bearer {cast.adopter2.token}", "Idempotency-Key": uuid.uuid4().hex},
            timeout=10,
        )
        assert reported.status_code == 201, reported.text
        assert requests.get(f"{base}/api/v1/me", headers=bearer, timeout=10).status_code == 200

    log = "".join(path.read_text() for path in Path(app.config["INSTANCE_PATH"]).glob("server-*.log"))
    assert "request" in log, "the log was written"
    secrets_and_details = {
        "password": password,
        "email": email,
        "access token": issued["access_token"],
        "refresh token": issued["refresh_token"],
        "new access token": refreshed["access_token"],
        "new refresh token": refreshed["refresh_token"],
        "authorization code": issued["code"],
        "PKCE verifier": issued["verifier"],
        "date of birth": birthday,
        "post body": post_body,
        "chat message": chat_body,
        "report details": report_details,
        "a child's needs": "fasd",
    }
    leaked = [name for name, value in secrets_and_details.items() if value in log]
    assert leaked == [], f"found in the logs: {leaked}"
