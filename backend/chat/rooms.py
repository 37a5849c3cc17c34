"""Chat rooms and who may be in them: a group's room behind the group's wall, direct messages and
expert sessions behind ``walls``; staffed youth rooms (open only while vetted staff are present);
the caller's list of rooms. ``access_room`` raises the same 404 for missing and forbidden.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import and_, bindparam, or_, select

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.chat import walls
from backend.chat.models import ExpertSession, Room
from backend.core import presence
from backend.core.db import db, utcnow
from backend.core.errors import NotFound
from backend.core.realtime import emit_after_commit
from backend.groups import service as groups
from backend.groups.models import Group, Membership


def socket_room(room_id: int) -> str:
    return f"room:{room_id}"


# --- who may be where ----------------------------------------------------------------------------

# Other features that create a right to message someone directly (mentor pair, buddy pair, playdate
# match) register a check here: (user_a_id, user_b_id) -> bool.
_dm_links: list[Callable[[int, int], bool]] = []


def register_dm_link(check: Callable[[int, int], bool]) -> None:
    if check not in _dm_links:  # a feature's register(app) may run once per app
        _dm_links.append(check)


def linked(a_id: int, b_id: int) -> bool:
    """Whether a feature links these two people (e.g. an active mentoring or buddying match)."""
    return any(check(a_id, b_id) for check in _dm_links)


def is_youth_room(room: Room, group: Group | None = None) -> bool:
    """``group``: the room's group when the caller already has it (saves loading it again)."""
    if room.kind == "group":
        return groups.audience_is_youth(group if group is not None else groups.get_group(room.group_id))
    if room.kind == "session":
        return expert_session(room).audience == "young_people"
    low = db.session.get(User, room.dm_low_id)
    return low is not None and low.persona == p.YOUNG_PERSON


def expert_session(room: Room) -> ExpertSession:
    session = db.session.scalar(select(ExpertSession).where(ExpertSession.room_id == room.id))
    assert session is not None
    return session


def find_room(room_id: int) -> Room | None:
    return db.session.get(Room, room_id)


# Every chat event loads the room, its group (if any) and the caller's membership of that group in
# one statement, built once (a statement built per call costs more than running it on SQLite).
_ROOM_ACCESS = (
    select(Room, Group, Membership)
    .outerjoin(Group, Group.id == Room.group_id)
    .outerjoin(
        Membership,
        and_(Membership.group_id == Room.group_id, Membership.user_id == bindparam("user_id")),
    )
    .where(Room.id == bindparam("room_id"))
)


def access_room(user: User, room_id: int, need: str = "read") -> Room:
    """The only way to reach a room: the same 404 for missing and not allowed.

    ``need`` is "read" (join, history, sync) or "post" (send, typing). In a group's room the group's
    wall decides: members and assigned staff post; moderation staff may observe (youth rooms only
    with an in-date DBS check) but do not post.
    """
    return _access_room(user, room_id, need)[0]


def _access_room(user: User, room_id: int, need: str) -> tuple[Room, Group | None]:
    """``access_room``, also returning the room's group (None for DMs and sessions)."""
    row = db.session.execute(_ROOM_ACCESS, {"room_id": room_id, "user_id": user.id}).first()
    if row is None:
        raise NotFound()
    room, group, membership = row
    if room.kind == "group":
        if group is None or not _may_enter_group(user, group, membership, need):
            raise NotFound()
    elif not _may_enter(user, room, need):
        raise NotFound()
    return room, group


def _may_enter_group(user: User, group: Group, membership: Membership | None, need: str) -> bool:
    """The group's wall, as ``groups.group_standing(user, group.id)`` decides it (which requires
    "see" first), from the rows already loaded."""
    standing = groups.standing(user, group, membership)
    if not standing.see:
        return False
    return standing.post or (need == "read" and standing.staff)


