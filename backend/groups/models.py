"""Peer groups (forums): groups, memberships, threads, posts, reactions and content versions.

Nothing here is ever hard-deleted by a user action: leaving a group ends a membership row, deleting a
post marks it removed, and every edit or redaction keeps the previous text in ``group_content_versions``
(PRODUCT.md section 3: "Nothing that a moderator may need is ever hard-deleted by a user action").
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, held_index, utcnow

# Audiences (PRODUCT.md 2.1). The wall between them is enforced by ``walls._standing``.
ADOPTERS = "adopters"
SPECIAL_GUARDIANS = "special_guardians"  # special guardians and kinship carers
CARERS = "carers"  # adopters, special guardians and kinship carers together
PROSPECTIVE_ADOPTERS = "prospective_adopters"
YOUNG_PEOPLE = "young_people"
ADULT_ADOPTEES = "adult_adoptees"
AUDIENCES = (ADOPTERS, SPECIAL_GUARDIANS, CARERS, PROSPECTIVE_ADOPTERS, YOUNG_PEOPLE, ADULT_ADOPTEES)

OPEN, REQUEST, INVITE = "open", "request", "invite"
VISIBILITIES = (OPEN, REQUEST, INVITE)

POST_MODERATED, PRE_MODERATED = "post", "pre"
MODERATION_MODES = (POST_MODERATED, PRE_MODERATED)


class GroupStatus(StrEnum):
    """A group's lifecycle: a carer's proposal waits for an agency worker. Each member's name is its
    stored value."""

    ACTIVE = "active"
    PROPOSED = "proposed"
    DECLINED = "declined"
    # Refused by screening: kept so the moderators' queue item about it names a row that exists (and
    # whose id is never reused), never served to anyone, like screening-blocked posts.
    REFUSED = "refused"


# Membership roles. Rows are kept when a membership ends (history, export, evidence).
MEMBER, LEADER, STAFF = "member", "leader", "staff"
ROLES = (MEMBER, LEADER, STAFF)


class MembershipStatus(StrEnum):
    """A membership's state; each member's name is its stored value."""

    ACTIVE = "active"
    PENDING = "pending"  # asked to join a request-only group: waits for a leader or staff
    INVITED = "invited"
    LEFT = "left"
    REMOVED = "removed"  # removed by a leader or staff: may not ask again
    ENDED = "ended"  # ended by the platform (account deleted, turned 18, staff unassigned)


CURRENT_STATES = (MembershipStatus.ACTIVE, MembershipStatus.PENDING, MembershipStatus.INVITED)


class ContentStatus(StrEnum):
    """A thread's or a post's state; each member's name is its stored value."""

    PUBLISHED = "published"
    PENDING = "pending"  # held by screening: shown to its author only, until a moderator decides
    HIDDEN = "hidden"  # hidden (several reports, or the second reading): like pending until decided
    REMOVED = "removed"  # removed by a moderator or deleted by its author: a placeholder for readers
    BLOCKED = "blocked"  # refused by screening: kept so its id stays unique, never served to anyone


REACTIONS = ("heart", "hug", "thanks", "same_here", "idea")


class Group(Base):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description_html: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(30), index=True)
    region: Mapped[str | None] = mapped_column(String(80))
    visibility: Mapped[str] = mapped_column(String(10), default=OPEN)
    moderation_mode: Mapped[str] = mapped_column(String(10), default=POST_MODERATED)
    status: Mapped[str] = mapped_column(String(10), default=GroupStatus.ACTIVE, index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(Base):
    """One person's place in one group: member, peer leader, or assigned staff."""

    __tablename__ = "group_memberships"
    __table_args__ = (
        UniqueConstraint("group_id", "user_id"),
        Index("ix_group_memberships_user_id_status", "user_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(10), default=MEMBER)
    status: Mapped[str] = mapped_column(String(10), default=MembershipStatus.ACTIVE)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Thread(Base):
    """A thread: a plain-text title; its opening text is the first post (``Post.is_opening``)."""

    __tablename__ = "group_threads"
    __table_args__ = (
        Index("ix_group_threads_group_id_last_post_at", "group_id", "last_post_at", "id"),
        held_index("group_threads"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default=ContentStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    last_post_at: Mapped[datetime] = mapped_column(default=utcnow)


class Post(Base):
    __tablename__ = "group_posts"
    __table_args__ = (
        Index("ix_group_posts_thread_id_id", "thread_id", "id"),
        held_index("group_posts"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("group_threads.id"))
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    is_opening: Mapped[bool] = mapped_column(Boolean, default=False)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=ContentStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    removed_at: Mapped[datetime | None]


class ContentVersion(Base):
    """A previous title or body, kept when it is edited, redacted or screened again."""

    __tablename__ = "group_content_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("group_threads.id"), index=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("group_posts.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(200))  # a thread title version
    body_html: Mapped[str | None] = mapped_column(Text)  # a post body version
    status: Mapped[str] = mapped_column(String(10))  # the content's status while this version stood
    # edit | redact | remove (by a moderator) | restore (the redacted text, when an appeal undid it)
    reason: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Reaction(Base):
    __tablename__ = "group_post_reactions"
    __table_args__ = (
        UniqueConstraint("post_id", "user_id", "kind"),
        Index("ix_group_post_reactions_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("group_posts.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
