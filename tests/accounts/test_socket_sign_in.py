"""A socket dies with its sign-in: revocation (of either token), refresh-token reuse, a replayed code
and token expiry reach open sockets, on this process at once and on any other at the socket's next
event or the next sweep; ``auth`` with a fresh token keeps a socket past its first token's expiry."""

from __future__ import annotations

import time
from typing import Any

import pytest
import time_machine
from sqlalchemy import update

from backend.auth import live
from backend.auth import service as auth_service
from backend.auth.models import TokenFamily
from backend.core.db import db, utcnow
from backend.extensions import socketio
from tests.accounts.test_oauth import CLIENT, REDIRECT, authorization_code, exchange, me, refresh, sign_in
from tests.chat.helpers import disconnected, join, make_group, send
from tests.factories import PASSWORD

TTL = 15 * 60


@pytest.fixture
def oauth_client(app: Any) -> None:
    auth_service.do_register_client(CLIENT, "Demo", [REDIRECT])


def open_socket(app: Any, access_token: str) -> Any:
    client = socketio.test_client(app, auth={"token": access_token})
    assert client.is_connected()
    return client


def signed_out(client: Any) -> list[str]:
    """The reasons the server gave before disconnecting (read from the queue: the test client
    refuses get_received once disconnected)."""
    return [e["args"][0]["reason"] for e in client.queue if e["name"] == live.SIGNED_OUT_EVENT]


def revoke_elsewhere(family_id: str) -> None:
    """As another process would: the family is revoked in the database, and this process hears nothing."""
    db.session.execute(update(TokenFamily).where(TokenFamily.id == family_id).values(revoked_at=utcnow()))
    db.session.commit()


def family_of(access_token: str) -> str:
    from backend.auth import tokens

    family_id = tokens.verify_access_token(access_token).family_id
    assert family_id is not None
    return family_id


def test_revoking_the_refresh_token_disconnects_its_sockets(
    app: Any, client: Any, cast: Any, oauth_client: None
) -> None:
    issued = sign_in(client, cast.adopter.user.email)
    socket = open_socket(app, issued["access_token"])
    other_device = open_socket(app, cast.adopter.token)  # another sign-in of the same person

    response = client.post("/oauth/revoke", data={"token": issued["refresh_token"], "client_id": CLIENT})
    assert response.status_code == 200
    assert not socket.is_connected()
    assert signed_out(socket) == ["signed_out"]
    assert me(client, issued["access_token"]).status_code == 401
    assert other_device.is_connected()
    assert not socketio.test_client(app, auth={"token": issued["access_token"]}).is_connected()


def test_revoking_an_access_token_works_on_rest_and_sockets(
    app: Any, client: Any, cast: Any, oauth_client: None
) -> None:
    issued = sign_in(client, cast.adopter.user.email)
    socket = open_socket(app, issued["access_token"])
    assert me(client, issued["access_token"]).status_code == 200

    # Another client may not revoke it.
    other = client.post("/oauth/revoke", data={"token": issued["access_token"], "client_id": "someone-else"})
    assert other.status_code in (400, 401)
    assert socket.is_connected()

    response = client.post(
        "/oauth/revoke",
        data={"token": issued["access_token"], "token_type_hint": "access_token", "client_id": CLIENT},
    )
    assert response.status_code == 200
    assert me(client, issued["access_token"]).status_code == 401
    assert not socket.is_connected() and signed_out(socket) == ["signed_out"]
    assert refresh(client, issued["refresh_token"]).status_code == 400  # the whole sign-in ended
    assert me(client, cast.adopter.token).status_code == 200


def test_refresh_token_reuse_and_code_replay_disconnect_the_sign_ins_sockets(
    app: Any, client: Any, cast: Any, oauth_client: None
) -> None:
    first = sign_in(client, cast.adopter.user.email)
    rotated = refresh(client, first["refresh_token"]).json
    socket = open_socket(app, rotated["access_token"])
    assert refresh(client, first["refresh_token"]).status_code == 400  # reuse: stolen token
    assert not socket.is_connected() and signed_out(socket) == ["signed_out"]

    code, verifier = authorization_code(client, cast.guardian.user.email)
    tokens_ = exchange(client, code, verifier).json
    socket = open_socket(app, tokens_["access_token"])
    assert exchange(client, code, verifier).status_code == 400  # the code again
    assert not socket.is_connected() and signed_out(socket) == ["signed_out"]


