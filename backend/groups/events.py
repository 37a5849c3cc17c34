"""Live group updates over Socket.IO.

Server to client only: ``thread_created``, ``thread_updated``, ``thread_removed``, ``post_created``,
``post_updated``, ``post_removed`` go to the room ``group:<id>``, which holds the sockets of the
group's active members who may still see it (staff: groups they are assigned to, young people's
groups only with an in-date DBS check). Held content goes only to its author's room ``user:<id>``.
Joining, leaving, removal and turning 18 move a person's sockets in or out (``membership._activate`` and
``membership._end``); the wall is checked again at every connect, and for open sockets whenever the
person's rights change (``backend/live_rights.py``, with ``keep_in_group_room``).
"""

from __future__ import annotations

from flask_socketio import join_room

from backend.accounts.models import User
from backend.core.errors import NotFound
from backend.groups import service


def join_group_rooms(user: User) -> None:
    """A connecting socket joins the rooms of the groups its person is an active member of."""
    for group_id in service.live_group_ids(user):
        join_room(service.group_room(group_id))


def keep_in_group_room(user: User, group_id: int, sid: str) -> bool:
    """May this socket stay in ``group:<id>``: the rule ``live_group_ids`` applies at connect (the
    group's wall, ``_standing``: an active member or assigned staff who may post)."""
    try:
        return service.group_standing(user, group_id, "post").post
    except NotFound:
        return False
