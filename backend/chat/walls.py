"""Who may be in a direct message or an expert session: the walls of the rooms that are not a group's.

A group's room is behind the group's own wall (``groups.standing``). These two are the rest, pure
decisions over rows already loaded. They decide the door (``join``, history, ``sync``) and the
re-check of open sockets when rights change (``backend/chat/live.py``), so a person is let in and
kept in by the same rule.

The youth wall comes first and admits no one on account of their role in a room (PRODUCT.md 2.1
and 3: adults never enter young people's spaces, except staff with a recorded, in-date enhanced DBS
check). Scheduling or hosting a young people's session is no way round it: a host, or the person
who scheduled it, whose DBS check is missing or has lapsed is outside like any other adult.
"""

from __future__ import annotations

from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.chat.models import ExpertSession, Room
from backend.groups import service as groups
from backend.groups.models import YOUNG_PEOPLE


def session_admits(user: User, session: ExpertSession) -> bool:
    """An expert session's wall: its audience (young people's sessions: young people, and staff with
    an in-date DBS check), and the host of an adults' session even when outside its audience (an
    adult adoptee speaking to carers)."""
    if groups.audience_admits(user, session.audience):
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
