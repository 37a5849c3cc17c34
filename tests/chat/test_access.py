"""Persona x endpoint (and x socket event) access table for chat, and for every Socket.IO namespace.

Every chat route and method, every client -> server event of the default namespace and the connect
of every namespace (the moderators' /moderation too) is exercised for every persona: who succeeds,
and that everyone else gets the same 404 or refusal (never a 200, never a leak). Coverage is
computed from the tables themselves, against the routes and handlers the app registers.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import current_app

from backend.core import presence
from backend.core.db import utcnow
from backend.extensions import socketio
from tests.chat.helpers import connect, force_verdict, make_group, send
from tests.factories import ALL_PERSONAS, make_user, route_of, routes_of
from tests.moderation.helpers import open_item

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
    # Scheduled by an admin with no DBS check, hosted by DBS-checked staff: scheduling it is no way in.
    youth_session = client.post(
        "/api/v1/sessions",
        json={
            "host_id": cast.agency_worker.id,
            "topic": "Moving to secondary school",
            "audience": "young_people",
            "starts_at": (utcnow() - timedelta(minutes=5)).isoformat(),
            "ends_at": (utcnow() + timedelta(hours=1)).isoformat(),
        },
        headers=cast.admin.headers,
    ).json["room_id"]
    author = connect(app, cast.adopter)
    author.emit("join", {"room": adult_room}, callback=True)
    message = send(author, adult_room, "a message")["id"]
    author.emit("join", {"room": session}, callback=True)
    question = send(author, session, "How do we talk to school about our child's story?")["id"]
    return {
        "adult": adult_room,
        "youth": youth_room,
        "dm": dm,
        "session": session,
        "youth_session": youth_session,
        "message": message,
        "question": question,
    }


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
    # Young people's session: young people and DBS-checked staff (the host among them); not the
    # admin who scheduled it, who has no DBS check, nor a moderator whose check lapsed.
    "youth_session": {*YOUTH_MEMBERS, "agency_worker", "moderator", "dsl"},
}
ROOM_POSTERS = {
    "adult": {*ADULT_MEMBERS},
    "youth": {*YOUTH_MEMBERS, *YOUTH_STAFF},
    "dm": {"adopter", "guardian"},
    "session": ROOM_READERS["session"],
    "youth_session": ROOM_READERS["youth_session"],
}


EVERYONE = {room_key: set(ALL_PERSONAS) for room_key in ROOM_READERS}
_client_ids = itertools.count(1)

Ack = dict[str, Any]
# A client -> server event on the default namespace: the payload for a room, who succeeds in each
# room, and what success looks like. Everyone else gets {"code": 404}. Each persona sends them in
# this order, on one connection per room.
RoomEvent = tuple[str, Callable[[int], dict[str, Any]], dict[str, set[str]], Callable[[Ack], bool]]

ROOM_EVENTS: list[RoomEvent] = [
    ("join", lambda room: {"room": room}, ROOM_READERS, lambda ack: ack.get("ok") is True),
    ("sync", lambda room: {"room": room, "after_seq": 0}, ROOM_READERS, lambda ack: "messages" in ack),
    ("typing", lambda room: {"room": room}, ROOM_POSTERS, lambda ack: ack == {"ok": True}),
    (
        "send",
        lambda room: {"room": room, "client_id": f"access-{next(_client_ids)}", "body": "hello"},
        ROOM_POSTERS,
        lambda ack: ack.get("status") == "published",
    ),
    ("leave", lambda room: {"room": room}, EVERYONE, lambda ack: ack == {"ok": True}),
    # What an event whose JSON does not decode becomes (core.json_input.SocketPacket): only an ack.
    ("_malformed_packet", lambda room: None, EVERYONE, lambda ack: ack["code"] == 400),
]

# Who may connect to each namespace with their token (without one, nobody). Every connection made
# here is closed again, which runs the namespace's disconnect handler.
NAMESPACES = {"/": set(ALL_PERSONAS), "/moderation": MODERATION - {"admin"}}
# Moderators hear of young people's items only with an in-date DBS check.
YOUTH_ITEM_LISTENERS = {"moderator", "dsl"}


@pytest.mark.parametrize("room_key", list(ROOM_READERS))
def test_socket_events_respect_the_walls(app: Any, cast: Any, world: dict[str, Any], room_key: str) -> None:
    room = world[room_key]
    for persona in ALL_PERSONAS:
        actor = getattr(cast, persona)
        socket = connect(app, actor)
        for event, payload_for, allowed, succeeded in ROOM_EVENTS:
            ack = socket.emit(event, payload_for(room), callback=True)
            if persona in allowed[room_key]:
                assert succeeded(ack), (persona, room_key, event, ack)
            else:
                assert ack.get("code") == 404, (persona, room_key, event, ack)
        sockets = len(presence.sids_of([actor.id]))
        socket.disconnect()
        assert len(presence.sids_of([actor.id])) == sockets - 1, (persona, "disconnect not handled")


def test_namespace_connections(app: Any, cast: Any) -> None:
    """Every persona connects to each namespace with their token: only the admitted ones get in,
    nobody gets in without a token. On /moderation, a DBS-lapsed moderator hears of adults' items
    but never of young people's."""
    for namespace, admitted in NAMESPACES.items():
        assert not socketio.test_client(app, namespace=namespace).is_connected(namespace), namespace
        sockets = {
            persona: socketio.test_client(
                app, namespace=namespace, auth={"token": getattr(cast, persona).token}
            )
            for persona in ALL_PERSONAS
        }
        for persona, socket in sockets.items():
            assert socket.is_connected(namespace) == (persona in admitted), (namespace, persona)
        if namespace == "/moderation":
            adult, youth = open_item(2), open_item(2, audience="youth")
            for persona in admitted:
                heard = [
                    e["args"][0]["id"]
                    for e in sockets[persona].get_received(namespace)
                    if e["name"] == "queue_item"
                ]
                expected = [adult, youth] if persona in YOUTH_ITEM_LISTENERS else [adult]
                assert heard == expected, (persona, heard)
        for persona in admitted:
            sockets[persona].disconnect(namespace=namespace)
            assert not sockets[persona].is_connected(namespace), (namespace, persona)


