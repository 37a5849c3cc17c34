"""Late intake: screened content whose queue item could not be stored at the time, delivered now.

Screening commits a hold's queue item before it answers (``intake.screen``); when the moderation
database cannot be reached the verdict still holds the content, but without an item. The backend
keeps an intake record in its own transaction, beside the content, and delivers it here until this
returns (QUALITY.md 3: "a moderation-database outage never leaves content held with no item").

Delivery is idempotent on the record's key, which is stored on the evidence snapshot (unique): a
record delivered twice, by a retry or by two processes, opens or adds to one item once, and a record
whose item a moderator has since closed does not open it again. The text is screened again on the
way in, with the rules the outage kept from it, so a disclosure that was held "fail closed" without
categories reaches the queue at the priority it deserves (P0 for a risk to life), not the hold default.
"""

from __future__ import annotations

from sqlalchemy import select, tuple_

from moderation import audit, db, intake, queue
from moderation.models import Evidence, QueueItem
from moderation.settings import setting
from moderation.types import Intake


def receive(record: Intake) -> int:
    """Store the record's queue item and evidence (or find them, if it came before); the item id.
    Raises when the moderation database cannot take it: the caller keeps the record and retries."""
    subject = record.subject
    with db.write() as session:
        seen = session.scalar(select(Evidence.item_id).where(Evidence.intake_key == record.key))
        if seen is not None:
            session.rollback()
            return int(seen)
        # Again now that the rules can be read; this text was counted for flooding when it was sent.
        result = intake.run_screener(subject, count_flood=False)
        categories = tuple(sorted(set(record.categories) | set(intake._categories(result))))
        priority = record.priority
        if priority is None:
            priority = setting(intake._DEFAULT_PRIORITY[record.action])
        if result is not None and result.priority is not None:
            priority = min(priority, result.priority)
        item, evidence = queue.open_or_update(
            session,
            intake.item_subject(subject, categories),
            source="screening",
            priority=priority,
            categories=categories,
            held=record.action == "hold",
            matches=result.matches if result is not None else (),
            verdict=record.action,
        )
        evidence.intake_key = record.key
        audit.record(
            session, "item.intake_delivered", "item", item.id, verdict=record.action, priority=priority
        )
        session.commit()
    return item.id


def with_items(subjects: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of these (subject type, subject id) have ever had a queue item, live or closed (one
    indexed read)."""
    if not subjects:
        return set()
    rows = db.session().execute(
        select(QueueItem.subject_type, QueueItem.subject_id)
        .where(tuple_(QueueItem.subject_type, QueueItem.subject_id).in_(subjects))
        .distinct()
    )
    found = {(t, i) for t, i in rows}
    db.end_read()
    return found
