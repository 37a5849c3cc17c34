"""Client issue #11.4: every list of the API is one shape, ``{"items": [...], "next_cursor": str | null}``,
asked for with ``limit`` and an opaque ``cursor`` (``moderation/paging.py``). The list routes are found
from the OpenAPI document, not listed by hand, so a new list in another shape fails here."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from backend.core.db import utcnow
from tests.chat.helpers import make_group

_n = itertools.count(1)


def list_routes(client: Any) -> dict[str, dict[str, Any]]:
    """Every GET under /api/v1 whose answer is a list, or has ``items`` and is not one resource (a
    path ending in its id, like a case with its linked items): path -> the operation."""
    spec = client.get("/api/openapi.json").json
    schemas = spec["components"]["schemas"]

    def resolve(schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
        return schema

    found = {}
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if not path.startswith("/api/v1") or get is None:
            continue
        content = get["responses"].get("200", {}).get("content", {}).get("application/json")
        if content is None:
            continue
        schema = resolve(content["schema"])
        one_resource = path.endswith("}")
        if schema.get("type") == "array" or ("items" in schema.get("properties", {}) and not one_resource):
            found[path] = {**get, "schema": schema}
    return found


# The one list that is not a walk: the playdate finder answers a small random sample of nearby
# families, in a new order each time and never continued (PRODUCT.md 2.4: paging through every
# family around a point would help narrow where a child lives). Same envelope, next_cursor null.
SAMPLES = {"/api/v1/playdates/nearby"}


def test_every_list_route_declares_the_envelope_and_its_parameters(client: Any) -> None:
    routes = list_routes(client)
    assert len(routes) >= 15
    for path, operation in routes.items():
        assert operation["schema"].get("type") != "array", path
        properties = operation["schema"]["properties"]
        assert properties["items"]["type"] == "array", path
        assert "next_cursor" in properties, path
        if path not in SAMPLES:
            assert {"limit", "cursor"} <= {p["name"] for p in operation.get("parameters", [])}, path
    spec = client.get("/api/openapi.json").json
    assert "PaginationMetadata" not in spec["components"]["schemas"]  # no page-number pagination


# --- each list, filled with a few items by the people who make them, read by someone who may ---------


def _post(client: Any, persona: Any, url: str, body: dict[str, Any], **headers: str) -> dict[str, Any]:
    response = client.post(url, json=body, headers={**persona.headers, **headers})
    assert response.status_code == 201, (url, response.json)
    return dict(response.json)


def _group_with_content(client: Any, cast: Any) -> tuple[int, int]:
    """A group of adopters (the adopter in it) with three threads, the last with three replies."""
    group, _room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    threads = [
        _post(
            client,
            cast.adopter,
            f"/api/v1/groups/{group.id}/threads",
            {"title": f"Topic {n}", "body": "Hello"},
        )
        for n in range(3)
    ]
    for n in range(3):
        _post(client, cast.adopter2, f"/api/v1/threads/{threads[-1]['id']}/posts", {"body": f"Reply {n}"})
    return group.id, threads[-1]["id"]


def seed_rooms(client: Any, cast: Any) -> tuple[Any, str]:
    for _ in range(3):
        make_group(cast.agency_worker, "adopters", [cast.adopter])
    return cast.adopter, "/api/v1/rooms"


def seed_messages(client: Any, cast: Any) -> tuple[Any, str]:
    from backend.chat import service as chat

    _group, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    for n in range(3):
        assert chat.do_send_message(cast.adopter.user, room, f"c{n}", f"Message {n}").status == "published"
    return cast.adopter, f"/api/v1/rooms/{room}/messages"


def seed_connections(client: Any, cast: Any) -> tuple[Any, str]:
    for other in (cast.adopter2, cast.guardian, cast.mentor):
        _post(client, cast.adopter, "/api/v1/connections", {"user_id": other.id})
    return cast.adopter, "/api/v1/connections"


def seed_sessions(client: Any, cast: Any) -> tuple[Any, str]:
    for n in range(3):
        starts = utcnow() + timedelta(days=n + 1)
        body = {
            "host_id": cast.agency_worker.id,
            "topic": f"Session {n}",
            "audience": "carers",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=1)).isoformat(),
        }
        _post(client, cast.agency_worker, "/api/v1/sessions", body)
    return cast.adopter, "/api/v1/sessions"


def seed_groups(client: Any, cast: Any) -> tuple[Any, str]:
    for _ in range(3):
        make_group(cast.agency_worker, "adopters", [])
    return cast.adopter, "/api/v1/groups"


def seed_members(client: Any, cast: Any) -> tuple[Any, str]:
    group, _room = make_group(
        cast.agency_worker, "adopters", [cast.adopter, cast.adopter2], [cast.agency_worker]
    )
    return cast.adopter, f"/api/v1/groups/{group.id}/members"


def seed_proposals(client: Any, cast: Any) -> tuple[Any, str]:
    for _ in range(3):
        body = {"name": f"Proposal {next(_n)}", "description": "For us", "audience": "carers"}
        _post(client, cast.adopter, "/api/v1/group-proposals", body)
    return cast.adopter, "/api/v1/group-proposals"


def seed_threads(client: Any, cast: Any) -> tuple[Any, str]:
    group_id, _thread = _group_with_content(client, cast)
    return cast.adopter, f"/api/v1/groups/{group_id}/threads"


def seed_posts(client: Any, cast: Any) -> tuple[Any, str]:
    _group, thread_id = _group_with_content(client, cast)
    return cast.adopter, f"/api/v1/threads/{thread_id}/posts"


def seed_reports(client: Any, cast: Any) -> tuple[Any, str]:
    for other in (cast.adopter2, cast.guardian, cast.mentor):
        body = {"subject_type": "user", "subject_id": other.id, "reason": "bullying"}
        _post(client, cast.adopter, "/api/v1/reports", body, **{"Idempotency-Key": f"k{next(_n)}"})
    return cast.adopter, "/api/v1/reports/mine"


def seed_rules(client: Any, cast: Any) -> tuple[Any, str]:
    for n in range(3):
        rule = {"kind": "term", "value": f"watched phrase {n}", "action": "hold", "priority": 2}
        _post(client, cast.moderator, "/api/v1/moderation/rules", rule)
    return cast.moderator, "/api/v1/moderation/rules"


def seed_queue(client: Any, cast: Any) -> tuple[Any, str]:
    from tests.moderation.helpers import open_item

    for _ in range(3):
        open_item()
    return cast.moderator, "/api/v1/moderation/queue"


def seed_notifications(client: Any, cast: Any) -> tuple[Any, str]:
    from moderation import db, notifications
    from moderation.models import QueueItem
    from tests.moderation.helpers import open_item

    for _ in range(3):
        item_id = open_item()
        with db.write() as session:
            item = session.get(QueueItem, item_id)
            assert item is not None
            notifications.notify_leads(session, "escalated", item)
            session.commit()
    return cast.dsl, "/api/v1/moderation/notifications"


def seed_cases(client: Any, cast: Any) -> tuple[Any, str]:
    for n in range(3):
        _post(client, cast.dsl, "/api/v1/moderation/cases", {"title": f"Concern {n}", "risk_rating": "low"})
    return cast.dsl, "/api/v1/moderation/cases"


def seed_blocks(client: Any, cast: Any) -> tuple[Any, str]:
    for other in (cast.adopter2, cast.guardian, cast.mentor):
        assert client.post(f"/api/v1/me/blocks/{other.id}", headers=cast.adopter.headers).status_code == 201
    return cast.adopter, "/api/v1/me/blocks"


def seed_mutes(client: Any, cast: Any) -> tuple[Any, str]:
    for other in (cast.adopter2, cast.guardian, cast.mentor):
        assert client.post(f"/api/v1/me/mutes/{other.id}", headers=cast.adopter.headers).status_code == 201
    return cast.adopter, "/api/v1/me/mutes"


def seed_protected_terms(client: Any, cast: Any) -> tuple[Any, str]:
    url = "/api/v1/me/family/protected-terms"
    terms = {"terms": ["Aleksander", "Brennan", "Kayleigh-Ann"]}
    assert client.put(url, json=terms, headers=cast.adopter.headers).status_code == 200
    return cast.adopter, url


def seed_appeals(client: Any, cast: Any) -> tuple[Any, str]:
    # Appeals need content a moderator removed; the list is read empty here (the envelope, no cursor):
    # tests/reports/test_reports.py walks a real appeal through it.
    return cast.adopter, "/api/v1/appeals/mine"


def seed_my_notifications(client: Any, cast: Any) -> tuple[Any, str]:
    """Connection requests from three adults tell the adopter three times."""
    for other in (cast.adopter2, cast.guardian, cast.mentor):
        _post(client, other, "/api/v1/connections", {"user_id": cast.adopter.id})
    return cast.adopter, "/api/v1/notifications"


# Journeys (issue #16): articles and stages come from content/ (the project's own files).
SECONDARY = (
    "the-first-term-of-year-7",
    "year-6-to-year-7-planning-ahead",
    "behaviour-policies-and-exclusions",
)


def seed_articles(client: Any, cast: Any) -> tuple[Any, str]:
    return cast.adopter, "/api/v1/articles?stage=moving-to-secondary-school"


def seed_stages(client: Any, cast: Any) -> tuple[Any, str]:
    return cast.adopter, "/api/v1/stages"


def seed_directory(client: Any, cast: Any) -> tuple[Any, str]:
    return cast.guardian, "/api/v1/directory"


def seed_bookmarks(client: Any, cast: Any) -> tuple[Any, str]:
    for slug in SECONDARY:
        response = client.put(f"/api/v1/articles/{slug}/bookmark", headers=cast.adopter.headers)
        assert response.status_code == 201, response.json
    return cast.adopter, "/api/v1/me/bookmarks"


def seed_feedback_summary(client: Any, cast: Any) -> tuple[Any, str]:
    for slug in SECONDARY:
        _post(client, cast.adopter, f"/api/v1/articles/{slug}/feedback", {"helpful": True})
    return cast.agency_worker, "/api/v1/articles/feedback-summary"


def seed_suggestions(client: Any, cast: Any) -> tuple[Any, str]:
    from tests.factories import make_user
    from tests.mentoring.helpers import offering, seeking

    for _ in range(3):
        offering(make_user("adopter"), cast.agency_worker, ["buddying"])
    seeking(cast.prospective)
    made = _post(client, cast.prospective, "/api/v1/mentoring/requests", {"scheme": "buddying"})
    return cast.prospective, f"/api/v1/mentoring/requests/{made['id']}/suggestions"


def seed_mentoring_matches(client: Any, cast: Any) -> tuple[Any, str]:
    from backend.mentoring import requests
    from tests.factories import make_user
    from tests.mentoring.helpers import offering, seeking

    seeking(cast.prospective)
    for _ in range(3):
        mentor = offering(make_user("adopter"), cast.agency_worker, ["buddying"])
        request = requests.do_create_request(
            cast.prospective.user, scheme="buddying", goals="", preferences=[], needs=[], stages=[]
        )
        requests.do_choose(cast.prospective.user, request.id, mentor.id)
    return cast.prospective, "/api/v1/mentoring/matches"


# Application tracking and consultations (issue #17).
def seed_applications(client: Any, cast: Any) -> tuple[Any, str]:
    """Two families start three applications; their agency's worker reads the caseload."""
    for family, workflow in (
        (cast.adopter, "asgsf_application"),
        (cast.adopter, "local_support_pathway"),
        (cast.guardian, "asgsf_application"),
    ):
        _post(client, family, "/api/v1/applications", {"workflow": workflow})
    return cast.agency_worker, "/api/v1/applications"


