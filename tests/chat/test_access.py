"""Persona x endpoint (and x socket event) access table for chat.

Every chat route and every client -> server event is exercised for every persona: who succeeds,
and that everyone else gets the same 404 (never a 200, never a leak).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from backend.core.db import utcnow
from tests.chat.helpers import connect, force_verdict, make_group, send
from tests.factories import ALL_PERSONAS

ADULT_MEMBERS = ("adopter", "guardian", "mentor")
YOUTH_MEMBERS = ("teen",)
YOUTH_STAFF = ("moderator",)


@pytest.fixture
def world(app: Any, cast: Any, client: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """An adults' group room, a youth room with DBS-checked staff, a DM and an expert session."""
    force_verdict(monkeypatch, "allow")
    _, adult_room = make_group(cast.agency_worker, "carers", [getattr(cast, n) for n in ADULT_MEMBERS])
    _, youth_room = make_group(
        cast.agency_worker,
        "young_people",
        [cast.teen, cast.teen2],
        staff=[cast.moderator, cast.lapsed_moderator],
    )
    request = client.post(
        "/api/v1/connections", json={"user_id": cast.guardian.id}, headers=cast.adopter.headers
    )
    client.post(f"/api/v1/connections/{request.json['id']}/accept", headers=cast.guardian.headers)
    dm = client.post(
        "/api/v1/rooms/dm", json={"user_id": cast.guardian.id}, headers=cast.adopter.headers
    ).json["id"]
    session = client.post(
        "/api/v1/sessions",
        json={
            "host_id": cast.agency_worker.id,
            "topic": "Starting secondary school",
            "audience": "carers",
            "starts_at": (utcnow() - timedelta(minutes=5)).isoformat(),
            "ends_at": (utcnow() + timedelta(hours=1)).isoformat(),
        },
        headers=cast.agency_worker.headers,
    ).json["room_id"]
    author = connect(app, cast.adopter)
    author.emit("join", {"room": adult_room}, callback=True)
    message = send(author, adult_room, "a message")["id"]
    return {"adult": adult_room, "youth": youth_room, "dm": dm, "session": session, "message": message}


# Who may read each room (join, sync, history) and who may post (send, typing). Moderation staff
# observe adult group rooms (youth rooms only with an in-date DBS check) but do not post there;
# assigned staff post.
MODERATION = {"moderator", "lapsed_moderator", "dsl", "admin"}
ROOM_READERS = {
    "adult": {*ADULT_MEMBERS, *MODERATION},
    "youth": {*YOUTH_MEMBERS, "moderator", "dsl"},
    "dm": {"adopter", "guardian"},
    # Carers' session: verified carers, staff and the host; not prospective adopters or adult adoptees.
    "session": {"adopter", "guardian", "mentor", "agency_worker", *MODERATION},
}
ROOM_POSTERS = {
    "adult": {*ADULT_MEMBERS},
    "youth": {*YOUTH_MEMBERS, *YOUTH_STAFF},
    "dm": {"adopter", "guardian"},
    "session": ROOM_READERS["session"],
}


@pytest.mark.parametrize("room_key", list(ROOM_READERS))
def test_socket_events_respect_the_walls(app: Any, cast: Any, world: dict[str, Any], room_key: str) -> None:
    room = world[room_key]
    for persona in ALL_PERSONAS:
        socket = connect(app, getattr(cast, persona))
        joined = socket.emit("join", {"room": room}, callback=True)
        synced = socket.emit("sync", {"room": room, "after_seq": 0}, callback=True)
        if persona in ROOM_READERS[room_key]:
            assert joined.get("ok") is True and "messages" in synced, (persona, joined)
        else:
            assert joined.get("code") == 404 and synced.get("code") == 404, (persona, room_key, joined)
        typed = socket.emit("typing", {"room": room}, callback=True)
        sent = send(socket, room, f"hello from {persona}")
        if persona in ROOM_POSTERS[room_key]:
            assert typed == {"ok": True} and sent.get("status") == "published", (persona, sent)
        else:
            assert typed.get("code") == 404 and sent.get("code") == 404, (persona, room_key, sent)
        assert socket.emit("leave", {"room": room}, callback=True) == {"ok": True}
        socket.disconnect()


Row = tuple[str, Callable[[Any, dict[str, Any]], str], Callable[[Any], Any] | None, set[str], int]

