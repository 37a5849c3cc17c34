"""The Socket.IO message queue after a Redis outage (QUALITY.md section 3): the process resubscribes
within seconds, and its sockets get ``resync`` so they fetch, with ``sync``, what pub/sub lost."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest
import socketio

from tests.chat.helpers import make_group
from tests.faults.conftest import fault_server
from tests.faults.redis_server import RedisServer

pytestmark = pytest.mark.slow


def health(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
            status, body = response.status, json.load(response)
    except urllib.error.HTTPError as error:
        status, body = error.code, json.load(error)
    return status, {k: v for k, v in body["checks"].items() if k in ("redis", "message_queue")}


class Client:
    """A real Socket.IO client that records ``message`` and ``resync`` events as they arrive."""

    def __init__(self, url: str, token: str) -> None:
        self.received: dict[str, list[Any]] = {"message": [], "resync": []}
        self.arrived = threading.Condition()
        self.sio = socketio.Client(reconnection=False)
        for name in self.received:
            self.sio.on(name, lambda data, name=name: self._record(name, data))
        self.sio.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=10)

    def _record(self, name: str, data: Any) -> None:
        with self.arrived:
            self.received[name].append(data)
            self.arrived.notify_all()

    def call(self, event: str, data: dict[str, Any]) -> Any:
        return self.sio.call(event, data, timeout=10)

    def wait_for(self, name: str, count: int, timeout: float) -> bool:
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.received[name]) >= count, timeout=timeout)


def test_after_a_redis_outage_or_freeze_the_process_resubscribes_within_seconds_and_sockets_resync(
    app: Any, cast: Any, redis_server: RedisServer
) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    with fault_server(app) as url:
        reader, writer = Client(url, cast.adopter2.token), Client(url, cast.adopter.token)
        for client in (reader, writer):
            assert client.call("join", {"room": room})["ok"] is True
        before = writer.call("send", {"room": room, "client_id": "before", "body": "before the outage"})
        assert reader.wait_for("message", 1, timeout=10)

        redis_server.kill()
        # Long enough for python-socketio's own backoff (1, 2, 4, 8 s...) to have grown past 4 s.
        time.sleep(8)
        during = writer.call("send", {"room": room, "client_id": "during", "body": "while Redis is down"})
        assert during.get("status") == "published", during  # stored; its broadcast is what Redis lost
        # The process says it is degraded, and why.
        assert health(url) == (503, {"redis": "down", "message_queue": "down"})
        redis_server.start()
        back = time.monotonic()

        # Every socket of the process is told to resync, within seconds of Redis returning...
        assert reader.wait_for("resync", 1, timeout=5) and writer.wait_for("resync", 1, timeout=1)
        assert reader.received["resync"][0] == {"reason": "realtime_interrupted"}
        # ... and sync from the last seq seen brings exactly what the broadcast lost.
        synced = reader.call("sync", {"room": room, "after_seq": before["seq"]})
        assert [m["client_id"] for m in synced["messages"]] == ["during"]
        # The listener is subscribed again: a new message is delivered through Redis at once.
        writer.call("send", {"room": room, "client_id": "after", "body": "after the outage"})
        # (The message sent during the outage may also arrive late, if python-socketio's own publish
        # retry outlived the outage; what matters is that "after" is delivered at once.)
        deadline = time.monotonic() + 3
        while "after" not in [m["client_id"] for m in reader.received.get("message", [])]:
            assert time.monotonic() < deadline, reader.received.get("message")
            time.sleep(0.05)
        assert time.monotonic() - back < 8
        assert health(url) == (200, {"redis": "ok", "message_queue": "ok"})

        # Frozen, not gone: connections stay open and nothing answers. The listener's pings go
        # unanswered, so it knows; the message sent meanwhile fails to publish (bounded by the Redis
        # timeouts) and is resynced once Redis answers again.
        redis_server.freeze()
        time.sleep(4)
        frozen = writer.call("send", {"room": room, "client_id": "frozen", "body": "while Redis is frozen"})
        assert frozen["status"] == "published"
        redis_server.thaw()
        assert reader.wait_for("resync", 2, timeout=6)
        synced = reader.call("sync", {"room": room, "after_seq": synced["last_seq"]})
        assert [m["client_id"] for m in synced["messages"]] == ["after", "frozen"]
        for client in (reader, writer):
            client.sio.disconnect()
