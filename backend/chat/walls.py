"""Sockets stay inside the walls when memberships change.

A socket that joined a group's chat room keeps receiving its broadcasts until it leaves the Socket.IO
room; ending the membership (leaving, removal, turning 18 out of a young people's group, deleting
the account, staff unassigned) must therefore take every socket of that person out of the room too,
on every process, once the change is committed.
"""

from __future__ import annotations

from sqlalchemy import select

from backend.chat.models import Room
from backend.chat.service import socket_room
from backend.core import presence
from backend.core.db import db
from backend.groups import service as groups


@groups.on_membership_ended
def leave_group_chat(user_id: int, group_id: int) -> None:
    room_id = db.session.scalar(select(Room.id).where(Room.group_id == group_id))
    if room_id is not None:
        presence.leave_room_after_commit(user_id, socket_room(room_id))
