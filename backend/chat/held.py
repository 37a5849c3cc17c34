"""Chat messages for the moderation link: those waiting for a moderator (``moderation_link.sweep``)
and which are stored at all (``moderation_link.unstored``)."""

from __future__ import annotations

import functools
from datetime import datetime

from sqlalchemy import select

from backend import safeguarding
from backend.accounts.models import User
from backend.chat import messages
from backend.chat import service as chat
from backend.chat.models import Message, MessageStatus, Room
from backend.core.db import db
from backend.core.html import screening_text
from backend.moderation_link import sweep
from moderation import api as moderation


def held_messages(after_id: int, limit: int) -> list[sweep.HeldContent]:
    """Held messages (pending: shown to their sender only) with ids above ``after_id``."""
    rows = db.session.execute(
        select(Message, Room, User)
        .join(Room, Room.id == Message.room_id)
        .join(User, User.id == Message.sender_id)
        .where(Message.status == MessageStatus.PENDING, Message.id > after_id)
        .order_by(Message.id)
        .limit(limit)
    ).all()
    return [
        (message.id, functools.partial(_subject, message, room, sender)) for message, room, sender in rows
    ]


def _subject(message: Message, room: Room, sender: User) -> moderation.Subject:
    """The message as screening saw it: its text, its room's wall and the messages before it."""
    return safeguarding.subject(
        type="message",
        id=message.id,
        author=sender,
        text=screening_text(html=message.body_html),
        youth_space=chat.is_youth_room(room),
        space=chat.socket_room(room.id),
        context=messages._previous_messages(room.id, before_id=message.id),
    )


def stored_messages(ids: list[int]) -> dict[int, tuple[int, datetime]]:
    """Which of these message ids are stored (in any status): their sender and creation time."""
    rows = db.session.execute(
        select(Message.id, Message.sender_id, Message.created_at).where(Message.id.in_(ids))
    )
    return {message_id: (sender_id, created_at) for message_id, sender_id, created_at in rows}
