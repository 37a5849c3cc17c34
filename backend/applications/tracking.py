"""Starting applications, moving them between stages and asking for a review: ``check_*`` validates,
``do_*`` writes (one commit each, with the history row and the family's notifications in the same
transaction)."""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from backend import safeguarding
from backend.accounts import personas as p
from backend.accounts.models import AccountStatus, Family, User
from backend.applications import views
from backend.applications.models import (
    ActorRole,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    EventKind,
)
from backend.applications.walls import access_application
from backend.applications.workflows import Stage, Transition, Workflow, add_months, all_workflows
from backend.core.db import db, utcnow
from backend.core.errors import Forbidden, NotFound, Unprocessable
from backend.core.html import screening_text
from backend.core.statuses import Saved
from backend.notifications import service as notifications

_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L, U: easy to read out on the phone
LEGAL_ROUTE_OF_PERSONA = {p.ADOPTER: "adoption", p.SPECIAL_GUARDIAN: "special_guardianship"}
APPLICANT_PERSONAS = {
    "carers": frozenset(p.CARERS),
    "prospective_adopters": frozenset({p.PROSPECTIVE_ADOPTER}),
}
REVIEW_REQUEST_GAP_HOURS = 24  # a second request within a day is the same request


def new_reference() -> str:
    while True:
        code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
        reference = f"KC-{code[:4]}-{code[4:]}"
        if db.session.scalar(select(Application.id).where(Application.reference == reference)) is None:
            return reference


def _workflow(key: str) -> Workflow:
    found = all_workflows().get(key)
    if found is None:
        raise Unprocessable("Unknown workflow", {"workflow": [f"Choose one of {sorted(all_workflows())}."]})
    return found


def _screen_note(author: User, application_id: int, note: str) -> None:
    """A note is read by the other side (the family or the agency): screened like any text people
    write for others; anything but ``allow`` refuses it (moderators still see what was held)."""
    if not note:
        return
    verdict = safeguarding.screen(
        safeguarding.subject(
            type="application_note",
            id=application_id,
            author=author,
            text=screening_text(plain=note),
            youth_space=False,
            space=f"application:{application_id}",
        )
    )
    safeguarding.refuse_unless_allowed(verdict, "Note not allowed", "note", "This note can't be added.")


def _family_recipients(application: Application) -> list[int]:
    if application.family_id is not None:
        return list(
            db.session.scalars(
                select(User.id).where(
                    User.family_id == application.family_id,
                    User.persona.in_(p.CARERS),
                    User.status == AccountStatus.ACTIVE,
                )
            )
        )
    return [application.applicant_id] if application.applicant_id is not None else []


def _record(
    application: Application,
    kind: EventKind,
    actor: User | None,
    role: ActorRole,
    *,
    from_stage: str | None = None,
    to_stage: str | None = None,
    reason: str | None = None,
    note: str = "",
    at: datetime | None = None,
) -> ApplicationEvent:
    row = ApplicationEvent(
        application_id=application.id,
        at=at or utcnow(),
        kind=kind,
        actor_id=actor.id if actor else None,
        actor_role=role,
        from_stage=from_stage,
        to_stage=to_stage,
        reason=reason,
        note=note,
    )
    db.session.add(row)
    db.session.flush()
    return row


# --- starting ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewApplication:
    workflow: Workflow
    family: Family | None
    applicant: User | None
    agency: str
    coordinator_id: int | None
    region: str | None
    legal_route: str


def check_create(user: User, data: dict[str, Any]) -> NewApplication:
    """Who may start what. A family starts its own request where the workflow lets it (ASGSF, local
    pathway); an agency worker starts one for a family or prospective adopter, owned by their agency."""
    workflow = _workflow(data["workflow"])
    if user.persona == p.AGENCY_WORKER:
        return _check_worker_create(user, workflow, data)
    for name in ("family_id", "applicant_id", "coordinator_id"):
        if data.get(name) is not None:
            raise Unprocessable("Only your agency names these", {name: ["Leave this out."]})
    if user.persona not in APPLICANT_PERSONAS[workflow.applicants] or not workflow.family_may_start:
        raise Unprocessable(
            "Your agency starts this one", {"workflow": ["Ask your agency to start this for you."]}
        )
    family = user.family
    if family is None or family.verified_at is None or not family.agency:
        raise Unprocessable(
            "Your family needs to be verified by an agency first",
            {"workflow": ["Ask your agency to verify your family; then you can start a request here."]},
        )
    return NewApplication(
        workflow=workflow,
        family=family,
        applicant=None,
        agency=family.agency,
        coordinator_id=None,
        region=family.region,
        legal_route=data.get("legal_route") or _legal_route(family, user),
    )


