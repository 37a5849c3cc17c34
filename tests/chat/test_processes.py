"""Delivery guarantees against real server processes and a real Socket.IO client."""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest
import socketio

from tests.chat.helpers import make_group
from tests.conftest import REDIS_URL, needs_redis
from tests.servers import server

pytestmark = pytest.mark.slow


class Listener:
    """A python-socketio client that records the messages it receives."""

    def __init__(self, url: str, token: str) -> None:
        self.messages: list[dict[str, Any]] = []
        self.got = threading.Condition()
        self.client = socketio.Client(reconnection=False)
        self.client.on("message", self._on_message)
        self.client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=10)

    def _on_message(self, data: dict[str, Any]) -> None:
        with self.got:
            self.messages.append(data)
            self.got.notify_all()

    def call(self, event: str, data: dict[str, Any]) -> Any:
        return self.client.call(event, data, timeout=10)

    def wait_for(self, count: int, timeout: float = 10) -> list[dict[str, Any]]:
        with self.got:
            self.got.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
            return list(self.messages)

    def close(self) -> None:
        self.client.disconnect()


def test_resume_after_disconnect_gets_exactly_the_missed_messages(app: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    # Fifty messages in a burst is more than the chat rate limit allows; this test is about resume.
    with server(app.config, RATELIMIT_ENABLED="0") as url:
        reader = Listener(url, cast.adopter2.token)
        assert reader.call("join", {"room": room})["ok"] is True
        writer = Listener(url, cast.adopter.token)
        writer.call("join", {"room": room})
        first = writer.call("send", {"room": room, "client_id": "before", "body": "before the gap"})
        reader.wait_for(1)
        last_seen = max(m["seq"] for m in reader.messages)
        reader.close()

        acks = [
            writer.call("send", {"room": room, "client_id": f"gap-{n}", "body": f"message {n}"})
            for n in range(50)
        ]
        refused = [a for a in acks if a.get("status") != "published"]
        assert refused == []

        back = Listener(url, cast.adopter2.token)
        back.call("join", {"room": room})
        synced = back.call("sync", {"room": room, "after_seq": last_seen})
        seqs = [m["seq"] for m in synced["messages"]]
        assert len(seqs) == 50 and seqs == sorted(set(seqs))
        assert seqs == [a["seq"] for a in acks]
        assert [m["client_id"] for m in synced["messages"]] == [f"gap-{n}" for n in range(50)]
        assert first["seq"] == last_seen
        back.close()
        writer.close()


@needs_redis
def test_two_processes_share_a_room_through_redis(app: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2, cast.guardian])
    assert REDIS_URL is not None
    with server(app.config, REDIS_URL=REDIS_URL) as one, server(app.config, REDIS_URL=REDIS_URL) as two:
        reader = Listener(two, cast.adopter2.token)
        reader.call("join", {"room": room})
        writer = Listener(one, cast.adopter.token)
        writer.call("join", {"room": room})
        acks = [
            writer.call("send", {"room": room, "client_id": f"x{n}", "body": f"across {n}"})
            for n in range(20)
        ]
        received = reader.wait_for(20)
        assert [m["seq"] for m in received] == [a["seq"] for a in acks]

        # A block made through one process is honoured by the other's broadcast.
        blocker = Listener(two, cast.guardian.token)
        blocker.call("join", {"room": room})
        from backend.accounts import service as accounts

        accounts.do_block(cast.guardian.user, cast.adopter.id)
        writer.call("send", {"room": room, "client_id": "after-block", "body": "after the block"})
        reader.wait_for(21)
        assert all(m["client_id"] != "after-block" for m in blocker.messages)
        for listener in (reader, writer, blocker):
            listener.close()


JS_DIR = Path(__file__).resolve().parent.parent / "js"


def _js_client_ready() -> str | None:
    """Install the official client (npm registry) once; None if node/npm are missing here."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return None
    if not (JS_DIR / "node_modules" / "socket.io-client").exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=JS_DIR, check=True, timeout=300
        )
    return "node"


def test_the_official_javascript_client_works(app: Any, cast: Any) -> None:
    node = _js_client_ready()
    if node is None:
        pytest.skip("node and npm are not installed on this machine")
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    with server(app.config) as url:
        result = subprocess.run(
            [node, "client_check.mjs", url, cast.adopter.token, cast.adopter2.token, str(room)],
            cwd=JS_DIR,
            capture_output=True,
            text=True,
            timeout=60,
        )
        # The client's own error (a timed-out ack, a refused connection) is what a failure must show.
        assert result.returncode == 0, (result.stdout, result.stderr)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["refused"] == "authentication required"
    assert report["joinA"]["ok"] is True and report["joinB"]["ok"] is True
    assert report["ack"]["status"] == "published" and report["ack"]["seq"] == 1
    assert report["message"]["body_html"] == "<p>hello from JavaScript</p>"
    assert report["syncCount"] == 1
    assert report["bad"]["code"] == 422 and "client_id" in report["bad"]["errors"]
