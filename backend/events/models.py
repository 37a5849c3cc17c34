"""Events for local groups and agencies, and the RSVPs to them (PRODUCT.md 2.4).

Times are stored in UTC and shown in Europe/London. The venue and the online link are shown only to
people going (and the organiser). RSVP rows are kept when cancelled (attendance history for the
agency's reports); the waitlist is ordered by ``queued_at`` then id. A cancelled event keeps its
RSVPs as they were (who had a place, who was waiting) and takes no more.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, utcnow


class EventKind(StrEnum):
    STAY_AND_PLAY = "stay_and_play"
    ACTIVITY_DAY = "activity_day"
    COFFEE_MORNING = "coffee_morning"
    CELEBRATION = "celebration"
    WORKSHOP = "workshop"
    WEBINAR = "webinar"
    EXPERT_QA = "expert_qa"


class EventStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    # Screening refused its texts: kept, never served, so the id moderation keeps the refused texts
    # under is never reused (as groups keep a blocked thread or a refused proposal).
    REFUSED = "refused"


class RsvpStatus(StrEnum):
    GOING = "going"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(30), index=True)  # a group audience
    organiser_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"), index=True)
    expert_session_id: Mapped[int | None] = mapped_column(ForeignKey("chat_expert_sessions.id"))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime] = mapped_column()
    capacity: Mapped[int] = mapped_column(Integer)
    venue: Mapped[str] = mapped_column(Text, default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    area: Mapped[str] = mapped_column(String(80), default="")  # a coarse label anyone who may see it sees
    accessibility_notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=EventStatus.SCHEDULED)
    # Who cancelled it and when (the organiser, an agency worker of the organiser's agency, or an admin).
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Rsvp(Base):
    __tablename__ = "event_rsvps"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        Index("ix_event_rsvps_event_id_status_queued_at", "event_id", "status", "queued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)  # place in the waitlist
    reminded_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
