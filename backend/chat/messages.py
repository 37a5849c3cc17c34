"""The message pipeline (PRODUCT.md 2.2, ARCHITECTURE.md "Data flow of one chat message"):
authentication -> the room's wall (``access_standing``: one ``RoomStanding`` for the whole send) ->
block check -> rate limit -> sanitise -> moderation screen -> persist with the room's next sequence
number -> commit -> broadcast. A held message is stored without a sequence number and shown only to
its author until a moderator releases it; it is then published with the next number, so "everything
after N" stays exact for everyone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from backend import safeguarding
from backend.accounts import service as accounts
from backend.accounts.models import User
from backend.chat.connections import check_may_message_directly
from backend.chat.models import Message, MessageStatus, Room
from backend.chat.rooms import access_standing, socket_room
from backend.core import presence
from backend.core.db import db, utcnow
from backend.core.errors import Forbidden, TooManyRequests, Unprocessable
from backend.core.html import render_markdown, screening_text
from backend.core.rates import count_rate
from backend.core.realtime import emit_after_commit, user_room

SYNC_LIMIT = 500
CONTEXT_MESSAGES = 10


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

_PREVIOUS = (
    select(_MESSAGES.c.id, _MESSAGES.c.sender_id, _MESSAGES.c.body_html, _MESSAGES.c.created_at)
    .where(_MESSAGES.c.room_id == bindparam("room_id"), _MESSAGES.c.status == MessageStatus.PUBLISHED)
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
        status=MessageStatus.PUBLISHED,
        published_at=bindparam("now", type_=_MESSAGES.c.published_at.type),
    )
)
_SET_STATUS = (
    update(_MESSAGES).where(_MESSAGES.c.id == bindparam("message_id")).values(status=bindparam("new_status"))
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


def do_send_message(user: User, room_id: int, client_id: str, body: str) -> Ack:
    """The whole pipeline for one message; commits once and broadcasts after the commit. Every
    question about the room and the sender's place in it is answered by one ``RoomStanding``."""
    standing = access_standing(user, room_id, "post")
    room = standing.room
    if not standing.is_open() and not standing.staff:
        raise Forbidden("This room is closed right now", {"room": ["closed"]})
    if room.kind == "dm":
        assert standing.other is not None  # the wall admits no one to a pair with one missing
        check_may_message_directly(user, standing.other)
    accounts.check_can_post(user)
    # Before rendering and screening, the costly steps, so a flood costs the server nothing more
    # than this check (PRODUCT.md 2.2's order; security issue #10.10). A retry over the limit is
    # still answered with its original ack.
    try:
        count_rate(user, "message")
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
        status=MessageStatus.PENDING,
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
            "status": MessageStatus.PENDING,
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
    return _screen_and_publish(user, room, message, youth_space=standing.youth, skip_sid=skip_sid)


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
    signposts = tuple(safeguarding.signposts_view(verdict))
    if verdict.action == "block":
        db.session.execute(_SET_STATUS, {"message_id": message.id, "new_status": MessageStatus.BLOCKED})
        db.session.commit()
        return Ack(
            message.id, None, MessageStatus.BLOCKED, signposts, verdict.reason or "This message was not sent."
        )
    if verdict.action == "hold":
        # Visible to its author only, marked pending, until a moderator releases it.
        emit_after_commit("message", message_view(message, user), to=user_room(user.id))
    else:
        message.seq = _next_seq(room.id)
        message.status = MessageStatus.PUBLISHED
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
    message.status = MessageStatus.PUBLISHED
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
    hidden = accounts.people_hiding_one(sender_id)
    return presence.sids_of(hidden) or None if hidden else None


def message_view(message: Message, sender: User | None = None) -> dict[str, Any]:
    sender = sender or db.session.get(User, message.sender_id)
    assert sender is not None
    removed = message.status in (MessageStatus.REMOVED, MessageStatus.HIDDEN)
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
    return _messages_after(user, access_standing(user, room_id).room, after_seq, limit)


def sync(user: User, room_id: int, after_seq: int, limit: int = SYNC_LIMIT) -> dict[str, Any]:
    """What a reconnecting client missed (``messages_after``) and its own held messages
    (``pending``), behind one look at the room's wall."""
    room = access_standing(user, room_id).room
    return {**_messages_after(user, room, after_seq, limit), "pending": _pending_in(user, room)}


def _messages_after(user: User, room: Room, after_seq: int, limit: int) -> dict[str, Any]:
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


def _pending_in(user: User, room: Room) -> list[dict[str, Any]]:
    """The caller's own held messages in a room (shown to them as pending)."""
    rows = db.session.scalars(
        select(Message).where(
            Message.room_id == room.id, Message.sender_id == user.id, Message.status == MessageStatus.PENDING
        )
    )
    return [message_view(m, user) for m in rows]


def do_typing(user: User, room_id: int) -> Room:
    """Tell the room this person is typing (not the people hiding them), after the commit."""
    room = access_standing(user, room_id, "post").room
    emit_after_commit(
        "typing",
        {"room": room.id, "user": accounts.public_profile(user)},
        to=socket_room(room.id),
        skip_sid=_hidden_from(user.id),
    )
    db.session.commit()
    return room
