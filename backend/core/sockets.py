"""Socket.IO handlers, installed by each feature's ``register(app)``.

Flask-SocketIO attaches the handlers it knows to each server that ``socketio.init_app`` makes, but a
handler registered after a server exists goes to that server only, so a later app (a test, a
re-created app) would run without it. Every feature therefore installs its handlers from its
``register(app)``, which ``create_app`` calls before ``socketio.init_app``; each handler is installed
once per Socket.IO object (the same object serves every app of the process).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.extensions import socketio

Handler = Callable[..., Any]
_ATTRIBUTE = "_installed_handlers"


def on(event: str, handler: Handler, namespace: str = "/") -> None:
    """Install ``handler`` for ``event`` in ``namespace``; installing the same one again does nothing."""
    installed: dict[tuple[str, str], Handler] = socketio.__dict__.setdefault(_ATTRIBUTE, {})
    key = (namespace, event)
    if installed.get(key) is handler:
        return
    if key in installed:
        raise RuntimeError(f"two handlers for the Socket.IO event {event!r} in {namespace!r}")
    if socketio.server is not None:
        raise RuntimeError(
            f"the Socket.IO handler for {event!r} must be installed before the first socketio.init_app"
        )
    socketio.on(event, namespace=namespace)(handler)
    installed[key] = handler


def on_error_default(handler: Handler) -> None:
    """The ack of any event that raised outside its handler's own error handling."""
    socketio.on_error_default(handler)


def installed() -> dict[tuple[str, str], Handler]:
    """(namespace, event) -> handler, as installed so far."""
    return dict(socketio.__dict__.get(_ATTRIBUTE, {}))
