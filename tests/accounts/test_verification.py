"""Verification is not a takeover (PRODUCT.md 3: "a worker acts only for families of their own
agency"): a worker verifies only their own agency's families and people; moving a family between
agencies is an admin's audited action."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.accounts.models import AccountEvent, Family, User
from backend.core.db import db
from tests.factories import add_child, make_user


def family_of(persona: Any) -> Family:
    db.session.expire_all()
    family = db.session.get(Family, persona.user.family_id)
    assert family is not None
    return family


def test_a_worker_cannot_take_over_another_agencys_family(client: Any, cast: Any) -> None:
    carer = make_user("adopter", agency="North RAA", verified=False)
    add_child(carer.user.family_id, age=9)
    outsider = cast.other_agency_worker  # South VAA
    family_url = f"/api/v1/families/{carer.user.family_id}"
    refused = client.post(f"{family_url}/verify", headers=outsider.headers)
    missing = client.post("/api/v1/families/99999/verify", headers=outsider.headers)
    assert refused.status_code == 404 and refused.json == missing.json
    family = family_of(carer)
    assert family.agency == "North RAA" and family.verified_at is None
    # The children's needs stay out of reach.
    assert client.get(family_url, headers=outsider.headers).status_code == 404
    # The family's own agency verifies it, and the agency does not change.
    assert client.post(f"{family_url}/verify", headers=cast.agency_worker.headers).status_code == 200
    family = family_of(carer)
    assert family.agency == "North RAA" and family.verified_by_id == cast.agency_worker.id


def test_a_family_with_no_agency_is_claimed_by_nobody_but_its_carers(client: Any, cast: Any) -> None:
    carer = make_user("adopter", agency=None, verified=False)
    url = f"/api/v1/families/{carer.user.family_id}/verify"
    assert client.post(url, headers=cast.agency_worker.headers).status_code == 404
    assert family_of(carer).agency is None and family_of(carer).verified_at is None
    # The carers name their agency; then that agency's worker verifies.
    named = client.patch("/api/v1/me/family", json={"agency": "North RAA"}, headers=carer.headers)
    assert named.status_code == 200
    assert client.post(url, headers=cast.agency_worker.headers).status_code == 200
    # Admins verify without moving the family anywhere.
    other = make_user("adopter", agency=None, verified=False)
    assert (
        client.post(f"/api/v1/families/{other.user.family_id}/verify", headers=cast.admin.headers).status_code
        == 200
    )
    assert family_of(other).agency is None and family_of(other).verified_at is not None


def test_individual_adults_are_verified_by_their_own_agency(client: Any, cast: Any) -> None:
    theirs = make_user("adult_adoptee", agency="North RAA", verified=False)
    assert (
        client.post(f"/api/v1/users/{theirs.id}/verify", headers=cast.other_agency_worker.headers).status_code
        == 404
    )
    db.session.expire_all()
    person = db.session.get(User, theirs.id)
    assert person is not None and person.agency == "North RAA" and person.verified_at is None
    unattached = make_user("prospective_adopter", verified=False)
    assert unattached.user.agency is None
    ok = client.post(f"/api/v1/users/{unattached.id}/verify", headers=cast.other_agency_worker.headers)
    assert ok.status_code == 200
    db.session.expire_all()
    assert db.session.get(User, unattached.id).agency == "South VAA"  # type: ignore[union-attr]


def test_a_transfer_is_an_admins_audited_action(client: Any, cast: Any) -> None:
    carer = cast.adopter  # a verified North RAA family
    url = f"/api/v1/families/{carer.user.family_id}/agency"
    body = {"agency": "South VAA", "reason": "The family moved to Devon"}
    for who in ("agency_worker", "other_agency_worker", "adopter", "moderator", "dsl"):
        response = client.post(url, json=body, headers=getattr(cast, who).headers)
        assert response.status_code == 404, who
    # Nor do the carers of a verified family move it themselves.
    own = client.patch("/api/v1/me/family", json={"agency": "South VAA"}, headers=carer.headers)
    assert own.status_code == 409 and "transfer" in own.json["message"]
    assert family_of(carer).agency == "North RAA"
    moved = client.post(url, json=body, headers=cast.admin.headers)
    assert moved.status_code == 200 and moved.json["agency"] == "South VAA"
    event = db.session.scalars(
        select(AccountEvent).where(
            AccountEvent.user_id == carer.id, AccountEvent.kind == "family_transferred"
        )
    ).one()
    assert event.actor_id == cast.admin.id
    assert event.detail["previous_agency"] == "North RAA" and event.detail["agency"] == "South VAA"
    assert event.detail["reason"] == "The family moved to Devon"
    family_url = f"/api/v1/families/{carer.user.family_id}"
    assert client.get(family_url, headers=cast.agency_worker.headers).status_code == 404
    assert client.get(family_url, headers=cast.other_agency_worker.headers).status_code == 200
    again = client.post(url, json=body, headers=cast.admin.headers)
    assert again.status_code == 422 and "agency" in again.json["errors"]
    no_reason = client.post(url, json={"agency": "East RAA"}, headers=cast.admin.headers)
    assert no_reason.status_code == 422 and "reason" in no_reason.json["errors"]
