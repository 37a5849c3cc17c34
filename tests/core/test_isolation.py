"""Deployments that share one Redis server do not interfere: DEPLOYMENT_NAME prefixes the Socket.IO
channel, the rate-limit keys and the presence keys (Redis pub/sub ignores database numbers)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import redis

from backend.config import ConfigError, load_config
from tests.chat.helpers import make_group
from tests.chat.test_processes import Listener
from tests.conftest import REDIS_URL, create_schema, dispose, make_app, needs_redis
from tests.servers import server

pytestmark = needs_redis


def _sign_in_attempt(client: Any) -> int:
    return int(
        client.post("/oauth/authorize?client_id=nobody", data={"email": "x", "password": "y"}).status_code
    )


def test_rate_limits_are_counted_per_deployment(tmp_path: Any) -> None:
    name = f"iso-{uuid.uuid4().hex[:8]}"

    def attempts(deployment: str, count: int) -> list[int]:
        # One app at a time, as in a server process (the limiter is the process's own).
        app = make_app(
            tmp_path / uuid.uuid4().hex,
            REDIS_URL=REDIS_URL,
            DEPLOYMENT_NAME=deployment,
            RATE_LIMIT_LOGIN="2/minute",
        )
        try:
            create_schema(app)
            client = app.test_client()
            return [_sign_in_attempt(client) for _ in range(count)]
        finally:
            dispose(app)

    assert attempts(name, 3)[-1] == 429
    assert 429 not in attempts(f"{name}-prod", 2), "another deployment's sign-ins count separately"
    # The same name is the same deployment (two processes of one), so the count is shared.
    assert attempts(name, 1) == [429]
    keys = [k.decode() for k in redis.Redis.from_url(str(REDIS_URL)).keys(f"*{name}*")]
    assert keys and all(k.startswith((f"{name}:", f"{name}-prod:")) for k in keys), keys


@pytest.mark.slow
def test_socket_messages_stay_within_their_deployment(app: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    name = f"iso-{uuid.uuid4().hex[:8]}"
    assert REDIS_URL is not None
    with (
        server(app.config, REDIS_URL=REDIS_URL, DEPLOYMENT_NAME=name) as sender_side,
        server(app.config, REDIS_URL=REDIS_URL, DEPLOYMENT_NAME=f"{name}-other") as other,
        server(app.config, REDIS_URL=REDIS_URL, DEPLOYMENT_NAME=name) as same,
    ):
        elsewhere, alongside = Listener(other, cast.adopter2.token), Listener(same, cast.adopter2.token)
        for listener in (elsewhere, alongside):
            assert listener.call("join", {"room": room})["ok"] is True
        writer = Listener(sender_side, cast.adopter.token)
        writer.call("join", {"room": room})
        ack = writer.call("send", {"room": room, "client_id": "one", "body": "within this deployment"})
        assert [m["seq"] for m in alongside.wait_for(1)] == [ack["seq"]]
        assert elsewhere.wait_for(1, timeout=2) == []
        for listener in (elsewhere, alongside, writer):
            listener.close()


def test_a_deployment_name_is_a_plain_word(tmp_path: Any) -> None:
    with pytest.raises(ConfigError):
        load_config({"INSTANCE_PATH": str(tmp_path), "DEPLOYMENT_NAME": "prod channel*"})
