"""Socket.IO connect: token from the auth payload only; suspended accounts are disconnected."""

from __future__ import annotations

from typing import Any

from backend.accounts import service
from backend.extensions import socketio


def test_connect_needs_a_token_in_the_auth_payload(app: Any, cast: Any) -> None:
    assert not socketio.test_client(app).is_connected()
    assert not socketio.test_client(app, auth={"token": "nonsense"}).is_connected()
    # A token in the URL is ignored, never accepted.
    assert not socketio.test_client(app, query_string=f"token={cast.adopter.token}").is_connected()
    client = socketio.test_client(app, auth={"token": cast.adopter.token})
    assert client.is_connected()
    client.disconnect()


def test_suspension_disconnects_the_users_sockets(app: Any, cast: Any) -> None:
    client = socketio.test_client(app, auth={"token": cast.adopter.token})
    bystander = socketio.test_client(app, auth={"token": cast.guardian.token})
    assert client.is_connected()
    service.do_set_suspended(cast.admin.id, cast.adopter.id, True, "test")
    assert not client.is_connected()
    assert bystander.is_connected()
    assert not socketio.test_client(app, auth={"token": cast.adopter.token}).is_connected()
