"""The JavaScript example of docs/realtime.md runs as documented against a real server: it catches up
with ``sync``, sends, and keeps its socket signed in past the access token's expiry by sending a fresh
token with ``auth`` (tests/js/realtime_example.mjs)."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from backend.auth import service as auth_service
from tests.chat.helpers import make_group
from tests.chat.test_processes import JS_DIR, _js_client_ready
from tests.factories import CLIENT_ID
from tests.servers import server

pytestmark = pytest.mark.slow

TTL = 5  # seconds: the example must renew twice within its run (at 80% of each token's life)


def test_the_javascript_example_outlives_its_access_token(app: Any, cast: Any) -> None:
    node = _js_client_ready()
    if node is None:
        pytest.skip("node and npm are not installed on this machine")
    auth_service.do_register_client(CLIENT_ID, "Tests", ["http://127.0.0.1:8765/callback"])
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    with server(app.config, ACCESS_TOKEN_TTL=str(TTL)) as url:
        result = subprocess.run(
            [node, "realtime_example.mjs", url, cast.adopter.extra["refresh_token"]],
            cwd=JS_DIR,
            env={"PATH": "/usr/bin:/bin", "CLIENT_ID": CLIENT_ID, "RUN_SECONDS": str(TTL * 2 + 2)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    names = [e["event"] for e in events]
    assert names[:2] == ["connected", "joined"] and events[1]["ok"] is True and events[1]["room"] == room
    renewed = [e for e in events if e["event"] == "renewed"]
    assert len(renewed) >= 2 and all(e["ok"] for e in renewed)
    sent = [e for e in events if e["event"] == "sent"]
    # The last message is sent after the first access token (and the second) expired.
    # An error ack has a code and no status: the events say which.
    assert [e.get("status") for e in sent] == ["published", "published"], events
    assert "signed_out" not in names and "connect_error" not in names
