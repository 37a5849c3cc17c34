"""Sockets stay inside the chat rooms' walls while rights and memberships change.

A socket that joined a chat room keeps receiving its broadcasts until it leaves the Socket.IO room.
Ending a group membership (leaving, removal, turning 18 out of a young people's group, deleting the
account, staff unassigned) takes every socket of that person out of the group's chat room once the
change is committed; any other change of rights is re-checked by ``backend/live_rights.py`` with
``keep_in_room``, the same wall that let the socket in (``service.access_standing``).
"""

from __future__ import annotations

from sqlalchemy import select

from backend.accounts.models import User
from backend.chat import events, service
from backend.chat.models import Room
from backend.core import presence
from backend.core.db import db
from backend.core.errors import NotFound


def leave_group_chat(user_id: int, group_id: int) -> None:
    room_id = db.session.scalar(select(Room.id).where(Room.group_id == group_id))
    if room_id is not None:
        presence.leave_room_after_commit(user_id, service.socket_room(room_id))


def keep_in_room(user: User, room_id: int, sid: str) -> bool:
    """May this socket stay in ``room:<id>``: the join's own check. Staff presence that no longer
    counts (a lapsed DBS check, staff unassigned) stops keeping a staffed room open."""
    try:
        standing = service.access_standing(user, room_id)
    except NotFound:
        events.stop_staffing(sid, room_id)
        return False
    if standing.room.staffed and not standing.staff:
        events.stop_staffing(sid, room_id)
    return True
