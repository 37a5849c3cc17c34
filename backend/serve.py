"""``python -m backend.serve``: the embedded server (Flask-SocketIO's own, one process)."""

from __future__ import annotations

from werkzeug.serving import WSGIRequestHandler

from backend import create_app
from backend.extensions import socketio


class _NoDelayHandler(WSGIRequestHandler):
    # werkzeug leaves Nagle's algorithm on: a broadcast frame followed by the sender's ack then waits
    # for the client's delayed TCP ACK (about 40 ms on Linux). gunicorn turns it off; so do we.
    disable_nagle_algorithm = True


def main() -> None:
    app = create_app()
    port = app.config["PORT"]
    # allow_unsafe_werkzeug: the embedded default is one process for one machine; production uses
    # gunicorn (see deploy/).
    socketio.run(
        app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, request_handler=_NoDelayHandler
    )


if __name__ == "__main__":
    main()
