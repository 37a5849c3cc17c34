"""Persona x endpoint access table for every moderation route and the reports, appeals and
protected-terms routes: who gets in, and everyone else's 404 (and 401 without a token). Every route
and method of the two features must be exercised by the table."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from flask import current_app

from moderation import api, rules
from tests.factories import (
    ALL_PERSONAS,
    AccessRow,
    assert_access_row,
    assert_table_covers,
    row_ids,
)
from tests.moderation.helpers import decide, open_item

M = "/api/v1/moderation"
MODERATORS = {"moderator", "lapsed_moderator", "dsl"}
DBS_MODERATORS = {"moderator", "dsl"}
LEAD = {"dsl"}
CARERS = {"adopter", "unverified_adopter", "guardian", "mentor"}
_keys = itertools.count(1)


def _rule(c: Any) -> int:
    actor = api.Actor(c.moderator.id, "moderator", "M", may_work_with_young_people=True)
    return int(
        rules.do_add_rule(
            actor, kind="term", value="boathouse", action="hold", priority=2, audience="all", note=""
        )["id"]
    )


def _case(c: Any) -> int:
    return int(
        current_app.test_client()
        .post(f"{M}/cases", json={"title": "t", "risk_rating": "low"}, headers=c.dsl.headers)
        .json["id"]
    )


def _case_action(c: Any) -> str:
    case_id = _case(c)
    body = {"kind": "action", "description": "Call the agency"}
    action_id = (
        current_app.test_client()
        .post(f"{M}/cases/{case_id}/actions", json=body, headers=c.dsl.headers)
        .json["actions"][0]["id"]
    )
    return f"{M}/cases/{case_id}/actions/{action_id}/outcome"


def _appeal_by(persona: str) -> Callable[[Any], dict[str, Any]]:
    """An appeal against the removal of a new post by ``persona`` (a new post for each call)."""

    def body(c: Any) -> dict[str, Any]:
        post_id = 50_000 + next(_keys)
        item_id = open_item(2, author_id=getattr(c, persona).id, type="post", id=str(post_id))
        assert decide(current_app.test_client(), c.moderator, item_id, "remove").status_code == 200
        return {"subject_type": "post", "subject_id": post_id, "reason": "Please look again"}

    return body


TABLE: list[AccessRow] = [
    ("POST", lambda c: f"{M}/screen", lambda c: {"text": "hello", "audience": "adult"}, MODERATORS, 200),
    ("GET", lambda c: f"{M}/rules", None, MODERATORS, 200),
    ("POST", lambda c: f"{M}/rules", lambda c: {"kind": "term", "value": "boathouse"}, MODERATORS, 201),
    ("DELETE", lambda c: f"{M}/rules/{_rule(c)}", None, MODERATORS, 204),
    ("GET", lambda c: f"{M}/queue", None, MODERATORS, 200),
    ("GET", lambda c: f"{M}/queue/{open_item(2)}", None, MODERATORS, 200),
    ("GET", lambda c: f"{M}/queue/{open_item(2, audience='youth')}", None, DBS_MODERATORS, 200),
    ("POST", lambda c: f"{M}/queue/{open_item(2)}/claim", None, MODERATORS, 200),
    ("POST", lambda c: f"{M}/queue/{open_item(2, audience='youth')}/claim", None, DBS_MODERATORS, 200),
    (
        "POST",
        lambda c: f"{M}/queue/{open_item(4, held=False)}/decision",
        lambda c: {"action": "dismiss", "reason": "fine"},
        MODERATORS,
        200,
    ),
    (
        "POST",
        lambda c: f"{M}/queue/{open_item(4, held=False, audience='youth')}/decision",
        lambda c: {"action": "dismiss", "reason": "fine"},
        DBS_MODERATORS,
        200,
    ),
    ("GET", lambda c: f"{M}/notifications", None, LEAD, 200),
    ("GET", lambda c: f"{M}/cases", None, LEAD, 200),
    ("POST", lambda c: f"{M}/cases", lambda c: {"title": "Concern", "risk_rating": "medium"}, LEAD, 201),
    ("GET", lambda c: f"{M}/cases/{_case(c)}", None, LEAD, 200),
    ("PATCH", lambda c: f"{M}/cases/{_case(c)}", lambda c: {"risk_rating": "high"}, LEAD, 200),
    (
        "POST",
        lambda c: f"{M}/cases/{_case(c)}/chronology",
        lambda c: {"occurred_on": "2025-01-02", "text": "Spoke to the agency."},
        LEAD,
        201,
    ),
    (
        "POST",
        lambda c: f"{M}/cases/{_case(c)}/actions",
        lambda c: {"kind": "referral", "referred_to": "lado", "description": "Referral"},
        LEAD,
        201,
    ),
    ("POST", _case_action, lambda c: {"outcome": "Done"}, LEAD, 200),
    ("POST", lambda c: f"{M}/cases/{_case(c)}/items", lambda c: {"item_id": open_item(2)}, LEAD, 201),
    ("GET", lambda c: f"{M}/audit/verify", None, {*MODERATORS, "admin"}, 200),
    # Reports: anyone may report what they can see (young people cannot see adults' profiles).
    (
        "POST",
        lambda c: "/api/v1/reports",
        lambda c: {"subject_type": "user", "subject_id": c.adopter2.id, "reason": "spam"},
        set(ALL_PERSONAS) - {"teen"},
        201,
    ),
    ("GET", lambda c: "/api/v1/reports/mine", None, set(ALL_PERSONAS), 200),
    # Appeals: only the author of the removed content may appeal (adults and young people alike).
    ("POST", lambda c: "/api/v1/appeals", _appeal_by("adopter"), {"adopter"}, 201),
    ("POST", lambda c: "/api/v1/appeals", _appeal_by("teen"), {"teen"}, 201),
    ("GET", lambda c: "/api/v1/appeals/mine", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/me/family/protected-terms", None, CARERS, 200),
    ("PUT", lambda c: "/api/v1/me/family/protected-terms", lambda c: {"terms": ["Jaydn"]}, CARERS, 200),
]


@pytest.mark.parametrize("row", TABLE, ids=row_ids(TABLE))
def test_access_table(client: Any, cast: Any, row: AccessRow) -> None:
    assert_access_row(
        client, cast, row, headers=lambda actor: {**actor.headers, "Idempotency-Key": f"k{next(_keys)}"}
    )


def test_appeals_are_for_the_author_only(client: Any, cast: Any) -> None:
    for n, persona in enumerate(ALL_PERSONAS, start=60_000):
        author = getattr(cast, persona)
        item_id = open_item(2, author_id=author.id, type="post", id=str(n))
        # Nobody decides on their own content (moderation.duties): a colleague removes the moderator's.
        remover = cast.moderator2 if persona == "moderator" else cast.moderator
        assert decide(client, remover, item_id, "remove").status_code == 200
        body = {"subject_type": "post", "subject_id": n, "reason": "Please look again"}
        for other in ALL_PERSONAS:
            if other != persona:
                assert (
                    client.post(
                        "/api/v1/appeals", json=body, headers=getattr(cast, other).headers
                    ).status_code
                    == 404
                )
        assert client.post("/api/v1/appeals", json=body).status_code == 401
        assert client.post("/api/v1/appeals", json=body, headers=author.headers).status_code == 201


def test_every_moderation_and_reports_route_is_in_the_table(app: Any, cast: Any) -> None:
    """The (method, rule) pairs the table's real paths reach are exactly those the moderation and
    reports features serve."""
    assert_table_covers(app, cast, TABLE, "moderation", "reports")
