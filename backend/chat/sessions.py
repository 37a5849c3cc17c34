"""Expert sessions: scheduling (agency workers, admins), the caller's sessions, pinned messages."""

from __future__ import annotations

from datetime import datetime

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.chat import walls
from backend.chat.models import ExpertSession, Message, MessageStatus, Room
from backend.chat.rooms import access_standing, socket_room
from backend.core.db import db
from backend.core.errors import NotFound, Unprocessable
from backend.core.realtime import emit_after_commit

# --- expert sessions -------------------------------------------------------------------------------


def do_schedule_session(
    user: User,
    *,
    host_id: int,
    topic: str,
    audience: str,
    starts_at: datetime,
    ends_at: datetime,
    description: str = "",
) -> ExpertSession:
    if user.persona not in p.AGENCY_STAFF:
        raise NotFound()
    if ends_at <= starts_at:
        raise Unprocessable("A session must end after it starts", {"ends_at": ["Must be after starts_at."]})
    host = db.session.get(User, host_id)
    if host is None or not host.is_active or accounts.is_youth(host):
        raise Unprocessable("Host not found", {"host_id": ["Choose an active adult account."]})
    session = ExpertSession(
        host_id=host.id,
        created_by_id=user.id,
        topic=topic,
        description=description,
        audience=audience,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    # The host must pass the session's own wall: for young people, an in-date enhanced DBS check.
    if not walls.session_admits(host, session):
        raise Unprocessable(
            "Hosts for young people need an in-date enhanced DBS check",
            {"host_id": ["No in-date DBS check."]},
        )
    room = Room(kind="session")
    db.session.add(room)
    db.session.flush()
    session.room_id = room.id
    db.session.add(session)
    db.session.commit()
    return session


def do_pin(user: User, room_id: int, message_id: int, pinned: bool) -> Message:
    """The host pins a question or an answer in their session."""
    standing = access_standing(user, room_id)
    room = standing.room
    if standing.session is None or standing.session.host_id != user.id:
        raise NotFound()
    message = db.session.get(Message, message_id)
    if message is None or message.room_id != room.id or message.status != MessageStatus.PUBLISHED:
        raise NotFound()
    message.pinned = pinned
    emit_after_commit(
        "message_pinned", {"room": room.id, "id": message.id, "pinned": pinned}, to=socket_room(room.id)
    )
    db.session.commit()
    return message
