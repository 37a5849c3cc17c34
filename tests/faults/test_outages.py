"""Outages get answers (QUALITY.md section 3): with the database down every socket event is acked with
a 503 and a connection is refused with a reason; with Redis down sign-in and token refresh work and
rate-limited routes keep their limits, counted in memory, instead of failing with 500."""

from __future__ import annotations

import time
from typing import Any

import pytest

from backend.auth import service as auth_service
from backend.core.db import close_session
from backend.core.db import db as app_db
from backend.extensions import socketio
from tests.accounts.test_oauth import CLIENT, REDIRECT, refresh, sign_in
from tests.chat.helpers import join, make_group, send
from tests.core.test_outages import UNAVAILABLE, connect_error_of
from tests.faults.conftest import REQUEST_BOUND
from tests.faults.proxy import FaultProxy
from tests.faults.redis_server import RedisServer

pytestmark = pytest.mark.slow


def test_socket_events_and_connects_during_a_database_outage_get_answers(
    app: Any, cast: Any, pg_proxy: FaultProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    token = cast.adopter.token
    socket = socketio.test_client(app, auth={"token": token})
    assert join(socket, room)["ok"] is True
    late = socketio.test_client(app)  # connected later, during the outage
    assert not late.is_connected()
    close_session(app_db.session)

    with pg_proxy.fault("cut"):
        sent = send(socket, room, "during the outage")
        synced = socket.emit("sync", {"room": room, "after_seq": 0}, callback=True)
        refused = connect_error_of(late, monkeypatch, token)
        assert not late.is_connected()
    close_session(app_db.session)

    assert sent == UNAVAILABLE and synced == UNAVAILABLE
    assert refused == {"message": "unavailable", "data": UNAVAILABLE}
    # The database back, the same socket carries on: nothing was half-done.
    assert send(socket, room, "after the outage")["status"] == "published"

    # A database that never answers: the event is answered at the request deadline, not never.
    close_session(app_db.session)
    with pg_proxy.fault("black_hole"):
        started = time.monotonic()
        sent = send(socket, room, "into the void")
        took = time.monotonic() - started
    close_session(app_db.session)
    assert sent == UNAVAILABLE and took < REQUEST_BOUND, took
    socket.disconnect()


@pytest.fixture
def oauth_client(app: Any) -> None:
    auth_service.do_register_client(CLIENT, "Demo", [REDIRECT])


def test_with_redis_down_sign_in_and_refresh_work_and_limits_still_hold(
    app: Any, client: Any, cast: Any, oauth_client: None, redis_server: RedisServer
) -> None:
    email = cast.adopter.user.email
    app.config["RATE_LIMIT_REGISTRATION"] = "2/hour"
    redis_server.kill()

    tokens = sign_in(client, email)
    renewed = refresh(client, tokens["refresh_token"])
    assert renewed.status_code == 200, renewed.json
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {renewed.json['access_token']}"}).json[
            "email"
        ]
        == email
    )
    # A limited route answers as it would with Redis: its own answer, then 429 past the limit.
    statuses = [client.post("/api/v1/accounts", json={}).status_code for _ in range(3)]
    assert statuses == [422, 422, 429]


def test_with_redis_frozen_requests_are_answered_within_the_redis_timeouts(
    app: Any, client: Any, oauth_client: None, cast: Any, redis_server: RedisServer
) -> None:
    email = cast.adopter.user.email
    redis_server.freeze()
    try:
        tokens = sign_in(client, email)
        assert refresh(client, tokens["refresh_token"]).status_code == 200
    finally:
        redis_server.thaw()
