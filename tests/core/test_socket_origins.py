"""Socket.IO checks the browser's Origin like HTTP CORS: same origin and the allowlist only.

Driven through the WSGI app (an Engine.IO polling handshake), because ``socketio.test_client`` skips
Engine.IO's HTTP layer, where the check lives."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import dispose, make_app

HANDSHAKE = "/socket.io/?EIO=4&transport=polling"


def handshake(client: Any, origin: str | None, **headers: str) -> Any:
    if origin is not None:
        headers["Origin"] = origin
    return client.get(HANDSHAKE, headers=headers)


def test_a_foreign_origin_is_refused_and_the_same_origin_accepted(client: Any) -> None:
    foreign = handshake(client, "https://evil.example")
    assert foreign.status_code == 400
    assert "Access-Control-Allow-Origin" not in foreign.headers
    # The test client talks to http://localhost: that is the server's own origin.
    same = handshake(client, "http://localhost")
    assert same.status_code == 200 and same.get_data(as_text=True).startswith("0{")
    assert same.headers["Access-Control-Allow-Origin"] == "http://localhost"
    # Another port or scheme is another origin.
    assert handshake(client, "http://localhost:8080").status_code == 400
    assert handshake(client, "https://localhost").status_code == 400


def test_programs_that_send_no_origin_still_connect(client: Any) -> None:
    """python-socketio, socket.io-client under Node and bench/loadclient.py send no Origin."""
    response = handshake(client, None)
    assert response.status_code == 200 and response.get_data(as_text=True).startswith("0{")


@pytest.fixture
def allowlisting_app(tmp_path: Any) -> Any:
    app = make_app(tmp_path, CORS_ORIGINS=["https://app.example.org"], PROXY_COUNT=1)
    yield app
    dispose(app)


def test_allowlisted_origins_are_accepted_and_others_refused(allowlisting_app: Any) -> None:
    client = allowlisting_app.test_client()
    listed = handshake(client, "https://app.example.org")
    assert listed.status_code == 200
    assert listed.headers["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert handshake(client, "https://app.example.org.evil.example").status_code == 400
    assert handshake(client, "null").status_code == 400
    # Behind the TLS proxy (PROXY_COUNT=1), the server's own origin is the proxy's https one.
    proxied = handshake(client, "https://localhost", **{"X-Forwarded-Proto": "https"})
    assert proxied.status_code == 200
    assert handshake(client, "http://localhost", **{"X-Forwarded-Proto": "https"}).status_code == 400
