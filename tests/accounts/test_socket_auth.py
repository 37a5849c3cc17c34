"""Socket.IO connect: token from the auth payload only; suspended accounts are disconnected."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from backend.accounts import service
from backend.accounts.models import AccountStatus, User
from backend.core.db import db
from backend.extensions import socketio
from tests.chat.helpers import connect, disconnected, events, join, make_group, send


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


def test_every_event_sees_the_account_as_it_is_now(app: Any, cast: Any) -> None:
    """A change made elsewhere (another process, whose disconnect never reached this socket) is
    seen at the socket's next event: the account is re-read for each one, not remembered."""
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    alice = connect(app, cast.adopter)
    assert join(alice, room)["ok"]
    assert send(alice, room, "first")["status"] == "published"

    def change(**values: Any) -> None:
        db.session.execute(update(User).where(User.id == cast.adopter.id).values(**values))
        db.session.commit()

    change(display_name="Alice Renamed")
    send(alice, room, "second")
    sender = [m["sender"] for m in events(alice, "message")][-1]
    assert sender["display_name"] == "Alice Renamed"

    change(status=AccountStatus.SUSPENDED)
    assert send(alice, room, "third")["code"] == 401
    assert disconnected(alice)
