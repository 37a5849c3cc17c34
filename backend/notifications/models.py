"""Notification records, each person's preferences and the digests that gathered them."""

from __future__ import annotations

from datetime import datetime, time
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, utcnow


class Delivery(StrEnum):
    """How a stored notification reaches its person's sockets (decided at notify time)."""

    SENT = "sent"  # the realtime event went out (after the cause committed, or when released)
    DEFERRED = "deferred"  # quiet hours: the event waits for ``deliver_at`` (the release job sends it)
    WAITING = "waiting"  # a daily, weekly or monthly cadence: the next digest gathers it
    DIGESTED = "digested"  # gathered into ``digest_id``
    OFF = "off"  # the person turned the category off: kept for dedupe, never listed or sent


class Notification(Base):
    """Stored in the same transaction as its cause, so a rolled-back cause leaves no notification.

    ``dedupe_key`` (per person) makes a retried or repeated cause one notification. Titles and
    bodies carry no text from young people's spaces and no child's details: they may be shown on a
    lock screen.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("user_id", "dedupe_key"),
        Index("ix_notifications_user_id_id", "user_id", "id"),
        # The release and digest jobs look for what is still owed, never scanning what was sent.
        Index("ix_notifications_delivery_deliver_at", "delivery", "deliver_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    category: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(1000), default="")
    link: Mapped[str] = mapped_column(String(300), default="")
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    dedupe_key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(default=None)
    delivery: Mapped[str] = mapped_column(String(10), default=Delivery.SENT)
    # The cadence it was stored under (a digest gathers its own cadence's items).
    cadence: Mapped[str] = mapped_column(String(10), default="immediate")
    deliver_at: Mapped[datetime | None] = mapped_column(default=None)
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("notification_digests.id"), default=None)


class NotificationPreference(Base):
    """A person's chosen cadence for one category; no row means the category's default for them."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    category: Mapped[str] = mapped_column(String(30), primary_key=True)
    cadence: Mapped[str] = mapped_column(String(10))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class NotificationSettings(Base):
    """A person's quiet hours (adults choose their own; young people's are fixed) and how far ahead
    of a life-stage transition a journey nudge comes."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    quiet_start: Mapped[time | None] = mapped_column(Time, default=None)
    quiet_end: Mapped[time | None] = mapped_column(Time, default=None)
    journey_lead_weeks: Mapped[int] = mapped_column(Integer, default=6)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Digest(Base):
    """One person's digest for one cadence and period. The unique key is the claim: whichever
    process inserts it first composes it; every other process inserts nothing and moves on."""

    __tablename__ = "notification_digests"
    __table_args__ = (UniqueConstraint("user_id", "cadence", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    cadence: Mapped[str] = mapped_column(String(10))
    period: Mapped[str] = mapped_column(String(12))  # 2026-12-02, 2026-W49, 2026-12
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