def seed_workflows(client: Any, cast: Any) -> tuple[Any, str]:
    return cast.adopter, "/api/v1/workflows"  # the three shipped definitions


def seed_consultations(client: Any, cast: Any) -> tuple[Any, str]:
    for n in range(3):
        question = {
            "kind": "single_choice",
            "text": "Did you join a group this year?",
            "options": ["yes", "no"],
        }
        body = {"title": f"Our groups in {2027 + n}", "audience": "carers", "questions": [question]}
        _post(client, cast.agency_worker, "/api/v1/consultations", body)
    return cast.adopter, "/api/v1/consultations"


# Playdates and events (issue #19).
def seed_events(client: Any, cast: Any) -> tuple[Any, str]:
    from tests.events.helpers import event_body

    for n in range(3):
        _post(client, cast.agency_worker, "/api/v1/events", event_body(title=f"Stay and play {n}"))
    return cast.adopter, "/api/v1/events"


def seed_playdate_invitations(client: Any, cast: Any) -> tuple[Any, str]:
    """Three verified families near the adopter each invite them."""
    from tests.playdates.helpers import handles, put_profile

    put_profile(client, cast.adopter)
    me = client.get("/api/v1/playdates/profile", headers=cast.adopter.headers).json["handle"]
    from backend.accounts import personas as p
    from tests.factories import make_user

    for other in (cast.adopter2, cast.guardian, make_user(p.ADOPTER)):
        put_profile(client, other)
        assert me in handles(client, other)
        start = utcnow() + timedelta(days=3)
        window = {"window_start": start.isoformat(), "window_end": (start + timedelta(hours=2)).isoformat()}
        invitation = {"handle": me, "venue_type": "park", "venue_details": "By the slide", **window}
        _post(client, other, "/api/v1/playdates/invitations", invitation)
    return cast.adopter, "/api/v1/playdates/invitations"


