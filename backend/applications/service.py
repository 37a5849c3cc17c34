"""The applications facade: what routes, jobs and other features call (``__all__`` is the contract)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.accounts.models import User
from backend.applications import reminders, views
from backend.applications.models import Application
from backend.applications.tracking import do_create, do_request_review, do_transition
from backend.applications.walls import access_application
from backend.applications.workflows import Workflow, all_workflows
from backend.core.db import db

__all__ = [
    "access_application",
    "application_detail",
    "do_create",
    "do_request_review",
    "do_transition",
    "export_for",
    "list_applications",
    "list_workflows",
    "run_reminders",
]


def application_detail(user: User, application_id: int) -> dict[str, Any]:
    application = access_application(user, application_id).application
    return views.application_view(application, user)


def list_applications(user: User, **filters: Any) -> list[dict[str, Any]]:
    return views.list_for(
        user, workflow_key=filters.get("workflow"), stage=filters.get("stage"), overdue=filters.get("overdue")
    )


def _workflow_view(w: Workflow) -> dict[str, Any]:
    return {
        "key": w.key,
        "title": w.title,
        "description": w.description,
        "applicants": w.applicants,
        "family_may_start": w.family_may_start,
        "fair_access_limit": w.fair_access_limit,
        "reason_codes": dict(w.reason_codes),
        "stages": [
            {
                "key": s.key,
                "title": s.title,
                "plain": s.plain,
                "next_step": s.next_step,
                "responsible": s.responsible,
                "target_hours": int(s.target.total_seconds() // 3600) if s.target else None,
                "terminal": s.terminal,
                "transitions": [
                    {"to": t.to, "by": sorted(t.by), "reason_required": t.reason_required}
                    for t in s.transitions
                ],
            }
            for s in w.stages.values()
        ],
    }


def list_workflows() -> list[dict[str, Any]]:
    return [_workflow_view(w) for w in all_workflows().values()]


def export_for(user: User) -> list[dict[str, Any]]:
    """A person's applications for their data export (the family's own view of each)."""
    return [views.application_view(a, user) for a in _own(user)]


def _own(user: User) -> list[Application]:
    query = select(Application).where(Application.applicant_id == user.id)
    if user.family_id is not None:
        query = select(Application).where(
            (Application.family_id == user.family_id) | (Application.applicant_id == user.id)
        )
    return list(db.session.scalars(query.order_by(Application.id)))


def run_reminders() -> None:
    reminders.run()
