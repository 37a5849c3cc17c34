"""Moderators' decisions on queue items (PRODUCT.md 2.7).

- Content resolutions close the item: ``release`` (show it), ``remove``, ``redact`` (replace the
  text) and ``dismiss`` (nothing to do; refused for held or hidden content, which must be released
  or removed so that nothing stays hidden by oversight).
- Sanctions on the author leave the item open for its content to be resolved: ``warn``, ``mute``
  (hours) and ``suspend``. A suspension is a serious sanction and needs two people: the first
  moderator's decision records it as awaiting confirmation, and a different moderator confirms it
  (or declines it) before anything happens to the account.
- ``escalate`` hands the item to the safeguarding lead: top priority and a notification.
- Nobody claims or decides an item about their own content, about themselves, that they reported,
  or that appeals their own removal (``moderation.duties``).

Each decision is committed with its audit row in one moderation transaction, and only then are the
backend's handlers called (``moderation.effects``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from moderation import audit, db, duties, effects, notifications, queue, realtime
from moderation.models import DecisionRecord, DecisionState, EffectState, QueueItem
from moderation.settings import deadline_for
from moderation.types import Actor, Conflict, Forbidden, Invalid

CLOSING = ("release", "remove", "redact", "dismiss")
SANCTIONS = ("warn", "mute", "suspend")
ACTIONS = (*CLOSING, *SANCTIONS, "escalate")
TAKES_ACTION = ("remove", "redact", "warn", "mute", "suspend")
MAX_MUTE_HOURS = 24 * 30


def _check_params(action: str, replacement: str | None, hours: int | None) -> dict[str, Any]:
    if action == "redact":
        if not replacement or not replacement.strip():
            raise Invalid("A redaction needs the replacement text", {"replacement": ["Required for redact."]})
        return {"replacement": replacement.strip()}
    if action == "mute":
        if hours is None or not 1 <= hours <= MAX_MUTE_HOURS:
            raise Invalid("A mute needs a length", {"hours": [f"Between 1 and {MAX_MUTE_HOURS} hours."]})
        return {"hours": hours}
    return {}


def _record(
    session: Session, item: QueueItem, actor: Actor | None, action: str, reason: str, params: dict[str, Any]
) -> DecisionRecord:
    record = DecisionRecord(
        item_id=item.id,
        action=action,
        moderator_id=actor.user_id if actor else None,
        reason=reason,
        params=params,
        state=DecisionState.RECORDED,
        effect_attempts=0,
        created_at=db.utcnow(),
    )
    session.add(record)
    session.flush()
    return record


def decide(
    actor: Actor,
    item_id: int,
    *,
    action: str,
    reason: str,
    replacement: str | None = None,
    hours: int | None = None,
    confirm: bool | None = None,
) -> dict[str, Any]:
    """Record one decision and apply its effect. Returns the item as moderators see it."""
    params = _check_params(action, replacement, hours)
    with db.write() as session:
        item = queue.access_item(actor, item_id, session)
        # Before any branch, so confirming or declining a suspension is held to it too.
        duties.check_may_act(session, actor, item)
        if action == "suspend" and confirm is not None:
            record = _settle_suspension(session, actor, item, confirm, reason)
        else:
            record = _new_decision(session, actor, item, action, reason, params)
        queue.settle(item)
        audit.record(
            session,
            "decision.suspend_declined"
            if record.state == DecisionState.DECLINED
            else f"decision.{record.action}",
            "item",
            item.id,
            actor=actor,
            decision_id=record.id,
            state=record.state,
            reason=reason,
            **params,
        )
        realtime.item_changed(session, item, queue.item_view)
        session.commit()
    if record.effect_state == EffectState.PENDING:
        effects.apply(record.id)
    return queue.item_detail(actor, item.id)


def _new_decision(
    session: Session, actor: Actor, item: QueueItem, action: str, reason: str, params: dict[str, Any]
) -> DecisionRecord:
    if not item.active:
        raise Conflict("This item is closed")
    holder = queue.lease_holder(item)
    if holder is not None and holder != actor.user_id:
        raise Conflict("Another moderator is working on this item", {"claimed_by_id": [str(holder)]})
    if action in SANCTIONS and item.author_id is None:
        raise Conflict("This item has no known author to sanction")
    if action == "dismiss" and (item.held or item.hidden_at is not None):
        raise Conflict("Held or hidden content must be released or removed, not dismissed")
    if action == "suspend" and item.pending_suspension_id is not None:
        raise Conflict("A suspension already awaits a second moderator's confirmation")
    record = _record(session, item, actor, action, reason, params)
    now = db.utcnow()
    if action == "suspend":
        # The two-moderator rule: nothing happens to the account until someone else confirms.
        record.state = DecisionState.AWAITING_CONFIRMATION
        item.pending_suspension_id = record.id
        record.effect_state = EffectState.NONE
        return record
    if action == "escalate":
        item.escalated_at = now
        item.priority = 0
        item.deadline_at = min(item.deadline_at, now + deadline_for(0))
        notifications.notify_leads(session, "escalated", item, moderator_id=actor.user_id, reason=reason)
    if action in CLOSING:
        item.resolution = action
        item.held = False
        item.claimed_by_id = None
        item.lease_expires_at = None
    if action in TAKES_ACTION:
        item.action_taken = True
    effects.mark_pending(record)
    if record.effect_state == EffectState.PENDING:
        item.effect_pending = True
    return record


def _settle_suspension(
    session: Session, actor: Actor, item: QueueItem, confirm: bool, reason: str
) -> DecisionRecord:
    record = session.get(DecisionRecord, item.pending_suspension_id) if item.pending_suspension_id else None
    if record is None:
        raise Conflict("No suspension awaits confirmation on this item")
    if record.moderator_id == actor.user_id:
        raise Forbidden("A suspension is confirmed by a second, different moderator")
    record.confirmed_by_id = actor.user_id
    record.confirmed_at = db.utcnow()
    item.pending_suspension_id = None
    if confirm:
        record.state = DecisionState.CONFIRMED
        record.params = {**record.params, "confirmation_reason": reason}
        item.action_taken = True
        effects.mark_pending(record)
        if record.effect_state == EffectState.PENDING:
            item.effect_pending = True
    else:
        record.state = DecisionState.DECLINED
    return record


def system_hide(session: Session, item: QueueItem, reason: str) -> DecisionRecord:
    """The reports rule hides content pending review; recorded as a decision with no moderator."""
    record = _record(session, item, None, "hide", reason, {})
    item.hidden_at = db.utcnow()
    effects.mark_pending(record)
    if record.effect_state == EffectState.PENDING:
        item.effect_pending = True
    audit.record(session, "decision.hide", "item", item.id, decision_id=record.id, reason=reason)
    return record
