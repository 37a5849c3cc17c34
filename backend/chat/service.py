"""Realtime chat: who may be in which room, and the message pipeline.

Every message passes, in this order (PRODUCT.md 2.2, ARCHITECTURE.md "Data flow of one chat
message"): authentication (the socket's account is reloaded and must be active) -> membership and
audience (``access_room``) -> block check -> rate limit -> sanitise -> moderation screen -> persist
with the room's next sequence number -> commit -> broadcast. A held message is stored without a
sequence number and shown only to its author until a moderator releases it; it is then published
with the next number, so "everything after N" stays exact for everyone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, func, or_, select, union_all, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from backend import safeguarding
from backend.accounts import personas as p
from backend.accounts import service as accounts
from backend.accounts.models import Block, Mute, User
from backend.chat import walls
from backend.chat.models import Connection, ExpertSession, Message, Room
from backend.core import presence
from backend.core.db import db, utcnow
from backend.core.errors import Conflict, Forbidden, NotFound, TooManyRequests, Unprocessable
from backend.core.html import render_markdown, screening_text
from backend.core.rates import check_rate
from backend.core.realtime import emit_after_commit
from backend.groups import service as groups
from backend.groups.models import Group, Membership
from backend.reports import service as reports
from moderation import api as moderation

SYNC_LIMIT = 500
CONTEXT_MESSAGES = 10


def socket_room(room_id: int) -> str:
    return f"room:{room_id}"


# --- who may be where ----------------------------------------------------------------------------

# Other features that create a right to message someone directly (mentor pair, buddy pair, playdate
# match) register a check here: (user_a_id, user_b_id) -> bool.
_dm_links: list[Callable[[int, int], bool]] = []


def register_dm_link(check: Callable[[int, int], bool]) -> None:
    if check not in _dm_links:  # a feature's register(app) may run once per app
        _dm_links.append(check)


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


# --- direct messages and connections -------------------------------------------------------------


def _connected(a_id: int, b_id: int) -> bool:
    accepted = db.session.scalar(
        select(Connection.id).where(
            Connection.status == "accepted",
            or_(
                and_(Connection.requester_id == a_id, Connection.recipient_id == b_id),
                and_(Connection.requester_id == b_id, Connection.recipient_id == a_id),
            ),
        )
    )
    return accepted is not None or any(check(a_id, b_id) for check in _dm_links)


def check_may_message_directly(user: User, other: User) -> None:
    """No direct messages between an adult and a young person, ever (PRODUCT.md 2.2). Adults need a
    connection; young people need both to have opted in and to share a group (Ofcom children's
    codes: no contact from unconnected accounts)."""
    if other.id == user.id or other.status != "active":
        raise NotFound()
    if accounts.is_youth(user) != accounts.is_youth(other):
        raise NotFound()
    if accounts.is_blocked(user.id, other.id):
        raise NotFound()
    if accounts.is_youth(user):
        both_opted_in = accounts.privacy(user).youth_dms_enabled and accounts.privacy(other).youth_dms_enabled
        if not (both_opted_in and groups.share_a_group(user.id, other.id)):
            raise NotFound()
    elif not _connected(user.id, other.id):
        raise NotFound()


def do_open_dm(user: User, other_id: int) -> tuple[Room, bool]:
    """The direct-message room of two people, and whether this call opened it."""
    other = db.session.get(User, other_id)
    if other is None:
        raise NotFound()
    check_may_message_directly(user, other)
    low, high = sorted((user.id, other.id))
    room = db.session.scalar(select(Room).where(Room.dm_low_id == low, Room.dm_high_id == high))
    if room is not None:
        return room, False
    room = Room(kind="dm", dm_low_id=low, dm_high_id=high)
    db.session.add(room)
    db.session.commit()
    return room, True


def do_request_connection(user: User, recipient_id: int) -> tuple[Connection, bool]:
    """A connection request (or the one already between the two), and whether this call made it."""
    recipient = db.session.get(User, recipient_id)
    # Young people never receive requests from adults, and never send them either: a request from
    # or to a young person is simply not possible, with the same 404 as for a missing account.
    if (
        recipient is None
        or recipient.id == user.id
        or recipient.status != "active"
        or accounts.is_youth(user)
        or accounts.is_youth(recipient)
        or accounts.is_blocked(user.id, recipient.id)
        or not accounts.privacy(recipient).allow_connection_requests
    ):
        raise NotFound()
    check_rate(user, "connection")
    existing = db.session.scalar(
        select(Connection).where(
            or_(
                and_(Connection.requester_id == user.id, Connection.recipient_id == recipient.id),
                and_(Connection.requester_id == recipient.id, Connection.recipient_id == user.id),
            )
        )
    )
    if existing is not None:
        if existing.status == "declined" and existing.requester_id == user.id:
            raise Conflict("This request was declined")
        return existing, False
    connection = Connection(requester_id=user.id, recipient_id=recipient.id)
    db.session.add(connection)
    db.session.flush()
    emit_after_commit(
        "notification",
        {"kind": "connection_request", "connection_id": connection.id, "from": accounts.public_profile(user)},
        to=f"user:{recipient.id}",
    )
    db.session.commit()
    return connection, True


def access_connection(user: User, connection_id: int) -> Connection:
    connection = db.session.get(Connection, connection_id)
    if connection is None or user.id not in (connection.requester_id, connection.recipient_id):
        raise NotFound()
    return connection


def do_respond_to_connection(user: User, connection_id: int, accept: bool) -> Connection:
    connection = access_connection(user, connection_id)
    if connection.recipient_id != user.id:
        raise NotFound()
    if connection.status != "pending":
        raise Conflict("Already answered")
    connection.status = "accepted" if accept else "declined"
    connection.responded_at = utcnow()
    if accept:
        emit_after_commit(
            "notification",
            {
                "kind": "connection_accepted",
                "connection_id": connection.id,
                "by": accounts.public_profile(user),
            },
            to=f"user:{connection.requester_id}",
        )
    db.session.commit()
    return connection


def connections(user: User) -> list[Connection]:
    return list(
        db.session.scalars(
            select(Connection)
            .where(or_(Connection.requester_id == user.id, Connection.recipient_id == user.id))
            .order_by(Connection.id.desc())
        )
    )


def connection_view(user: User, connection: Connection) -> dict[str, Any]:
    other_id = connection.recipient_id if connection.requester_id == user.id else connection.requester_id
    other = db.session.get(User, other_id)
    assert other is not None
    return {
        "id": connection.id,
        "status": connection.status,
        "direction": "outgoing" if connection.requester_id == user.id else "incoming",
        "other": accounts.public_profile(other),
        "created_at": connection.created_at,
    }


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
    if host is None or host.status != "active" or accounts.is_youth(host):
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


def sessions_for(user: User) -> list[ExpertSession]:
    rows = db.session.scalars(select(ExpertSession).order_by(ExpertSession.starts_at))
    visible = []
    for session in rows:
        room = db.session.get(Room, session.room_id)
        if room is not None and _may_enter(user, room, "read"):
            visible.append(session)
    return visible


def do_pin(user: User, room_id: int, message_id: int, pinned: bool) -> Message:
    """The host pins a question or an answer in their session."""
    room = access_room(user, room_id)
    if room.kind != "session" or expert_session(room).host_id != user.id:
        raise NotFound()
    message = db.session.get(Message, message_id)
    if message is None or message.room_id != room.id or message.status != "published":
        raise NotFound()
    message.pinned = pinned
    emit_after_commit(
        "message_pinned", {"room": room.id, "id": message.id, "pinned": pinned}, to=socket_room(room.id)
    )
    db.session.commit()
    return message


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


# --- the message pipeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ack:
    id: int
    seq: int | None
    status: str
    signposts: tuple[dict[str, str], ...] = ()
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "seq": self.seq, "status": self.status}
        if self.signposts:
            out["signposts"] = list(self.signposts)
        if self.reason:
            out["reason"] = self.reason
        return out


# The statements of the message pipeline run for every message, so they are built once, here, as
# plain table statements (no ORM loading): each costs a few tens of microseconds instead of hundreds.
_MESSAGES = cast(Table, Message.__table__)
_ROOMS = cast(Table, Room.__table__)
_BLOCKS = cast(Table, Block.__table__)
_MUTES = cast(Table, Mute.__table__)

_PREVIOUS = (
    select(_MESSAGES.c.id, _MESSAGES.c.sender_id, _MESSAGES.c.body_html, _MESSAGES.c.created_at)
    .where(_MESSAGES.c.room_id == bindparam("room_id"), _MESSAGES.c.status == "published")
    .order_by(_MESSAGES.c.id.desc())
    .limit(CONTEXT_MESSAGES)
)
_PREVIOUS_BEFORE = _PREVIOUS.where(_MESSAGES.c.id < bindparam("before_id"))
_EXISTING = select(_MESSAGES.c.id, _MESSAGES.c.seq, _MESSAGES.c.status).where(
    _MESSAGES.c.room_id == bindparam("room_id"),
    _MESSAGES.c.sender_id == bindparam("sender_id"),
    _MESSAGES.c.client_id == bindparam("client_id"),
)


def _insert_new(insert_for: Callable[[Table], Any]) -> Any:
    """The message insert for one database: a repeated (room, sender, client id) inserts nothing and
    returns no id, because the send is a retry."""
    return (
        insert_for(_MESSAGES)
        .on_conflict_do_nothing(index_elements=["room_id", "sender_id", "client_id"])
        .returning(_MESSAGES.c.id)
    )


_INSERT_NEW = {"sqlite": _insert_new(sqlite.insert), "postgresql": _insert_new(postgresql.insert)}
# One atomic statement: the row lock (PostgreSQL) or the write lock (SQLite) serialises senders.
_NEXT_SEQ = (
    update(_ROOMS)
    .where(_ROOMS.c.id == bindparam("room_id"))
    .values(last_seq=_ROOMS.c.last_seq + 1)
    .returning(_ROOMS.c.last_seq)
)
_PUBLISH = (
    update(_MESSAGES)
    .where(_MESSAGES.c.id == bindparam("message_id"))
    .values(
        seq=bindparam("new_seq"),
        status="published",
        published_at=bindparam("now", type_=_MESSAGES.c.published_at.type),
    )
)
_SET_STATUS = (
    update(_MESSAGES).where(_MESSAGES.c.id == bindparam("message_id")).values(status=bindparam("new_status"))
)
# The people who must not receive an author's content: the same set as accounts.people_hiding
# (blocked either way, or who muted the author), in one statement.
_HIDING = union_all(
    select(_BLOCKS.c.blocked_id).where(_BLOCKS.c.blocker_id == bindparam("user_id")),
    select(_BLOCKS.c.blocker_id).where(_BLOCKS.c.blocked_id == bindparam("user_id")),
    select(_MUTES.c.muter_id).where(_MUTES.c.muted_id == bindparam("user_id")),
)


# Screening's context is the room's last ten messages as the text screening sees, for every message:
# that text is a pure function of the stored HTML, so recent ones are not converted again.
@functools.lru_cache(maxsize=512)
def _screening_text(body_html: str) -> str:
    return screening_text(html=body_html)


def _previous_messages(room_id: int, before_id: int | None = None) -> tuple[dict[str, Any], ...]:
    """The last messages of a room (before ``before_id``), as evidence context for moderation."""
    if before_id is None:
        rows = db.session.execute(_PREVIOUS, {"room_id": room_id}).all()
    else:
        rows = db.session.execute(_PREVIOUS_BEFORE, {"room_id": room_id, "before_id": before_id}).all()
    return tuple(
        {
            "id": r.id,
            "sender_id": r.sender_id,
            "text": _screening_text(r.body_html),
            "at": r.created_at.isoformat(),
        }
        for r in reversed(rows)
    )


def _existing_ack(room_id: int, sender_id: int, client_id: str) -> Ack | None:
    """The ack of a message already stored under this client id (a retry), if there is one."""
    row = db.session.execute(
        _EXISTING, {"room_id": room_id, "sender_id": sender_id, "client_id": client_id}
    ).one_or_none()
    return Ack(row.id, row.seq, row.status) if row is not None else None


def _next_seq(room_id: int) -> int:
    seq = int(db.session.execute(_NEXT_SEQ, {"room_id": room_id}).scalar_one())
    # A Room this session already holds keeps its counter in step, as an ORM update would.
    room = db.session.identity_map.get(identity_key(Room, room_id))
    if room is not None:
        set_committed_value(room, "last_seq", seq)
    return seq


def check_send_message(user: User, room_id: int, client_id: str, body: str) -> Ack:
    """The whole pipeline for one message; commits once and broadcasts after the commit."""
    room, group = _access_room(user, room_id, "post")
    if not room_is_open(room) and not counts_as_staff(user, room):
        raise Forbidden("This room is closed right now", {"room": ["closed"]})
    if room.kind == "dm":
        other_id = room.dm_high_id if room.dm_low_id == user.id else room.dm_low_id
        other = db.session.get(User, other_id)
        assert other is not None
        check_may_message_directly(user, other)
    accounts.check_can_post(user)
    # Before rendering and screening, the costly steps, so a flood costs the server nothing more
    # than this check (PRODUCT.md 2.2's order; security issue #10.10). A retry over the limit is
    # still answered with its original ack.
    try:
        check_rate(user, "message")
    except TooManyRequests:
        retried = _existing_ack(room.id, user.id, client_id)
        if retried is None:
            raise
        return retried
    body_html = render_markdown(body)
    if not body_html:
        raise Unprocessable("Empty message", {"body": ["Write something."]})
    now = utcnow()
    message = Message(
        room_id=room.id,
        sender_id=user.id,
        client_id=client_id,
        body_html=body_html,
        status="pending",
        pinned=False,
        answer_to_id=None,
        created_at=now,
        published_at=None,
        seq=None,
    )
    message_id = db.session.execute(
        _INSERT_NEW[db.session.get_bind().dialect.name],
        {
            "room_id": room.id,
            "sender_id": user.id,
            "client_id": client_id,
            "body_html": body_html,
            "status": "pending",
            "pinned": False,
            "created_at": now,
        },
    ).scalar()
    if message_id is None:
        retried = _existing_ack(room.id, user.id, client_id)  # idempotent: the original ack, nothing stored
        assert retried is not None
        return retried
    message.id = message_id
    # Who must not receive it, before screening: if presence is unknown right now (a 503), nothing
    # has been screened or stored for a message that is then sent again.
    skip_sid = _hidden_from(user.id)
    return _screen_and_publish(user, room, message, youth_space=is_youth_room(room, group), skip_sid=skip_sid)


def _screen_and_publish(
    user: User, room: Room, message: Message, *, youth_space: bool, skip_sid: list[str] | None
) -> Ack:
    """Screen the stored (pending) message, then publish it with the room's next seq, hold, or
    block; one commit. ``message`` is a detached copy of the row for the views (the ORM never
    tracks it, so nothing is written twice)."""
    verdict = safeguarding.screen(
        safeguarding.subject(
            type="message",
            id=message.id,
            author=user,
            text=screening_text(html=message.body_html),
            youth_space=youth_space,
            space=socket_room(room.id),
            # Read only if screening opens a queue item: most messages open none.
            context=functools.partial(_previous_messages, room.id, before_id=message.id),
        )
    )
    signposts = tuple(
        {"name": s.name, "contact": s.contact, "description": s.description} for s in verdict.signposts
    )
    if verdict.action == "block":
        db.session.execute(_SET_STATUS, {"message_id": message.id, "new_status": "blocked"})
        db.session.commit()
        return Ack(message.id, None, "blocked", signposts, verdict.reason or "This message was not sent.")
    if verdict.action == "hold":
        # Visible to its author only, marked pending, until a moderator releases it.
        emit_after_commit("message", message_view(message, user), to=f"user:{user.id}")
    else:
        message.seq = _next_seq(room.id)
        message.status = "published"
        message.published_at = utcnow()
        db.session.execute(
            _PUBLISH, {"message_id": message.id, "new_seq": message.seq, "now": message.published_at}
        )
        _announce(message, user, skip_sid)
    db.session.commit()
    return Ack(message.id, message.seq, message.status, signposts)


def _publish(message: Message, sender: User, event: str = "message") -> None:
    """Publish a message the session holds (a held one a moderator released)."""
    message.seq = _next_seq(message.room_id)
    message.status = "published"
    message.published_at = utcnow()
    _announce(message, sender, _hidden_from(sender.id), event)


def _announce(message: Message, sender: User, skip_sid: list[str] | None, event: str = "message") -> None:
    """``skip_sid``: ``_hidden_from(sender.id)``, looked up by the caller."""
    emit_after_commit(
        event, message_view(message, sender), to=socket_room(message.room_id), skip_sid=skip_sid
    )


def _hidden_from(sender_id: int) -> list[str] | None:
    """Sockets of people who must not receive this sender's messages (blocked either way, or who
    muted them), on every process."""
    hidden = set(db.session.scalars(_HIDING, {"user_id": sender_id}))
    return presence.sids_of(hidden) or None if hidden else None


def message_view(message: Message, sender: User | None = None) -> dict[str, Any]:
    sender = sender or db.session.get(User, message.sender_id)
    assert sender is not None
    removed = message.status in ("removed", "hidden")
    return {
        "room": message.room_id,
        "id": message.id,
        "seq": message.seq,
        "client_id": message.client_id,
        "sender": accounts.public_profile(sender),
        "body_html": None if removed else message.body_html,
        "status": message.status,
        "pinned": message.pinned,
        "created_at": message.created_at.isoformat(),
    }


def messages_after(user: User, room_id: int, after_seq: int, limit: int = SYNC_LIMIT) -> dict[str, Any]:
    """Exactly the messages published after ``after_seq``, in order (removed ones as tombstones),
    leaving out people the reader has blocked or muted or who blocked them. ``last_seq`` is the seq
    read up to, hidden messages included, so a page of only hidden ones still moves a client on."""
    room = access_room(user, room_id)
    hidden = accounts.hidden_user_ids(user.id)
    rows = db.session.execute(
        select(Message, User)
        .join(User, User.id == Message.sender_id)
        .where(Message.room_id == room.id, Message.seq > after_seq)
        .order_by(Message.seq)
        .limit(limit + 1)
    ).all()
    more = len(rows) > limit
    messages = [message_view(m, u) for m, u in rows[:limit] if m.sender_id not in hidden]
    last = rows[:limit][-1][0].seq if rows[:limit] else after_seq
    return {"room": room.id, "messages": messages, "last_seq": last, "has_more": more}


def pending_of(user: User, room_id: int) -> list[dict[str, Any]]:
    """The caller's own held messages in a room (shown to them as pending)."""
    room = access_room(user, room_id)
    rows = db.session.scalars(
        select(Message).where(
            Message.room_id == room.id, Message.sender_id == user.id, Message.status == "pending"
        )
    )
    return [message_view(m, user) for m in rows]


