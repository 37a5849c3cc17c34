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

from sqlalchemy import Select, false, func, literal, select, tuple_
from sqlalchemy.orm import Session

from moderation import access, audit, db, duties, realtime
from moderation.models import Appeal, DecisionRecord, Evidence, ItemStatus, QueueItem, Report
from moderation.paging import ID_MAX
from moderation.serial import jsonable
from moderation.settings import deadline_for, setting
from moderation.types import Actor, Conflict, Invalid, NotFound, Subject

PAGE_SIZE = 50
EXCERPT_LENGTH = 280
MAX_PAGE_SIZE = 200


def open_key(subject_type: str, subject_id: str) -> str:
    return f"{subject_type}:{subject_id}"


def settle(item: QueueItem) -> None:
    """Derive the item's status from its facts; a closed item frees its subject for a new item."""
    if item.pending_suspension_id is not None:
        item.status = ItemStatus.AWAITING_CONFIRMATION
    elif item.resolution is not None:
        item.status = ItemStatus.CLOSED
    elif item.escalated_at is not None:
        item.status = ItemStatus.ESCALATED
    else:
        item.status = ItemStatus.OPEN
    item.active = item.status != ItemStatus.CLOSED
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
            status=ItemStatus.OPEN,
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
        context=jsonable(list(subject.context_items())),
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
        "subject_id": int(item.subject_id),  # stored as text; every subject is an app record id
        "author_id": item.author_id,
        "audience": item.audience,
        "space": item.space,
        "source": item.source,
        "status": item.status,
        "priority": item.priority,
        "deadline_at": item.deadline_at,
        "breached": item.breached_at is not None,
        "categories": list(item.categories),
        "excerpt": item.content[:EXCERPT_LENGTH],
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


# The columns a queue row shows, read with one Core select (no ORM objects for a page of 50): the
# moderators' hot read (QUALITY.md B8). ``excerpt`` is cut in SQL so a long post is not copied out.
_t = QueueItem.__table__.c
_PAGE_COLUMNS = (
    _t.id,
    _t.subject_type,
    _t.subject_id,
    _t.author_id,
    _t.audience,
    _t.space,
    _t.source,
    _t.status,
    _t.priority,
    _t.deadline_at,
    _t.breached_at,
    _t.categories,
    func.substr(_t.content, 1, EXCERPT_LENGTH).label("excerpt"),
    _t.held,
    _t.hidden_at,
    _t.report_count,
    _t.claimed_by_id,
    _t.lease_expires_at,
    _t.effect_pending,
    _t.resolution,
    _t.created_at,
    _t.updated_at,
)
_QUEUE_ORDER = (_t.priority, _t.deadline_at, _t.id)


def _page_row(row: Any, now: datetime) -> dict[str, Any]:
    """One row of ``_PAGE_COLUMNS`` as JSON values: the same fields and values as ``item_view``."""
    (
        item_id,
        subject_type,
        subject_id,
        author_id,
        audience,
        space,
        source,
        status,
        priority,
        deadline_at,
        breached_at,
        categories,
        excerpt,
        held,
        hidden_at,
        report_count,
        claimed_by_id,
        lease_expires_at,
        effect_pending,
        resolution,
        created_at,
        updated_at,
    ) = row
    live_lease = claimed_by_id is not None and lease_expires_at is not None and lease_expires_at > now
    return {
        "id": item_id,
        "subject_type": subject_type,
        "subject_id": int(subject_id),
        "author_id": author_id,
        "audience": audience,
        "space": space,
        "source": source,
        "status": status,
        "priority": priority,
        "deadline_at": deadline_at.isoformat(),
        "breached": breached_at is not None,
        "categories": list(categories),
        "excerpt": excerpt,
        "held": held,
        "hidden": hidden_at is not None,
        "report_count": report_count,
        "claimed_by_id": claimed_by_id if live_lease else None,
        "lease_expires_at": lease_expires_at.isoformat() if live_lease else None,
        "effect_pending": effect_pending,
        "resolution": resolution,
        "created_at": created_at.isoformat(),
        "updated_at": updated_at.isoformat(),
    }


