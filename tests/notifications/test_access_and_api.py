"""Persona x route table for the notifications routes, others' notifications answering 404, and the
features wired in, driven through the API the way people use them."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from backend.core.db import db, utcnow
from backend.notifications import hooks
from backend.notifications import service as notifications
from moderation import api as moderation_api
from tests.factories import ALL_PERSONAS, route_of, routes_of

_n = itertools.count(1)


def _mine(c: Any, persona: str) -> int:
    record = notifications.notify(
        getattr(c, persona).id, "applications", "Stage moved", "", "/a", dedupe_key=f"acc{next(_n)}"
    )
    db.session.commit()
    return record.id


Row = tuple[str, Callable[[Any], str], Callable[[Any], Any] | None, set[str], int]

TABLE: list[Row] = [
    ("GET", lambda c: "/api/v1/notifications", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/notifications?unread=true", None, set(ALL_PERSONAS), 200),
    # One person's notification: only they may mark it (everyone else: 404, as for a missing one).
    ("POST", lambda c: f"/api/v1/notifications/{_mine(c, 'adopter')}/read", None, {"adopter"}, 200),
    ("POST", lambda c: f"/api/v1/notifications/{_mine(c, 'teen')}/read", None, {"teen"}, 200),
    ("POST", lambda c: "/api/v1/notifications/read-all", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c: "/api/v1/notifications/preferences", None, set(ALL_PERSONAS), 200),
    (
        "PATCH",
        lambda c: "/api/v1/notifications/preferences",
        lambda c: {"categories": {"events": "weekly"}},
        set(ALL_PERSONAS),
        200,
    ),
    # The safeguarding category exists only for staff.
    (
        "PATCH",
        lambda c: "/api/v1/notifications/preferences",
        lambda c: {"categories": {"safeguarding": "immediate"}},
        {"agency_worker", "moderator", "lapsed_moderator", "dsl", "admin"},
        200,
    ),
]


@pytest.mark.parametrize("row", TABLE, ids=[f"{m} {i}" for i, (m, *_rest) in enumerate(TABLE)])
def test_access_table(client: Any, cast: Any, row: Row) -> None:
    method, path_for, body_for, allowed, success = row
    for persona in ALL_PERSONAS:
        path = path_for(cast)
        body = body_for(cast) if body_for else None
        response = client.open(path, method=method, json=body, headers=getattr(cast, persona).headers)
        if persona in allowed:
            assert response.status_code == success, (persona, path, response.json)
        else:
            assert response.status_code in (404, 422), (persona, path, response.status_code)
        assert client.open(path, method=method, json=body).status_code == 401


def test_every_notifications_route_is_in_the_table(app: Any, cast: Any) -> None:
    exercised = {route_of(app, method, path_for(cast)) for method, path_for, *_rest in TABLE}
    assert exercised == routes_of(app, "notifications")


def test_others_notifications_are_404_and_never_listed(client: Any, cast: Any) -> None:
    theirs = _mine(cast, "adopter2")
    assert (
        client.post(f"/api/v1/notifications/{theirs}/read", headers=cast.adopter.headers).status_code == 404
    )
    assert client.post("/api/v1/notifications/99999/read", headers=cast.adopter.headers).status_code == 404
    assert client.get("/api/v1/notifications", headers=cast.adopter.headers).json == {
        "items": [],
        "next_cursor": None,
    }
    client.post("/api/v1/notifications/read-all", headers=cast.adopter.headers)
    unread = client.get("/api/v1/notifications?unread=true", headers=cast.adopter2.headers).json["items"]
    assert [n["id"] for n in unread] == [theirs]


def test_list_pages_unread_filter_read_and_the_count_in_me(client: Any, cast: Any) -> None:
    me = cast.adopter
    ids = [_mine(cast, "adopter") for _ in range(5)]
    assert client.get("/api/v1/me", headers=me.headers).json["unread_notifications"] == 5
    first = client.get("/api/v1/notifications?limit=2", headers=me.headers).json
    assert [n["id"] for n in first["items"]] == ids[::-1][:2] and first["next_cursor"]
    rest = client.get(
        f"/api/v1/notifications?limit=10&cursor={first['next_cursor']}", headers=me.headers
    ).json
    assert [n["id"] for n in rest["items"]] == ids[::-1][2:] and rest["next_cursor"] is None
    read = client.post(f"/api/v1/notifications/{ids[0]}/read", headers=me.headers)
    assert read.status_code == 200 and read.json["read"] is True
    assert client.post(f"/api/v1/notifications/{ids[0]}/read", headers=me.headers).status_code == 200
    unread = client.get("/api/v1/notifications?unread=true", headers=me.headers).json["items"]
    assert ids[0] not in [n["id"] for n in unread] and len(unread) == 4
    assert client.post("/api/v1/notifications/read-all", headers=me.headers).json == {
        "marked": 4,
        "unread": 0,
    }
    assert client.get("/api/v1/me", headers=me.headers).json["unread_notifications"] == 0
    assert client.get("/api/v1/notifications?cursor=junk", headers=me.headers).status_code == 422


def test_a_reply_by_another_member_reaches_the_author_through_the_api_alone(client: Any, cast: Any) -> None:
    worker, author, replier = cast.agency_worker, cast.adopter, cast.adopter2
    group = client.post(
        "/api/v1/groups", json={"name": "Year 7 worries", "audience": "adopters"}, headers=worker.headers
    )
    assert group.status_code == 201, group.json
    gid = group.json["id"]
    for person in (author, replier):
        assert client.put(f"/api/v1/groups/{gid}/membership", headers=person.headers).status_code in (
            200,
            201,
        )
    thread = client.post(
        f"/api/v1/groups/{gid}/threads",
        json={"title": "Starting secondary", "body": "How did the first weeks go for yours?"},
        headers=author.headers,
    )
    assert thread.status_code == 201, thread.json
    tid = thread.json["id"]
    reply = client.post(
        f"/api/v1/threads/{tid}/posts",
        json={"body": "Slowly, but better by half term."},
        headers=replier.headers,
    )
    assert reply.status_code == 201, reply.json
    listed = client.get("/api/v1/notifications", headers=author.headers).json["items"]
    assert len(listed) == 1
    [note] = listed
    assert note["title"] == "New reply in Year 7 worries" and note["category"] == "mentions_and_replies"
    assert "better by half term" not in note["title"] + note["body"]  # never the reply's text
    assert note["link"].startswith(f"/groups/{gid}/threads/{tid}")
    # The replier is not told of their own reply; a third reply tells both earlier posters.
    assert client.get("/api/v1/notifications", headers=replier.headers).json["items"] == []
    client.post(f"/api/v1/threads/{tid}/posts", json={"body": "Same here."}, headers=author.headers)
    assert len(client.get("/api/v1/notifications", headers=replier.headers).json["items"]) == 1
    assert len(client.get("/api/v1/notifications", headers=author.headers).json["items"]) == 1


def test_connection_requests_and_acceptances_notify(client: Any, cast: Any) -> None:
    asked = client.post(
        "/api/v1/connections", json={"user_id": cast.guardian.id}, headers=cast.adopter.headers
    )
    assert asked.status_code == 201, asked.json
    [note] = client.get("/api/v1/notifications", headers=cast.guardian.headers).json["items"]
    assert note["title"] == "New connection request" and note["category"] == "chat_message"
    accepted = client.post(f"/api/v1/connections/{asked.json['id']}/accept", headers=cast.guardian.headers)
    assert accepted.status_code == 200, accepted.json
    [back] = client.get("/api/v1/notifications", headers=cast.adopter.headers).json["items"]
    assert back["title"] == "Connection request accepted"
    # Young people can neither send nor receive requests: nothing reaches them this way.
    assert (
        client.post(
            "/api/v1/connections", json={"user_id": cast.teen.id}, headers=cast.adopter.headers
        ).status_code
        == 404
    )
    assert client.get("/api/v1/notifications", headers=cast.teen.headers).json["items"] == []


def test_report_outcomes_and_lead_alerts_become_notifications(client: Any, cast: Any) -> None:
    headers = {**cast.adopter.headers, "Idempotency-Key": "notif-1"}
    body = {"subject_type": "user", "subject_id": str(cast.adopter2.id), "reason": "bullying"}
    assert client.post("/api/v1/reports", json=body, headers=headers).status_code == 201
    queue = client.get("/api/v1/moderation/queue", headers=cast.moderator.headers).json["items"]
    [item] = [
        i for i in queue if i["subject_id"] == cast.adopter2.id or i["subject_id"] == str(cast.adopter2.id)
    ]
    # The deadline passes: the on-call lead's alert is copied into their notifications.
    moderation_api.run_due_timers(utcnow() + timedelta(days=5))
    assert cast.dsl.id  # the lead exists
    db.session.commit()
    assert hooks.copy_lead_alerts() >= 1
    assert hooks.copy_lead_alerts() == 0  # copied once
    alerts = client.get("/api/v1/notifications", headers=cast.dsl.headers).json["items"]
    assert alerts and alerts[0]["category"] == "safeguarding" and "overdue" in alerts[0]["title"]
    decided = client.post(
        f"/api/v1/moderation/queue/{item['id']}/decision",
        json={"action": "dismiss", "reason": "Per policy"},
        headers=cast.moderator.headers,
    )
    assert decided.status_code == 200, decided.json
    [outcome] = client.get("/api/v1/notifications", headers=cast.adopter.headers).json["items"]
    assert outcome["category"] == "moderation_outcome" and outcome["title"] == "Your report has been reviewed"


def test_an_approved_request_to_join_tells_the_person(client: Any, cast: Any) -> None:
    worker, asker = cast.agency_worker, cast.guardian
    group = client.post(
        "/api/v1/groups",
        json={"name": "Kinship carers circle", "audience": "carers", "visibility": "request"},
        headers=worker.headers,
    )
    assert group.status_code == 201, group.json
    gid = group.json["id"]
    assert client.put(f"/api/v1/groups/{gid}/membership", headers=asker.headers).status_code in (
        200,
        201,
        202,
    )
    assert client.get("/api/v1/notifications", headers=asker.headers).json["items"] == []
    approved = client.post(f"/api/v1/groups/{gid}/members/{asker.id}/approve", headers=worker.headers)
    assert approved.status_code == 200, approved.json
    [note] = client.get("/api/v1/notifications", headers=asker.headers).json["items"]
    assert note["title"] == "You have joined Kinship carers circle" and note["category"] == "memberships"
