"""Waiting times match a hand computation on a fixture, small cells are hidden, and the CSV says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from backend.accounts import personas as p
from backend.applications.models import Application, ApplicationEvent
from backend.core.db import db
from tests.factories import make_user

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _application(
    family_id: int, legal_route: str, approval_wait_days: int, n: int, agency: str = "North RAA"
) -> None:
    """An ASGSF application approved on T0 + n days, support starting ``approval_wait_days`` later."""
    application = Application(
        reference=f"KC-TEST-{n:04d}",
        workflow="asgsf_application",
        family_id=family_id,
        agency=agency,
        region="North West",
        legal_route=legal_route,
        stage="support_started",
        stage_entered_at=T0,
        created_by_id=1,
        created_at=T0,
    )
    db.session.add(application)
    db.session.flush()
    approved = T0 + timedelta(days=n)
    stages = [
        ("support_requested", T0),
        ("approved", approved),
        ("provider_commissioned", approved + timedelta(days=1)),
        ("support_started", approved + timedelta(days=approval_wait_days)),
    ]
    previous = None
    for stage, at in stages:
        db.session.add(
            ApplicationEvent(
                application_id=application.id,
                at=at,
                kind="transition",
                actor_id=1,
                actor_role="agency",
                from_stage=previous,
                to_stage=stage,
                note="",
            )
        )
        previous = stage


def test_waiting_times_match_a_hand_computation_and_hide_small_cells(client: Any, cast: Any) -> None:
    worker = cast.agency_worker
    for n, wait in enumerate([10, 20, 30, 40, 50, 60], start=1):
        _application(make_user(p.ADOPTER).user.family_id, "adoption", wait, n)  # type: ignore[arg-type]
    for n, wait in enumerate([5, 90], start=20):
        _application(make_user(p.SPECIAL_GUARDIAN).user.family_id, "special_guardianship", wait, n)  # type: ignore[arg-type]
    for n in range(30, 40):  # another agency's families never reach this worker's report
        _application(
            make_user(p.ADOPTER, agency="South VAA").user.family_id, "adoption", 1, n, agency="South VAA"
        )  # type: ignore[arg-type]
    db.session.commit()

    answer = client.get("/api/v1/insights/waiting-times?workflow=asgsf_application", headers=worker.headers)
    assert answer.status_code == 200, answer.json
    rows = answer.json["rows"]

    def cell(section: str, key: str, region: str, route: str) -> dict[str, Any]:
        return next(
            r
            for r in rows
            if (r["section"], r["key"], r["region"], r["legal_route"]) == (section, key, region, route)
        )

    adoption = cell("waiting_time", "approval_to_support", "North West", "adoption")
    # By hand: waits 10, 20, 30, 40, 50, 60 days. Median (30 + 40) / 2 = 35; nearest-rank 90th
    # percentile: position ceil(0.9 x 6) = 6, the 6th = 60; within 42 days: 4 of 6 = 0.667.
    assert (
        adoption["families"],
        adoption["median_days"],
        adoption["p90_days"],
        adoption["share_within_target"],
    ) == (6, 35.0, 60.0, 0.667)
    guardians = cell("waiting_time", "approval_to_support", "North West", "special_guardianship")
    assert guardians["suppressed"] and guardians["families"] is None and guardians["median_days"] is None
    # The special guardianship column's total would give the 2 away: hidden too.
    assert cell("waiting_time", "approval_to_support", "all", "special_guardianship")["suppressed"]
    everyone = cell("waiting_time", "approval_to_support", "all", "all")
    assert everyone["families"] == 8  # this agency only: South VAA's 10 are not counted
    # First contact (T0) to support: approved on day n, support after the wait: n + wait days.
    first = cell("waiting_time", "first_contact_to_support", "North West", "adoption")
    assert first["median_days"] == 38.5 and first["p90_days"] == 66.0  # 11, 22, 33, 44, 55, 66

    only_sg = client.get(
        "/api/v1/insights/waiting-times?workflow=asgsf_application&legal_route=special_guardianship",
        headers=worker.headers,
    ).json["rows"]
    assert only_sg and all(r["legal_route"] == "special_guardianship" and r["suppressed"] for r in only_sg)

    csv = client.get("/api/v1/insights/waiting-times.csv?workflow=asgsf_application", headers=worker.headers)
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).splitlines()
    assert lines[0].startswith("section,key,title,region,legal_route,families")
    assert any(
        line.startswith("waiting_time,approval_to_support,") and ",special_guardianship,suppressed," in line
        for line in lines
    )
    assert any(",North West,adoption,6,35.0,60.0," in line for line in lines)

    bad = client.get("/api/v1/insights/waiting-times?workflow=nope", headers=worker.headers)
    assert bad.status_code == 422
