"""The ``/moderation`` Socket.IO namespace: live queue updates for moderators.

Moderators connect with ``auth={"token": ...}`` (resolved by the backend's ``socket_actor``); anyone
else is refused. Each connection joins "moderators", DBS-in-date moderators also join
"moderators:youth" (young people's items go only there) and the safeguarding lead joins
"safeguarding_leads" (deadline breaches and escalations). Events are queued on the moderation
session and sent only after it commits; a rollback drops them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app
from flask_socketio import ConnectionRefusedError, join_room
from sqlalchemy import event
from sqlalchemy.orm import Session

from moderation import access
from moderation.models import QueueItem
from moderation.serial import jsonable

NAMESPACE = "/moderation"
MODERATORS_ROOM = "moderators"
YOUTH_ROOM = "moderators:youth"
LEADS_ROOM = "safeguarding_leads"
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


def _on_connect(auth: Any = None) -> None:
    """Moderators connect with ``auth={"token": ...}``; anyone else is refused."""
    hook = current_app.extensions["moderation_hooks"]["socket_actor"]
    actor = hook(auth) if hook is not None else None
    if actor is None or not access.is_moderator(actor):
        raise ConnectionRefusedError("moderators only")
    join_room(MODERATORS_ROOM, namespace=NAMESPACE)
    if access.sees_youth(actor):
        join_room(YOUTH_ROOM, namespace=NAMESPACE)
    if access.is_safeguarding_lead(actor):
        join_room(LEADS_ROOM, namespace=NAMESPACE)


def init_app(app: Flask, socketio: Any) -> None:
    """Register the namespace once per Socket.IO object (Flask-SocketIO re-attaches registered
    handlers to each server it makes, so registering per app would stack duplicates)."""
    if socketio is None or getattr(socketio, "_moderation_namespace", False):
        return
    socketio.on("connect", namespace=NAMESPACE)(_on_connect)
    socketio._moderation_namespace = True
