"""A dependency that is down is an answer, not a crash (QUALITY.md section 3), on the default test
run: socket events are acked 503 and connects refused with a reason when the account cannot be read,
and with Redis unreachable sign-in, token refresh and every rate-limited route work, their limits
counted in memory. tests/faults/ does the same against a real cut, slowed or black-holed database
and a real Redis killed and frozen."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from backend import socket_events
from backend.accounts import service as accounts
from backend.auth import service as auth_service
from backend.extensions import socketio
from tests.accounts.test_oauth import CLIENT, REDIRECT, refresh, sign_in
from tests.chat.helpers import join, make_group, send
from tests.conftest import create_schema, dispose, make_app
from tests.factories import Cast

UNAVAILABLE = {
    "code": 503,
    "message": "The service is temporarily unavailable; please try again shortly.",
    "errors": {},
}
# A port nothing listens on: every Redis call is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"


def database_down(*_args: Any, **_kwargs: Any) -> Any:
    raise OperationalError("SELECT ...", {}, ConnectionRefusedError("connection refused"))


def connect_error_of(client: Any, monkeypatch: pytest.MonkeyPatch, token: str) -> dict[str, Any] | None:
    """Connect a test client again and return what a refused connection was told (Flask-SocketIO's
    test client keeps only "not connected"; the CONNECT_ERROR packet carries the reason)."""
    refusals: list[dict[str, Any]] = []
    send_packet = socketio.server._send_packet

    def recording(eio_sid: str, pkt: Any) -> None:
        if pkt.packet_type == 4:  # CONNECT_ERROR
            refusals.append(pkt.data)
        send_packet(eio_sid, pkt)

    monkeypatch.setattr(socketio.server, "_send_packet", recording)
    client.connect(auth={"token": token})
    return refusals[0] if refusals else None


def test_socket_events_get_a_503_ack_when_the_account_cannot_be_read(
    app: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    socket = socketio.test_client(app, auth={"token": cast.adopter.token})
    assert join(socket, room)["ok"] is True
    monkeypatch.setattr(socket_events, "socket_account", database_down)
    assert send(socket, room, "hello") == UNAVAILABLE
    assert socket.emit("sync", {"room": room, "after_seq": 0}, callback=True) == UNAVAILABLE
    assert socket.is_connected()
    socket.disconnect()


def test_a_connect_that_cannot_check_the_account_is_refused_with_a_reason(
    app: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = cast.adopter.token
    client = socketio.test_client(app)
    monkeypatch.setattr(accounts, "authenticate_access_token", database_down)
    assert connect_error_of(client, monkeypatch, token) == {"message": "unavailable", "data": UNAVAILABLE}
    assert not client.is_connected()


def test_a_connect_that_fails_for_another_reason_is_refused_too(
    app: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fail closed: a bug in connect never half-accepts a socket."""
    token = cast.adopter.token
    client = socketio.test_client(app)

    def broken(_token: str) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(accounts, "authenticate_access_token", broken)
    refused = connect_error_of(client, monkeypatch, token)
    assert refused is not None and refused["message"] == "server error" and refused["data"]["code"] == 500
    assert not client.is_connected()


def test_with_redis_unreachable_sign_in_refresh_and_rate_limits_still_work(tmp_path: Any) -> None:
    app = make_app(tmp_path, REDIS_URL=DEAD_REDIS, RATE_LIMIT_REGISTRATION="2/hour")
    app.config["RATE_LIMIT_CONNECTION"] = "1/hour"
    create_schema(app)
    with app.app_context():
        cast = Cast()
        auth_service.do_register_client(CLIENT, "Demo", [REDIRECT])
        client = app.test_client()
        tokens = sign_in(client, cast.adopter.user.email)
        renewed = refresh(client, tokens["refresh_token"])
        assert renewed.status_code == 200, renewed.json
        # A route limited by Flask-Limiter: its own answer, then 429 past the limit.
        assert [client.post("/api/v1/accounts", json={}).status_code for _ in range(3)] == [422, 422, 429]
        # A limit the chat feature counts itself (connection requests): the same.
        asks = [
            client.post("/api/v1/connections", json={"user_id": other.id}, headers=cast.adopter.headers)
            for other in (cast.adopter2, cast.guardian)
        ]
        assert [r.status_code for r in asks] == [201, 429], asks[0].json
    dispose(app)
