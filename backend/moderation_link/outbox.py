"""Held content and its moderation queue item are durable together (QUALITY.md 3).

Screening opens the queue item for a hold (and for a block, or allowed content that matched a
category) in moderation's own database before it answers. When that database cannot be reached the
content is still held (fail closed) but the verdict comes back without an item, and nothing in
moderation remembers it: before this outbox such content stayed pending for good, unseen by any
moderator, even a disclosure. So:

- ``keep`` runs right after every screen (``safeguarding.screen``), inside the transaction that
  stores the content. If the verdict lacks the item it needs, it adds one intake record (a copy of
  everything moderation needs) to that transaction: the content and its record commit together or
  not at all. If the app database cannot take the record, it cannot take the content either, and the
  write is refused (503). One insert, only for content screened while moderation was down; nothing
  for allowed content or for content whose item screening stored.
- ``deliver_due`` (the reconciler) hands records to ``moderation.api.deliver`` until it acknowledges
  them, then deletes them. The background job thread runs it every ``OUTBOX_PERIOD_SECONDS`` in
  every process (``backend/jobs.py``); ``flask --app backend moderation-outbox`` runs one pass.

Safe with several processes: a record is claimed by a conditional update (its ``next_attempt_at``
moved past a lease), so one process delivers it at a time, and moderation stores a record's key with
its evidence, so a delivery repeated after a lost acknowledgement or a lapsed lease opens or adds to
one item once.

Content refused outright when it cannot be shown at once (a display name, a group proposal) is not
stored, so it needs no item: its record goes with the refusal's rollback. A refused edit is
different: the content it would have changed exists and the refused text is evidence about it (the
same text moderation keeps as the item's snapshot when its database is up), so the edit is rolled
back with ``rollback_keeping_records``, which writes the edit's records again in a transaction of
their own.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import delete, event, select, update
from sqlalchemy.orm import Session

from backend.core.db import db, utcnow
from backend.moderation_link.models import OutboxIntake
from moderation import api as moderation

log = logging.getLogger(__name__)

BATCH = 100
# A claimed record is left alone this long: longer than one delivery can take (moderation waits up
# to 30 s for its write lock), so two processes do not deliver the same record side by side.
LEASE = timedelta(seconds=60)
# A record that failed waits 5 s, then twice as long each time, up to a minute: a moderator's
# deadline (15 minutes for P0) runs from the delivery, so the wait after an outage stays short.
RETRY_FIRST_SECONDS = 5
RETRY_MAX_SECONDS = 60
# The values of the records ``keep`` added to the current transaction (in ``Session.info``).
_KEPT = "moderation_outbox_kept"


def needs_item(verdict: moderation.Verdict) -> bool:
    """Screening queues every hold and block, and allowed content that matched a category."""
    return verdict.item_id is None and (verdict.action != "allow" or bool(verdict.categories))


def keep(subject: moderation.Subject, verdict: moderation.Verdict) -> OutboxIntake | None:
    """Add the intake record for content whose verdict came back without its queue item to the
    current transaction (the one that stores the content); None when the verdict has its item."""
    if not needs_item(verdict):
        return None
    values = record_values(subject, verdict, key=uuid.uuid4().hex)
    record = OutboxIntake(**values)
    db.session.add(record)
    db.session.info.setdefault(_KEPT, []).append(values)
    return record


def rollback_keeping_records() -> int:
    """Roll back the current write but not the intake records ``keep`` added to it: they are
    written again, alone, and committed. For a refusal that leaves the content as it was (a blocked
    edit) while moderation could not store the refused text itself: PRODUCT.md 2.7, evidence of
    what was flagged, and 2.1, nothing a moderator may need is lost. How many were kept."""
    kept = list(db.session.info.get(_KEPT, ()))
    db.session.rollback()
    if kept:
        db.session.add_all(OutboxIntake(**values) for values in kept)
        db.session.commit()
    return len(kept)


@event.listens_for(Session, "after_transaction_end")
def _forget_kept(session: Session, transaction: Any) -> None:
    """A transaction's records are its own: whatever ended it, the next one starts with none."""
    if transaction.parent is None:
        session.info.pop(_KEPT, None)


