"""Demo applications: the demo adopter's and the demo guardian's, at several stages, in the demo
worker's caseload, one of them past its target. Idempotent: made once, when none exist."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from backend.accounts.models import User
from backend.applications import tracking
from backend.applications.models import Application
from backend.core.db import db, utcnow


def load(users: dict[str, User]) -> None:
    worker = users["worker@demo.example"]
    adopter, guardian = users["adopter@demo.example"], users["guardian@demo.example"]
    if (
        db.session.scalar(select(Application.id).where(Application.agency == worker.agency).limit(1))
        is not None
    ):
        return
    # The adopter's fund application: approved, waiting for a provider.
    fund = tracking.do_create(
        worker, {"workflow": "asgsf_application", "family_id": adopter.family_id, "amount_requested": 4200}
    ).resource
    for stage in ("assessment_of_need", "assessment_completed", "application_submitted"):
        tracking.do_transition(worker, fund["id"], {"to_stage": stage})
    tracking.do_transition(worker, fund["id"], {"to_stage": "approved", "amount_approved": 4200})
    # The guardian's local pathway: asked for help four days ago and still waiting for the call
    # back (72 hours): overdue.
    pathway = tracking.do_create(guardian, {"workflow": "local_support_pathway"}).resource
    _backdate(pathway["id"], days=4)
    # The guardian's fund application, above the fair access limit: match funding is flagged.
    fund2 = tracking.do_create(guardian, {"workflow": "asgsf_application", "amount_requested": 7500}).resource
    tracking.do_transition(worker, fund2["id"], {"to_stage": "assessment_of_need"})
    # The prospective adopter's approval journey, in stage 1.
    journey = tracking.do_create(
        worker, {"workflow": "adopter_approval", "applicant_id": users["prospective@demo.example"].id}
    ).resource
    for stage in ("registration_of_interest", "stage_1"):
        tracking.do_transition(worker, journey["id"], {"to_stage": stage})


def _backdate(application_id: int, days: int) -> None:
    """Demo only: an application whose stage clock started ``days`` ago (the history row keeps the
    time it was written: it is append-only)."""
    application = db.session.get(Application, application_id)
    assert application is not None
    then = utcnow() - timedelta(days=days)
    application.created_at = then
    application.stage_entered_at = then
    db.session.commit()
