"""The ``/moderation`` Socket.IO namespace: live queue updates for moderators.

Moderators connect with ``auth={"token": ...}`` (resolved by the backend's ``socket_actor``); anyone
else is refused. Each connection joins "moderators", DBS-in-date moderators also join
"moderators:youth" (young people's items go only there) and the safeguarding lead joins
"safeguarding_leads" (deadline breaches and escalations), and "safeguarding_leads:youth" with an
in-date DBS check. Events are queued on the moderation session and sent only after it commits; a
rollback drops them.

Rights can change while a socket is open (a suspension, a persona change, a DBS check that lapses,
an expired token). Each process re-checks its own sockets with the token they connected with
(``recheck_sockets``, run by the timer thread every ``MODERATION_TIMER_SECONDS`` and straight away
when the backend asks): a socket that no longer qualifies leaves the rooms it may not be in, or is
disconnected.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, request
from flask_socketio import ConnectionRefusedError, join_room
from sqlalchemy import event
from sqlalchemy.orm import Session

from moderation import access
from moderation.models import QueueItem
from moderation.serial import jsonable
from moderation.types import Actor

NAMESPACE = "/moderation"
MODERATORS_ROOM = "moderators"
YOUTH_ROOM = "moderators:youth"
LEADS_ROOM = "safeguarding_leads"
LEADS_YOUTH_ROOM = "safeguarding_leads:youth"
_PENDING = "moderation_emits"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Emit:
    event: str
    data: Any
    room: str
    socketio: Any

    def send(self) -> None:
        self.socketio.emit(self.event, jsonable(self.data), to=self.room, namespace=NAMESPACE)


@dataclass(frozen=True)
class _ItemChanged:
    """Built when sent, so the event shows the item as committed, once per item per transaction."""

    item: QueueItem
    view: Callable[[QueueItem], dict[str, Any]]
    socketio: Any

    def send(self) -> None:
        room = YOUTH_ROOM if self.item.audience == "youth" else MODERATORS_ROOM
        self.socketio.emit("queue_item", jsonable(self.view(self.item)), to=room, namespace=NAMESPACE)


def _socketio() -> Any:
    return current_app.extensions["moderation_hooks"]["socketio"]


def emit_after_commit(session: Session, event_name: str, data: Any, room: str) -> None:
    server = _socketio()
    if server is not None:
        session.info.setdefault(_PENDING, []).append(_Emit(event_name, data, room, server))


def item_changed(session: Session, item: QueueItem, view: Callable[[QueueItem], dict[str, Any]]) -> None:
    """A new or changed item, to the moderators who may see it (young people's items: DBS in date)."""
    server = _socketio()
    if server is None:
        return
    pending = session.info.setdefault(_PENDING, [])
    if not any(isinstance(e, _ItemChanged) and e.item is item for e in pending):
        pending.append(_ItemChanged(item, view, server))


@event.listens_for(Session, "after_commit")
def _send(session: Session) -> None:
    for emit in session.info.pop(_PENDING, []):
        try:
            emit.send()
        except Exception:  # a realtime hiccup must not undo or hide a committed decision
            log.exception("moderation realtime emit failed")


@event.listens_for(Session, "after_rollback")
def _drop(session: Session) -> None:
    session.info.pop(_PENDING, None)


# This process's /moderation sockets and the auth payload each connected with (for recheck_sockets).
_local_sockets: dict[str, Any] = {}
_local_lock = threading.Lock()


def _rooms_for(actor: Actor | None) -> set[str]:
    """The rooms an actor may be in; none (refused) for anyone who is not a moderator."""
    if actor is None or not access.is_moderator(actor):
        return set()
    rooms = {MODERATORS_ROOM}
    if access.sees_youth(actor):
        rooms.add(YOUTH_ROOM)
    if access.is_safeguarding_lead(actor):
        rooms.add(LEADS_ROOM)
        if access.sees_youth(actor):
            rooms.add(LEADS_YOUTH_ROOM)
    return rooms


def _actor(auth: Any) -> Actor | None:
    hook = current_app.extensions["moderation_hooks"]["socket_actor"]
    return hook(auth) if hook is not None else None


def _on_connect(auth: Any = None) -> None:
    """Moderators connect with ``auth={"token": ...}``; anyone else is refused."""
    rooms = _rooms_for(_actor(auth))
    if not rooms:
        raise ConnectionRefusedError("moderators only")
    for room in rooms:
        join_room(room, namespace=NAMESPACE)
    with _local_lock:
        _local_sockets[request.sid] = auth  # type: ignore[attr-defined]


def _on_disconnect(*_: Any) -> None:
    with _local_lock:
        _local_sockets.pop(request.sid, None)  # type: ignore[attr-defined]


def recheck_sockets() -> int:
    """Re-check this process's /moderation sockets against their owners' current rights: leave the
    rooms they may no longer be in, disconnect those who are no longer moderators. Returns how many
    sockets lost something."""
    server = _socketio()
    if server is None or server.server is None:
        return 0
    with _local_lock:
        sockets = list(_local_sockets.items())
    changed = 0
    for sid, auth in sockets:
        allowed = _rooms_for(_actor(auth))
        if not allowed:
            server.server.disconnect(sid, namespace=NAMESPACE)
            with _local_lock:
                _local_sockets.pop(sid, None)
            changed += 1
            continue
        lost = {YOUTH_ROOM, LEADS_ROOM, LEADS_YOUTH_ROOM} - allowed
        rooms = set(server.server.rooms(sid, namespace=NAMESPACE))
        for room in lost & rooms:
            server.server.leave_room(sid, room, namespace=NAMESPACE)
        changed += bool(lost & rooms)
    return changed


def init_app(app: Flask, socketio: Any) -> None:
    """Register the namespace once per Socket.IO object (Flask-SocketIO re-attaches registered
    handlers to each server it makes, so registering per app would stack duplicates)."""
    if socketio is None or getattr(socketio, "_moderation_namespace", False):
        return
    socketio.on("connect", namespace=NAMESPACE)(_on_connect)
    socketio.on("disconnect", namespace=NAMESPACE)(_on_disconnect)
    socketio._moderation_namespace = True
