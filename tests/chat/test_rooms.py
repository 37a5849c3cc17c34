"""Connections and direct messages, staffed youth rooms, expert sessions, the rooms list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine

from backend.core.db import utcnow
from tests.chat.helpers import connect, events, force_verdict, join, make_group, send, session_body


@pytest.fixture(autouse=True)
def allow_all(monkeypatch: pytest.MonkeyPatch) -> None:
    force_verdict(monkeypatch, "allow")


def connect_adults(client: Any, a: Any, b: Any) -> None:
    request = client.post("/api/v1/connections", json={"user_id": b.id}, headers=a.headers)
    assert request.status_code == 201, request.json
    accepted = client.post(f"/api/v1/connections/{request.json['id']}/accept", headers=b.headers)
    assert accepted.status_code == 200 and accepted.json["status"] == "accepted"


def test_adults_message_directly_only_once_connected(app: Any, client: Any, cast: Any) -> None:
    a, b = cast.adopter, cast.guardian
    assert client.post("/api/v1/rooms/dm", json={"user_id": b.id}, headers=a.headers).status_code == 404
    connect_adults(client, a, b)
    room = client.post("/api/v1/rooms/dm", json={"user_id": b.id}, headers=a.headers)
    assert room.status_code == 201 and room.json["kind"] == "dm"
    same = client.post("/api/v1/rooms/dm", json={"user_id": a.id}, headers=b.headers)
    assert same.status_code == 200 and same.json["id"] == room.json["id"]
    sa, sb = connect(app, a), connect(app, b)
    join(sa, room.json["id"]), join(sb, room.json["id"])
    assert send(sa, room.json["id"], "hello from Sam")["status"] == "published"
    assert events(sb, "message")[0]["body_html"] == "<p>hello from Sam</p>"
    outsider = connect(app, cast.prospective)
    assert join(outsider, room.json["id"])["code"] == 404
    # A block ends it: no more messages either way.
    client.post(f"/api/v1/me/blocks/{a.id}", headers=b.headers)
    assert send(sa, room.json["id"], "still there?")["code"] == 404


def test_connection_requests_never_involve_young_people(client: Any, cast: Any) -> None:
    assert (
        client.post(
            "/api/v1/connections", json={"user_id": cast.teen.id}, headers=cast.adopter.headers
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/v1/connections", json={"user_id": cast.adopter.id}, headers=cast.teen.headers
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/v1/connections", json={"user_id": cast.teen2.id}, headers=cast.teen.headers
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/v1/rooms/dm", json={"user_id": cast.teen.id}, headers=cast.moderator.headers
        ).status_code
        == 404
    )


def test_connection_requests_respect_privacy_and_blocks(client: Any, cast: Any) -> None:
    client.patch(
        "/api/v1/me/privacy", json={"allow_connection_requests": False}, headers=cast.guardian.headers
    )
    assert (
        client.post(
            "/api/v1/connections", json={"user_id": cast.guardian.id}, headers=cast.adopter.headers
        ).status_code
        == 404
    )
    client.post(f"/api/v1/me/blocks/{cast.adopter.id}", headers=cast.prospective.headers)
    assert (
        client.post(
            "/api/v1/connections", json={"user_id": cast.prospective.id}, headers=cast.adopter.headers
        ).status_code
        == 404
    )
    listed = client.get("/api/v1/connections", headers=cast.adopter.headers)
    assert listed.status_code == 200 and listed.json == {"items": [], "next_cursor": None}


def test_young_people_dm_only_when_both_opt_in_and_share_a_group(app: Any, client: Any, cast: Any) -> None:
    teen, teen2 = cast.teen, cast.teen2
    assert (
        client.post("/api/v1/rooms/dm", json={"user_id": teen2.id}, headers=teen.headers).status_code == 404
    )
    make_group(cast.agency_worker, "young_people", [teen, teen2])
    for t in (teen, teen2):
        r = client.patch(
            "/api/v1/me/privacy", json={"youth_dms_enabled": True, "confirm": True}, headers=t.headers
        )
        assert r.status_code == 200
    room = client.post("/api/v1/rooms/dm", json={"user_id": teen2.id}, headers=teen.headers)
    assert room.status_code == 201
    client.patch("/api/v1/me/privacy", json={"youth_dms_enabled": False}, headers=teen2.headers)
    s = connect(app, teen)
    join(s, room.json["id"])
    assert send(s, room.json["id"], "hey")["code"] == 404


def test_staffed_youth_room_opens_only_while_staff_are_present(app: Any, client: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "young_people", [cast.teen, cast.teen2], staff=[cast.moderator])
    staffed = client.put(
        f"/api/v1/rooms/{room}/staffed", json={"staffed": True}, headers=cast.moderator.headers
    )
    assert staffed.status_code == 200 and staffed.json["open"] is False
    refused = client.put(
        f"/api/v1/rooms/{room}/staffed", json={"staffed": False}, headers=cast.lapsed_moderator.headers
    )
    assert refused.status_code == 404
    teen = connect(app, cast.teen)
    assert join(teen, room)["open"] is False
    assert send(teen, room, "anyone here?")["code"] == 403
    moderator = connect(app, cast.moderator)
    assert join(moderator, room)["open"] is True
    assert events(teen, "room_state")[-1]["open"] is True
    assert send(teen, room, "hi!")["status"] == "published"
    moderator.disconnect()
    assert events(teen, "room_state")[-1]["open"] is False
    assert send(teen, room, "hello?")["code"] == 403


def test_expert_session_is_open_only_inside_its_window(app: Any, client: Any, cast: Any) -> None:
    starts = utcnow() + timedelta(minutes=5)  # close enough that access tokens are still valid then
    body = session_body(cast.agency_worker, "carers", starts, topic="Talking about life story work")
    assert client.post("/api/v1/sessions", json=body, headers=cast.adopter.headers).status_code == 404
    created = client.post("/api/v1/sessions", json=body, headers=cast.agency_worker.headers)
    assert created.status_code == 201
    room = created.json["room_id"]
    listed = client.get("/api/v1/sessions", headers=cast.adopter.headers).json["items"]
    assert [s["id"] for s in listed] == [created.json["id"]]
    assert client.get("/api/v1/sessions", headers=cast.teen.headers).json["items"] == []
    adopter = connect(app, cast.adopter)
    assert join(adopter, room)["open"] is False
    assert send(adopter, room, "early question")["code"] == 403
    with time_machine.travel(starts + timedelta(minutes=1), tick=False):
        host = connect(app, cast.agency_worker)
        join(host, room)
        ack = send(adopter, room, "How do we start?")
        assert ack["status"] == "published"
        pin = client.put(
            f"/api/v1/rooms/{room}/messages/{ack['id']}/pin",
            json={"pinned": True},
            headers=cast.agency_worker.headers,
        )
        assert pin.status_code == 200 and pin.json["pinned"] is True
        not_host = client.put(
            f"/api/v1/rooms/{room}/messages/{ack['id']}/pin", json={}, headers=cast.adopter.headers
        )
        assert not_host.status_code == 404
    teen = connect(app, cast.teen)
    assert join(teen, room)["code"] == 404


def test_youth_sessions_need_a_dbs_checked_host(client: Any, cast: Any) -> None:
    starts = utcnow() + timedelta(hours=1)
    body = {
        "host_id": cast.other_agency_worker.id,  # no DBS record
        "topic": "Moving to secondary school",
        "audience": "young_people",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
    }
    assert client.post("/api/v1/sessions", json=body, headers=cast.agency_worker.headers).status_code == 422
    body["host_id"] = cast.agency_worker.id
    assert client.post("/api/v1/sessions", json=body, headers=cast.agency_worker.headers).status_code == 201


def test_rooms_list_shows_group_rooms_and_dms(client: Any, cast: Any) -> None:
    group, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    make_group(cast.agency_worker, "young_people", [cast.teen])
    rooms = client.get("/api/v1/rooms", headers=cast.adopter.headers).json["items"]
    assert [(r["id"], r["kind"], r["group_id"]) for r in rooms] == [(room, "group", group.id)]
    assert all(
        r["kind"] != "group" or r["group_id"] != group.id
        for r in client.get("/api/v1/rooms", headers=cast.teen.headers).json["items"]
    )


def test_history_over_http_matches_sync(app: Any, client: Any, cast: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice = connect(app, cast.adopter)
    join(alice, room)
    for n in range(3):
        send(alice, room, f"m{n}")
    response = client.get(f"/api/v1/rooms/{room}/messages?after_seq=1", headers=cast.adopter2.headers)
    assert [m["seq"] for m in response.json["items"]] == [2, 3]
    assert client.get(f"/api/v1/rooms/{room}/messages", headers=cast.guardian.headers).status_code == 404
