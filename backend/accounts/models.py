"""People, families, children, staff records, blocks and privacy settings."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.core.db import Base, utcnow


class AccountStatus(StrEnum):
    """An account's state; each member's name is its stored value."""

    ACTIVE = "active"
    SUSPENDED = "suspended"  # signed out everywhere; may not sign in or post until reinstated
    DELETED = "deleted"  # anonymised on the person's request: the row stays for references to it


class Family(Base):
    """An adult carer's household. Children are described without names."""

    __tablename__ = "families"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency: Mapped[str | None] = mapped_column(String(120))
    region: Mapped[str | None] = mapped_column(String(80))
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None]  # the agency worker (no FK: users and families refer to each other)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    children: Mapped[list[Child]] = relationship(back_populates="family", order_by="Child.id")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)  # None once deleted
    password_hash: Mapped[str | None] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(60))
    persona: Mapped[str] = mapped_column(String(30), index=True)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    region: Mapped[str | None] = mapped_column(String(80))
    bio_html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default=AccountStatus.ACTIVE)
    family_id: Mapped[int | None] = mapped_column(ForeignKey("families.id"), index=True)
    agency: Mapped[str | None] = mapped_column(String(120))  # for agency workers and adult adoptees
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    posting_muted_until: Mapped[datetime | None]  # a moderator's mute: may read, may not post
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None]
    # Raised in the same transaction as any change to what this person may see (vetting, persona,
    # suspension, membership, turning 18): every server process compares it with what its own
    # sockets were last checked against and re-checks them (backend/live_rights.py).
    rights_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    family: Mapped[Family | None] = relationship(foreign_keys=[family_id])

    @property
    def is_active(self) -> bool:
        return self.status == AccountStatus.ACTIVE


class Child(Base):
    """A child in a family: month and year of birth, never a name, school or photo."""

    __tablename__ = "children"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id", ondelete="CASCADE"), index=True)
    birth_month: Mapped[int] = mapped_column(Integer)
    birth_year: Mapped[int] = mapped_column(Integer)
    placement_date: Mapped[date | None] = mapped_column(Date)
    legal_route: Mapped[str] = mapped_column(String(30))
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # An agency worker of the family's agency confirmed this child is real (the age assurance: only a
    # confirmed child's young person can have an account, PRODUCT.md 1).
    confirmed_at: Mapped[datetime | None]
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    family: Mapped[Family] = relationship(back_populates="children")


class YouthLink(Base):
    """A young person's account linked to a child of a family: the age assurance and consent."""

    __tablename__ = "youth_links"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"))
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Invitation(Base):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[int] = mapped_column(ForeignKey("families.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    # The young person's own address: the invitation's secret is sent there (never to the inviter),
    # and it becomes their sign-in.
    email: Mapped[str | None] = mapped_column(String(254))
    accepted_at: Mapped[datetime | None]
    accepted_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class StaffRecord(Base):
    """Vetting for staff and mentors: enhanced DBS check, renewal, training."""

    __tablename__ = "staff_records"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    dbs_checked_on: Mapped[date | None] = mapped_column(Date)
    dbs_renewal_due: Mapped[date | None] = mapped_column(Date)
    training_completed_on: Mapped[date | None] = mapped_column(Date)
    is_mentor: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class PrivacySettings(Base):
    """High-privacy defaults (ICO Children's Code); lowering any of them needs confirmation."""

    __tablename__ = "privacy_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    allow_connection_requests: Mapped[bool] = mapped_column(Boolean, default=False)
    youth_dms_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    show_presence: Mapped[bool] = mapped_column(Boolean, default=False)
    show_region: Mapped[bool] = mapped_column(Boolean, default=False)
    playdate_profile_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    location_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    personalised_suggestions: Mapped[bool] = mapped_column(Boolean, default=False)
    nudges_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    digest_cadence: Mapped[str] = mapped_column(String(10), default="monthly")


class Block(Base):
    __tablename__ = "blocks"
    __table_args__ = (UniqueConstraint("blocker_id", "blocked_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    blocker_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    blocked_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Mute(Base):
    __tablename__ = "mutes"
    __table_args__ = (UniqueConstraint("muter_id", "muted_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    muter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    muted_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AccountEvent(Base):
    """Things that happened to an account: verified, turned 18, persona granted, suspended..."""

    __tablename__ = "account_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
