"""`make run-scaled` (deploy/run-scaled.sh) really runs the production layout: nginx with sticky sessions
and WebSocket upgrades in front of two single-worker gunicorn processes, PostgreSQL and Redis. A journey
goes through nginx only: sign in, post, a chat message from a socket on one process to a socket on the
other, and a moderator's decision reaching both. Stopping it leaves nothing running."""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import psycopg
import pytest
import requests
import socketio

from tests.conftest import POSTGRES_URL, REDIS_URL
from tests.servers import ROOT, free_port

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (POSTGRES_URL and REDIS_URL), reason="no PostgreSQL or no Redis to scale out on"),
]

DEMO_PASSWORD = "demo-password-1"
REDIRECT = "http://127.0.0.1:8765/callback"


class Scaled:
    def __init__(
        self, base: str, app_ports: list[int], state: Path, process: subprocess.Popen[bytes]
    ) -> None:
        self.base, self.app_ports, self.state, self.process = base, app_ports, state, process

    def leftovers(self) -> list[str]:
        """Processes of this layout still running: gunicorn on its ports, nginx with its state folder."""
        found = subprocess.run(["pgrep", "-af", "gunicorn|nginx"], capture_output=True, text=True).stdout
        marks = [str(self.state), *(f"127.0.0.1:{port}" for port in self.app_ports)]
        return [line for line in found.splitlines() if any(mark in line for mark in marks)]

    def sign_in(self, email: str) -> str:
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        params = {
            "response_type": "code",
            "client_id": "community-demo",
            "redirect_uri": REDIRECT,
            "scope": "api",
            "state": "s",
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
        signed_in = requests.post(
            f"{self.base}/oauth/authorize",
            params=params,
            data={"email": email, "password": DEMO_PASSWORD},
            allow_redirects=False,
            timeout=10,
        )
        assert signed_in.status_code == 302, signed_in.text
        code = parse_qs(urlparse(signed_in.headers["Location"]).query)["code"][0]
        token = requests.post(
            f"{self.base}/oauth/token",
            data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": REDIRECT,
                "client_id": "community-demo",
                "code_verifier": verifier,
            },
            timeout=10,
        )
        assert token.status_code == 200, token.text
        return str(token.json()["access_token"])

    def api(self, method: str, path: str, token: str, **kwargs: Any) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}", **kwargs.pop("headers", {})}
        return requests.request(method, f"{self.base}/api/v1{path}", headers=headers, timeout=10, **kwargs)


class Socket:
    """A Socket.IO client through nginx, pinned to one app process by the sticky cookie."""

    def __init__(self, base: str, token: str, app_port: int) -> None:
        self.events: list[tuple[str, Any]] = []
        self.changed = threading.Condition()
        self.client = socketio.Client(reconnection=False)
        self.client.on("*", self._record)
        self.client.connect(
            base,
            auth={"token": token},
            headers={"Cookie": f"kinship_node=127.0.0.1:{app_port}"},
            transports=["websocket"],
            wait_timeout=15,
        )

    def _record(self, event: str, data: Any) -> None:
        with self.changed:
            self.events.append((event, data))
            self.changed.notify_all()

    def call(self, event: str, data: dict[str, Any]) -> Any:
        return self.client.call(event, data, timeout=15)

    def wait_for(self, event: str, check: Any, timeout: float = 15) -> Any:
        def found() -> Any:
            return next((data for name, data in self.events if name == event and check(data)), None)

        with self.changed:
            self.changed.wait_for(lambda: found() is not None, timeout=timeout)
            return found()


