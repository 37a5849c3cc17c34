"""Moderation's tables. Every record copies what it needs: no foreign keys into app tables.

Subject type and id, author id and a copy of the content are stored on each record, so the record
outlives the post, message or account it concerns (PRODUCT.md 2.7: "Its records survive deletion of
the content they concern").
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    DDL,
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column

from moderation.db import ModerationBase, utcnow

metadata = ModerationBase.metadata

ITEM_SOURCES = ("screening", "report", "appeal")


class ItemStatus(StrEnum):
    """A queue item's status, derived from its facts by ``queue.settle``; each member's name is its
    stored value."""

    OPEN = "open"
    ESCALATED = "escalated"  # to the safeguarding lead
    AWAITING_CONFIRMATION = "awaiting_confirmation"  # a suspension waits for a second moderator
    CLOSED = "closed"


ITEM_STATUSES = tuple(s.value for s in ItemStatus)


class DecisionState(StrEnum):
    """Where a decision stands; each member's name is its stored value."""

    RECORDED = "recorded"
    AWAITING_CONFIRMATION = "awaiting_confirmation"  # a suspension, until a second moderator confirms
    CONFIRMED = "confirmed"
    DECLINED = "declined"  # the second moderator did not confirm the suspension


class EffectState(StrEnum):
    """Whether a decision's effect on the app is applied; each member's name is its stored value."""

    NONE = "none"  # no effect to apply
    PENDING = "pending"  # to do, or retrying
    DONE = "done"


class CaseStatus(StrEnum):
    """A safeguarding case's status; each member's name is its stored value."""

    OPEN = "open"
    CLOSED = "closed"


