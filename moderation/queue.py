"""The moderation queue: one live item per subject, ordered by priority then deadline.

Items come from screening (holds, blocks, allowed content that matched a category), user reports and
appeals. A new signal about a subject that already has a live item lands on that item (a new
evidence snapshot, merged categories, the higher priority and the earlier deadline) rather than
opening a second one, so moderators see one picture per subject.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from moderation import access, audit, db, realtime
from moderation.models import Appeal, DecisionRecord, Evidence, QueueItem, Report
from moderation.serial import jsonable
from moderation.settings import deadline_for, setting
from moderation.types import Actor, Conflict, Forbidden, Invalid, NotFound, Subject

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def open_key(subject_type: str, subject_id: str) -> str:
    return f"{subject_type}:{subject_id}"


def settle(item: QueueItem) -> None:
    """Derive the item's status from its facts; a closed item frees its subject for a new item."""
    if item.pending_suspension_id is not None:
        item.status = "awaiting_confirmation"
    elif item.resolution is not None:
        item.status = "closed"
    elif item.escalated_at is not None:
        item.status = "escalated"
    else:
        item.status = "open"
    item.active = item.status != "closed"
    item.open_key = open_key(item.subject_type, item.subject_id) if item.active else None
    if not item.active and item.closed_at is None:
        item.closed_at = db.utcnow()
    item.updated_at = db.utcnow()


def open_or_update(
    session: Session,
    subject: Subject,
    *,
    source: str,
    priority: int,
    categories: tuple[str, ...] = (),
    held: bool = False,
    matches: Any = (),
    verdict: str | None = None,
) -> tuple[QueueItem, Evidence]:
    """The live item for this subject, opened if there is none, with a new evidence snapshot.

    Runs inside the caller's write transaction; the caller commits (and so the emit goes out after).
    """
    now = db.utcnow()
    key = open_key(subject.type, subject.id)
    item = session.scalar(select(QueueItem).where(QueueItem.open_key == key))
    deadline = now + deadline_for(priority)
    if item is None:
        item = QueueItem(
            subject_type=subject.type,
            subject_id=subject.id,
            author_id=subject.author.user_id,
            audience=subject.audience,
            space=subject.space,
            source=source,
            open_key=key,
            active=True,
            status="open",
            priority=priority,
            deadline_at=deadline,
            categories=sorted(set(categories)),
            content=subject.text,
            held=held,
            report_count=0,
            action_taken=False,
            effect_pending=False,
            created_at=now,
            updated_at=now,
        )
        session.add(item)
        session.flush()
        audit.record(session, "item.opened", "item", item.id, source=source, priority=priority)
    else:
        if priority < item.priority:
            item.priority = priority
        if deadline < item.deadline_at:
            item.deadline_at = deadline
            item.breached_at = None  # a new, earlier deadline is a new clock
        item.categories = sorted(set(item.categories) | set(categories))
        item.content = subject.text
        item.held = item.held or held
        # Young people's rules are stricter: once any signal says youth, it stays youth.
        if subject.audience == "youth":
            item.audience = "youth"
        item.updated_at = now
    evidence = Evidence(
        item_id=item.id,
        source=source,
        content=subject.text,
        context=jsonable(list(subject.context)),
        matches=jsonable(list(matches)),
        categories=sorted(set(categories)),
        verdict=verdict,
        author=jsonable(subject.author),
        space=subject.space,
        captured_at=now,
    )
    session.add(evidence)
    session.flush()
    realtime.item_changed(session, item, item_view)
    return item, evidence


# --- views ------------------------------------------------------------------------------------------


def lease_holder(item: QueueItem, now: datetime | None = None) -> int | None:
    """Who holds a live lease on the item; an expired lease is nobody's."""
    now = now or db.utcnow()
    if item.claimed_by_id is not None and item.lease_expires_at is not None and item.lease_expires_at > now:
        return item.claimed_by_id
    return None


def item_view(item: QueueItem, now: datetime | None = None) -> dict[str, Any]:
    holder = lease_holder(item, now)
    return {
        "id": item.id,
        "subject_type": item.subject_type,
        "subject_id": item.subject_id,
        "author_id": item.author_id,
        "audience": item.audience,
        "space": item.space,
        "source": item.source,
        "status": item.status,
        "priority": item.priority,
        "deadline_at": item.deadline_at,
        "breached": item.breached_at is not None,
        "categories": list(item.categories),
        "excerpt": item.content[:280],
        "held": item.held,
        "hidden": item.hidden_at is not None,
        "report_count": item.report_count,
        "claimed_by_id": holder,
        "lease_expires_at": item.lease_expires_at if holder is not None else None,
        "effect_pending": item.effect_pending,
        "resolution": item.resolution,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def _page_row(item: QueueItem, now: datetime) -> dict[str, Any]:
    """``item_view`` as JSON values; flat, so a page of them is cheap to build."""
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in item_view(item, now).items()}


def _evidence_view(e: Evidence) -> dict[str, Any]:
    return {
        "id": e.id,
        "source": e.source,
        "report_id": e.report_id,
        "content": e.content,
        "context": e.context,
        "matches": e.matches,
        "categories": e.categories,
        "verdict": e.verdict,
        "author": e.author,
        "space": e.space,
        "captured_at": e.captured_at,
    }


