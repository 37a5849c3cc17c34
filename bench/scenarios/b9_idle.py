"""B9: idle authenticated chat connections held by one product server process.

The product (``python -m backend.serve``: werkzeug, threading, the embedded default) gets 1,000
WebSocket connections, each authenticated with its own member's access token and joined to the
group's chat room, as an idle chat client sits; they are held for a while, then the load client
checks how many are still connected. Memory per connection is the server's RSS after the connects
minus before, over the connections opened. The bare Flask-SocketIO server (same async mode, same
connect + join, no auth or database) is measured the same way for comparison.

Each connection costs the threading server a few threads (werkzeug's request thread, simple-
websocket's reader, Engine.IO's writer), so memory per connection is mostly thread stacks in use.
"""

from __future__ import annotations

from typing import Any

from bench import harness
from bench.scenarios.b1_fanout import prepare, product_server

ID = "B9"
TARGET = ">= 1,000 idle authenticated connections per server process, memory per connection reported"
CONNECTIONS = 1000


def run(quick: bool = False) -> dict[str, Any]:
    hold = 5.0 if quick else 15.0
    params = {"connections": CONNECTIONS, "hold_seconds": hold, "join_event": "join", "max_seconds": 180.0}
    with prepare(members=CONNECTIONS) as prep:
        with product_server("b9-app", prep.env) as app:
            held = harness.idle(app, auth=prep.auth, room=prep.room, **params)
        with harness.bare_socketio("threading") as bare:
            ref = harness.idle(bare, **params)
    still = held.get("still_connected_after_hold") or 0
    figures = {
        "connections": CONNECTIONS,
        "still_connected_after_hold": still,
        "connections_failed": held.get("connections_failed"),
        "rss_per_connection_kb": held.get("rss_per_connection_kb"),
        "server_rss_after_mb": round((held.get("server_rss_after_kb") or 0) / 1024, 1),
        "open_seconds": held.get("open_seconds"),
        "bare_still_connected_after_hold": ref.get("still_connected_after_hold"),
        "bare_rss_per_connection_kb": ref.get("rss_per_connection_kb"),
        "hold_seconds": hold,
        "server": "backend.serve (werkzeug, threading), one process",
        "details": {"product": held, "bare": ref},
    }
    met = still >= CONNECTIONS and not held.get("connections_failed")
    return harness.result(ID, TARGET, figures, met=met)