def _check_worker_create(worker: User, workflow: Workflow, data: dict[str, Any]) -> NewApplication:
    if not worker.agency:
        raise NotFound()
    family: Family | None = None
    applicant: User | None = None
    if workflow.applicants == "carers":
        if data.get("family_id") is None or data.get("applicant_id") is not None:
            raise Unprocessable("Name the family", {"family_id": ["Required for this workflow."]})
        family = db.session.get(Family, data["family_id"])
        if family is None or family.agency != worker.agency:
            raise NotFound()  # another agency's family is no business of this worker
    else:
        if data.get("applicant_id") is None or data.get("family_id") is not None:
            raise Unprocessable("Name the applicant", {"applicant_id": ["Required for this workflow."]})
        applicant = db.session.get(User, data["applicant_id"])
        if applicant is None or applicant.persona != p.PROSPECTIVE_ADOPTER or not applicant.is_active:
            raise NotFound()
    coordinator_id = data.get("coordinator_id") or worker.id
    coordinator = db.session.get(User, coordinator_id)
    if (
        coordinator is None
        or coordinator.persona != p.AGENCY_WORKER
        or coordinator.agency != worker.agency
        or not coordinator.is_active
    ):
        raise Unprocessable("Unknown coordinator", {"coordinator_id": ["Name a worker of your agency."]})
    carer = (
        db.session.scalar(
            select(User).where(User.family_id == family.id, User.persona.in_(p.CARERS)).limit(1)
        )
        if family
        else None
    )
    return NewApplication(
        workflow=workflow,
        family=family,
        applicant=applicant,
        agency=worker.agency,
        coordinator_id=coordinator.id,
        region=family.region if family else applicant.region if applicant else None,
        legal_route=data.get("legal_route") or (_legal_route(family, carer) if family else "adoption"),
    )


def _legal_route(family: Family, carer: User | None) -> str:
    """The family's children's most common legal route, else the carer's persona's."""
    routes = Counter(child.legal_route for child in family.children)
    if routes:
        return routes.most_common(1)[0][0]
    return LEGAL_ROUTE_OF_PERSONA.get(carer.persona if carer else "", "adoption")


def do_create(user: User, data: dict[str, Any]) -> Saved[dict[str, Any]]:
    """Start an application (201), or answer with the family's open one of the same workflow (200)."""
    new = check_create(user, data)
    if new.family is not None:
        owner = Application.family_id == new.family.id
    else:
        assert new.applicant is not None
        owner = Application.applicant_id == new.applicant.id
    existing = db.session.scalar(
        select(Application).where(
            owner, Application.workflow == new.workflow.key, Application.status == ApplicationStatus.OPEN
        )
    )
    if existing is not None:
        return Saved(views.application_view(existing, user), False)
    amount = data.get("amount_requested")
    if amount is not None and new.workflow.fair_access_limit is None:
        raise Unprocessable("This workflow has no amounts", {"amount_requested": ["Leave this out."]})
    now = utcnow()
    application = Application(
        reference=new_reference(),
        workflow=new.workflow.key,
        family_id=new.family.id if new.family else None,
        applicant_id=new.applicant.id if new.applicant else None,
        agency=new.agency,
        region=new.region,
        legal_route=new.legal_route,
        coordinator_id=new.coordinator_id,
        stage=new.workflow.first_stage,
        stage_entered_at=now,
        status=ApplicationStatus.OPEN,
        amount_requested=amount,
        created_by_id=user.id,
        created_at=now,
    )
    db.session.add(application)
    db.session.flush()
    note = data.get("note") or ""
    _screen_note(user, application.id, note)
    role = ActorRole.AGENCY if user.persona == p.AGENCY_WORKER else ActorRole.FAMILY
    row = _record(application, EventKind.CREATED, user, role, to_stage=application.stage, note=note, at=now)
    application.stage_event_id = row.id
    _notify_family(application, new.workflow, row, started=True)
    db.session.commit()
    return Saved(views.application_view(application, user), True)


# --- moving --------------------------------------------------------------------------------------


def check_transition(
    application: Application, role: ActorRole, to_stage: str, reason: str | None, now: datetime
) -> tuple[Workflow, Stage, Transition]:
    """Every rule a move must meet, each refusal saying why and what would be allowed instead."""
    workflow = _workflow(application.workflow)
    current = workflow.stage(application.stage)
    if to_stage not in workflow.stages:
        raise Unprocessable(
            "Unknown stage", {"to_stage": [f"'{to_stage}' is not a stage of {workflow.title}."]}
        )
    if current.terminal:
        raise Unprocessable(
            f"This application has reached '{current.title}' and does not move any more",
            {"to_stage": ["A new request can be started instead."]},
        )
    transition = current.transition_to(to_stage)
    if transition is None:
        allowed = ", ".join(workflow.stage(t.to).title for t in current.transitions)
        raise Unprocessable(
            f"An application at '{current.title}' cannot move to '{workflow.stage(to_stage).title}'. "
            f"From here it can move to: {allowed}.",
            {"to_stage": [f"Not allowed from '{current.title}'."]},
        )
    if role not in transition.by:
        who = " or ".join(
            "the family" if r == "family" else "the agency" for r in sorted(transition.by) if r != "system"
        )
        raise Forbidden(
            f"Only {who or 'the system'} can move this application to '{workflow.stage(to_stage).title}'."
        )
    if transition.reason_required and not reason:
        raise Unprocessable(
            "A reason is required for this move",
            {"reason": [f"Choose one of {sorted(workflow.reason_codes)}."]},
        )
    if reason and reason not in workflow.reason_codes:
        raise Unprocessable("Unknown reason", {"reason": [f"Choose one of {sorted(workflow.reason_codes)}."]})
    for guard in transition.guards:
        entered = _last_entry(application.id, guard.stage)
        if entered is None or add_months(entered, guard.months) < now:
            when = f" It was completed on {entered:%d %B %Y}." if entered else ""
            raise Unprocessable(
                f"{guard.message.strip()}{when}",
                {"to_stage": [f"'{workflow.stage(guard.stage).title}' is older than {guard.months} months."]},
            )
    return workflow, current, transition


