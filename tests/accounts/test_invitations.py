"""A carer alone can never create a young person's account (PRODUCT.md 1): the child record is
confirmed by the family's agency, the invitation's secret goes to the young person's own address, and
it is accepted signed out, by that address."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from backend.accounts import mail
from backend.accounts.models import Child, Invitation, User
from backend.auth import tokens
from backend.core.db import db, utcnow
from tests.factories import add_child

STRONG = "a sensible long passphrase"
_n = itertools.count(1)


def invite(client: Any, actor: Any, child_id: int, email: str) -> Any:
    return client.post(
        "/api/v1/invitations", json={"child_id": child_id, "email": email}, headers=actor.headers
    )


def confirm(client: Any, actor: Any, child_id: int) -> Any:
    return client.post(f"/api/v1/children/{child_id}/confirmation", headers=actor.headers)


def sent_token(app: Any, to: str) -> str:
    [sent] = [m for m in mail.outbox(app) if m.to == to]
    return sent.body.split("Your invitation code: ")[1].split()[0]


def acceptance(child: Child, token: str, email: str) -> dict[str, Any]:
    return {
        "token": token,
        "email": email,
        "password": STRONG,
        "display_name": "Kai",
        "date_of_birth": date(child.birth_year, child.birth_month, 2).isoformat(),
    }


def young_accounts() -> int:
    return int(db.session.scalar(select(func.count()).where(User.persona == "young_person")) or 0)


def test_an_invented_child_gets_no_account(client: Any, cast: Any, app: Any) -> None:
    """The issue's attack: a verified carer adds a child and invites it with their own address."""
    carer = cast.adopter
    invented = add_child(carer.user.family_id, age=15)
    refused = invite(client, carer, invented.id, "alt-address@test.example")
    assert refused.status_code == 422 and "child_id" in refused.json["errors"]
    # A carer cannot confirm their own child's record; neither can another agency's worker.
    for who in (carer, cast.other_agency_worker, cast.admin, cast.moderator):
        assert confirm(client, who, invented.id).status_code == 404
    assert invite(client, carer, invented.id, "alt-address@test.example").status_code == 422
    assert mail.outbox(app) == [] and young_accounts() == 0


def test_the_invitation_cannot_go_to_an_address_with_an_account(client: Any, cast: Any, app: Any) -> None:
    carer = cast.adopter
    child = add_child(carer.user.family_id, age=15)
    assert confirm(client, cast.agency_worker, child.id).status_code == 200
    for address in (carer.user.email, carer.user.email.upper(), cast.guardian.user.email):
        response = invite(client, carer, child.id, address)
        assert response.status_code == 409 and "email" in response.json["errors"], address
    assert mail.outbox(app) == []  # nothing is sent for a refused invitation


def test_the_secret_goes_only_to_the_young_person_and_is_accepted_signed_out(
    client: Any, cast: Any, app: Any
) -> None:
    carer = cast.adopter
    child = add_child(carer.user.family_id, age=15)
    confirm(client, cast.agency_worker, child.id)
    address = f"kai{next(_n)}@test.example"
    response = invite(client, carer, child.id, address)
    assert response.status_code == 201 and response.json["email"] == address
    assert "token" not in response.json
    token = sent_token(app, address)
    body = acceptance(child, token, address)
    # In the carer's session (with their bearer token), or anyone's: refused, nothing created.
    for persona in (carer, cast.agency_worker):
        signed_in = client.post("/api/v1/invitations/accept", json=body, headers=persona.headers)
        assert signed_in.status_code == 403 and "Authorization" in signed_in.json["errors"]
    # Not with another address (the carer's alternative one, say).
    other = client.post("/api/v1/invitations/accept", json={**body, "email": "carer-alt@test.example"})
    assert other.status_code == 422 and "email" in other.json["errors"]
    assert young_accounts() == 0
    accepted = client.post("/api/v1/invitations/accept", json=body)
    assert accepted.status_code == 201, accepted.json
    assert accepted.json["persona"] == "young_person" and accepted.json["email"] == address
    assert client.post("/api/v1/invitations/accept", json=body).status_code == 404  # once


def test_a_worker_of_the_familys_agency_invites_and_so_confirms(client: Any, cast: Any, app: Any) -> None:
    child = add_child(cast.adopter.user.family_id, age=14)
    assert invite(client, cast.other_agency_worker, child.id, "a@test.example").status_code == 404
    address = f"sky{next(_n)}@test.example"
    assert invite(client, cast.agency_worker, child.id, address).status_code == 201
    db.session.expire_all()
    stored = db.session.get(Child, child.id)
    assert stored is not None and stored.confirmed_by_id == cast.agency_worker.id
    body = acceptance(child, sent_token(app, address), address)
    assert client.post("/api/v1/invitations/accept", json=body).status_code == 201


def test_an_invitation_without_a_confirmed_child_or_an_address_fails_closed(client: Any, cast: Any) -> None:
    """Invitations made before these rules (no address, child unconfirmed) are not accepted."""
    child = add_child(cast.adopter.user.family_id, age=15)
    secret = tokens.new_secret()
    db.session.add(
        Invitation(
            token_hash=tokens.hash_secret(secret),
            family_id=child.family_id,
            child_id=child.id,
            created_by_id=cast.adopter.id,
            expires_at=utcnow() + timedelta(days=3),
        )
    )
    db.session.commit()
    address = "old-style@test.example"
    response = client.post("/api/v1/invitations/accept", json=acceptance(child, secret, address))
    assert response.status_code == 404 and young_accounts() == 0
