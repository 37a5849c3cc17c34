"""Applications a family (or a prospective adopter) has with its agency, and their history."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DDL, ForeignKey, Index, Integer, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, utcnow


class ApplicationStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # reached a terminal stage of its workflow


class ActorRole(StrEnum):
    AGENCY = "agency"
    FAMILY = "family"
    SYSTEM = "system"


class EventKind(StrEnum):
    CREATED = "created"
    TRANSITION = "transition"
    REVIEW_REQUESTED = "review_requested"


class Application(Base):
    """One application or journey. ``reference`` is what families and agencies quote: random, never
    derived from the family's name (001, recommendation xi: a unique reference number per family)."""

    __tablename__ = "applications"
    __table_args__ = (Index("ix_applications_agency_status", "agency", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    workflow: Mapped[str] = mapped_column(String(60), index=True)
    # A carers' application belongs to their family; a prospective adopter's to them (they have no
    # family record until a child is placed).
    family_id: Mapped[int | None] = mapped_column(ForeignKey("families.id"), index=True)
    applicant_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    agency: Mapped[str] = mapped_column(String(120))
    # Coarse facts for the equity reports (insights), copied when the application starts.
    region: Mapped[str | None] = mapped_column(String(80))
    legal_route: Mapped[str] = mapped_column(String(30))
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    stage: Mapped[str] = mapped_column(String(60))
    stage_entered_at: Mapped[datetime]
    stage_event_id: Mapped[int | None] = mapped_column(Integer)  # the history row that entered the stage
    status: Mapped[str] = mapped_column(String(10), default=ApplicationStatus.OPEN)
    amount_requested: Mapped[int | None] = mapped_column(Integer)  # whole pounds
    amount_approved: Mapped[int | None] = mapped_column(Integer)
    review_requested_at: Mapped[datetime | None]
    # The stage entry whose lateness the coordinator has been told about (at most once per entry).
    overdue_notified_event_id: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApplicationEvent(Base):
    """The history of an application: who did what, when, why. Append-only, in the database too."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[str] = mapped_column(String(10))
    from_stage: Mapped[str | None] = mapped_column(String(60))
    to_stage: Mapped[str | None] = mapped_column(String(60))
    reason: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str] = mapped_column(Text, default="")


# The database itself refuses to change or remove history rows (001 recommendation xi: status updates
# recorded as they happen; a record that could be rewritten would not be one). The same DDL is in the
# migration; these listeners give databases made with metadata.create_all (the tests) the same rule.
SQLITE_HISTORY_TRIGGERS = (
    "CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events "
    "BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END",
    "CREATE TRIGGER application_events_no_delete BEFORE DELETE ON application_events "
    "BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END",
)
POSTGRES_HISTORY_TRIGGERS = (
    "CREATE FUNCTION application_events_refuse() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'application_events is append-only'; END $$",
    "CREATE TRIGGER application_events_no_change BEFORE UPDATE OR DELETE ON application_events "
    "FOR EACH ROW EXECUTE FUNCTION application_events_refuse()",
    "CREATE TRIGGER application_events_no_truncate BEFORE TRUNCATE ON application_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION application_events_refuse()",
)
for _statement in SQLITE_HISTORY_TRIGGERS:
    event.listen(ApplicationEvent.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRES_HISTORY_TRIGGERS:
    event.listen(ApplicationEvent.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql"))
event.listen(
    ApplicationEvent.__table__,
    "after_drop",
    DDL("DROP FUNCTION IF EXISTS application_events_refuse()").execute_if(dialect="postgresql"),
)
