"""``python -m backend.serve``: the embedded server (Flask-SocketIO's own, one process).

``make run`` calls it with ``--prepare``: one process upgrades both databases, loads the demo data and
then serves, so the app starts once (a restart is a few seconds, not three app starts). Production runs
gunicorn instead (``backend.wsgi``, see deploy/README.md).
"""

from __future__ import annotations

import argparse
import gc
import logging

from werkzeug.serving import WSGIRequestHandler

from backend import create_app
from backend.extensions import socketio


class _NoDelayHandler(WSGIRequestHandler):
    # werkzeug leaves Nagle's algorithm on: a broadcast frame followed by the sender's ack then waits
    # for the client's delayed TCP ACK (about 40 ms on Linux). gunicorn turns it off; so do we.
    disable_nagle_algorithm = True


def _step(message: str) -> None:
    print(f"make run: {message}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m backend.serve", description=__doc__)
    parser.add_argument(
        "--prepare", action="store_true", help="upgrade both databases and load the demo data before serving"
    )
    args = parser.parse_args(argv)
    _step("starting the app")
    app = create_app()
    port = app.config["PORT"]
    if args.prepare:
        from backend import demo
        from backend.core import migrate

        with app.app_context():
            _step("upgrading the app and moderation databases")
            migrate.upgrade(app)
            _step("loading demo data")
            try:
                demo.load()
            except demo.DemoRefused as exc:
                _step(f"no demo data: {exc}")
    # Our own JSON line per request replaces werkzeug's (coloured) one, and its banner about being a
    # development server is replaced by the line below.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    # Everything loaded at start-up (the app, the screening rules and classifier: some 250,000
    # objects) lives as long as the process. Frozen, the cyclic GC stops re-scanning it, so a full
    # collection no longer pauses every thread for a few hundred milliseconds mid-traffic (long
    # enough to blow screening's time budget, which then holds the message).
    gc.collect()
    gc.freeze()
    base = f"http://127.0.0.1:{port}"
    _step(
        f"ready: the embedded server (one process) at {base}; API docs {base}/api/docs, health "
        f"{base}/healthz. For production run gunicorn with backend.wsgi (deploy/README.md)."
    )
    # allow_unsafe_werkzeug: the embedded default is one process for one machine; production uses
    # gunicorn (see deploy/).
    socketio.run(
        app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True, request_handler=_NoDelayHandler
    )


if __name__ == "__main__":
    main()
