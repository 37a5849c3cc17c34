"""Applications through the API: a family starts one, its agency moves it, the family follows it;
illegal moves refused with a clear message; the 3-month rule; another family or agency gets 404;
the history cannot be changed, in the database too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from backend.accounts import personas as p
from backend.applications import tracking
from backend.applications.models import Application, ApplicationEvent
from backend.core.db import db
from backend.notifications.models import Notification
from tests.factories import make_user

BASE = "/api/v1/applications"


def _move(client: Any, who: Any, app_id: int, to: str, **extra: Any) -> Any:
    return client.post(f"{BASE}/{app_id}/transitions", json={"to_stage": to, **extra}, headers=who.headers)


def test_a_family_follows_its_application_through_the_api_alone(client: Any, cast: Any) -> None:
    adopter, worker = cast.adopter, cast.agency_worker
    started = client.post(
        BASE, json={"workflow": "asgsf_application", "amount_requested": 6500}, headers=adopter.headers
    )
    assert started.status_code == 201, started.json
    body = started.json
    app_id, reference = body["id"], body["reference"]
    assert reference.startswith("KC-") and adopter.user.display_name not in reference
    assert body["stage"] == "support_requested" and body["responsible"] == "Your agency"
    assert body["match_funding_needed"] is True and body["fair_access_limit"] == 5000
    assert [m["to_stage"] for m in body["allowed_moves"]] == ["withdrawn"]  # the family's own move only
    again = client.post(BASE, json={"workflow": "asgsf_application"}, headers=adopter.headers)
    assert again.status_code == 200 and again.json["id"] == app_id

    caseload = client.get(BASE, headers=worker.headers).json["items"]
    assert [a["reference"] for a in caseload] == [reference]

    # The family cannot make the agency's moves; the agency cannot skip stages.
    refused = _move(client, adopter, app_id, "assessment_of_need")
    assert refused.status_code == 403 and "Only the agency" in refused.json["message"]
    skipped = _move(client, worker, app_id, "approved")
    assert skipped.status_code == 422
    assert skipped.json["message"] == (
        "An application at 'Support requested' cannot move to 'Approved'. "
        "From here it can move to: Assessment of need, Withdrawn."
    )
    assert _move(client, worker, app_id, "nowhere").json["errors"]["to_stage"]

    for stage in ("assessment_of_need", "assessment_completed", "application_submitted"):
        moved = _move(client, worker, app_id, stage)
        assert moved.status_code == 200, moved.json
    no_reason = _move(client, worker, app_id, "not_progressed")
    assert no_reason.status_code == 422 and "reason" in no_reason.json["errors"]
    approved = _move(client, worker, app_id, "approved", amount_approved=5000, note="Approved at the limit.")
    assert approved.status_code == 200 and approved.json["amount_approved"] == 5000
    assert approved.json["coordinator"]["id"] == worker.id  # the first worker to act is named

    mine = client.get(f"{BASE}/{app_id}", headers=adopter.headers).json
    assert mine["stage_title"] == "Approved" and mine["next_step"].startswith("Your agency books")
    assert [t["to_stage"] for t in mine["timeline"]] == [
        "support_requested",
        "assessment_of_need",
        "assessment_completed",
        "application_submitted",
        "approved",
    ]
    assert (
        mine["timeline"][-1]["by"] == "your agency"
        and mine["timeline"][-1]["note"] == "Approved at the limit."
    )
    assert mine["overdue"] is False and mine["due_at"] is not None

    review = client.post(
        f"{BASE}/{app_id}/review-request", json={"note": "Can we talk?"}, headers=adopter.headers
    )
    assert review.status_code == 201
    assert client.post(f"{BASE}/{app_id}/review-request", json={}, headers=adopter.headers).status_code == 200

    # Every move told the family (5 notifications: started + 4 moves), titles with the reference only.
    told = db.session.scalars(select(Notification).where(Notification.user_id == adopter.id)).all()
    assert len(told) == 5 and all(reference in n.title and n.category == "applications" for n in told)
    to_worker = db.session.scalars(select(Notification).where(Notification.user_id == worker.id)).all()
    assert [n.title for n in to_worker] == [f"Review asked for: {reference}"]


def test_another_family_or_agency_gets_404(client: Any, cast: Any) -> None:
    started = client.post(BASE, json={"workflow": "local_support_pathway"}, headers=cast.adopter.headers).json
    for stranger in (
        cast.adopter2,
        cast.guardian,
        cast.other_agency_worker,
        cast.teen,
        cast.admin,
        cast.moderator,
    ):
        assert client.get(f"{BASE}/{started['id']}", headers=stranger.headers).status_code == 404
        assert _move(client, stranger, started["id"], "call_back").status_code == 404
        assert client.get(BASE, headers=stranger.headers).json is None or all(
            a["id"] != started["id"] for a in client.get(BASE, headers=stranger.headers).json.get("items", [])
        )
    assert client.get(f"{BASE}/999999", headers=cast.agency_worker.headers).status_code == 404
    # A worker cannot start one for another agency's family: the same 404 as for no family.
    other = make_user(p.ADOPTER, agency="South VAA")
    assert (
        client.post(
            BASE,
            json={"workflow": "asgsf_application", "family_id": other.user.family_id},
            headers=cast.agency_worker.headers,
        ).status_code
        == 404
    )


def test_the_three_month_rule_refuses_a_stale_assessment_and_says_why(app: Any, cast: Any) -> None:
    start = datetime(2026, 1, 10, 9, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        adopter, worker = cast.adopter.user, cast.agency_worker.user
        created = tracking.do_create(adopter, {"workflow": "asgsf_application"}).resource
        app_id = created["id"]
        tracking.do_transition(worker, app_id, {"to_stage": "assessment_of_need"})
        tracking.do_transition(worker, app_id, {"to_stage": "assessment_completed"})
    with time_machine.travel(start + timedelta(days=89), tick=False):  # 9 April: still within 3 months
        assert tracking.check_transition(
            db.session.get(Application, app_id), "agency", "application_submitted", None, datetime.now(UTC)
        )  # type: ignore[arg-type]
    with time_machine.travel(datetime(2026, 4, 11, 9, tzinfo=UTC), tick=False):
        with pytest.raises(Exception) as refused:
            tracking.do_transition(worker, app_id, {"to_stage": "application_submitted"})
        assert (
            "more than 3 months ago" in refused.value.args[0] and "10 January 2026" in refused.value.args[0]
        )
        db.session.rollback()
        # Redoing the assessment makes it fresh again.
        tracking.do_transition(worker, app_id, {"to_stage": "assessment_of_need"})
        tracking.do_transition(worker, app_id, {"to_stage": "assessment_completed"})
        assert (
            tracking.do_transition(worker, app_id, {"to_stage": "application_submitted"})["stage"]
            == "application_submitted"
        )


def test_history_cannot_be_changed_even_by_sql(app: Any, cast: Any) -> None:
    created = tracking.do_create(cast.adopter.user, {"workflow": "asgsf_application"}).resource
    row = db.session.scalar(select(ApplicationEvent).where(ApplicationEvent.application_id == created["id"]))
    assert row is not None
    for statement in (
        "UPDATE application_events SET note = 'rewritten'",
        "DELETE FROM application_events",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(text(statement))
        db.session.rollback()
    assert db.session.scalar(select(ApplicationEvent.note).where(ApplicationEvent.id == row.id)) == ""
