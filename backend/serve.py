"""``python -m backend.serve``: the embedded server (Flask-SocketIO's own, one process)."""

from __future__ import annotations

import gc

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
    # Everything loaded at start-up (the app, the screening rules and classifier: some 250,000
    # objects) lives as long as the process. Frozen, the cyclic GC stops re-scanning it, so a full
    # collection no longer pauses every thread for a few hundred milliseconds mid-traffic (long
    # enough to blow screening's time budget, which then holds the message).
    gc.collect()
    gc.freeze()
    # allow_unsafe_werkzeug: the embedded default is one process for one machine; production uses
    # gunicorn (see deploy/).
    socketio.run(
        app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, request_handler=_NoDelayHandler
    )


if __name__ == "__main__":
    main()