def check_typing(user: User, room_id: int) -> Room:
    room = access_room(user, room_id, "post")
    emit_after_commit(
        "typing",
        {"room": room.id, "user": accounts.public_profile(user)},
        to=socket_room(room.id),
        skip_sid=_hidden_from(user.id),
    )
    db.session.commit()
    return room


# --- moderation effects ----------------------------------------------------------------------------------


def _message_for(decision: moderation.Decision) -> Message | None:
    if decision.subject_type != "message" or not decision.subject_id.isdigit():
        return None
    return db.session.get(Message, int(decision.subject_id))


def on_release(decision: moderation.Decision) -> None:
    message = _message_for(decision)
    # pending: held by screening; hidden: by reports; removed: a removal overturned on appeal.
    if message is None or message.status not in ("pending", "hidden", "removed"):
        return
    sender = db.session.get(User, message.sender_id)
    assert sender is not None
    if message.seq is None:
        _publish(message, sender, event="message_released")
    else:  # was published, then hidden or removed, now restored
        message.status = "published"
        emit_after_commit(
            "message_released",
            message_view(message, sender),
            to=socket_room(message.room_id),
            skip_sid=_hidden_from(sender.id),
        )
    db.session.commit()


def _withdraw(decision: moderation.Decision, status: str) -> None:
    message = _message_for(decision)
    if message is None or message.status in ("removed", "blocked"):
        return
    message.status = status
    payload = {"room": message.room_id, "id": message.id, "seq": message.seq}
    target = socket_room(message.room_id) if message.seq is not None else f"user:{message.sender_id}"
    emit_after_commit("message_removed", payload, to=target)
    db.session.commit()


