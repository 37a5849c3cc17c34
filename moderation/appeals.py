"""Appeals (PRODUCT.md 2.7: "an author may appeal a removal once; a different moderator decides").

An appeal needs no app row: the removed item keeps the subject, the author and a copy of the
content, so an author can appeal even after the feature has withdrawn the content. The appeal opens
a queue item that the moderator who removed the content may neither claim nor decide.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from moderation import audit, db, queue
from moderation.models import Appeal, DecisionRecord, Evidence, QueueItem
from moderation.settings import setting
from moderation.types import AppealStatus, AuthorFacts, Conflict, NotFound, Subject

APPEALABLE = ("remove", "redact")


def appeal_view(appeal: Appeal, item: QueueItem) -> dict[str, Any]:
    if item.active:
        status = AppealStatus.UNDER_REVIEW
    elif item.resolution == "release":
        status = AppealStatus.OVERTURNED
    else:
        status = AppealStatus.UPHELD
    return {
        "id": appeal.id,
        "subject_type": appeal.subject_type,
        "subject_id": int(appeal.subject_id),
        "status": status,
        "created_at": appeal.created_at,
    }


def do_appeal(author_id: int, subject_type: str, subject_id: str, reason: str) -> dict[str, Any]:
    with db.write() as session:
        removed = session.scalar(
            select(QueueItem)
            .where(
                QueueItem.subject_type == subject_type,
                QueueItem.subject_id == subject_id,
                QueueItem.author_id == author_id,
                QueueItem.resolution.in_(APPEALABLE),
            )
            .order_by(QueueItem.id.desc())
            .limit(1)
        )
        if removed is None:
            raise NotFound()  # nothing of theirs was removed: the same answer as for anyone else's
        if session.scalar(
            select(Appeal.id).where(
                Appeal.subject_type == subject_type,
                Appeal.subject_id == subject_id,
                Appeal.author_id == author_id,
            )
        ):
            raise Conflict("This removal has already been appealed; an appeal is allowed once")
        remover = session.scalar(
            select(DecisionRecord.moderator_id)
            .where(DecisionRecord.item_id == removed.id, DecisionRecord.action.in_(APPEALABLE))
            .order_by(DecisionRecord.id.desc())
            .limit(1)
        )
        last = session.scalar(
            select(Evidence).where(Evidence.item_id == removed.id).order_by(Evidence.id.desc()).limit(1)
        )
        facts = last.author if last is not None else {}
        subject = Subject(
            type=subject_type,
            id=subject_id,
            author=AuthorFacts(
                user_id=author_id,
                account_age_days=float(facts.get("account_age_days", 0.0)),
                verified=bool(facts.get("verified", False)),
                persona=str(facts.get("persona", "")),
            ),
            text=removed.content,
            audience="youth" if removed.audience == "youth" else "adult",
            space=removed.space,
            context=tuple(last.context) if last is not None else (),
        )
        item, _evidence = queue.open_or_update(
            session, subject, source="appeal", priority=int(setting("MODERATION_APPEAL_PRIORITY"))
        )
        item.excluded_moderator_id = remover
        item.appeal_of_item_id = removed.id
        appeal = Appeal(
            subject_type=subject_type,
            subject_id=subject_id,
            author_id=author_id,
            reason=reason,
            removed_item_id=removed.id,
            item_id=item.id,
            created_at=db.utcnow(),
        )
        session.add(appeal)
        session.flush()
        audit.record(
            session, "appeal.opened", "item", item.id, appeal_id=appeal.id, removed_item_id=removed.id
        )
        session.commit()
    return appeal_view(appeal, item)


def mine(author_id: int, before: int | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Up to ``limit + 1`` of an author's appeals, newest first, older than ``before``."""
    query = (
        select(Appeal, QueueItem)
        .join(QueueItem, QueueItem.id == Appeal.item_id)
        .where(Appeal.author_id == author_id)
        .order_by(Appeal.id.desc())
        .limit(limit + 1)
    )
    if before is not None:
        query = query.where(Appeal.id < before)
    rows = db.session().execute(query).all()
    db.end_read()
    return [appeal_view(a, i) for a, i in rows]