@pytest.fixture
def scaled(tmp_path: Path) -> Iterator[Scaled]:
    assert POSTGRES_URL and REDIS_URL
    server = POSTGRES_URL.rsplit("/", 1)[0]
    databases = f"kinship_scaled_{uuid.uuid4().hex[:8]}"
    port, app_ports = free_port(), [free_port(), free_port()]
    env = {
        **os.environ,
        "PORT": str(port),
        "APP_PORTS": " ".join(map(str, app_ports)),
        "SCALED_STATE": str(tmp_path / "scaled"),
        "SCALED_POSTGRES": server,
        "SCALED_DATABASES": databases,
        "REDIS_URL": REDIS_URL,
        "DEPLOYMENT_NAME": databases,
    }
    process = subprocess.Popen(
        ["bash", "deploy/run-scaled.sh"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    lines: list[str] = []
    assert process.stdout is not None
    deadline = time.monotonic() + 120
    for raw in process.stdout:
        lines.append(raw.decode(errors="replace"))
        if "run-scaled: ready" in lines[-1] or time.monotonic() > deadline:
            break
    assert any("run-scaled: ready" in line for line in lines), "".join(lines[-30:])
    # Drain the rest of its output (a full pipe would stall it); closed once it has ended.
    drain = threading.Thread(target=lambda: [None for _ in process.stdout or ()], daemon=True)
    drain.start()
    try:
        yield Scaled(f"http://127.0.0.1:{port}", app_ports, tmp_path / "scaled", process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        drain.join(timeout=10)
        process.stdout.close()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            for suffix in ("app", "moderation"):
                conn.execute(f'DROP DATABASE IF EXISTS "{databases}_{suffix}" WITH (FORCE)')


def test_a_journey_through_nginx_spans_both_processes(scaled: Scaled) -> None:
    # Sticky sessions: the cookie pins a client to the process that served it first.
    for app_port in scaled.app_ports:
        handshake = requests.get(
            f"{scaled.base}/socket.io/",
            params={"EIO": "4", "transport": "polling"},
            cookies={"kinship_node": f"127.0.0.1:{app_port}"},
            timeout=10,
        )
        assert handshake.status_code == 200
        assert handshake.cookies["kinship_node"] == f"127.0.0.1:{app_port}"

    adopter, guardian, moderator = (
        scaled.sign_in(f"{who}@demo.example") for who in ("adopter", "guardian", "moderator")
    )
    # The adopter and the guardian both join an open group for all carers, through the API, and meet in
    # its chat room.
    shared = []
    for group in scaled.api("GET", "/groups", guardian).json()["items"]:
        answers = [scaled.api("PUT", f"/groups/{group['id']}/membership", who) for who in (adopter, guardian)]
        if all(a.status_code in (200, 201) and a.json().get("status") == "active" for a in answers):
            adopter_rooms = {r["id"] for r in scaled.api("GET", "/rooms", adopter).json()["items"]}
            shared = [
                r
                for r in scaled.api("GET", "/rooms", guardian).json()["items"]
                if r["group_id"] == group["id"] and r["id"] in adopter_rooms
            ]
            break
    assert shared, "the demo has an open group both the adopter and the guardian may join, with its room"
    room = shared[0]["id"]

    one = Socket(scaled.base, adopter, scaled.app_ports[0])
    two = Socket(scaled.base, guardian, scaled.app_ports[1])
    for socket in (one, two):
        assert socket.call("join", {"room": room})["ok"] is True
    ack = one.call("send", {"room": room, "client_id": "across-1", "body": "Hello from the first process"})
    assert ack["status"] == "published"
    assert two.wait_for("message", lambda m: m.get("id") == ack["id"]), "delivered across processes"

    group_id = shared[0]["group_id"]
    thread = scaled.api(
        "POST", f"/groups/{group_id}/threads", adopter, json={"title": "Through nginx", "body": "A post"}
    )
    assert thread.status_code == 201, thread.text

    reported = scaled.api(
        "POST",
        "/reports",
        guardian,
        json={"subject_type": "message", "subject_id": ack["id"], "reason": "bullying"},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert reported.status_code == 201, reported.text
    items = scaled.api("GET", "/moderation/queue", moderator).json()["items"]
    item = next(i for i in items if i["subject_id"] == ack["id"])
    assert scaled.api("POST", f"/moderation/queue/{item['id']}/claim", moderator).status_code == 200
    decided = scaled.api(
        "POST",
        f"/moderation/queue/{item['id']}/decision",
        moderator,
        json={"action": "remove", "reason": "Scaled-out journey check"},
    )
    assert decided.status_code in (200, 201), decided.text
    for socket in (one, two):
        assert socket.wait_for("message_removed", lambda m: m.get("id") == ack["id"]), (
            "the decision reached both"
        )
        socket.client.disconnect()

    assert scaled.leftovers(), "the layout's processes are found while it runs"
    scaled.process.send_signal(signal.SIGTERM)
    scaled.process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while scaled.leftovers() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert scaled.leftovers() == [], "stopping leaves nothing running"
