"""The admin rule (least privilege, PRODUCT.md 1; docs/moderation.md section 4): admins are operators
and do not read held content, even in adult groups they can otherwise read; moderators and the
safeguarding lead do. Driven through the API."""

from __future__ import annotations

from typing import Any

from tests.groups.conftest import Screener, World

API = "/api/v1"


def _thread_ids(client: Any, persona: Any, group_id: int) -> set[int]:
    response = client.get(f"{API}/groups/{group_id}/threads?limit=50", headers=persona.headers)
    assert response.status_code == 200, response.json
    return {t["id"] for t in response.json["items"]}


def _post_ids(client: Any, persona: Any, thread_id: int) -> set[int]:
    response = client.get(f"{API}/threads/{thread_id}/posts?limit=50", headers=persona.headers)
    assert response.status_code == 200, response.json
    return {p["id"] for p in response.json["items"]}


def test_admins_do_not_read_held_content_moderators_and_the_lead_do(
    client: Any, cast: Any, world: World, screener: Screener
) -> None:
    group, thread = world.open_adopters, world.adopters_thread
    screener.set("hold", reason="Held for a moderator")
    held = client.post(
        f"{API}/threads/{thread.id}/posts", json={"body": "Held reply"}, headers=cast.adopter.headers
    )
    assert held.status_code == 201 and held.json["status"] == "pending", held.json
    held_post, held_thread = held.json["id"], world.held_thread.id
    published = {world.adopters_opening.id, world.adopters_reply.id}

    # The admin reads the adult group's published content, but nothing held.
    admin = cast.admin
    assert thread.id in _thread_ids(client, admin, group.id)
    assert held_thread not in _thread_ids(client, admin, group.id)
    assert client.get(f"{API}/threads/{held_thread}", headers=admin.headers).status_code == 404
    assert client.get(f"{API}/threads/{held_thread}/posts", headers=admin.headers).status_code == 404
    assert _post_ids(client, admin, thread.id) == published

    # Moderators and the safeguarding lead read it; so does its author.
    for reader in (cast.moderator, cast.dsl, cast.adopter):
        assert held_thread in _thread_ids(client, reader, group.id), reader
        assert client.get(f"{API}/threads/{held_thread}", headers=reader.headers).status_code == 200, reader
        assert _post_ids(client, reader, thread.id) == published | {held_post}, reader
    # Other members see only what is published.
    assert _post_ids(client, cast.mentor, thread.id) == published