def _last_entry(application_id: int, stage: str) -> datetime | None:
    return db.session.scalar(
        select(ApplicationEvent.at)
        .where(ApplicationEvent.application_id == application_id, ApplicationEvent.to_stage == stage)
        .order_by(ApplicationEvent.id.desc())
        .limit(1)
    )


def do_transition(user: User, application_id: int, data: dict[str, Any]) -> dict[str, Any]:
    found = access_application(user, application_id)
    application, role = found.application, found.standing.role
    assert role is not None
    now = utcnow()
    workflow, current, transition = check_transition(
        application, role, data["to_stage"], data.get("reason"), now
    )
    amount = data.get("amount_approved")
    if amount is not None and not transition.records_amount_approved:
        raise Unprocessable("No amount is approved at this step", {"amount_approved": ["Leave this out."]})
    if amount is not None and role != ActorRole.AGENCY:
        raise Forbidden("Only the agency records an approved amount.")
    note = data.get("note") or ""
    _screen_note(user, application.id, note)
    row = _record(
        application,
        EventKind.TRANSITION,
        user,
        role,
        from_stage=current.key,
        to_stage=transition.to,
        reason=data.get("reason"),
        note=note,
        at=now,
    )
    application.stage = transition.to
    application.stage_entered_at = now
    application.stage_event_id = row.id
    if amount is not None:
        application.amount_approved = amount
    if workflow.stage(transition.to).terminal:
        application.status = ApplicationStatus.CLOSED
    if application.coordinator_id is None and role == ActorRole.AGENCY:
        application.coordinator_id = user.id  # the first worker to act is named until someone else is
    _notify_family(application, workflow, row)
    db.session.commit()
    return views.application_view(application, user)


def _notify_family(
    application: Application, workflow: Workflow, row: ApplicationEvent, *, started: bool = False
) -> None:
    """Every change is told to the family. The title names the reference only: no child's details,
    nothing from the note (it may show on a lock screen)."""
    stage = workflow.stage(application.stage)
    title = (
        f"Your {workflow.title.lower()} {application.reference} has started"
        if started
        else f"Your {workflow.title.lower()} {application.reference} has moved on"
    )
    body = f"Now: {stage.title}. Next: {stage.next_step}"
    for user_id in _family_recipients(application):
        notifications.notify(
            user_id,
            "applications",
            title,
            body,
            f"/applications/{application.id}",
            dedupe_key=f"application:{application.id}:event:{row.id}",
        )


# --- asking for a review -------------------------------------------------------------------------


def do_request_review(user: User, application_id: int, note: str) -> Saved[dict[str, Any]]:
    """The family asks for a review at any time (PRODUCT.md 2.6). The coordinator is told; a second
    request within a day is the same request (200)."""
    application = access_application(user, application_id, "family").application
    workflow = _workflow(application.workflow)
    if not workflow.family_may_request_review:
        raise Unprocessable("Reviews are not asked for here", {"note": ["Contact your agency directly."]})
    now = utcnow()
    last = application.review_requested_at
    if last is not None and (now - last).total_seconds() < REVIEW_REQUEST_GAP_HOURS * 3600:
        return Saved(views.application_view(application, user), False)
    _screen_note(user, application.id, note)
    row = _record(application, EventKind.REVIEW_REQUESTED, user, ActorRole.FAMILY, note=note, at=now)
    application.review_requested_at = now
    recipients = (
        [application.coordinator_id] if application.coordinator_id else _agency_workers(application.agency)
    )
    for worker_id in recipients:
        notifications.notify(
            worker_id,
            "applications",
            f"Review asked for: {application.reference}",
            f"The family asked for a review of their {workflow.title.lower()} "
            f"(now at '{workflow.stage(application.stage).title}').",
            f"/applications/{application.id}",
            dedupe_key=f"application:{application.id}:review:{row.id}",
        )
    db.session.commit()
    return Saved(views.application_view(application, user), True)


def _agency_workers(agency: str) -> list[int]:
    return list(
        db.session.scalars(
            select(User.id)
            .where(
                User.agency == agency, User.persona == p.AGENCY_WORKER, User.status == AccountStatus.ACTIVE
            )
            .order_by(User.id)
            .limit(20)
        )
    )