def _may_enter(user: User, room: Room, need: str) -> bool:
    """A direct message's or an expert session's wall (``chat/walls.py``); a group's room is decided
    by ``_may_enter_group``."""
    if room.kind == "dm":
        low, high = db.session.get(User, room.dm_low_id), db.session.get(User, room.dm_high_id)
        return walls.dm_admits(user, room, low, high)
    if room.kind == "session":
        return walls.session_admits(user, expert_session(room))
    return False


def sessions_for(user: User) -> list[ExpertSession]:
    rows = db.session.scalars(select(ExpertSession).order_by(ExpertSession.starts_at))
    visible = []
    for session in rows:
        room = db.session.get(Room, session.room_id)
        if room is not None and _may_enter(user, room, "read"):
            visible.append(session)
    return visible


# --- staffed youth rooms ---------------------------------------------------------------------------


def counts_as_staff(user: User, room: Room) -> bool:
    """Staff whose presence opens a staffed youth room: staff of the group with an in-date DBS check
    (the group's wall already refuses anyone else at a youth room's door)."""
    if room.kind != "group" or room.group_id is None:
        return False
    return groups.may_staff(user, groups.get_group(room.group_id)) and accounts.may_work_with_young_people(
        user
    )


def do_set_staffed(user: User, room_id: int, staffed: bool) -> Room:
    room = access_room(user, room_id)
    if not is_youth_room(room) or not counts_as_staff(user, room):
        raise NotFound()
    room.staffed = staffed
    emit_after_commit("room_state", room_state(room), to=socket_room(room.id))
    db.session.commit()
    return room


def room_is_open(room: Room) -> bool:
    """A staffed room is open only while a DBS-checked member of staff is present in it."""
    if room.kind == "session":
        session = expert_session(room)
        return session.starts_at <= utcnow() < session.ends_at
    if room.staffed:
        return presence.staff_present(room.id)
    return True


def room_state(room: Room) -> dict[str, Any]:
    return {"room": room.id, "staffed": room.staffed, "open": room_is_open(room)}


# --- rooms list ---------------------------------------------------------------------------------------


def ensure_group_room(group_id: int) -> Room:
    room = db.session.scalar(select(Room).where(Room.group_id == group_id))
    if room is None:
        room = Room(kind="group", group_id=group_id)
        db.session.add(room)
        db.session.flush()
    return room


def rooms_for(user: User) -> list[dict[str, Any]]:
    """The caller's rooms: their groups' rooms, their DMs and the expert sessions they may join."""
    out: list[dict[str, Any]] = []
    group_ids = groups.live_group_ids(user)
    if group_ids:
        for room in db.session.scalars(select(Room).where(Room.group_id.in_(group_ids)).order_by(Room.id)):
            group = groups.get_group(room.group_id)
            out.append({**_room_view(room), "title": group.name, "group_id": group.id})
    dms = db.session.scalars(
        select(Room).where(or_(Room.dm_low_id == user.id, Room.dm_high_id == user.id)).order_by(Room.id)
    )
    out.extend(dm_view(user, room) for room in dms)
    for session in sessions_for(user):
        session_room = db.session.get(Room, session.room_id)
        assert session_room is not None
        out.append(
            {
                **_room_view(session_room),
                "title": session.topic,
                "starts_at": session.starts_at,
                "ends_at": session.ends_at,
            }
        )
    return out


def room_summary(room: Room) -> dict[str, Any]:
    return _room_view(room)


def dm_view(user: User, room: Room) -> dict[str, Any]:
    other = db.session.get(User, room.dm_high_id if room.dm_low_id == user.id else room.dm_low_id)
    assert other is not None
    return {**_room_view(room), "title": accounts.public_profile(other)["display_name"]}


def _room_view(room: Room) -> dict[str, Any]:
    return {
        "id": room.id,
        "kind": room.kind,
        "last_seq": room.last_seq,
        "staffed": room.staffed,
        "open": room_is_open(room),
    }