# Events about the socket itself rather than a room, each exercised by a test below.
SOCKET_EVENTS = {("/", "auth")}


def test_auth_binds_a_socket_only_to_its_own_person(app: Any, cast: Any) -> None:
    """Every persona re-authenticates its socket with a fresh token of its own, never another's."""
    for persona in ALL_PERSONAS:
        actor = getattr(cast, persona)
        other = cast.guardian if persona == "adopter" else cast.adopter
        socket = connect(app, actor)
        assert socket.emit("auth", {"token": actor.token}, callback=True)["ok"] is True, persona
        assert socket.emit("auth", {"token": other.token}, callback=True)["code"] == 403, persona
        socket.disconnect()


def test_every_socket_event_is_exercised(app: Any) -> None:
    """Every handler registered on the Socket.IO object (client -> server events and connects, on
    every namespace) is exercised above; and no row names an event nobody handles."""
    registered = {(namespace, event) for event, _handler, namespace in socketio.handlers}
    room_events = {("/", event) for event, *_rest in ROOM_EVENTS}
    connections = {(ns, event) for ns in NAMESPACES for event in ("connect", "disconnect")}
    exercised = room_events | connections | SOCKET_EVENTS
    assert registered <= exercised, registered - exercised
    assert room_events <= registered, room_events - registered
    assert set(NAMESPACES) == {namespace for *_rest, namespace in socketio.handlers}


def _request_to(recipient: Any) -> int:
    """A new connection request to ``recipient`` from a new adopter."""
    requester = make_user("adopter")
    response = current_app.test_client().post(
        "/api/v1/connections", json={"user_id": recipient.id}, headers=requester.headers
    )
    created = response.json
    assert response.status_code == 201 and created is not None, created
    return int(created["id"])


Row = tuple[str, Callable[[Any, dict[str, Any]], str], Callable[[Any], Any] | None, set[str], int]

TABLE: list[Row] = [
    ("GET", lambda c, w: "/api/v1/rooms", None, set(ALL_PERSONAS), 200),
    ("GET", lambda c, w: f"/api/v1/rooms/{w['adult']}/messages", None, ROOM_READERS["adult"], 200),
    ("GET", lambda c, w: f"/api/v1/rooms/{w['youth']}/messages", None, ROOM_READERS["youth"], 200),
    ("GET", lambda c, w: f"/api/v1/rooms/{w['dm']}/messages", None, {"adopter", "guardian"}, 200),
    (
        "GET",
        lambda c, w: f"/api/v1/rooms/{w['youth_session']}/messages",
        None,
        ROOM_READERS["youth_session"],
        200,
    ),
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
    # Only the session's host pins a question in it.
    (
        "PUT",
        lambda c, w: f"/api/v1/rooms/{w['session']}/messages/{w['question']}/pin",
        lambda c: {"pinned": True},
        {"agency_worker"},
        200,
    ),
    # A request is answered only by the person it was sent to (a new request for each call).
    (
        "POST",
        lambda c, w: f"/api/v1/connections/{_request_to(c.guardian)}/accept",
        None,
        {"guardian"},
        200,
    ),
    (
        "POST",
        lambda c, w: f"/api/v1/connections/{_request_to(c.guardian)}/decline",
        None,
        {"guardian"},
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


def test_every_chat_route_is_covered(app: Any, cast: Any, world: dict[str, Any]) -> None:
    """The (method, rule) pairs the table's real paths reach are exactly those the chat feature serves."""
    exercised = {route_of(app, method, path_for(cast, world)) for method, path_for, *_rest in TABLE}
    served = routes_of(app, "chat")
    assert exercised == served, ("missing", served - exercised, "stale", exercised - served)
