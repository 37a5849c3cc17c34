"""A sign-in ended by another process reaches a real server's sockets within seconds: by the
server's own sweep of its sockets against the database (without Redis nothing else tells it), and
with Redis at once."""

from __future__ import annotations

import threading
import time
import urllib.parse
import urllib.request
from typing import Any

import pytest
import socketio

from backend.auth import service as auth_service
from backend.auth import tokens
from backend.core.db import db
from tests.chat.helpers import make_group
from tests.conftest import REDIS_URL, needs_redis
from tests.servers import server

pytestmark = pytest.mark.slow


class Watcher:
    def __init__(self, url: str, token: str) -> None:
        self.reasons: list[str] = []
        self.gone = threading.Event()
        self.client = socketio.Client(reconnection=False)
        self.client.on("signed_out", lambda data: self.reasons.append(data["reason"]))
        self.client.on("disconnect", lambda *_: self.gone.set())
        self.client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=10)


def test_a_server_drops_sockets_whose_sign_in_ended_elsewhere(app: Any, cast: Any) -> None:
    family_id = tokens.verify_access_token(cast.adopter.token).family_id
    assert family_id is not None
    with server(app.config, LIVE_RIGHTS_SECONDS="1") as url:
        ended, bystander = Watcher(url, cast.adopter.token), Watcher(url, cast.guardian.token)
        assert ended.client.connected and not ended.gone.wait(1.5)  # swept at least once: still live
        # Ended here, in the test process: the server is not told.
        auth_service.revoke_family(family_id, "revoked_by_client")
        db.session.commit()
        assert ended.gone.wait(10), "the server kept a socket whose sign-in had ended"
        assert ended.reasons == ["signed_out"]
        assert bystander.client.connected
        bystander.client.disconnect()


@needs_redis
def test_with_redis_every_process_hears_at_once_and_refuses_the_next_event(app: Any, cast: Any) -> None:
    """Signed out through process one: a socket on process two is told at once (the message queue),
    and its next event is refused and ends it, long before its sweep (set to a minute here)."""
    from tests.accounts.test_oauth import CLIENT, REDIRECT, sign_in

    auth_service.do_register_client(CLIENT, "Demo", [REDIRECT])
    issued = sign_in(app.test_client(), cast.adopter.user.email)
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    env = {"REDIS_URL": str(REDIS_URL), "LIVE_RIGHTS_SECONDS": "60", "PRESENCE_LEASE_SECONDS": "120"}
    with server(app.config, **env) as one, server(app.config, **env) as two:
        watcher = Watcher(two, issued["access_token"])
        assert watcher.client.call("join", {"room": room}, timeout=10)["ok"] is True
        revoked = urllib.request.urlopen(
            urllib.request.Request(
                f"{one}/oauth/revoke",
                data=urllib.parse.urlencode({"token": issued["refresh_token"], "client_id": CLIENT}).encode(),
            ),
            timeout=10,
        )
        assert revoked.status == 200
        deadline = time.monotonic() + 5
        while not watcher.reasons and time.monotonic() < deadline:
            time.sleep(0.05)
        assert watcher.reasons == ["signed_out"]
        if not watcher.gone.is_set():  # a client that ignores the notice: its next event ends it
            answer = watcher.client.call("sync", {"room": room, "after_seq": 0}, timeout=10)
            assert answer["code"] == 401
        assert watcher.gone.wait(5)
