"""Bookmarks, feedback on articles, and the topics a person chose for their journey.

Articles themselves are files in ``content/`` (no table): rows name them by slug.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, utcnow


class CommentState(StrEnum):
    """What screening (and then a moderator) made of a feedback comment. Comments are never shown
    to anyone but counted (agencies read feedback in aggregate only); blocked ones are kept so the
    id moderation holds its evidence under is never reused."""

    NONE = "none"  # no comment, only the vote
    PUBLISHED = "published"
    PENDING = "pending"
    BLOCKED = "blocked"
    REMOVED = "removed"


class Bookmark(Base):
    __tablename__ = "article_bookmarks"
    __table_args__ = (UniqueConstraint("user_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    slug: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Feedback(Base):
    """One person's feedback on one article (a second answer replaces the first)."""

    __tablename__ = "article_feedback"
    __table_args__ = (UniqueConstraint("user_id", "slug"), Index("ix_article_feedback_slug", "slug"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None once the account is deleted
    slug: Mapped[str] = mapped_column(String(120))
    helpful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text)
    comment_state: Mapped[str] = mapped_column(String(10), default=CommentState.NONE)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class JourneyTopics(Base):
    """Topics (content tags) a person chose. For young people these are the only source of
    recommendations: nothing is inferred from what they read (profiling off, ICO Children's Code)."""

    __tablename__ = "journey_topics"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
