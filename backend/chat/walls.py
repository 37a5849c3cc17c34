"""Who may be in a chat room, and what they may do there: a caller's ``RoomStanding``, computed once
per event by one pure function, ``room_standing``, from rows already loaded (``rooms.access_standing``
loads them).

A group's room is behind the group's own wall (``groups.standing_of``). A direct message and an
expert session are behind the two walls below. The standing decides the door (``join``, history,
``sync``), the send and the re-check of open sockets when rights change (``backend/chat/live.py``),
so a person is let in and kept in by the same rule; and every later question of the same event (does
their presence open a staffed room, is this a young people's space, who is the other person of a
direct message) is answered from it, never by going back to groups or accounts for the same facts.

The youth wall comes first and admits no one on account of their role in a room (PRODUCT.md 2.1
and 3: adults never enter young people's spaces, except staff with a recorded, in-date enhanced DBS
check). Scheduling or hosting a young people's session is no way round it: a host, or the person
who scheduled it, whose DBS check is missing or has lapsed is outside like any other adult.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.chat.models import ExpertSession, Room
from backend.core import presence
from backend.core.db import utcnow
from backend.groups import service as groups
from backend.groups.models import YOUNG_PEOPLE, Group, Membership


@dataclass(frozen=True, kw_only=True)
class RoomStanding:
    """One person's standing in one room, with the rows it was decided from. Made by
    ``room_standing``."""

    room: Room
    facts: groups.PersonFacts = field(repr=False, compare=False)
    read: bool = False  # join, history, sync
    post: bool = False  # send, typing
    youth: bool = False  # a young people's space (screening applies the youth rules)
    group: Group | None = None  # a group's room: its group
    session: ExpertSession | None = None  # an expert session's room: its session
    other: User | None = None  # a direct message: the other person (None if already gone)
    group_staff: bool = False  # acts as staff in the room's group (``groups.Standing.staff``)

    @cached_property
    def staff(self) -> bool:
        """Whether this person's presence opens a staffed youth room: staff of the group with an
        in-date DBS check (the group's wall already refuses anyone else at a youth room's door).
        A cached property: the DBS check costs a query, asked only when a rule needs it."""
        return self.group_staff and self.facts.dbs

    def is_open(self) -> bool:
        """Asked afresh each time: staff come and go, and sessions start and end."""
        return room_open(self.room, self.session)


def room_standing(
    user: User,
    room: Room,
    *,
    group: Group | None = None,
    membership: Membership | None = None,
    session: ExpertSession | None = None,
    low: User | None = None,
    high: User | None = None,
) -> RoomStanding:
    """The standing of ``user`` in ``room``, from its rows: a group's room its group and the caller's
    membership (None: none); a session's room its session; a direct message its two people."""
    facts = groups.PersonFacts(user)
    if room.kind == "group":
        if group is None:
            return RoomStanding(room=room, facts=facts)
        # The group's wall, as ``groups.group_standing(user, group.id)`` decides it.
        wall = groups.standing_of(facts, group, membership)
        return RoomStanding(
            room=room,
            facts=facts,
            # Members and assigned staff post; moderation staff may observe (youth rooms only with
            # an in-date DBS check) but do not post.
            read=wall.see and (wall.post or wall.staff),
            post=wall.see and wall.post,
            youth=groups.audience_is_youth(group),
            group=group,
            group_staff=wall.staff,
        )
    if room.kind == "session" and session is not None:
        admitted = session_admits(user, session, facts)
        return RoomStanding(
            room=room,
            facts=facts,
            read=admitted,
            post=admitted,
            youth=session.audience == YOUNG_PEOPLE,
            session=session,
        )
    if room.kind == "dm":
        admitted = dm_admits(user, room, low, high)
        return RoomStanding(
            room=room,
            facts=facts,
            read=admitted,
            post=admitted,
            youth=low is not None and low.persona == p.YOUNG_PERSON,
            other=high if user.id == room.dm_low_id else low,
        )
    return RoomStanding(room=room, facts=facts)


def session_admits(user: User, session: ExpertSession, facts: groups.PersonFacts | None = None) -> bool:
    """An expert session's wall: its audience (young people's sessions: young people, and staff with
    an in-date DBS check), and the host of an adults' session even when outside its audience (an
    adult adoptee speaking to carers)."""
    if groups.audience_admits(user, session.audience, facts):
        return True
    return (
        session.audience != YOUNG_PEOPLE
        and user.id == session.host_id
        and user.is_active
        and not accounts.is_youth(user)
    )


def dm_admits(user: User, room: Room, low: User | None, high: User | None) -> bool:
    """A direct message: its two people only, and only while both are on the same side of the youth
    wall (no direct messages between an adult and a young person, ever: PRODUCT.md 2.2). When one of
    a pair of young people turns 18 the conversation closes to both."""
    if user.id not in (room.dm_low_id, room.dm_high_id) or not user.is_active:
        return False
    if low is None or high is None:
        return False
    return accounts.is_youth(low) == accounts.is_youth(high)


def room_open(room: Room, session: ExpertSession | None) -> bool:
    """An expert session is open inside its time window; a staffed room only while a DBS-checked
    member of staff is present in it; any other room always. ``session``: a session room's."""
    if room.kind == "session":
        return session is not None and session.starts_at <= utcnow() < session.ends_at
    if room.staffed:
        return presence.staff_present(room.id)
    return True
