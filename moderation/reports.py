"""Reports from users (PRODUCT.md 2.7: acknowledged only after they are stored; idempotent; the
reporter learns the outcome; several reports from distinct trusted users hide the content).

A report is stored with an evidence snapshot (the content and its context as the reporter saw it,
copied by the backend's subject resolver) on the subject's live queue item, in one transaction with
its audit row. The reporter is told "under review", then "action taken" or "no action needed",
never which sanction was applied.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from moderation import audit, db, decisions, effects, intake, queue
from moderation.models import EffectState, QueueItem, Report
from moderation.settings import setting
from moderation.types import Conflict, ReportReceipt, ReportStatus, Signpost, Subject

REASONS = (
    "identifying_information",
    "safeguarding_concern",
    "self_harm",
    "bullying",
    "hate",
    "spam",
    "contact_from_birth_family",
    "other",
)
# How urgent a report is by its reason: risk to life first, then risks to a child's safety or a
# placement (a leaked name or school, birth-family contact), then harm between users.
REASON_PRIORITY = {
    "self_harm": 0,
    "safeguarding_concern": 1,
    "identifying_information": 1,
    "contact_from_birth_family": 1,
    "bullying": 2,
    "hate": 2,
    "other": 3,
    "spam": 4,
}
PAGE_SIZE = 50


def priority_for(reason: str, subject: Subject, screened: int | None) -> int:
    priority = REASON_PRIORITY[reason]
    if screened is not None:
        priority = min(priority, screened)
    # Stricter in young people's spaces: one step more urgent (PRODUCT.md 2.7).
    if subject.audience == "youth" and reason != "spam":
        priority = max(0, priority - 1)
    return priority


def outcome(item: QueueItem) -> str:
    if item.active:
        return "under review"
    return "action taken" if item.action_taken else "no action needed"


def receipt(
    report: Report, item: QueueItem, *, created: bool, signposts: tuple[Signpost, ...] = ()
) -> ReportReceipt:
    return ReportReceipt(
        report_id=report.id,
        status=ReportStatus.UNDER_REVIEW if item.active else ReportStatus.CLOSED,
        created=created,
        outcome=outcome(item),
        signposts=signposts,
        subject_type=report.subject_type,
        subject_id=report.subject_id,
        reason=report.reason,
        created_at=report.created_at.isoformat(),
    )


def find(reporter_id: int, key: str) -> ReportReceipt | None:
    """The report this reporter already made with this idempotency key, if any."""
    session = db.session()
    row = session.execute(
        select(Report, QueueItem)
        .join(QueueItem, QueueItem.id == Report.item_id)
        .where(Report.reporter_id == reporter_id, Report.idempotency_key == key)
    ).first()
    db.end_read()
    if row is None:
        return None
    report, item = row
    return receipt(report, item, created=False, signposts=_signposts_for(report.reason))


def _signposts_for(reason: str) -> tuple[Signpost, ...]:
    return intake.crisis_signposts() if reason == "self_harm" else ()


def _same_request(report: Report, subject: Subject, reason: str) -> bool:
    return (report.subject_type, report.subject_id, report.reason) == (subject.type, subject.id, reason)


def do_report(
    subject: Subject, reporter_id: int, reason: str, key: str, *, details: str | None, reporter_verified: bool
) -> ReportReceipt:
    """Store a report (or return the one already stored under this key). Committed before return."""
    screened = intake.run_screener(subject, count_flood=False)  # evidence: what the rules see in it
    with db.write() as session:
        existing = session.scalar(
            select(Report).where(Report.reporter_id == reporter_id, Report.idempotency_key == key)
        )
        if existing is not None:
            if not _same_request(existing, subject, reason):
                raise Conflict("This Idempotency-Key was used for a different report")
            item = session.get(QueueItem, existing.item_id)
            assert item is not None
            session.commit()
            return receipt(existing, item, created=False, signposts=_signposts_for(reason))
        item, evidence = queue.open_or_update(
            session,
            subject,
            source="report",
            priority=priority_for(reason, subject, screened.priority if screened else None),
            categories=tuple(m.category for m in screened.matches) if screened else (),
            matches=screened.matches if screened else (),
        )
        report = Report(
            reporter_id=reporter_id,
            idempotency_key=key,
            reporter_verified=reporter_verified,
            subject_type=subject.type,
            subject_id=subject.id,
            author_id=subject.author.user_id,
            reason=reason,
            details=details,
            item_id=item.id,
            created_at=db.utcnow(),
        )
        session.add(report)
        session.flush()
        evidence.report_id = report.id
        item.report_count += 1
        audit.record(
            session,
            "report.received",
            "item",
            item.id,
            report_id=report.id,
            reporter_id=reporter_id,
            reason=reason,
        )
        hide = _hide_rule(session, item)
        session.commit()
    if hide is not None:
        effects.apply(hide)
    return receipt(report, item, created=True, signposts=_signposts_for(reason))


def _hide_rule(session: Session, item: QueueItem) -> int | None:
    """Reports from enough distinct verified people hide the content until a moderator decides
    (PRODUCT.md 2.7). Unverified accounts do not count, so new accounts cannot brigade content
    off the site. Returns the hide decision to apply."""
    if item.hidden_at is not None or not item.active:
        return None
    reporters = session.scalar(
        select(func.count(func.distinct(Report.reporter_id))).where(
            Report.item_id == item.id, Report.reporter_verified.is_(True)
        )
    )
    if (reporters or 0) < int(setting("MODERATION_HIDE_AFTER_REPORTS")):
        return None
    record = decisions.system_hide(session, item, f"Reported by {reporters} verified people")
    return record.id if record.effect_state == EffectState.PENDING else None


def mine(reporter_id: int, before: int | None = None, limit: int = PAGE_SIZE) -> list[ReportReceipt]:
    """Up to ``limit + 1`` of a reporter's reports, newest first, older than ``before`` (the extra
    one tells the caller another page exists)."""
    query = (
        select(Report, QueueItem)
        .join(QueueItem, QueueItem.id == Report.item_id)
        .where(Report.reporter_id == reporter_id)
        .order_by(Report.id.desc())
        .limit(limit + 1)
    )
    if before is not None:
        query = query.where(Report.id < before)
    rows = db.session().execute(query).all()
    db.end_read()
    return [receipt(r, i, created=False) for r, i in rows]


def reporter_ids(item_id: int) -> list[int]:
    """The distinct people who reported an item (they are told its outcome, never the sanction)."""
    session = db.session()
    ids = session.scalars(
        select(Report.reporter_id).where(Report.item_id == item_id).group_by(Report.reporter_id)
    ).all()
    db.end_read()
    return sorted(ids)