def test_a_sign_in_ended_on_another_process_is_refused_at_the_next_event(app: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    socket = open_socket(app, cast.adopter.token)
    assert join(socket, room)["ok"]
    revoke_elsewhere(family_of(cast.adopter.token))
    answer = send(socket, room, "after sign-out")
    assert answer["code"] == 401
    assert signed_out(socket) == ["signed_out"]
    assert socket.emit("sync", {"room": room, "after_seq": 0}, callback=True)["code"] == 401
    assert disconnected(socket)


def test_the_sweep_disconnects_listening_sockets_whose_sign_in_ended_elsewhere(app: Any, cast: Any) -> None:
    socket = open_socket(app, cast.adopter.token)
    live_one = open_socket(app, cast.guardian.token)
    assert live.sweep_local_sockets() == 0
    assert socket.is_connected()

    revoke_elsewhere(family_of(cast.adopter.token))
    assert socket.is_connected()  # nothing told this process
    assert live.sweep_local_sockets() == 1
    assert not socket.is_connected() and signed_out(socket) == ["signed_out"]
    assert live_one.is_connected()


def test_at_expiry_a_socket_is_disconnected_unless_it_re_authenticated(app: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "carers", [cast.adopter, cast.guardian])
    idle = open_socket(app, cast.guardian.token)
    busy = open_socket(app, cast.adopter.token)
    renewed = open_socket(app, cast.adopter.token)
    assert join(busy, room)["ok"] and join(renewed, room)["ok"]

    start = time.time()
    with time_machine.travel(start + TTL - 60, tick=False):
        fresh = auth_service.do_issue_tokens(cast.adopter.user, "test-client").access_token
        ack = renewed.emit("auth", {"token": fresh}, callback=True)
        assert ack["ok"] is True and ack["expires_at"] >= int(start) + 2 * TTL - 60

    with time_machine.travel(start + TTL + 1, tick=False):
        assert send(renewed, room, "still here")["status"] == "published"
        answer = send(busy, room, "too late")
        assert answer["code"] == 401 and "expired" in answer["message"]
        assert signed_out(busy) == ["expired"] and disconnected(busy)
        assert live.sweep_local_sockets() == 1  # the idle one
        assert not idle.is_connected() and signed_out(idle) == ["expired"]
        assert renewed.is_connected()


def test_auth_refuses_bad_tokens_and_another_persons(app: Any, cast: Any) -> None:
    socket = open_socket(app, cast.adopter.token)
    assert socket.emit("auth", {"token": "not-a-token"}, callback=True)["code"] == 401
    assert socket.emit("auth", {"token": cast.guardian.token}, callback=True)["code"] == 403
    invalid = socket.emit("auth", {"token": "x", "extra": 1}, callback=True)
    assert invalid["code"] == 422 and "extra" in invalid["errors"]
    assert socket.emit("auth", {}, callback=True)["code"] == 422
    assert socket.is_connected()  # still on the sign-in it had
    assert socket.emit("auth", {"token": cast.adopter.token}, callback=True)["ok"] is True


def test_signing_out_disconnects_the_moderation_socket_too(
    app: Any, client: Any, cast: Any, oauth_client: None
) -> None:
    issued = sign_in(client, cast.moderator.user.email)
    queue = socketio.test_client(app, namespace="/moderation", auth={"token": issued["access_token"]})
    assert queue.is_connected("/moderation")
    response = client.post("/oauth/revoke", data={"token": issued["refresh_token"], "client_id": CLIENT})
    assert response.status_code == 200
    assert not queue.is_connected("/moderation")


def test_a_password_change_ends_every_other_sign_in_and_its_sockets(
    app: Any, client: Any, cast: Any, oauth_client: None
) -> None:
    email = cast.adopter.user.email
    here, elsewhere = sign_in(client, email), sign_in(client, email)
    this_socket = open_socket(app, here["access_token"])
    other_socket = open_socket(app, elsewhere["access_token"])

    def change(current: str, new: str) -> Any:
        body = {"current_password": current, "new_password": new}
        return client.post(
            "/api/v1/me/password", json=body, headers={"Authorization": f"Bearer {here['access_token']}"}
        )

    wrong = change("not it", "a brand new passphrase")
    assert wrong.status_code == 422 and "current_password" in wrong.json["errors"]
    weak = change(PASSWORD, "short")
    assert weak.status_code == 422 and "new_password" in weak.json["errors"]
    assert other_socket.is_connected()

    assert change(PASSWORD, "a brand new passphrase").status_code == 204
    assert not other_socket.is_connected() and signed_out(other_socket) == ["signed_out"]
    assert me(client, elsewhere["access_token"]).status_code == 401
    assert refresh(client, elsewhere["refresh_token"]).status_code == 400
    assert me(client, cast.adopter.token).status_code == 401  # the persona's own sign-in too
    # The sign-in that made the change carries on; the new password signs in.
    assert this_socket.is_connected()
    assert me(client, here["access_token"]).status_code == 200
    assert sign_in(client, email, "a brand new passphrase")["access_token"]


def test_the_sweep_forgets_sockets_that_went_away_unannounced(app: Any, cast: Any) -> None:
    live.bind("gone-without-a-word", live.SocketSignIn(cast.adopter.id, family_of(cast.adopter.token), 0))
    assert live.sweep_local_sockets() == 0
    assert live.sign_in_of("gone-without-a-word") is None


def test_the_sweep_keeps_a_socket_still_in_its_connect_handler(app: Any, cast: Any, monkeypatch: Any) -> None:
    """Bound during its connect handler but not yet connected: the sweep must not forget it, or its
    first event would be refused as signed out."""
    socket = open_socket(app, cast.adopter.token)
    [sid] = [sid for sid, s in app.extensions["sign_in_sockets"].items() if s.user_id == cast.adopter.id]
    manager = socketio.server.manager
    monkeypatch.setattr(manager, "is_connected", lambda s, namespace: s != sid)
    monkeypatch.setattr(manager, "is_pre_connected", lambda s, namespace: s == sid)
    assert live.sweep_local_sockets() == 0
    assert live.sign_in_of(sid) is not None
    monkeypatch.undo()
    assert socket.emit("sync", {"room": 1, "after_seq": 0}, callback=True).get("code") != 401