def decision_view(d: DecisionRecord) -> dict[str, Any]:
    return {
        "id": d.id,
        "action": d.action,
        "moderator_id": d.moderator_id,
        "reason": d.reason,
        "params": d.params,
        "state": d.state,
        "confirmed_by_id": d.confirmed_by_id,
        "effect_state": d.effect_state,
        "effect_attempts": d.effect_attempts,
        "created_at": d.created_at,
    }


def access_item(actor: Actor, item_id: int, session: Session | None = None) -> QueueItem:
    """An item the moderator may see; the same 404 for missing and not allowed (youth items need
    an in-date DBS check)."""
    item = (session or db.session()).get(QueueItem, item_id)
    if item is None or not access.may_see_item(actor, item):
        raise NotFound()
    return item


def item_detail(actor: Actor, item_id: int) -> dict[str, Any]:
    session = db.session()
    item = access_item(actor, item_id)
    evidence = session.scalars(
        select(Evidence).where(Evidence.item_id == item.id).order_by(Evidence.id)
    ).all()
    reports = session.scalars(select(Report).where(Report.item_id == item.id).order_by(Report.id)).all()
    decisions = session.scalars(
        select(DecisionRecord).where(DecisionRecord.item_id == item.id).order_by(DecisionRecord.id)
    ).all()
    appeal = session.scalar(select(Appeal).where(Appeal.item_id == item.id))
    view = item_view(item) | {
        "content": item.content,
        "evidence": [_evidence_view(e) for e in evidence],
        "reports": [
            {
                "id": r.id,
                "reporter_id": r.reporter_id,
                "reporter_verified": r.reporter_verified,
                "reason": r.reason,
                "details": r.details,
                "created_at": r.created_at,
            }
            for r in reports
        ],
        "decisions": [decision_view(d) for d in decisions],
        "appeal": {"id": appeal.id, "reason": appeal.reason, "removed_item_id": appeal.removed_item_id}
        if appeal
        else None,
        "excluded_moderator_id": item.excluded_moderator_id,
    }
    db.end_read()
    return view


# --- listing ----------------------------------------------------------------------------------------


def _encode_cursor(item: QueueItem) -> str:
    raw = json.dumps([item.priority, item.deadline_at.isoformat(), item.id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[int, datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        priority, deadline, item_id = json.loads(raw)
        return int(priority), datetime.fromisoformat(deadline), int(item_id)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise Invalid("Bad cursor", {"cursor": ["Use the next_cursor of the previous page."]}) from exc


def list_queue(
    actor: Actor,
    *,
    status: str | None = None,
    priority: int | None = None,
    audience: str | None = None,
    source: str | None = None,
    cursor: str | None = None,
    limit: int = PAGE_SIZE,
) -> dict[str, Any]:
    """One page of the queue, most urgent first, keyset-paginated on (priority, deadline, id).

    Without a status filter it shows live items (not closed). Young people's items are left out for
    moderators without an in-date DBS check.
    """
    live = status != "closed"
    query = select(QueueItem).where(QueueItem.active == live)  # the leading column of the queue index
    if status is not None and live:
        query = query.where(QueueItem.status == status)
    if priority is not None:
        query = query.where(QueueItem.priority == priority)
    if not access.sees_youth(actor):
        if audience == "youth":
            return {"items": [], "next_cursor": None}
        query = query.where(QueueItem.audience == "adult")
    elif audience is not None:
        query = query.where(QueueItem.audience == audience)
    if source is not None:
        query = query.where(QueueItem.source == source)
    if cursor:
        after = _decode_cursor(cursor)
        query = query.where(tuple_(QueueItem.priority, QueueItem.deadline_at, QueueItem.id) > tuple_(*after))
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    rows = (
        db.session()
        .scalars(query.order_by(QueueItem.priority, QueueItem.deadline_at, QueueItem.id).limit(limit + 1))
        .all()
    )
    db.end_read()
    page = rows[:limit]
    now = db.utcnow()
    return {
        "items": [_page_row(i, now) for i in page],
        "next_cursor": _encode_cursor(page[-1]) if len(rows) > limit else None,
    }


# --- claims -----------------------------------------------------------------------------------------


def do_claim(actor: Actor, item_id: int) -> dict[str, Any]:
    """Take a lease on an item. It runs out by itself, so a moderator who walks away does not keep
    an item from everyone else; a live lease held by someone else is a 409."""
    with db.write() as session:
        item = access_item(actor, item_id, session)
        if not item.active:
            raise Conflict("This item is closed")
        if item.excluded_moderator_id == actor.user_id:
            raise Forbidden(
                "An appeal is decided by a different moderator than the one who removed the content"
            )
        holder = lease_holder(item)
        if holder is not None and holder != actor.user_id:
            raise Conflict("Another moderator is working on this item", {"claimed_by_id": [str(holder)]})
        now = db.utcnow()
        item.claimed_by_id = actor.user_id
        item.lease_expires_at = now + timedelta(seconds=int(setting("MODERATION_LEASE_SECONDS")))
        item.updated_at = now
        audit.record(
            session, "item.claimed", "item", item.id, actor=actor, until=item.lease_expires_at.isoformat()
        )
        realtime.item_changed(session, item, item_view)
        session.commit()
    return item_view(item)
