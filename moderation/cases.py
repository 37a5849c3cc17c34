"""Safeguarding cases, for the designated safeguarding lead only (PRODUCT.md 2.7: "chronology, risk
rating, actions and referrals (children's services, LADO, police, the family's agency),
need-to-know access with every read logged").

Every read and every change writes an audit row in the same transaction, before anything is
returned: if the access cannot be logged, nothing is shown. Chronology entries are never edited; a
correction is a new entry, so the record shows what was known when.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from moderation import access, audit, db, paging, queue
from moderation.models import Case, CaseAction, CaseEntry, CaseItem, CaseStatus, QueueItem
from moderation.types import Actor, Conflict, Invalid, NotFound

RISK_RATINGS = ("low", "medium", "high", "critical")
REFERRAL_TO = ("childrens_services", "lado", "police", "family_agency", "other")
PAGE_SIZE = 50


def _case(session: Session, actor: Actor, case_id: int) -> Case:
    access.require_lead(actor)
    case = session.get(Case, case_id)
    # A case about a young person's space needs the lead's DBS check to be in date, like the items.
    if case is None or (case.youth and not actor.may_work_with_young_people):
        raise NotFound()
    return case


def _summary(case: Case) -> dict[str, Any]:
    return {
        "id": case.id,
        "title": case.title,
        "status": case.status,
        "risk_rating": case.risk_rating,
        "subject_user_id": case.subject_user_id,
        "youth": case.youth,
        "opened_by_id": case.opened_by_id,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "closed_at": case.closed_at,
    }


def _detail(session: Session, case: Case) -> dict[str, Any]:
    entries = session.scalars(
        select(CaseEntry).where(CaseEntry.case_id == case.id).order_by(CaseEntry.occurred_on, CaseEntry.id)
    ).all()
    actions = session.scalars(
        select(CaseAction).where(CaseAction.case_id == case.id).order_by(CaseAction.id)
    ).all()
    items = session.scalars(
        select(QueueItem).join(CaseItem, CaseItem.item_id == QueueItem.id).where(CaseItem.case_id == case.id)
    ).all()
    return _summary(case) | {
        "summary": case.summary,
        "chronology": [
            {
                "id": e.id,
                "occurred_on": e.occurred_on,
                "text": e.text,
                "recorded_by_id": e.recorded_by_id,
                "recorded_at": e.recorded_at,
            }
            for e in entries
        ],
        "actions": [_action_view(a) for a in actions],
        "items": [queue.item_view(i) for i in items],
    }


def _action_view(a: CaseAction) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind,
        "referred_to": a.referred_to,
        "description": a.description,
        "due_on": a.due_on,
        "outcome": a.outcome,
        "outcome_recorded_at": a.outcome_recorded_at,
        "created_by_id": a.created_by_id,
        "created_at": a.created_at,
    }


def list_cases(
    actor: Actor, *, status: str | None = None, cursor: tuple[int] | None = None, limit: int = PAGE_SIZE
) -> dict[str, Any]:
    """A page of cases, newest first; the audit row names exactly the cases shown."""
    access.require_lead(actor)
    with db.write() as session:
        query = select(Case).order_by(Case.id.desc()).limit(limit + 1)
        if status is not None:
            query = query.where(Case.status == status)
        if cursor is not None:
            query = query.where(Case.id < cursor[0])
        if not actor.may_work_with_young_people:
            query = query.where(Case.youth.is_(False))
        cases = session.scalars(query).all()
        shown = cases[:limit]
        audit.record(session, "case.listed", "case", None, actor=actor, case_ids=[c.id for c in shown])
        session.commit()
    return paging.page([_summary(c) for c in cases], limit, lambda c: (c["id"],))


def read_case(actor: Actor, case_id: int) -> dict[str, Any]:
    with db.write() as session:
        case = _case(session, actor, case_id)
        view = _detail(session, case)
        audit.record(session, "case.read", "case", case.id, actor=actor)
        session.commit()
    return view


def _link_item(session: Session, actor: Actor, case: Case, item_id: int) -> QueueItem:
    item = queue.access_item(actor, item_id, session)
    if session.get(CaseItem, (case.id, item.id)) is not None:
        raise Conflict("That item is already linked to this case")
    session.add(CaseItem(case_id=case.id, item_id=item.id, linked_by_id=actor.user_id, linked_at=db.utcnow()))
    if item.audience == "youth":
        case.youth = True
    return item


def do_open_case(
    actor: Actor,
    *,
    title: str,
    risk_rating: str,
    summary: str = "",
    subject_user_id: int | None = None,
    item_id: int | None = None,
    youth: bool = False,
) -> dict[str, Any]:
    """Open a case directly, or from a queue item (linked, and its author taken as the subject)."""
    access.require_lead(actor)
    if youth and not actor.may_work_with_young_people:
        # They could not read it once opened: say so now, rather than open a case nobody reads.
        raise Invalid(
            "A case about a young person is opened by a lead with an in-date enhanced DBS check",
            {"youth": ["Ask a safeguarding lead whose DBS check is in date to open this case."]},
        )
    with db.write() as session:
        now = db.utcnow()
        case = Case(
            title=title,
            summary=summary,
            status=CaseStatus.OPEN,
            risk_rating=risk_rating,
            subject_user_id=subject_user_id,
            youth=youth,
            opened_by_id=actor.user_id,
            created_at=now,
            updated_at=now,
        )
        session.add(case)
        session.flush()
        if item_id is not None:
            item = _link_item(session, actor, case, item_id)
            if case.subject_user_id is None:
                case.subject_user_id = item.author_id
        audit.record(
            session, "case.opened", "case", case.id, actor=actor, risk_rating=risk_rating, item_id=item_id
        )
        view = _detail(session, case)
        session.commit()
    return view


def do_update_case(
    actor: Actor, case_id: int, *, risk_rating: str | None = None, status: str | None = None
) -> dict[str, Any]:
    """Change the risk rating or open/close the case; what changed, from what, is in the audit log."""
    with db.write() as session:
        case = _case(session, actor, case_id)
        changes: dict[str, Any] = {}
        if risk_rating is not None and risk_rating != case.risk_rating:
            changes["risk_rating"] = [case.risk_rating, risk_rating]
            case.risk_rating = risk_rating
        if status is not None and status != case.status:
            changes["status"] = [case.status, status]
            case.status = status
            case.closed_at = db.utcnow() if status == CaseStatus.CLOSED else None
        case.updated_at = db.utcnow()
        audit.record(session, "case.updated", "case", case.id, actor=actor, **changes)
        view = _detail(session, case)
        session.commit()
    return view


def do_add_entry(actor: Actor, case_id: int, *, occurred_on: date, text: str) -> dict[str, Any]:
    with db.write() as session:
        case = _case(session, actor, case_id)
        entry = CaseEntry(
            case_id=case.id,
            occurred_on=occurred_on,
            text=text,
            recorded_by_id=actor.user_id,
            recorded_at=db.utcnow(),
        )
        session.add(entry)
        session.flush()
        case.updated_at = db.utcnow()
        audit.record(session, "case.entry_added", "case", case.id, actor=actor, entry_id=entry.id)
        view = _detail(session, case)
        session.commit()
    return view


def do_add_action(
    actor: Actor,
    case_id: int,
    *,
    kind: str,
    description: str,
    referred_to: str | None = None,
    due_on: date | None = None,
) -> dict[str, Any]:
    with db.write() as session:
        case = _case(session, actor, case_id)
        action = CaseAction(
            case_id=case.id,
            kind=kind,
            referred_to=referred_to if kind == "referral" else None,
            description=description,
            due_on=due_on,
            created_by_id=actor.user_id,
            created_at=db.utcnow(),
        )
        session.add(action)
        session.flush()
        case.updated_at = db.utcnow()
        audit.record(
            session,
            "case.action_added",
            "case",
            case.id,
            actor=actor,
            action_id=action.id,
            kind=kind,
            referred_to=referred_to,
        )
        view = _detail(session, case)
        session.commit()
    return view


def do_record_outcome(actor: Actor, case_id: int, action_id: int, *, outcome: str) -> dict[str, Any]:
    with db.write() as session:
        case = _case(session, actor, case_id)
        action = session.get(CaseAction, action_id)
        if action is None or action.case_id != case.id:
            raise NotFound()
        if action.outcome is not None:
            # The outcome stands as recorded; anything learned later goes in the chronology.
            raise Conflict("This action's outcome is already recorded; add a chronology entry instead")
        action.outcome = outcome
        action.outcome_recorded_at = db.utcnow()
        case.updated_at = db.utcnow()
        audit.record(session, "case.outcome_recorded", "case", case.id, actor=actor, action_id=action.id)
        view = _detail(session, case)
        session.commit()
    return view


def do_link_item(actor: Actor, case_id: int, item_id: int) -> dict[str, Any]:
    with db.write() as session:
        case = _case(session, actor, case_id)
        _link_item(session, actor, case, item_id)
        case.updated_at = db.utcnow()
        audit.record(session, "case.item_linked", "case", case.id, actor=actor, item_id=item_id)
        view = _detail(session, case)
        session.commit()
    return view