def _encode_cursor(priority: int, deadline_at: datetime, item_id: int) -> str:
    raw = json.dumps([priority, deadline_at.isoformat(), item_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[int, datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        priority, deadline, item_id = json.loads(raw)
        priority, item_id, deadline_at = int(priority), int(item_id), datetime.fromisoformat(deadline)
        # Numbers beyond INTEGER columns name nothing: a bad cursor (422), never a driver error (500).
        if deadline_at.tzinfo is None or not (abs(priority) <= ID_MAX and abs(item_id) <= ID_MAX):
            raise ValueError("not a cursor of ours")
        return priority, deadline_at, item_id
    except (ValueError, TypeError, binascii.Error) as exc:
        raise Invalid("Bad cursor", {"cursor": ["Use the next_cursor of the previous page."]}) from exc


def queue_page_statement(
    *,
    live: bool,
    sees_youth: bool,
    status: str | None = None,
    priority: int | None = None,
    audience: str | None = None,
    source: str | None = None,
    after: tuple[int, datetime, int] | None = None,
    limit: int = PAGE_SIZE,
) -> Select[Any]:
    """The page query: ``limit`` rows in queue order (priority, deadline, id) after the keyset
    ``after`` when given, read as one range of the queue index (``active``, then the order columns)
    and cut by LIMIT. Young people's items are left out unless ``sees_youth``."""
    query = select(*_PAGE_COLUMNS).where(_t.active == live)
    if status is not None and live:
        query = query.where(_t.status == status)
    if not sees_youth:
        query = query.where(_t.audience == "adult")
    elif audience is not None:
        query = query.where(_t.audience == audience)
    if source is not None:
        query = query.where(_t.source == source)
    deadline_at = literal(after[1], _t.deadline_at.type) if after is not None else None
    item_id = literal(after[2], _t.id.type) if after is not None else None
    if priority is None:
        if after is not None:
            after_priority = literal(after[0], _t.priority.type)
            query = query.where(tuple_(*_QUEUE_ORDER) > tuple_(after_priority, deadline_at, item_id))
        return query.order_by(*_QUEUE_ORDER).limit(limit)
    # One priority: the keyset is (deadline, id) within it. Said as (priority, deadline, id) > (...),
    # SQLite would range over every priority from the cursor's on and sort what it found.
    query = query.where(_t.priority == priority)
    if after is not None:
        if after[0] > priority:
            query = query.where(false())
        elif after[0] == priority:
            query = query.where(tuple_(_t.deadline_at, _t.id) > tuple_(deadline_at, item_id))
    return query.order_by(*_QUEUE_ORDER).limit(limit)


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
    moderators without an in-date DBS check. One SELECT (in its own short read transaction).
    """
    sees_youth = access.sees_youth(actor)
    if not sees_youth and audience == "youth":
        return {"items": [], "next_cursor": None}
    after = _decode_cursor(cursor) if cursor else None
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    statement = queue_page_statement(
        live=status != ItemStatus.CLOSED,
        sees_youth=sees_youth,
        status=status,
        priority=priority,
        audience=audience,
        source=source,
        after=after,
        limit=limit + 1,
    )
    with db.engine().connect() as connection:
        rows = connection.execute(statement).all()
    page = rows[:limit]
    now = db.utcnow()
    last = page[-1] if page else None
    return {
        "items": [_page_row(row, now) for row in page],
        "next_cursor": _encode_cursor(last.priority, last.deadline_at, last.id)
        if last is not None and len(rows) > limit
        else None,
    }


# --- claims -----------------------------------------------------------------------------------------


def do_claim(actor: Actor, item_id: int) -> dict[str, Any]:
    """Take a lease on an item. It runs out by itself, so a moderator who walks away does not keep
    an item from everyone else; a live lease held by someone else is a 409."""
    with db.write() as session:
        item = access_item(actor, item_id, session)
        if not item.active:
            raise Conflict("This item is closed")
        duties.check_may_act(session, actor, item)
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