TABLE: list[Row] = [
    ("GET", lambda c, w: "/api/v1/rooms", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c, w: f"/api/v1/rooms/{w['adult']}/messages", None, ROOM_READERS["adult"], 200),
    ("GET", lambda c, w: f"/api/v1/rooms/{w['youth']}/messages", None, ROOM_READERS["youth"], 200),
    ("GET", lambda c, w: f"/api/v1/rooms/{w['dm']}/messages", None, {"adopter", "guardian"}, 200),
    (
        "PUT",
        lambda c, w: f"/api/v1/rooms/{w['youth']}/staffed",
        lambda c: {"staffed": True},
        {"moderator", "dsl"},
        200,
    ),
    ("PUT", lambda c, w: f"/api/v1/rooms/{w['adult']}/staffed", lambda c: {"staffed": True}, set(), 200),
    ("POST", lambda c, w: "/api/v1/rooms/dm", lambda c: {"user_id": c.guardian.id}, {"adopter"}, 200),
    ("POST", lambda c, w: "/api/v1/rooms/dm", lambda c: {"user_id": c.teen.id}, set(), 200),
    ("GET", lambda c, w: "/api/v1/connections", None, set(ALL_PERSONAS), 200),
    (
        "POST",
        lambda c, w: "/api/v1/connections",
        lambda c: {"user_id": c.adopter2.id},
        set(ALL_PERSONAS) - {"teen"},
        201,
    ),
    ("POST", lambda c, w: "/api/v1/connections", lambda c: {"user_id": c.teen2.id}, set(), 201),
    ("GET", lambda c, w: "/api/v1/sessions", None, set(ALL_PERSONAS), 200),
    (
        "POST",
        lambda c, w: "/api/v1/sessions",
        lambda c: {
            "host_id": c.agency_worker.id,
            "topic": "Q&A",
            "audience": "adult_adoptees",
            "starts_at": utcnow().isoformat(),
            "ends_at": (utcnow() + timedelta(hours=1)).isoformat(),
        },
        {"agency_worker", "admin"},
        201,
    ),
    (
        "PUT",
        lambda c, w: f"/api/v1/rooms/{w['session']}/messages/{w['message']}/pin",
        lambda c: {"pinned": True},
        set(),  # the message is not in the session room: nobody may pin it there
        200,
    ),
]


@pytest.mark.parametrize("row", TABLE, ids=[f"{r[0]} {i}" for i, r in enumerate(TABLE)])
def test_access_table(client: Any, cast: Any, world: dict[str, Any], row: Row) -> None:
    method, path_for, body_for, allowed, success = row
    for persona in ALL_PERSONAS:
        actor = getattr(cast, persona)
        path = path_for(cast, world)
        body = body_for(cast) if body_for else None
        response = client.open(path, method=method, json=body, headers=actor.headers)
        if persona in allowed:
            assert response.status_code == success, (persona, path, response.json)
        else:
            assert response.status_code == 404, (persona, path, response.status_code, response.json)
        assert client.open(path, method=method, json=body).status_code == 401


def test_connection_answers_only_by_the_recipient(client: Any, cast: Any) -> None:
    request = client.post(
        "/api/v1/connections", json={"user_id": cast.guardian.id}, headers=cast.adopter.headers
    )
    cid = request.json["id"]
    for persona in ALL_PERSONAS:
        if persona == "guardian":
            continue
        for action in ("accept", "decline"):
            response = client.post(
                f"/api/v1/connections/{cid}/{action}", headers=getattr(cast, persona).headers
            )
            assert response.status_code == 404, persona
    assert client.post(f"/api/v1/connections/{cid}/decline", headers=cast.guardian.headers).status_code == 200


def test_every_chat_route_is_covered(app: Any) -> None:
    covered = {
        "/api/v1/rooms",
        "/api/v1/rooms/<int:room_id>/messages",
        "/api/v1/rooms/<int:room_id>/staffed",
        "/api/v1/rooms/dm",
        "/api/v1/connections",
        "/api/v1/connections/<int:connection_id>/accept",
        "/api/v1/connections/<int:connection_id>/decline",
        "/api/v1/sessions",
        "/api/v1/rooms/<int:room_id>/messages/<int:message_id>/pin",
    }
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("chat.")}
    assert routes == covered, routes ^ covered
