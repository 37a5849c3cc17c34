"""Chat rooms and who may be in them: a group's room behind the group's wall, direct messages and
expert sessions behind ``walls``; staffed youth rooms (open only while vetted staff are present);
the caller's list of rooms. ``access_standing`` loads what a room's wall needs in one go and
computes the caller's ``RoomStanding`` (``walls``) once per event; it raises the same 404 for missing
and forbidden.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from sqlalchemy import and_, bindparam, or_, select

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.chat import walls
from backend.chat.models import ExpertSession, Room
from backend.chat.walls import RoomStanding
from backend.core.db import db
from backend.core.errors import NotFound
from backend.core.realtime import emit_after_commit
from backend.groups import service as groups
from backend.groups.models import YOUNG_PEOPLE, Group, Membership

Need = Literal["read", "post"]


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


def is_youth_room(room: Room) -> bool:
    """Whether a room is a young people's space, for a room whose standing was not computed (a
    held message swept up for moderation); an event asks its ``RoomStanding.youth`` instead."""
    if room.kind == "group":
        return groups.audience_is_youth(groups.get_group(room.group_id))
    if room.kind == "session":
        return expert_session(room).audience == YOUNG_PEOPLE
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


def access_standing(user: User, room_id: int, need: Need = "read") -> RoomStanding:
    """The only way to reach a room: the caller's standing in it, computed once for the whole event,
    or the same 404 for missing and not allowed.

    ``need`` is "read" (join, history, sync) or "post" (send, typing). In a group's room the group's
    wall decides: members and assigned staff post; moderation staff may observe (youth rooms only
    with an in-date DBS check) but do not post.
    """
    row = db.session.execute(_ROOM_ACCESS, {"room_id": room_id, "user_id": user.id}).first()
    if row is None:
        raise NotFound()
    room, group, membership = row
    session = low = high = None
    if room.kind == "session":
        session = expert_session(room)
    elif room.kind == "dm":
        # The caller is one of the two (or is refused), and already in this session: one load.
        low, high = db.session.get(User, room.dm_low_id), db.session.get(User, room.dm_high_id)
    standing = walls.room_standing(
        user, room, group=group, membership=membership, session=session, low=low, high=high
    )
    if not getattr(standing, need):
        raise NotFound()
    return standing


def access_room(user: User, room_id: int, need: Need = "read") -> Room:
    """``access_standing``'s room, for callers that need nothing more of the standing."""
    return access_standing(user, room_id, need).room


def sessions_for(user: User) -> list[ExpertSession]:
    """The expert sessions this person may join, soonest first."""
    return [session for session, _ in _sessions_with_rooms(user)]


def _sessions_with_rooms(user: User) -> list[tuple[ExpertSession, Room]]:
    rows = db.session.execute(
        select(ExpertSession, Room)
        .join(Room, Room.id == ExpertSession.room_id)
        .order_by(ExpertSession.starts_at)
    ).all()
    facts = groups.PersonFacts(user)  # asked once for every session
    return [(session, room) for session, room in rows if walls.session_admits(user, session, facts)]


# --- staffed youth rooms ---------------------------------------------------------------------------


def do_set_staffed(user: User, room_id: int, staffed: bool) -> Room:
    """DBS-checked staff of a youth group make its room staffed (open only while they are present)."""
    standing = access_standing(user, room_id)
    if not standing.youth or not standing.staff:
        raise NotFound()
    room = standing.room
    room.staffed = staffed
    emit_after_commit("room_state", room_state(room), to=socket_room(room.id))
    db.session.commit()
    return room


def room_is_open(room: Room) -> bool:
    """``walls.room_open`` for a room whose standing was not computed (loading a session's times)."""
    return walls.room_open(room, expert_session(room) if room.kind == "session" else None)


def room_state(room: Room, open_now: bool | None = None) -> dict[str, Any]:
    """``open_now``: whether the room is open, when the caller has just asked."""
    is_open = room_is_open(room) if open_now is None else open_now
    return {"room": room.id, "staffed": room.staffed, "open": is_open}


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
        rows = db.session.execute(
            select(Room, Group)
            .join(Group, Group.id == Room.group_id)
            .where(Room.group_id.in_(group_ids))
            .order_by(Room.id)
        )
        for room, group in rows:
            out.append({**_room_view(room), "title": group.name, "group_id": group.id})
    dms = db.session.scalars(
        select(Room).where(or_(Room.dm_low_id == user.id, Room.dm_high_id == user.id)).order_by(Room.id)
    )
    out.extend(dm_view(user, room) for room in dms)
    for session, session_room in _sessions_with_rooms(user):
        out.append(
            {
                **_room_view(session_room, session),
                "title": session.topic,
                "starts_at": session.starts_at,
                "ends_at": session.ends_at,
            }
        )
    return out


def room_summary(room: Room) -> dict[str, Any]:
    return _room_view(room, expert_session(room) if room.kind == "session" else None)


def dm_view(user: User, room: Room) -> dict[str, Any]:
    other = db.session.get(User, room.dm_high_id if room.dm_low_id == user.id else room.dm_low_id)
    assert other is not None
    return {**_room_view(room), "title": accounts.public_profile(other)["display_name"]}


def _room_view(room: Room, session: ExpertSession | None = None) -> dict[str, Any]:
    """``session``: a session room's (its times decide whether it is open)."""
    return {
        "id": room.id,
        "kind": room.kind,
        "last_seq": room.last_seq,
        "staffed": room.staffed,
        "open": walls.room_open(room, session),
    }
