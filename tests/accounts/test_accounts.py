"""Registration, age walls, families, invitations, turning 18, vetting, blocks, privacy, data rights."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine
from sqlalchemy import func, select

from backend.accounts import mail, service, sign_up
from backend.accounts.models import AccountEvent, User
from backend.auth import service as auth_service
from backend.core.db import db
from tests.accounts.test_oauth import CLIENT, REDIRECT, me, sign_in
from tests.factories import PASSWORD, add_child, make_user, years_ago

STRONG = "a sensible long passphrase"


def register(client: Any, **overrides: Any) -> Any:
    body = {
        "email": "new@test.example",
        "password": STRONG,
        "display_name": "New person",
        "date_of_birth": years_ago(35).isoformat(),
        "persona": "adopter",
    }
    body.update(overrides)
    return client.post("/api/v1/accounts", json=body)


def test_adult_registers_and_age_band_is_computed(client: Any) -> None:
    response = register(client)
    assert response.status_code == 202
    assert response.json == sign_up.SIGN_UP_RECEIVED
    # The new account signs in and its profile says what the server worked out.
    auth_service.do_register_client(CLIENT, "Demo", [REDIRECT])
    profile = me(client, sign_in(client, "new@test.example", STRONG)["access_token"])
    assert profile.status_code == 200
    assert profile.json["age_band"] == "18+"
    assert profile.json["persona"] == "adopter"
    assert profile.json["family_id"] is not None  # carers get a household record
    assert "password" not in profile.json and "date_of_birth" not in profile.json


def test_client_cannot_set_age_band_or_staff_persona(client: Any) -> None:
    age_band = register(client, age_band="18+")
    assert age_band.status_code == 422 and "age_band" in age_band.json["errors"]
    admin = register(client, persona="admin")
    assert admin.status_code == 422 and "persona" in admin.json["errors"]
    teen_persona = register(client, persona="young_person")
    assert teen_persona.status_code == 422


def test_under_13_and_teens_without_invitation_are_refused(client: Any) -> None:
    child = register(client, date_of_birth=years_ago(12).isoformat())
    assert child.status_code == 422
    assert "13" in child.json["errors"]["date_of_birth"][0]
    teen = register(client, date_of_birth=years_ago(15).isoformat())
    assert teen.status_code == 422
    assert "invitation" in teen.json["errors"]["date_of_birth"][0]
    assert db.session.scalar(select(User).where(User.email == "new@test.example")) is None


def test_password_policy_and_duplicate_email(client: Any) -> None:
    assert register(client, password="short").status_code == 422
    common = register(client, password="password123")
    assert common.status_code == 422 and "common" in common.json["errors"]["password"][0]
    first = register(client)
    assert first.status_code == 202
    # The same answer for a registered email (any case): nothing says it is taken.
    again = register(client, email="NEW@test.example", password="another long passphrase")
    assert (again.status_code, again.json) == (first.status_code, first.json)
    owner = db.session.scalars(select(User).where(User.email == "new@test.example")).one()
    # No second account, the owner's password unchanged, and the owner is told.
    assert db.session.scalar(select(func.count(User.id))) == 1
    assert service.authenticate_password("new@test.example", STRONG) is not None
    notices = db.session.scalars(
        select(AccountEvent.kind).where(
            AccountEvent.user_id == owner.id, AccountEvent.kind == "sign_up_attempted"
        )
    ).all()
    assert notices == ["sign_up_attempted"]


def test_invitation_links_a_young_person_to_a_verified_family(client: Any, cast: Any, app: Any) -> None:
    child = add_child(cast.adopter.user.family_id, age=15)
    confirmed = client.post(f"/api/v1/children/{child.id}/confirmation", headers=cast.agency_worker.headers)
    assert confirmed.status_code == 200 and confirmed.json["confirmed_at"] is not None
    response = client.post(
        "/api/v1/invitations",
        json={"child_id": child.id, "email": "teen@test.example"},
        headers=cast.adopter.headers,
    )
    assert response.status_code == 201
    assert "token" not in response.json  # the secret goes to the young person only
    [sent] = mail.outbox(app)
    assert sent.to == "teen@test.example"
    token = sent.body.split("Your invitation code: ")[1].split()[0]
    born = years_ago(15, days=30).replace(day=3)
    born = born.replace(year=child.birth_year, month=child.birth_month)
    body = {"token": token, "email": "teen@test.example", "password": STRONG, "display_name": "Kai"}

    wrong_dob = client.post(
        "/api/v1/invitations/accept", json={**body, "date_of_birth": years_ago(16).isoformat()}
    )
    assert wrong_dob.status_code == 422

    accepted = client.post("/api/v1/invitations/accept", json={**body, "date_of_birth": born.isoformat()})
    assert accepted.status_code == 201, accepted.json
    assert accepted.json["persona"] == "young_person"
    assert accepted.json["age_band"] == "13-17"
    assert accepted.json["linked_family_id"] == cast.adopter.user.family_id
    assert "cannot read your messages" in accepted.json["link_notice"]

    reused = client.post("/api/v1/invitations/accept", json={**body, "date_of_birth": born.isoformat()})
    assert reused.status_code == 404


def test_unverified_carer_cannot_invite(client: Any, cast: Any) -> None:
    child = add_child(cast.unverified_adopter.user.family_id, age=14)
    response = client.post(
        "/api/v1/invitations",
        json={"child_id": child.id, "email": "kid@test.example"},
        headers=cast.unverified_adopter.headers,
    )
    assert response.status_code == 422


def test_invitation_for_another_familys_child_is_not_found(client: Any, cast: Any) -> None:
    child = add_child(cast.guardian.user.family_id, age=14)
    response = client.post(
        "/api/v1/invitations",
        json={"child_id": child.id, "email": "kid@test.example"},
        headers=cast.adopter.headers,
    )
    assert response.status_code == 404


def test_turning_18_moves_the_account_once(app: Any, cast: Any) -> None:
    teen = cast.teen.user
    birthday = service.today() + timedelta(days=3)
    teen.date_of_birth = birthday.replace(year=birthday.year - 18)
    db.session.commit()
    assert service.do_turning_18() == []
    with time_machine.travel(birthday, tick=False):
        assert service.do_turning_18() == [teen.id]
        assert service.do_turning_18() == []
    db.session.refresh(teen)
    assert teen.persona == "adult_adoptee"
    events = db.session.scalars(
        select(AccountEvent).where(AccountEvent.user_id == teen.id, AccountEvent.kind == "turned_18")
    )
    assert len(list(events)) == 1


def test_staff_may_work_with_young_people_only_with_in_date_dbs(cast: Any) -> None:
    assert service.may_work_with_young_people(cast.moderator.user)
    assert not service.may_work_with_young_people(cast.lapsed_moderator.user)
    assert not service.may_work_with_young_people(cast.admin.user)  # no DBS recorded
    assert not service.may_work_with_young_people(cast.mentor.user)  # not staff
    renewal = service.staff_record(cast.moderator.user).dbs_renewal_due  # type: ignore[union-attr]
    assert not service.may_work_with_young_people(cast.moderator.user, on=renewal)


def test_vetting_is_recorded_by_agency_workers_with_renewal_due(client: Any, cast: Any) -> None:
    target = make_user("moderator")
    body = {
        "dbs_checked_on": service.today().isoformat(),
        "training_completed_on": service.today().isoformat(),
    }
    response = client.put(f"/api/v1/users/{target.id}/vetting", json=body, headers=cast.agency_worker.headers)
    assert response.status_code == 200
    assert response.json["may_work_with_young_people"] is True
    assert (
        response.json["dbs_renewal_due"] == service.today().replace(year=service.today().year + 3).isoformat()
    )
    refused = client.put(f"/api/v1/users/{target.id}/vetting", json=body, headers=cast.moderator.headers)
    assert refused.status_code == 404


def test_blocks_work_both_ways_and_mutes_hide(client: Any, cast: Any) -> None:
    a, b = cast.adopter, cast.guardian
    blocked = client.post(f"/api/v1/me/blocks/{b.id}", headers=a.headers)
    assert blocked.status_code == 201 and blocked.json["user_id"] == b.id
    again = client.post(f"/api/v1/me/blocks/{b.id}", headers=a.headers)
    assert again.status_code == 200 and again.json == blocked.json  # already blocked: the same block
    assert service.is_blocked(a.id, b.id) and service.is_blocked(b.id, a.id)
    assert b.id in service.hidden_user_ids(a.id) and a.id in service.hidden_user_ids(b.id)
    listed = client.get("/api/v1/me/blocks", headers=a.headers).json
    assert listed == {"items": [blocked.json], "next_cursor": None}
    assert client.get("/api/v1/me/mutes", headers=a.headers).json == {"items": [], "next_cursor": None}
    assert client.get("/api/v1/me/blocks", headers=b.headers).json["items"] == []  # only the blocker's list
    assert client.delete(f"/api/v1/me/blocks/{b.id}", headers=a.headers).status_code == 204
    assert not service.is_blocked(a.id, b.id)
    assert client.get("/api/v1/me/blocks", headers=a.headers).json["items"] == []
    muted = client.post(f"/api/v1/me/mutes/{b.id}", headers=a.headers)
    assert muted.status_code == 201 and muted.json["user_id"] == b.id
    assert client.post(f"/api/v1/me/mutes/{b.id}", headers=a.headers).status_code == 200
    assert client.get("/api/v1/me/mutes", headers=a.headers).json["items"] == [muted.json]
    assert b.id in service.hidden_user_ids(a.id) and a.id not in service.hidden_user_ids(b.id)
    assert client.post(f"/api/v1/me/blocks/{a.id}", headers=a.headers).status_code == 400
    assert client.post("/api/v1/me/blocks/99999", headers=a.headers).status_code == 404


def test_privacy_defaults_are_high_and_lowering_needs_confirmation(client: Any, cast: Any) -> None:
    settings = client.get("/api/v1/me/privacy", headers=cast.adopter.headers).json
    assert settings["location_enabled"] is False and settings["playdate_profile_enabled"] is False
    assert settings["show_presence"] is False
    lower = client.patch("/api/v1/me/privacy", json={"show_presence": True}, headers=cast.adopter.headers)
    assert lower.status_code == 422 and "confirm" in lower.json["errors"]
    confirmed = client.patch(
        "/api/v1/me/privacy", json={"show_presence": True, "confirm": True}, headers=cast.adopter.headers
    )
    assert confirmed.status_code == 200 and confirmed.json["show_presence"] is True
    raise_ = client.patch("/api/v1/me/privacy", json={"show_presence": False}, headers=cast.adopter.headers)
    assert raise_.status_code == 200


def test_young_people_keep_protective_defaults(client: Any, cast: Any) -> None:
    settings = client.get("/api/v1/me/privacy", headers=cast.teen.headers).json
    assert settings["allow_connection_requests"] is False and settings["youth_dms_enabled"] is False
    response = client.patch(
        "/api/v1/me/privacy",
        json={"allow_connection_requests": True, "confirm": True},
        headers=cast.teen.headers,
    )
    assert response.status_code == 422


def test_export_contains_every_row_about_the_user(client: Any, cast: Any) -> None:
    adopter = cast.adopter
    add_child(adopter.user.family_id, age=6)
    client.post(f"/api/v1/me/blocks/{cast.guardian.id}", headers=adopter.headers)
    client.post(f"/api/v1/me/mutes/{cast.prospective.id}", headers=adopter.headers)
    data = client.get("/api/v1/me/export", headers=adopter.headers).json
    assert data["user"]["id"] == adopter.id and "password_hash" not in data["user"]
    assert data["privacy_settings"]["user_id"] == adopter.id
    assert [b["blocked_id"] for b in data["blocks"]] == [cast.guardian.id]
    assert [m["muted_id"] for m in data["mutes"]] == [cast.prospective.id]
    assert len(data["children"]) == 1 and data["family"]["id"] == adopter.user.family_id
    assert len(data["sign_in_sessions"]) == 1


def test_deleted_account_cannot_sign_in_and_shows_as_removed(client: Any, cast: Any) -> None:
    adopter = cast.adopter
    email = adopter.user.email
    assert client.delete("/api/v1/me", headers=adopter.headers).status_code == 204
    assert client.get("/api/v1/me", headers=adopter.headers).status_code == 401
    assert service.authenticate_password(email, PASSWORD) is None
    seen = client.get(f"/api/v1/users/{adopter.id}", headers=cast.guardian.headers)
    assert seen.status_code == 404
    assert service.public_profile(db.session.get(User, adopter.id))["display_name"] == "Removed account"


def test_young_people_and_adults_cannot_see_each_other(client: Any, cast: Any) -> None:
    assert client.get(f"/api/v1/users/{cast.teen.id}", headers=cast.adopter.headers).status_code == 404
    assert client.get(f"/api/v1/users/{cast.adopter.id}", headers=cast.teen.headers).status_code == 404
    assert client.get(f"/api/v1/users/{cast.teen.id}", headers=cast.moderator.headers).status_code == 200
    assert (
        client.get(f"/api/v1/users/{cast.teen.id}", headers=cast.lapsed_moderator.headers).status_code == 404
    )
    assert client.get(f"/api/v1/users/{cast.teen2.id}", headers=cast.teen.headers).status_code == 200