SEEDS: dict[str, Callable[[Any, Any], tuple[Any, str]]] = {
    "/api/v1/mentoring/requests/{request_id}/suggestions": seed_suggestions,
    "/api/v1/mentoring/matches": seed_mentoring_matches,
    "/api/v1/rooms": seed_rooms,
    "/api/v1/rooms/{room_id}/messages": seed_messages,
    "/api/v1/connections": seed_connections,
    "/api/v1/sessions": seed_sessions,
    "/api/v1/groups": seed_groups,
    "/api/v1/groups/{group_id}/members": seed_members,
    "/api/v1/group-proposals": seed_proposals,
    "/api/v1/groups/{group_id}/threads": seed_threads,
    "/api/v1/threads/{thread_id}/posts": seed_posts,
    "/api/v1/reports/mine": seed_reports,
    "/api/v1/appeals/mine": seed_appeals,
    "/api/v1/me/blocks": seed_blocks,
    "/api/v1/me/mutes": seed_mutes,
    "/api/v1/me/family/protected-terms": seed_protected_terms,
    "/api/v1/moderation/rules": seed_rules,
    "/api/v1/moderation/queue": seed_queue,
    "/api/v1/moderation/notifications": seed_notifications,
    "/api/v1/moderation/cases": seed_cases,
    "/api/v1/notifications": seed_my_notifications,
    "/api/v1/applications": seed_applications,
    "/api/v1/workflows": seed_workflows,
    "/api/v1/consultations": seed_consultations,
    "/api/v1/events": seed_events,
    "/api/v1/playdates/invitations": seed_playdate_invitations,
    "/api/v1/articles": seed_articles,
    "/api/v1/stages": seed_stages,
    "/api/v1/directory": seed_directory,
    "/api/v1/me/bookmarks": seed_bookmarks,
    "/api/v1/articles/feedback-summary": seed_feedback_summary,
}


