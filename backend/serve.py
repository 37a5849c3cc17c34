"""``python -m backend.serve``: the embedded server (Flask-SocketIO's own, one process)."""

from __future__ import annotations

from backend import create_app
from backend.extensions import socketio


def main() -> None:
    app = create_app()
    port = app.config["PORT"]
    # allow_unsafe_werkzeug: the embedded default is one process for one machine; production uses
    # gunicorn (see deploy/).
    socketio.run(app, host="127.0.0.1", port=port, allow_unsafe_werkzeug=True)


if __name__ == "__main__":
    main()
