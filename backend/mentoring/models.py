"""Mentoring and buddying: profiles, requests, matches, sessions and cohorts (issue #18).

Nothing here is hard-deleted by a user action: a match ends as ``closed``, ``declined`` or
``expired`` and keeps its history (PRODUCT.md 3).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, utcnow


class RequestStatus(StrEnum):
    REQUESTED = "requested"
    SUGGESTED = "suggested"
    CHOSEN = "chosen"
    MATCHED = "matched"
    CLOSED = "closed"


class MatchStatus(StrEnum):
    CHOSEN = "chosen"  # waiting for the mentor to accept or decline
    DECLINED = "declined"
    EXPIRED = "expired"  # the mentor did not answer in time
    ACTIVE = "active"
    REVIEW = "review"  # the scheme's unit of sessions is done: time to review
    CLOSED = "closed"


class CohortStatus(StrEnum):
    PROPOSED = "proposed"
    APPLIED = "applied"


OPEN_MATCH = (MatchStatus.CHOSEN, MatchStatus.ACTIVE, MatchStatus.REVIEW)
LIVE_MATCH = (MatchStatus.ACTIVE, MatchStatus.REVIEW)


class MentoringProfile(Base):
    """A person's lived experience and what they offer. Approval is recorded by an agency worker;
    the DBS check and training live in ``staff_records`` (``accounts/vetting.py``)."""

    __tablename__ = "mentoring_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    offers: Mapped[list[str]] = mapped_column(JSON, default=list)  # scheme names
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    about: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(Integer, default=2)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    # Young people: opted in to being buddied with another young person.
    opted_in: Mapped[bool] = mapped_column(Boolean, default=False)
    approved_schemes: Mapped[list[str]] = mapped_column(JSON, default=list)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class MentoringRequest(Base):
    __tablename__ = "mentoring_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(30))
    goals: Mapped[str] = mapped_column(Text, default="")
    preferences: Mapped[list[str]] = mapped_column(JSON, default=list)
    experience: Mapped[list[str]] = mapped_column(JSON, default=list)  # features asked of the mentor
    agency: Mapped[str | None] = mapped_column(String(120), index=True)
    status: Mapped[str] = mapped_column(String(20), default=RequestStatus.REQUESTED)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Match(Base):
    __tablename__ = "mentoring_matches"
    __table_args__ = (Index("ix_mentoring_matches_status_expires_at", "status", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("mentoring_requests.id"), index=True)
    scheme: Mapped[str] = mapped_column(String(30))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    agency: Mapped[str | None] = mapped_column(String(120), index=True)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("mentoring_cohorts.id"))
    status: Mapped[str] = mapped_column(String(20), default=MatchStatus.CHOSEN)
    score: Mapped[int] = mapped_column(Integer, default=0)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    responded_at: Mapped[datetime | None]
    room_id: Mapped[int | None] = mapped_column(ForeignKey("chat_rooms.id"))
    closed_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(30))
    mentor_feedback: Mapped[str | None] = mapped_column(Text)
    mentee_feedback: Mapped[str | None] = mapped_column(Text)


class MentoringSession(Base):
    """A session the pair logged. ``notes`` are for the pair only (never the coordinator)."""

    __tablename__ = "mentoring_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("mentoring_matches.id"), index=True)
    logged_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    held_on: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")
    concern_report_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Cohort(Base):
    """An agency's intake assignment: proposed, then applied on confirmation."""

    __tablename__ = "mentoring_cohorts"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency: Mapped[str] = mapped_column(String(120), index=True)
    scheme: Mapped[str] = mapped_column(String(30))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20), default=CohortStatus.PROPOSED)
    proposal: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    applied_at: Mapped[datetime | None]
