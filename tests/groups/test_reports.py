"""Threads and posts are reportable through POST /api/v1/reports under the groups' own access rules;
three distinct verified reporters hide a post, which then behaves like held content."""

from __future__ import annotations

import itertools
from typing import Any

from tests.groups.conftest import World, join

_keys = itertools.count(1)


def report(client: Any, persona: Any, subject_type: str, subject_id: int, reason: str = "bullying") -> Any:
    headers = {**persona.headers, "Idempotency-Key": f"groups-{next(_keys)}"}
    body = {"subject_type": subject_type, "subject_id": str(subject_id), "reason": reason}
    return client.post("/api/v1/reports", json=body, headers=headers)


def test_posts_and_threads_are_reportable_by_those_who_can_see_them(
    client: Any, cast: Any, world: World
) -> None:
    assert report(client, cast.adopter, "post", world.adopters_reply.id).status_code == 201
    assert (
        report(client, cast.prospective, "thread", world.adopters_thread.id).status_code == 201
    )  # a guest reader
    assert report(client, cast.teen, "post", world.youth_post.id).status_code == 201
    # Across the wall, outside the group, or nothing there: the same 404.
    for persona, kind, subject_id in (
        (cast.teen, "post", world.adopters_reply.id),
        (cast.adopter, "post", world.youth_post.id),
        (cast.adopter, "thread", world.youth_thread.id),
        (cast.admin, "post", world.youth_post.id),
        (cast.guardian, "thread", world.invite_thread.id),
        (cast.adopter, "post", 999_999),
    ):
        assert report(client, persona, kind, subject_id).status_code == 404, (persona.user.persona, kind)


def test_three_verified_reporters_hide_a_post(client: Any, cast: Any, world: World) -> None:
    join(cast.adopter2.user, world.open_adopters)
    post_id = world.adopters_reply.id
    for persona in (cast.adopter, cast.adopter2, cast.prospective):
        assert report(client, persona, "post", post_id).status_code == 201
    seen = client.get(f"/api/v1/threads/{world.adopters_thread.id}/posts", headers=cast.adopter.headers).json
    assert post_id not in [p["id"] for p in seen["items"]]
    mine = client.get(f"/api/v1/threads/{world.adopters_thread.id}/posts", headers=cast.mentor.headers).json
    assert {p["id"]: p["status"] for p in mine["items"]}[post_id] == "hidden"