def record_values(subject: moderation.Subject, verdict: moderation.Verdict, *, key: str) -> dict[str, Any]:
    """An intake record's columns: a copy of everything moderation needs, taken now."""
    now = utcnow()
    return dict(
        key=key,
        subject_type=subject.type,
        subject_id=subject.id,
        author_id=subject.author.user_id,
        author=asdict(subject.author),
        content=subject.text,
        audience=subject.audience,
        space=subject.space,
        mode=subject.mode,
        family_key=subject.family_key,
        # Read now, in the content's own transaction: the messages or posts around it as they were
        # (or as screening gave them back, with the earlier messages a risk-to-life alert rests on).
        context=json.loads(json.dumps(list(verdict.context or subject.context_items()), default=str)),
        action=verdict.action,
        categories=list(verdict.categories),
        priority=verdict.priority,
        signposts=[asdict(s) for s in verdict.signposts],
        reason=verdict.reason,
        created_at=now,
        attempts=0,
        next_attempt_at=now,
    )


def intake_of(record: OutboxIntake) -> moderation.Intake:
    """The record as moderation's ``Intake``."""
    subject = moderation.Subject(
        type=record.subject_type,
        id=record.subject_id,
        author=moderation.AuthorFacts(**record.author),
        text=record.content,
        audience="youth" if record.audience == "youth" else "adult",
        space=record.space,
        mode="pre" if record.mode == "pre" else "post",
        family_key=record.family_key,
        context=tuple(record.context),
    )
    return moderation.Intake(
        key=record.key,
        subject=subject,
        action=record.action,  # type: ignore[arg-type]
        categories=tuple(record.categories),
        priority=record.priority,
        signposts=tuple(moderation.Signpost(**s) for s in record.signposts),
        reason=record.reason,
    )


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=min(RETRY_FIRST_SECONDS * 2 ** max(attempts - 1, 0), RETRY_MAX_SECONDS))


def _claim(record_id: int, now: datetime) -> OutboxIntake | None:
    """Take the record for this process, if it is due and nobody else has it (one conditional
    UPDATE, committed: whoever moves ``next_attempt_at`` first owns the delivery)."""
    claimed = db.session.execute(
        update(OutboxIntake)
        .where(OutboxIntake.id == record_id, OutboxIntake.next_attempt_at <= now)
        .values(next_attempt_at=now + LEASE, attempts=OutboxIntake.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return db.session.scalar(
        select(OutboxIntake).where(OutboxIntake.id == record_id).execution_options(populate_existing=True)
    )


Outcome = Literal["delivered", "not_due", "failed"]


def deliver(record_id: int, now: datetime | None = None) -> Outcome:
    """Claim one record and hand it to moderation: "delivered" once moderation acknowledged it (the
    record is then deleted), "not_due" when it is not due or another process has it, "failed" when
    moderation could not take it (it waits for its next try)."""
    now = now or utcnow()
    record = _claim(record_id, now)
    if record is None:
        return "not_due"
    try:
        item_id = moderation.deliver(intake_of(record))
    except Exception as exc:
        db.session.rollback()
        # The error's type only: a database error's text can quote the content, which never goes
        # to a log (QUALITY.md 2).
        log.warning(
            "moderation intake %s not delivered (attempt %s): %s",
            record.id,
            record.attempts,
            type(exc).__name__,
        )
        db.session.execute(
            update(OutboxIntake)
            .where(OutboxIntake.id == record.id)
            .values(next_attempt_at=utcnow() + _retry_delay(record.attempts))
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        return "failed"
    db.session.execute(delete(OutboxIntake).where(OutboxIntake.id == record.id))
    db.session.commit()
    log.info("moderation intake %s delivered as item %s", record.id, item_id)
    return "delivered"


def deliver_due(now: datetime | None = None) -> int:
    """One pass of the reconciler: deliver the due records, oldest first; how many were delivered.

    The pass stops at the first record moderation could not take: while its database is down the
    rest would fail the same way, so each process tries one record per pass, not every one.
    """
    now = now or utcnow()
    due = list(
        db.session.scalars(
            select(OutboxIntake.id)
            .where(OutboxIntake.next_attempt_at <= now)
            .order_by(OutboxIntake.id)
            .limit(BATCH)
        )
    )
    db.session.commit()  # end the read: each record gets its own short transactions
    delivered = 0
    for record_id in due:
        outcome = deliver(record_id, now)
        if outcome == "failed":
            break
        delivered += outcome == "delivered"
    return delivered