class QueueItem(ModerationBase):
    """One subject awaiting (or having had) a moderator's decision.

    ``open_key`` is "<type>:<id>" while the item is not closed and NULL after: its unique constraint
    keeps one live item per subject (screening holds, reports and edits all land on it) while closed
    items stay as history.
    """

    __tablename__ = "queue_items"
    __table_args__ = (
        # Serves the queue's order (priority, then deadline) for live items, keyset pagination included.
        Index("ix_queue_items_queue_order", "active", "priority", "deadline_at", "id"),
        Index("ix_queue_items_due", "active", "breached_at", "deadline_at"),
        Index("ix_queue_items_subject", "subject_type", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int | None] = mapped_column(Integer, index=True)
    audience: Mapped[str] = mapped_column(String(10))  # adult | youth
    space: Mapped[str] = mapped_column(String(80), default="")
    source: Mapped[str] = mapped_column(String(20))  # what opened it: screening | report | appeal
    open_key: Mapped[str | None] = mapped_column(String(110), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(24), default=ItemStatus.OPEN)
    priority: Mapped[int] = mapped_column(Integer)
    deadline_at: Mapped[datetime]
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    content: Mapped[str] = mapped_column(Text, default="")  # the latest copy; each version is in evidence
    held: Mapped[bool] = mapped_column(Boolean, default=False)  # not shown to others until decided
    hidden_at: Mapped[datetime | None]  # hidden by the reports rule
    report_count: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by_id: Mapped[int | None] = mapped_column(Integer)
    lease_expires_at: Mapped[datetime | None] = mapped_column(index=True)  # the timer frees lapsed ones
    escalated_at: Mapped[datetime | None]
    breached_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(20))  # the closing action
    action_taken: Mapped[bool] = mapped_column(Boolean, default=False)  # any sanction or removal
    pending_suspension_id: Mapped[int | None] = mapped_column(Integer)
    effect_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    # An appeal must be decided by someone other than the moderator who removed the content.
    excluded_moderator_id: Mapped[int | None] = mapped_column(Integer)
    appeal_of_item_id: Mapped[int | None] = mapped_column(ForeignKey("queue_items.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]


class Evidence(ModerationBase):
    """A snapshot taken when something was flagged: the content, its context and what matched."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("queue_items.id"), index=True)
    source: Mapped[str] = mapped_column(String(20))  # screening | report | appeal
    report_id: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    context: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    matches: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    verdict: Mapped[str | None] = mapped_column(String(10))
    author: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    space: Mapped[str] = mapped_column(String(80), default="")
    captured_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The backend's intake record this snapshot came from (``api.deliver``), when screening could not
    # store it at the time: unique, so a record delivered twice is stored once.
    intake_key: Mapped[str | None] = mapped_column(String(64), unique=True)


class Report(ModerationBase):
    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("reporter_id", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reporter_id: Mapped[int] = mapped_column(Integer, index=True)
    idempotency_key: Mapped[str] = mapped_column(String(100))
    reporter_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(40))
    details: Mapped[str | None] = mapped_column(Text)
    item_id: Mapped[int] = mapped_column(ForeignKey("queue_items.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DecisionRecord(ModerationBase):
    """A moderator's decision (or the system's, for the reports rule), and the state of its effect."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_effect_due", "effect_state", "effect_next_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("queue_items.id"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    moderator_id: Mapped[int | None] = mapped_column(Integer)  # None: the reports rule
    reason: Mapped[str] = mapped_column(Text)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[str] = mapped_column(String(24), default=DecisionState.RECORDED)
    confirmed_by_id: Mapped[int | None] = mapped_column(Integer)
    confirmed_at: Mapped[datetime | None]
    effect_state: Mapped[str] = mapped_column(String(10), default=EffectState.NONE)
    effect_attempts: Mapped[int] = mapped_column(Integer, default=0)
    effect_next_at: Mapped[datetime | None]
    effect_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Appeal(ModerationBase):
    __tablename__ = "appeals"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id", "author_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int] = mapped_column(Integer, index=True)
    reason: Mapped[str] = mapped_column(Text)
    removed_item_id: Mapped[int] = mapped_column(ForeignKey("queue_items.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("queue_items.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WatchedRule(ModerationBase):
    """A moderator-managed term or RE2 pattern. Deleting one retires it; the history stays."""

    __tablename__ = "watched_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # term | pattern
    value: Mapped[str] = mapped_column(String(500))
    action: Mapped[str] = mapped_column(String(10))  # hold | block
    priority: Mapped[int] = mapped_column(Integer, default=2)  # of the queue item a match opens
    audience: Mapped[str] = mapped_column(String(10), default="all")  # all | adult | youth
    note: Mapped[str] = mapped_column(String(500), default="")
    created_by_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_by_id: Mapped[int | None] = mapped_column(Integer)
    retired_at: Mapped[datetime | None] = mapped_column(index=True)


class ProtectedTerms(ModerationBase):
    """A family's protected names (a child's birth name, birth relatives' names).

    Kept only here, in the moderation database, never in the app database or in logs.
    """

    __tablename__ = "protected_terms"

    family_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_by_id: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Counter(ModerationBase):
    """Small named counters; ``screening_rules`` is bumped on every watched-rule or protected-terms
    change so each process can tell, with one cheap read, that its cached rules are stale."""

    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class Notification(ModerationBase):
    """A notice for safeguarding staff, such as a missed deadline escalated to the on-call lead."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))  # deadline_breached | escalated
    item_id: Mapped[int | None] = mapped_column(ForeignKey("queue_items.id"), index=True)
    recipient_id: Mapped[int | None] = mapped_column(Integer)  # None: whoever is on call
    body: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Case(ModerationBase):
    """A safeguarding case, kept by the designated safeguarding lead."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=CaseStatus.OPEN)
    risk_rating: Mapped[str] = mapped_column(String(10))  # low | medium | high | critical
    subject_user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    youth: Mapped[bool] = mapped_column(Boolean, default=False)  # concerns a young person's space
    opened_by_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]


class CaseEntry(ModerationBase):
    """One chronology entry: factual, dated, with who recorded it. Never edited: a correction is a
    new entry."""

    __tablename__ = "case_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    occurred_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class CaseAction(ModerationBase):
    """An action or a referral (children's services, LADO, police, the family's agency) and its outcome."""

    __tablename__ = "case_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # action | referral
    referred_to: Mapped[str | None] = mapped_column(String(30))
    description: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(Text)
    outcome_recorded_at: Mapped[datetime | None]
    created_by_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CaseItem(ModerationBase):
    __tablename__ = "case_items"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("queue_items.id"), primary_key=True)
    linked_by_id: Mapped[int] = mapped_column(Integer)
    linked_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(ModerationBase):
    """The append-only, hash-chained audit log (see ``moderation.audit``).

    ``id`` is assigned by the writer as the previous id + 1 (writers are serialised), so the primary
    key itself refuses a fork of the chain, and a gap shows a deleted row.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor_persona: Mapped[str | None] = mapped_column(String(30))
    action: Mapped[str] = mapped_column(String(40), index=True)
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


# The database itself refuses to change or remove audit rows (PRODUCT.md 2.7: "updates and deletes
# are refused by the database"). The same DDL is in the moderation migration; these listeners give
# databases made with metadata.create_all (the tests) the same protection.
SQLITE_AUDIT_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)
POSTGRES_AUDIT_TRIGGERS = (
    "CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_refuse()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()",
)
for _statement in SQLITE_AUDIT_TRIGGERS:
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRES_AUDIT_TRIGGERS:
    event.listen(AuditEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
# PostgreSQL keeps the function when the table goes; drop it with the table.
event.listen(
    AuditEntry.__table__,
    "after_drop",
    DDL("DROP FUNCTION IF EXISTS audit_log_refuse()").execute_if(dialect="postgresql"),
)
