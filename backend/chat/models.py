"""Chat rooms, their messages (with a per-room sequence), connections and expert sessions."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, held_index, utcnow


class MessageStatus(StrEnum):
    """A chat message's state; each member's name is its stored value."""

    PUBLISHED = "published"
    PENDING = "pending"  # held for review: shown to its sender only, until a moderator decides
    BLOCKED = "blocked"  # refused by screening: kept so its id stays unique, never served to anyone
    REMOVED = "removed"
    HIDDEN = "hidden"  # hidden after publication (several reports, or the second reading) until decided


class ConnectionStatus(StrEnum):
    """A connection request's state; each member's name is its stored value."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Room(Base):
    """A live chat room: a group's room, a direct message between two people, or an expert session.

    ``last_seq`` is the room's sequence counter: every message others can see gets the next number
    when it is published, so a reconnecting client asks for "everything after N" and gets exactly
    what it missed, in order.
    """

    __tablename__ = "chat_rooms"
    __table_args__ = (UniqueConstraint("dm_low_id", "dm_high_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # group | dm | session
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"), unique=True)
    dm_low_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    dm_high_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A staffed youth room is open for posting only while a DBS-checked moderator is present.
    staffed: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Message(Base):
    __tablename__ = "chat_messages"
    __table_args__ = (
        UniqueConstraint("room_id", "seq"),
        # Client message ids make sends idempotent: the same id from the same sender is one message.
        UniqueConstraint("room_id", "sender_id", "client_id"),
        Index("ix_chat_messages_room_id_id", "room_id", "id"),
        held_index("chat_messages"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("chat_rooms.id"))
    seq: Mapped[int | None] = mapped_column(Integer)  # set when published; None while held
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))  # a MessageStatus
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    answer_to_id: Mapped[int | None] = mapped_column(ForeignKey("chat_messages.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]


class Connection(Base):
    """A connection request between two adults; accepted connections may message directly."""

    __tablename__ = "chat_connections"
    __table_args__ = (UniqueConstraint("requester_id", "recipient_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=ConnectionStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    responded_at: Mapped[datetime | None]


class ExpertSession(Base):
    """A scheduled "live chat with experts" (003): a host, a topic, an audience, a time window."""

    __tablename__ = "chat_expert_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("chat_rooms.id"), unique=True)
    host_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    topic: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(30))  # a group audience, e.g. carers, young_people
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