def test_every_list_route_has_a_walk_below(client: Any) -> None:
    assert set(list_routes(client)) == set(SEEDS) | SAMPLES


def _get(client: Any, persona: Any, url: str, **query: Any) -> dict[str, Any]:
    joiner = "&" if "?" in url else "?"
    full = url + (joiner + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    response = client.get(full, headers=persona.headers)
    assert response.status_code == 200, (full, response.json)
    body = dict(response.json)
    assert isinstance(body["items"], list) and "next_cursor" in body, (full, body)
    return body


def _key(item: dict[str, Any]) -> Any:
    return item.get("id", item.get("user_id", item.get("term", item.get("slug", item.get("rank")))))


@pytest.mark.parametrize("path", sorted(SEEDS))
def test_each_list_pages_with_limit_and_cursor(client: Any, cast: Any, path: str) -> None:
    """``limit`` bounds a page; ``cursor`` continues it; walking one item at a time gives exactly the
    whole list in the same order and ends with ``next_cursor`` null."""
    reader, url = SEEDS[path](client, cast)
    whole = _get(client, reader, url, limit=20)
    assert whole["next_cursor"] is None
    if path == "/api/v1/appeals/mine":
        assert whole["items"] == []
        return
    assert len(whole["items"]) >= 3, (path, whole)
    walked: list[Any] = []
    page = _get(client, reader, url, limit=1)
    while True:
        assert len(page["items"]) <= 1, path
        walked.extend(_key(i) for i in page["items"])
        if page["next_cursor"] is None:
            break
        assert len(walked) <= len(whole["items"]), (path, walked)
        page = _get(client, reader, url, limit=1, cursor=page["next_cursor"])
    assert walked == [_key(i) for i in whole["items"]], path


def test_a_cursor_that_is_not_ours_is_a_422_naming_it(client: Any, cast: Any) -> None:
    for url in ("/api/v1/rooms", "/api/v1/groups", "/api/v1/reports/mine", "/api/v1/rooms/1/messages"):
        for cursor in ("nonsense", "WzEsMl0", "WyJ4Il0", "Wzk5OTk5OTk5OTk5XQ"):  # junk, [1,2], ["x"], [huge]
            response = client.get(f"{url}?cursor={cursor}", headers=cast.adopter.headers)
            assert response.status_code == 422 and list(response.json["errors"]) == ["cursor"], (url, cursor)
