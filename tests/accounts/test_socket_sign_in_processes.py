"""A sign-in ended by another process reaches a real server's sockets within seconds, by the
server's own sweep of its sockets against the database (no Redis here, so nothing else tells it)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import socketio

from backend.auth import service as auth_service
from backend.auth import tokens
from backend.core.db import db
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
    with server(app.config, TIMERS_ENABLED="1", SIGN_IN_SWEEP_SECONDS="1") as url:
        ended, bystander = Watcher(url, cast.adopter.token), Watcher(url, cast.guardian.token)
        assert ended.client.connected and not ended.gone.wait(1.5)  # swept at least once: still live
        # Ended here, in the test process: the server is not told.
        auth_service.revoke_family(family_id, "revoked_by_client")
        db.session.commit()
        assert ended.gone.wait(10), "the server kept a socket whose sign-in had ended"
        assert ended.reasons == ["signed_out"]
        assert bystander.client.connected
        bystander.client.disconnect()
