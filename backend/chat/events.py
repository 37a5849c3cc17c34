"""Socket.IO chat events on the default namespace; same shape as routes: load -> service -> ack.

The full catalogue, with payloads and who receives what, is in docs/realtime.md.
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask_socketio import join_room, leave_room

from backend import live_rights
from backend.accounts.models import User
from backend.chat import schemas, service
from backend.core import presence
from backend.extensions import socketio
from backend.socket_events import handler

# Rooms in which this socket counts as staff presence (so leaving or disconnecting closes them).
_staffing: dict[str, set[int]] = {}


def _sid() -> str:
    return str(request.sid)  # type: ignore[attr-defined]


@handler(schemas.JoinIn(), rate="join")
def on_join(user: User, room: int) -> dict[str, Any]:
    """Client joins a room it may be in -> ack {ok, last_seq, open}; staff presence opens staffed rooms."""
    standing = service.access_standing(user, room)
    chat_room = standing.room
    join_room(service.socket_room(chat_room.id))
    live_rights.socket_joined(_sid())
    arrived = chat_room.staffed and standing.staff
    if arrived:
        presence.staff_arrived(chat_room.id, _sid())
        _staffing.setdefault(_sid(), set()).add(chat_room.id)
    is_open = standing.is_open()  # after the arrival, which may have opened it
    if arrived:
        # Presence is not a database write, so there is no commit to wait for.
        state = service.room_state(chat_room, is_open)
        socketio.emit("room_state", state, to=service.socket_room(chat_room.id))
    return {"ok": True, "last_seq": chat_room.last_seq, "open": is_open}


@handler(schemas.JoinIn(), rate="leave")
def on_leave(user: User, room: int) -> dict[str, Any]:
    """Client leaves a room -> ack {ok}."""
    leave_room(service.socket_room(room))
    stop_staffing(_sid(), only=room)
    return {"ok": True}


@handler(schemas.SendIn(), rate="send")
def on_send(user: User, room: int, client_id: str, body: str) -> dict[str, Any]:
    """Client sends a message -> ack {id, seq, status}; room members receive `message` after commit."""
    return service.do_send_message(user, room, client_id, body).as_dict()


@handler(schemas.SyncIn(), rate="sync")
def on_sync(user: User, room: int, after_seq: int, limit: int) -> dict[str, Any]:
    """Client asks for what it missed -> ack {messages, last_seq, has_more, pending}."""
    return service.sync(user, room, after_seq, limit)


@handler(schemas.JoinIn(), rate="typing")
def on_typing(user: User, room: int) -> dict[str, Any]:
    """Client is typing -> others in the room (not blocked or muted) receive `typing`."""
    service.do_typing(user, room)
    return {"ok": True}


def stop_staffing(sid: str, only: int | None = None) -> None:
    """This socket no longer keeps a staffed room open (all its rooms, or ``only`` that one)."""
    rooms = _staffing.get(sid, set())
    for room_id in [r for r in rooms if only is None or r == only]:
        presence.staff_left(room_id, sid)
        rooms.discard(room_id)
        chat_room = service.find_room(room_id)
        if chat_room is not None:
            socketio.emit("room_state", service.room_state(chat_room), to=service.socket_room(room_id))
    if not rooms:
        _staffing.pop(sid, None)


def staff_socket_gone(user_id: int, sid: str) -> None:
    """A staff member's socket going away may close a staffed room."""
    stop_staffing(sid)
