"""Crisis signposts have one shape everywhere (PRODUCT.md 2.7; ``core.schemas.Signpost``, made by
``safeguarding.signposts_view``): ``{name, contact, description}`` objects in every answer that can
carry them, HTTP and socket alike, whether the text was published, held or refused. Driven through
the API the way a client would, from the group's creation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from backend.chat.models import Room
from backend.core.db import db
from backend.extensions import socketio
from moderation import api as moderation_api
from tests.groups.conftest import Screener

SAMARITANS = moderation_api.Signpost(name="Samaritans", contact="116 123", description="Any time, free")
EXPECTED = [{"name": "Samaritans", "contact": "116 123", "description": "Any time, free"}]
API = "/api/v1"


def _shape(signposts: Any) -> list[dict[str, str]]:
    assert isinstance(signposts, list) and signposts, signposts
    for item in signposts:
        assert isinstance(item, dict) and set(item) == {"name", "contact", "description"}, item
        assert all(isinstance(value, str) and value for value in item.values()), item
    return signposts


def test_every_answer_carries_signposts_as_objects(
    app: Any, client: Any, cast: Any, screener: Screener
) -> None:
    worker, adopter = cast.agency_worker, cast.adopter
    group = client.post(
        f"{API}/groups",
        json={"name": "Signposts test", "description": "A space.", "audience": "adopters"},
        headers=worker.headers,
    )
    assert group.status_code == 201, group.json
    group_id = group.json["id"]
    assert client.put(f"{API}/groups/{group_id}/membership", headers=adopter.headers).status_code in (
        200,
        201,
    )
    places: dict[str, Any] = {}

    # Published with signposts: a new thread, a reply, an edited post, an edited title.
    screener.set("allow", signposts=(SAMARITANS,))
    thread = client.post(
        f"{API}/groups/{group_id}/threads",
        json={"title": "A hard week", "body": "Struggling"},
        headers=adopter.headers,
    )
    assert thread.status_code == 201, thread.json
    places["thread started"] = thread.json["signposts"]
    thread_id = thread.json["id"]
    reply = client.post(
        f"{API}/threads/{thread_id}/posts", json={"body": "Thank you"}, headers=adopter.headers
    )
    assert reply.status_code == 201, reply.json
    places["reply"] = reply.json["signposts"]
    edited = client.patch(
        f"{API}/posts/{reply.json['id']}", json={"body": "Thanks all"}, headers=adopter.headers
    )
    assert edited.status_code == 200, edited.json
    places["post edited"] = edited.json["signposts"]
    title = client.patch(
        f"{API}/threads/{thread_id}", json={"title": "A hard month"}, headers=adopter.headers
    )
    assert title.status_code == 200, title.json
    places["thread edited"] = title.json["signposts"]

    # Held: the author is shown them at once.
    screener.set("hold", reason="Held for a moderator", signposts=(SAMARITANS,))
    held = client.post(f"{API}/threads/{thread_id}/posts", json={"body": "Held"}, headers=adopter.headers)
    assert held.status_code == 201 and held.json["status"] == "pending", held.json
    places["reply held"] = held.json["signposts"]

    # Refused: under errors.signposts, for posts, display names and group proposals alike.
    screener.set("block", reason="Not here", signposts=(SAMARITANS,))
    refused = client.post(
        f"{API}/threads/{thread_id}/posts", json={"body": "Refused"}, headers=adopter.headers
    )
    assert refused.status_code == 422, refused.json
    places["reply refused"] = refused.json["errors"]["signposts"]
    screener.set("hold", reason="Not as a name", signposts=(SAMARITANS,))
    name = client.patch(f"{API}/me", json={"display_name": "Jo Bloggs"}, headers=adopter.headers)
    assert name.status_code == 422, name.json
    places["display name refused"] = name.json["errors"]["signposts"]
    proposal = client.post(
        f"{API}/group-proposals",
        json={"name": "Evening chats", "description": "For carers", "audience": "adopters"},
        headers=adopter.headers,
    )
    assert proposal.status_code == 422, proposal.json
    places["group proposal refused"] = proposal.json["errors"]["signposts"]

    # The chat send ack: held and refused.
    room_id = db.session.scalar(select(Room.id).where(Room.group_id == group_id))
    sock = socketio.test_client(app, auth={"token": adopter.token})
    try:
        assert sock.emit("join", {"room": room_id}, callback=True)["ok"]
        screener.set("hold", reason="Held for a moderator", signposts=(SAMARITANS,))
        ack = sock.emit("send", {"room": room_id, "client_id": "s1", "body": "Held"}, callback=True)
        assert ack["status"] == "pending", ack
        places["chat message held"] = ack["signposts"]
        screener.set("block", reason="Not here", signposts=(SAMARITANS,))
        ack = sock.emit("send", {"room": room_id, "client_id": "s2", "body": "Refused"}, callback=True)
        assert ack["status"] == "blocked", ack
        places["chat message refused"] = ack["signposts"]
    finally:
        sock.disconnect()

    for place, signposts in places.items():
        assert _shape(signposts) == EXPECTED, place

    # A report about self-harm: moderation's own signposts, in the same shape.
    receipt = client.post(
        f"{API}/reports",
        json={"subject_type": "user", "subject_id": cast.adopter2.id, "reason": "self_harm"},
        headers={**adopter.headers, "Idempotency-Key": "signposts-1"},
    )
    assert receipt.status_code == 201, receipt.json
    assert {s["contact"] for s in _shape(receipt.json["signposts"])} >= {"116 123"}
