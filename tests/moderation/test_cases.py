"""Safeguarding cases: the safeguarding lead only, every read and change in the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from moderation import db
from moderation.models import AuditEntry
from tests.factories import ALL_PERSONAS
from tests.moderation.helpers import open_item

CASES = "/api/v1/moderation/cases"


def _audit_actions(case_id: int) -> list[str]:
    return list(
        db.session().scalars(
            select(AuditEntry.action)
            .where(AuditEntry.target_type == "case", AuditEntry.target_id == str(case_id))
            .order_by(AuditEntry.id)
        )
    )


def test_a_case_from_an_item_with_chronology_referrals_and_outcomes(client: Any, cast: Any) -> None:
    item_id = open_item(0, audience="youth", author_id=cast.teen.id)
    lead = cast.dsl.headers
    opened = client.post(
        CASES,
        json={
            "title": "Disclosure in youth chat",
            "risk_rating": "high",
            "item_id": item_id,
            "summary": "See item",
        },
        headers=lead,
    )
    assert opened.status_code == 201, opened.json
    case = opened.json
    assert case["subject_user_id"] == cast.teen.id and case["youth"] is True
    assert [i["id"] for i in case["items"]] == [item_id]
    case_id = case["id"]

    entry = client.post(
        f"{CASES}/{case_id}/chronology",
        json={"occurred_on": "2025-03-01", "text": "Young person disclosed harm in a chat message."},
        headers=lead,
    )
    assert entry.status_code == 201
    assert entry.json["chronology"][0]["recorded_by_id"] == cast.dsl.id
    referral = client.post(
        f"{CASES}/{case_id}/actions",
        json={"kind": "referral", "referred_to": "childrens_services", "description": "Referred to the MASH"},
        headers=lead,
    )
    assert referral.status_code == 201
    action_id = referral.json["actions"][0]["id"]
    outcome = client.post(
        f"{CASES}/{case_id}/actions/{action_id}/outcome",
        json={"outcome": "Strategy meeting held"},
        headers=lead,
    )
    assert outcome.status_code == 200 and outcome.json["actions"][0]["outcome"] == "Strategy meeting held"
    again = client.post(
        f"{CASES}/{case_id}/actions/{action_id}/outcome", json={"outcome": "changed"}, headers=lead
    )
    assert again.status_code == 409  # an outcome stands as recorded
    rated = client.patch(f"{CASES}/{case_id}", json={"risk_rating": "critical"}, headers=lead)
    assert rated.json["risk_rating"] == "critical"
    other_item = open_item(2)
    assert (
        client.post(f"{CASES}/{case_id}/items", json={"item_id": other_item}, headers=lead).status_code == 201
    )
    assert (
        client.post(f"{CASES}/{case_id}/items", json={"item_id": other_item}, headers=lead).status_code == 409
    )
    closed = client.patch(f"{CASES}/{case_id}", json={"status": "closed"}, headers=lead)
    assert closed.json["status"] == "closed" and closed.json["closed_at"]

    assert _audit_actions(case_id) == [
        "case.opened",
        "case.entry_added",
        "case.action_added",
        "case.outcome_recorded",
        "case.updated",
        "case.item_linked",
        "case.updated",
    ]


def test_every_read_is_logged_and_everyone_else_gets_404(client: Any, cast: Any) -> None:
    case_id = client.post(
        CASES, json={"title": "Concern", "risk_rating": "low"}, headers=cast.dsl.headers
    ).json["id"]
    for _ in range(3):
        assert client.get(f"{CASES}/{case_id}", headers=cast.dsl.headers).status_code == 200
    assert client.get(CASES, headers=cast.dsl.headers).json["items"][0]["id"] == case_id
    reads = db.session().scalars(select(AuditEntry).where(AuditEntry.action == "case.read")).all()
    assert [(r.actor_id, r.target_id) for r in reads] == [(cast.dsl.id, str(case_id))] * 3
    listed = db.session().scalars(select(AuditEntry).where(AuditEntry.action == "case.listed")).one()
    assert listed.detail == {"case_ids": [case_id]}

    missing = client.get(f"{CASES}/99999", headers=cast.dsl.headers).json
    for persona in ALL_PERSONAS:
        if persona == "dsl":
            continue
        headers = getattr(cast, persona).headers
        response = client.get(f"{CASES}/{case_id}", headers=headers)
        assert (response.status_code, response.json) == (404, missing), persona
        assert client.get(CASES, headers=headers).status_code == 404
    # Refused attempts read nothing, so they log no read.
    assert len(db.session().scalars(select(AuditEntry).where(AuditEntry.action == "case.read")).all()) == 3


def test_a_lead_without_an_in_date_dbs_check_cannot_open_a_youth_case(client: Any, cast: Any) -> None:
    from backend.accounts import personas as p
    from tests.factories import make_user

    lapsed = make_user(p.SAFEGUARDING_LEAD, dbs="lapsed")
    body = {"title": "Concern about a teen", "risk_rating": "high", "youth": True}
    refused = client.post(CASES, json=body, headers=lapsed.headers)
    assert refused.status_code == 422 and "youth" in refused.json["errors"]
    assert client.get(CASES, headers=lapsed.headers).json["items"] == []
    opened = client.post(CASES, json=body, headers=cast.dsl.headers)
    assert opened.status_code == 201 and opened.json["youth"] is True