def on_remove(decision: moderation.Decision) -> None:
    _withdraw(decision, "removed")


def on_hide(decision: moderation.Decision) -> None:
    _withdraw(decision, "hidden")


def on_redact(decision: moderation.Decision) -> None:
    message = _message_for(decision)
    if message is None or message.status != "published":
        return
    message.body_html = render_markdown(str(decision.params.get("replacement", "[redacted by a moderator]")))
    emit_after_commit(
        "message_updated",
        message_view(message),
        to=socket_room(message.room_id),
        skip_sid=_hidden_from(message.sender_id),
    )
    db.session.commit()


for _action, _handler in (
    ("release", on_release),
    ("remove", on_remove),
    ("hide", on_hide),
    ("redact", on_redact),
):
    moderation.on_decision(_action, _handler)


def subject_for_message(user: User, message_id: int) -> moderation.Subject:
    """What a report of a chat message sends to moderation: the message and the 10 before it."""
    message = db.session.get(Message, message_id)
    if message is None or message.status == "blocked":
        raise NotFound()
    room = access_room(user, message.room_id)
    if message.status != "published" and message.sender_id != user.id:
        raise NotFound()
    author = db.session.get(User, message.sender_id)
    assert author is not None
    return safeguarding.subject(
        type="message",
        id=message.id,
        author=author,
        text=screening_text(html=message.body_html),
        youth_space=is_youth_room(room),
        space=socket_room(room.id),
        context=_previous_messages(room.id, before_id=message.id),
    )


# Chat messages can be reported (POST /api/v1/reports), under the room's access rules.
reports.register_subject("message", subject_for_message)


# --- data rights ---------------------------------------------------------------------------------


def export(user: User) -> dict[str, Any]:
    messages = db.session.scalars(select(Message).where(Message.sender_id == user.id).order_by(Message.id))
    return {
        "messages": [
            {
                "id": m.id,
                "room": m.room_id,
                "seq": m.seq,
                "status": m.status,
                "body_html": m.body_html,
                "created_at": m.created_at.isoformat(),
            }
            for m in messages
        ],
        "connections": [connection_view(user, c) for c in connections(user)],
        "message_count": db.session.scalar(
            select(func.count()).select_from(Message).where(Message.sender_id == user.id)
        ),
    }


accounts.register_exporter("chat", export)
