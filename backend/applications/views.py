"""What a family or a worker reads about an application: the stage in plain words, the next step,
who is responsible, when it is due, whether it is overdue, and the timeline."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from backend.accounts import personas as p
from backend.accounts.models import User
from backend.applications.models import Application, ApplicationEvent, ApplicationStatus, EventKind
from backend.applications.walls import standing
from backend.applications.workflows import RESPONSIBLE, Workflow, due_at, workflow
from backend.core.db import db, utcnow

_RESPONSIBLE_FOR_AGENCY = {**RESPONSIBLE, "agency": "Your agency", "family": "The family"}
_BY = {"agency": "your agency", "family": "you", "system": "the system"}
_BY_FOR_AGENCY = {"agency": "the agency", "family": "the family", "system": "the system"}


def _days(delta_seconds: float) -> int:
    return int(delta_seconds // 86400)


def due_and_overdue(application: Application, w: Workflow, now: datetime) -> tuple[datetime | None, bool]:
    if application.status != ApplicationStatus.OPEN:
        return None, False
    due = due_at(w.stage(application.stage), application.stage_entered_at)
    return due, due is not None and due < now


def summary(application: Application, viewer: User, now: datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    w = workflow(application.workflow)
    stage = w.stage(application.stage)
    due, overdue = due_and_overdue(application, w, now)
    is_family = not standing(viewer, application).agency
    labels = RESPONSIBLE if is_family else _RESPONSIBLE_FOR_AGENCY
    coordinator = db.session.get(User, application.coordinator_id) if application.coordinator_id else None
    status_line = f"{stage.title}: {stage.plain}"
    if overdue and due is not None:
        late = _days((now - due).total_seconds())
        status_line += f" This step was due by {due:%d %B %Y}" + (
            f" and is {late} day{'s' if late != 1 else ''} late." if late else " and is now late."
        )
    elif due is not None:
        status_line += f" Expected by {due:%d %B %Y}."
    limit = w.fair_access_limit
    amount = (
        application.amount_approved
        if application.amount_approved is not None
        else application.amount_requested
    )
    return {
        "id": application.id,
        "reference": application.reference,
        "workflow": w.key,
        "workflow_title": w.title,
        "family_id": application.family_id,
        "applicant_id": application.applicant_id,
        "agency": application.agency,
        "coordinator": {"id": coordinator.id, "display_name": coordinator.display_name}
        if coordinator
        else None,
        "stage": stage.key,
        "stage_title": stage.title,
        "status": application.status,
        "in_plain_words": status_line,
        "next_step": stage.next_step,
        "responsible": labels[stage.responsible],
        "stage_entered_at": application.stage_entered_at,
        "due_at": due,
        "overdue": overdue,
        "amount_requested": application.amount_requested,
        "amount_approved": application.amount_approved,
        "fair_access_limit": limit,
        # Above the limit the agency has to find the rest (match funding, PRODUCT.md 2.6).
        "match_funding_needed": bool(limit is not None and amount is not None and amount > limit),
        "created_at": application.created_at,
    }


def application_view(application: Application, viewer: User, now: datetime | None = None) -> dict[str, Any]:
    view = summary(application, viewer, now)
    w = workflow(application.workflow)
    role = standing(viewer, application).role
    by_words = _BY_FOR_AGENCY if role == "agency" else _BY
    rows = db.session.scalars(
        select(ApplicationEvent)
        .where(ApplicationEvent.application_id == application.id)
        .order_by(ApplicationEvent.id)
    )
    view["timeline"] = [
        {
            "at": row.at,
            "kind": row.kind,
            "from_stage": row.from_stage,
            "to_stage": row.to_stage,
            "stage_title": w.stage(row.to_stage).title if row.to_stage else None,
            "reason": row.reason,
            "reason_text": w.reason_codes.get(row.reason) if row.reason else None,
            "note": row.note,
            "by": by_words[row.actor_role],
            "what": _what(row, w),
        }
        for row in rows
    ]
    stage = w.stage(application.stage)
    view["allowed_moves"] = [
        {
            "to_stage": t.to,
            "title": w.stage(t.to).title,
            "reason_required": t.reason_required,
        }
        for t in stage.transitions
        if role is not None and role in t.by
    ]
    view["may_request_review"] = role == "family" and w.family_may_request_review
    return view


def _what(row: ApplicationEvent, w: Workflow) -> str:
    if row.kind == EventKind.CREATED:
        return f"Started at '{w.stage(row.to_stage).title}'" if row.to_stage else "Started"
    if row.kind == EventKind.REVIEW_REQUESTED:
        return "A review was asked for"
    text = f"Moved to '{w.stage(row.to_stage).title}'" if row.to_stage else "Moved"
    if row.reason:
        text += f" because: {w.reason_codes.get(row.reason, row.reason).lower()}"
    return text


def list_for(
    user: User, *, workflow_key: str | None, stage: str | None, overdue: bool | None
) -> list[dict[str, Any]]:
    """A family's own applications, or an agency worker's caseload (their agency's applications)."""
    query = select(Application)
    if user.persona == p.AGENCY_WORKER:
        if not user.agency:
            return []
        query = query.where(Application.agency == user.agency)
    elif user.persona in p.CARERS and user.family_id is not None:
        query = query.where(Application.family_id == user.family_id)
    else:
        query = query.where(Application.applicant_id == user.id)
    if workflow_key:
        query = query.where(Application.workflow == workflow_key)
    if stage:
        query = query.where(Application.stage == stage)
    now = utcnow()
    found = [summary(a, user, now) for a in db.session.scalars(query)]
    if overdue is not None:
        found = [a for a in found if a["overdue"] == overdue]
    return found
