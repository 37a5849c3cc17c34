"""A bare Flask-SocketIO server with the product's chat contract and trivial handlers.

It is the baseline for the product's real-time figures: the same library, the same async mode and
the same event shapes, but no auth, database, screening or sanitising. Events:

- ``connect``: always accepted (an ``auth`` dict is accepted and ignored, as the product takes one).
- ``join {room}``: joins the Socket.IO room; ack ``{"ok": True, "last_seq": <room's seq>}``.
- ``send {room, client_id, body}``: next per-room seq, broadcast ``message {room, seq, body,
  client_id, sent_at}`` to the room, ack ``{"id", "seq", "status": "published"}``.
- ``echo <payload>``: ack with the payload unchanged (the floor for any ack round trip).

Run: ``python -m bench.references.bare_socketio --port 8001 [--async-mode gevent]`` (werkzeug's
server in threading mode, as ``backend.serve``; gevent's pywsgi in gevent mode), or under gunicorn
with the factory ``bench.references.bare_socketio:create_wsgi_app()`` (the async mode then comes
from ``BARE_ASYNC_MODE``).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from typing import Any

# Exit status when the requested async mode's library is missing, so the bench can report "skipped"
# instead of a crash.
EXIT_MISSING_DEPENDENCY = 3


def build(async_mode: str) -> tuple[Any, Any]:
    """The Flask app and its SocketIO object. Imports happen here, after any gevent patching."""
    from flask import Flask, jsonify
    from flask_socketio import SocketIO, emit, join_room

    app = Flask(__name__)
    # The same buffer limit as the product (MAX_CONTENT_LENGTH), so oversized frames behave alike.
    socketio = SocketIO(app, async_mode=async_mode, max_http_buffer_size=64 * 1024)

    seq_lock = threading.Lock()  # gevent patches it into a greenlet lock in gevent mode
    last_seq: dict[Any, int] = {}

    def next_seq(room: Any) -> int:
        with seq_lock:
            last_seq[room] = last_seq.get(room, 0) + 1
            return last_seq[room]

    @app.get("/health")
    def health() -> Any:
        return jsonify(ok=True, async_mode=socketio.async_mode)

    @socketio.on("connect")
    def on_connect(auth: Any = None) -> bool:
        return True

    @socketio.on("join")
    def on_join(data: Any) -> dict[str, Any]:
        room = data["room"]
        join_room(room)
        with seq_lock:
            return {"ok": True, "last_seq": last_seq.get(room, 0)}

    @socketio.on("send")
    def on_send(data: Any) -> dict[str, Any]:
        room = data["room"]
        seq = next_seq(room)
        message = {
            "room": room,
            "seq": seq,
            "body": data["body"],
            "client_id": data["client_id"],
            "sent_at": time.time(),
        }
        # include_self: the sender's own socket is a room member and receives it too, as in the product.
        emit("message", message, to=room, include_self=True)
        return {"id": seq, "seq": seq, "status": "published"}

    @socketio.on("echo")
    def on_echo(data: Any = None) -> Any:
        return data

    return app, socketio


def create_wsgi_app() -> Any:
    """Factory for gunicorn (``-k gthread`` for threading, ``-k gevent`` for gevent)."""
    app, _ = build(os.environ.get("BARE_ASYNC_MODE", "threading"))
    return app


def _werkzeug_handler(nodelay: bool) -> Any:
    """werkzeug's request handler, with Nagle's algorithm off unless asked to keep it.

    werkzeug leaves Nagle on, so when the server writes a broadcast frame and then the ack frame, the
    ack waits for the client's delayed TCP ACK (about 40 ms on Linux): the ack round trip of a room
    member jumps from under 1 ms to about 44 ms. gunicorn sets TCP_NODELAY on its listener, so a
    production deployment never sees this; the reference mirrors that by default.
    """
    from werkzeug.serving import WSGIRequestHandler

    class Handler(WSGIRequestHandler):
        disable_nagle_algorithm = nodelay

    return Handler


def _serve_gevent(app: Any, port: int, nodelay: bool) -> None:
    """gevent's pywsgi on a listener with TCP_NODELAY (accepted sockets inherit it on Linux)."""
    import socket

    from gevent import pywsgi

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if nodelay:
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(1024)
    pywsgi.WSGIServer(listener, app, log=None).serve_forever()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--async-mode", choices=["threading", "gevent"], default="threading")
    parser.add_argument(
        "--nagle", action="store_true", help="keep Nagle's algorithm on (werkzeug's stock behaviour)"
    )
    args = parser.parse_args(argv)

    if args.async_mode == "gevent":
        try:
            from gevent import monkey
        except ImportError:
            print("gevent is not installed (pip install gevent)", file=sys.stderr)
            return EXIT_MISSING_DEPENDENCY
        # Patch before flask, werkzeug or socket are used, as gevent requires.
        monkey.patch_all()

    app, socketio = build(args.async_mode)
    if args.async_mode == "gevent":
        _serve_gevent(app, args.port, nodelay=not args.nagle)
        return 0
    # werkzeug logs every HTTP request at INFO; the bench reads only start-up errors from the log.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # Loopback only: the bench never exposes a server beyond this machine.
    socketio.run(
        app,
        host="127.0.0.1",
        port=args.port,
        allow_unsafe_werkzeug=True,
        request_handler=_werkzeug_handler(nodelay=not args.nagle),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
