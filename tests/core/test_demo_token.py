"""docs/demo_token.py, as the README tells a client developer to run it: against a real server on
``PORT``, it prints an access token that works as a Bearer token, and a refresh token that works."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from backend import demo
from tests.servers import ROOT, server


def _run(*args: str, port: int) -> dict[str, str]:
    env = {**os.environ, "PORT": str(port)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "demo_token.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    printed = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(": ")
        if name in ("access_token", "refresh_token"):
            printed[name] = value
    return printed


def test_the_script_prints_tokens_that_work_against_the_port_it_was_given(
    app: Any, client: Any, backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("one run is enough: the script talks HTTP")
    demo.load()
    with server(app.config) as url:
        port = int(url.rsplit(":", 1)[1])
        printed = _run("teen@demo.example", port=port)  # no base URL: PORT decides
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {printed['access_token']}"})
    assert me.status_code == 200 and me.json["email"] == "teen@demo.example"
    refreshed = client.post(
        "/oauth/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": printed["refresh_token"],
            "client_id": demo.DEMO_CLIENT_ID,
        },
    )
    assert refreshed.status_code == 200 and refreshed.json["access_token"]
