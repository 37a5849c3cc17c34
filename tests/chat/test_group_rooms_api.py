"""A group's chat room, reached through the product alone: HTTP and Socket.IO, no internal helper.

A group opens (an agency worker creates it, or approves a carer's proposal), people join it the way
a user does (open: join; request: ask, then a leader or staff approves), the room is in each
member's ``GET /api/v1/rooms``, and a message sent in it over Socket.IO reaches the other member.
Screening is the real one: these words are ordinary.
"""

from __future__ import annotations

from typing import Any

from backend.extensions import socketio


def _rooms(client: Any, persona: Any) -> list[dict[str, Any]]:
    response = client.get("/api/v1/rooms", headers=persona.headers)
    assert response.status_code == 200, response.json
    return list(response.json["items"])


def _room_of(client: Any, persona: Any, group_id: int) -> int:
    rooms = [r for r in _rooms(client, persona) if r["kind"] == "group" and r.get("group_id") == group_id]
    assert len(rooms) == 1, rooms
    return int(rooms[0]["id"])


def _chat(app: Any, sender: Any, receiver: Any, room: int, body: str) -> None:
    """``sender`` and ``receiver`` join ``room`` over Socket.IO; what one sends the other receives."""
    a = socketio.test_client(app, auth={"token": sender.token})
    b = socketio.test_client(app, auth={"token": receiver.token})
    assert a.is_connected() and b.is_connected()
    for socket in (a, b):
        joined = socket.emit("join", {"room": room}, callback=True)
        assert joined["ok"] is True, joined
    b.get_received()
    ack = a.emit("send", {"room": room, "client_id": "hello-1", "body": body}, callback=True)
    assert ack["status"] == "published" and ack["seq"] == 1, ack
    received = [e["args"] for e in b.get_received() if e["name"] == "message"]
    assert [(m["id"], m["seq"], m["body_html"]) for m in received] == [(ack["id"], 1, f"<p>{body}</p>")]
    history = app.test_client().get(f"/api/v1/rooms/{room}/messages", headers=receiver.headers)
    assert [m["id"] for m in history.json["items"]] == [ack["id"]]
    a.disconnect()
    b.disconnect()


def test_a_group_created_by_staff_has_its_room_for_the_people_who_join(
    app: Any, client: Any, cast: Any
) -> None:
    created = client.post(
        "/api/v1/groups",
        json={"name": "Adopters on the coast", "audience": "adopters", "visibility": "request"},
        headers=cast.agency_worker.headers,
    )
    assert created.status_code == 201, created.json
    group_id = created.json["id"]
    # The creator runs the group: the room is theirs at once.
    staff_room = _room_of(client, cast.agency_worker, group_id)

    # Asking to join is not membership: no room yet.
    asked = client.put(f"/api/v1/groups/{group_id}/membership", headers=cast.adopter.headers)
    assert asked.status_code == 201 and asked.json["status"] == "pending"
    assert all(r.get("group_id") != group_id for r in _rooms(client, cast.adopter))
    approved = client.post(
        f"/api/v1/groups/{group_id}/members/{cast.adopter.id}/approve", headers=cast.agency_worker.headers
    )
    assert approved.status_code == 200 and approved.json["status"] == "active"
    assert _room_of(client, cast.adopter, group_id) == staff_room

    # Someone outside the group never sees the room.
    assert all(r.get("group_id") != group_id for r in _rooms(client, cast.guardian))
    _chat(app, cast.adopter, cast.agency_worker, staff_room, "Hello everyone, glad to be here")


def test_a_proposed_group_gets_its_room_when_approved(app: Any, client: Any, cast: Any) -> None:
    proposed = client.post(
        "/api/v1/group-proposals",
        json={
            "name": "Dads who adopted",
            "description": "A place for adoptive dads.",
            "audience": "adopters",
        },
        headers=cast.adopter.headers,
    )
    assert proposed.status_code == 201, proposed.json
    group_id = proposed.json["id"]
    assert all(r.get("group_id") != group_id for r in _rooms(client, cast.adopter))  # not a group yet

    approved = client.post(f"/api/v1/group-proposals/{group_id}/approve", headers=cast.agency_worker.headers)
    assert approved.status_code == 200 and approved.json["status"] == "active"
    room = _room_of(client, cast.adopter, group_id)  # the proposer leads it

    joined = client.put(f"/api/v1/groups/{group_id}/membership", headers=cast.adopter2.headers)
    assert joined.status_code == 201 and joined.json["status"] == "active"
    assert _room_of(client, cast.adopter2, group_id) == room
    _chat(app, cast.adopter2, cast.adopter, room, "Thanks for starting this group")


def test_a_held_message_is_released_by_a_moderator_through_the_api(app: Any, client: Any, cast: Any) -> None:
    """The helpers' ``decide`` calls the chat feature's handler directly; a moderator does it over
    HTTP: find the held message's item in the queue, release it, and the room receives it."""
    group_id = client.post(
        "/api/v1/groups",
        json={"name": "Adopters chat", "audience": "adopters"},
        headers=cast.agency_worker.headers,
    ).json["id"]
    for persona in (cast.adopter, cast.adopter2):
        assert (
            client.put(f"/api/v1/groups/{group_id}/membership", headers=persona.headers).json["status"]
            == "active"
        )
    room = _room_of(client, cast.adopter, group_id)
    sender = socketio.test_client(app, auth={"token": cast.adopter.token})
    reader = socketio.test_client(app, auth={"token": cast.adopter2.token})
    for socket in (sender, reader):
        assert socket.emit("join", {"room": room}, callback=True)["ok"] is True
    reader.get_received()
    ack = sender.emit(
        "send", {"room": room, "client_id": "held-1", "body": "text me on 07700 900123"}, callback=True
    )
    assert ack["status"] == "pending" and ack["seq"] is None, ack
    assert [e for e in reader.get_received() if e["name"] == "message"] == []

    queue = client.get("/api/v1/moderation/queue", headers=cast.moderator.headers).json["items"]
    item = next(i for i in queue if (i["subject_type"], i["subject_id"]) == ("message", ack["id"]))
    decided = client.post(
        f"/api/v1/moderation/queue/{item['id']}/decision",
        json={"action": "release", "reason": "A shared helpline number, not a person's"},
        headers=cast.moderator.headers,
    )
    assert decided.status_code == 200, decided.json
    released = [e["args"][0] for e in reader.get_received() if e["name"] == "message_released"]
    assert [(m["id"], m["seq"], m["status"]) for m in released] == [(ack["id"], 1, "published")]
    sender.disconnect()
    reader.disconnect()
