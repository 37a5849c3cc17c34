"""Applying decisions: the backend's registered handlers, called after the decision has committed.

A decision is committed (with its audit row) before any handler runs, with its effect marked
pending. A handler that raises leaves the decision recorded and the effect pending: the timer tries
it again with a growing wait, so nothing a moderator decided is ever lost. Handlers must therefore
be idempotent (the backend's are: releasing a released message does nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update

from moderation import audit, db, queue, realtime
from moderation.models import DecisionRecord, EffectState, QueueItem
from moderation.settings import setting
from moderation.types import Decision, DecisionHandler

log = logging.getLogger(__name__)

_handlers: dict[str, list[DecisionHandler]] = {}


def register(action: str, handler: DecisionHandler) -> None:
    if handler not in _handlers.setdefault(action, []):
        _handlers[action].append(handler)


def handlers(action: str) -> tuple[DecisionHandler, ...]:
    return tuple(_handlers.get(action, ()))


def has_handlers(action: str) -> bool:
    return bool(_handlers.get(action))


# The immediate attempt runs right after the commit; the timer takes over only after this grace.
FIRST_RETRY_AFTER = timedelta(seconds=60)
# How long a retry attempt owns its decision before another process may try again.
ATTEMPT_LEASE = timedelta(minutes=5)


def mark_pending(record: DecisionRecord) -> None:
    """Before the decision commits: its effect is owed (if any handler is registered for it)."""
    if has_handlers(record.action):
        record.effect_state = EffectState.PENDING
        record.effect_next_at = db.utcnow() + FIRST_RETRY_AFTER
    else:
        record.effect_state = EffectState.NONE


def _decision(record: DecisionRecord, item: QueueItem) -> Decision:
    return Decision(
        action=record.action,
        subject_type=item.subject_type,
        subject_id=item.subject_id,
        author_id=item.author_id,
        moderator_id=record.moderator_id,
        reason=record.reason,
        item_id=item.id,
        params=dict(record.params),
        appeal=item.appeal_of_item_id is not None,
    )


def _backoff(attempts: int) -> timedelta:
    cap = int(setting("MODERATION_EFFECT_RETRY_MAX_SECONDS"))
    return timedelta(seconds=min(cap, 30 * 2 ** max(0, attempts - 1)))


def apply(decision_id: int) -> bool:
    """Call the handlers of one committed decision, then record how it went. True when applied."""
    session = db.session()
    record = session.get(DecisionRecord, decision_id)
    if record is None or record.effect_state != EffectState.PENDING:
        db.end_read()
        return record is not None
    item = session.get(QueueItem, record.item_id)
    assert item is not None
    decision = _decision(record, item)
    db.end_read()
    error: str | None = None
    for handler in list(_handlers.get(decision.action, ())):
        try:
            handler(decision)
        except Exception as exc:
            error = type(exc).__name__
            log.exception("moderation decision effect failed; will retry", extra={"decision_id": decision_id})
            on_error: Callable[[], None] | None = current_app.extensions["moderation_hooks"].get(
                "on_effect_error"
            )
            if on_error is not None:
                on_error()
            break
    _record_outcome(decision_id, error)
    return error is None


def _record_outcome(decision_id: int, error: str | None) -> None:
    with db.write() as session:
        record = session.get(DecisionRecord, decision_id)
        assert record is not None
        if record.effect_state != EffectState.PENDING:  # another process applied it meanwhile
            session.commit()
            return
        item = session.get(QueueItem, record.item_id)
        assert item is not None
        now = db.utcnow()
        if error is None:
            record.effect_state = EffectState.DONE
            record.effect_error = None
            record.effect_next_at = None
            audit.record(
                session, "effect.applied", "decision", record.id, action=record.action, item_id=item.id
            )
        else:
            record.effect_attempts += 1
            record.effect_error = error
            record.effect_next_at = now + _backoff(record.effect_attempts)
            audit.record(
                session,
                "effect.failed",
                "decision",
                record.id,
                action=record.action,
                item_id=item.id,
                attempts=record.effect_attempts,
                error=error,
            )
        session.flush()
        still_pending = session.scalar(
            select(DecisionRecord.id)
            .where(DecisionRecord.item_id == item.id, DecisionRecord.effect_state == EffectState.PENDING)
            .limit(1)
        )
        if item.effect_pending != (still_pending is not None):
            item.effect_pending = still_pending is not None
            item.updated_at = now
            realtime.item_changed(session, item, queue.item_view)
        session.commit()


def claim_due(now: datetime) -> list[int]:
    """Decisions whose effect is due another try, each claimed for this process for a while, so
    two processes running the timer never apply the same effect at the same time."""
    with db.write() as session:
        ids = session.scalars(
            select(DecisionRecord.id)
            .where(DecisionRecord.effect_state == EffectState.PENDING, DecisionRecord.effect_next_at <= now)
            .order_by(DecisionRecord.id)
            .limit(100)
        ).all()
        if ids:
            session.execute(
                update(DecisionRecord)
                .where(DecisionRecord.id.in_(ids), DecisionRecord.effect_state == EffectState.PENDING)
                .values(effect_next_at=now + ATTEMPT_LEASE)
            )
        session.commit()
    return list(ids)
