"""Persona x endpoint access table for the accounts routes: who gets in, and everyone else's 404/401.

Each row: method, path (built from the cast), body, the personas that succeed, the success status.
Everyone else must get the denial status (404 for things that exist but are not theirs; never 200).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from backend.accounts import service
from tests.factories import ALL_PERSONAS, add_child

CARERS = {"adopter", "unverified_adopter", "guardian", "mentor"}
WORKERS = {"agency_worker", "admin"}


def _child_of_adopter(cast: Any) -> int:
    return add_child(cast.adopter.user.family_id, age=14).id


Row = tuple[str, Callable[[Any], str], Callable[[Any], Any] | None, set[str], int]

TABLE: list[Row] = [
    ("GET", lambda c: "/api/v1/me", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/me/privacy", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/me/export", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/me/blocks", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/me/family", None, CARERS, 200),
    ("PATCH", lambda c: "/api/v1/me/family", lambda c: {"region": "North West"}, CARERS, 200),
    (
        "POST",
        lambda c: "/api/v1/me/family/children",
        lambda c: {"birth_month": 3, "birth_year": 2016, "legal_route": "kinship"},
        CARERS,
        201,
    ),
    ("GET", lambda c: f"/api/v1/families/{c.adopter.user.family_id}", None, {"adopter", *WORKERS}, 200),
    ("POST", lambda c: f"/api/v1/families/{c.guardian.user.family_id}/verify", None, WORKERS, 200),
    ("POST", lambda c: f"/api/v1/users/{c.adult_adoptee.id}/verify", None, WORKERS, 200),
    (
        "PUT",
        lambda c: f"/api/v1/users/{c.moderator2.id}/vetting",
        lambda c: {"dbs_checked_on": service.today().isoformat()},
        WORKERS,
        200,
    ),
    (
        "POST",
        lambda c: "/api/v1/invitations",
        lambda c: {"child_id": _child_of_adopter(c)},
        {"adopter", "agency_worker"},
        201,
    ),
    (
        "POST",
        lambda c: f"/api/v1/admin/users/{c.moderator2.id}/persona",
        lambda c: {"persona": "safeguarding_lead"},
        {"admin"},
        200,
    ),
    (
        "POST",
        lambda c: f"/api/v1/admin/users/{c.adopter2.id}/suspension",
        lambda c: {"suspended": True, "reason": "access test"},
        {"admin"},
        200,
    ),
    # The audience wall on people: adults see adults, young people see young people, DBS-checked staff both.
    (
        "GET",
        lambda c: f"/api/v1/users/{c.teen2.id}",
        None,
        {"teen", "agency_worker", "moderator", "dsl"},
        200,
    ),
    ("GET", lambda c: f"/api/v1/users/{c.adopter2.id}", None, set(ALL_PERSONAS) - {"teen"}, 200),
    ("POST", lambda c: f"/api/v1/me/blocks/{c.adopter2.id}", None, set(ALL_PERSONAS), 204),
    ("POST", lambda c: f"/api/v1/me/mutes/{c.adopter2.id}", None, set(ALL_PERSONAS), 204),
]


@pytest.mark.parametrize("row", TABLE, ids=[f"{m} {i}" for i, (m, *_rest) in enumerate(TABLE)])
def test_access_table(client: Any, cast: Any, row: Row) -> None:
    method, path_for, body_for, allowed, success = row
    for persona in ALL_PERSONAS:
        actor = getattr(cast, persona)
        path = path_for(cast)
        body = body_for(cast) if body_for else None
        response = client.open(path, method=method, json=body, headers=actor.headers)
        if persona in allowed:
            assert response.status_code == success, (persona, path, response.json)
        else:
            assert response.status_code in (404, 422), (persona, path, response.status_code)
            assert response.status_code != success
        # Without a token, nothing but 401.
        assert client.open(path, method=method, json=body).status_code == 401


def test_every_accounts_route_is_in_the_table(app: Any) -> None:
    """A new accounts route must be added to the access table (or to the public list)."""
    covered = {
        "/api/v1/me",
        "/api/v1/me/privacy",
        "/api/v1/me/export",
        "/api/v1/me/blocks",
        "/api/v1/me/family",
        "/api/v1/me/family/children",
        "/api/v1/families/<int:family_id>",
        "/api/v1/families/<int:family_id>/verify",
        "/api/v1/users/<int:user_id>/verify",
        "/api/v1/users/<int:user_id>/vetting",
        "/api/v1/invitations",
        "/api/v1/admin/users/<int:user_id>/persona",
        "/api/v1/admin/users/<int:user_id>/suspension",
        "/api/v1/users/<int:user_id>",
        "/api/v1/me/blocks/<int:user_id>",
        "/api/v1/me/mutes/<int:user_id>",
        # covered by their own tests
        "/api/v1/accounts",
        "/api/v1/invitations/accept",
        "/api/v1/me/family/children/<int:child_id>",
    }
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("accounts.")}
    assert routes <= covered, routes - covered
