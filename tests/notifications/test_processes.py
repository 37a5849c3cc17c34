"""The realtime notification reaches every socket of its person on two server processes (Redis)."""

from __future__ import annotations

import json
import threading
import urllib.request
from typing import Any

import pytest
import socketio

from tests.conftest import REDIS_URL, needs_redis
from tests.servers import server

pytestmark = [pytest.mark.slow, pytest.mark.redis]


class Inbox:
    def __init__(self, url: str, token: str) -> None:
        self.events: list[dict[str, Any]] = []
        self.got = threading.Condition()
        self.client = socketio.Client(reconnection=False)
        self.client.on("notification", self._on)
        self.client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=10)

    def _on(self, data: dict[str, Any]) -> None:
        with self.got:
            self.events.append(data)
            self.got.notify_all()

    def wait_for(self, count: int, timeout: float = 10) -> list[dict[str, Any]]:
        with self.got:
            self.got.wait_for(lambda: len(self.events) >= count, timeout=timeout)
            return list(self.events)


@needs_redis
def test_a_notification_reaches_every_socket_of_its_person_on_both_processes(app: Any, cast: Any) -> None:
    assert REDIS_URL is not None
    me, asker = cast.adopter, cast.guardian
    with server(app.config, REDIS_URL=REDIS_URL) as one, server(app.config, REDIS_URL=REDIS_URL) as two:
        on_one, on_two = Inbox(one, me.token), Inbox(two, me.token)
        bystander = Inbox(two, cast.adopter2.token)
        request = urllib.request.Request(
            f"{one}/api/v1/connections",
            data=json.dumps({"user_id": me.id}).encode(),
            headers={**asker.headers, "Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 201
        for inbox in (on_one, on_two):
            [event] = inbox.wait_for(1)
            assert event["title"] == "New connection request" and event["category"] == "chat_message"
        assert on_one.events[0]["id"] == on_two.events[0]["id"]
        assert bystander.wait_for(1, timeout=1) == []
        for inbox in (on_one, on_two, bystander):
            inbox.client.disconnect()
