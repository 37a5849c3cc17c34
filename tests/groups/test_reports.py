"""Threads and posts are reportable through POST /api/v1/reports under the groups' own access rules;
three distinct verified reporters hide a post, which then behaves like held content."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from moderation import api as moderation_api
from tests.groups.conftest import REAL_SCREEN, World, join

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


def _queue_item(client: Any, moderator: Any, subject_type: str, subject_id: int, source: str) -> int:
    page = client.get(f"/api/v1/moderation/queue?source={source}", headers=moderator.headers).json
    ids = [
        i["id"]
        for i in page["items"]
        if (i["subject_type"], i["subject_id"]) == (subject_type, subject_id) and i["status"] == "open"
    ]
    assert len(ids) == 1, page
    return int(ids[0])


def _decide(client: Any, moderator: Any, item_id: int, action: str, **extra: Any) -> None:
    response = client.post(
        f"/api/v1/moderation/queue/{item_id}/decision",
        json={"action": action, "reason": "Per policy", **extra},
        headers=moderator.headers,
    )
    assert response.status_code == 200, response.json


def _bodies(client: Any, reader: Any, thread_id: int) -> list[str]:
    page = client.get(f"/api/v1/threads/{thread_id}/posts", headers=reader.headers).json["items"]
    return [p["body_html"] for p in page]


def test_an_overturned_redaction_puts_the_original_back(client: Any, cast: Any, world: World) -> None:
    """Through the API alone: a reported reply is redacted; a release of a later report leaves the
    redaction in place; its author appeals and a different moderator upholds the appeal: the original
    text is back for every reader, and the redacted text is kept as a version."""
    thread, reply = world.adopters_thread.id, world.adopters_reply.id
    original = "<p>We wrote ours together</p>"
    assert report(client, cast.adopter, "post", reply).status_code == 201
    item = _queue_item(client, cast.moderator, "post", reply, "report")
    _decide(
        client, cast.moderator, item, "redact", replacement="Removed: a detail that could identify someone"
    )
    redacted = "<p>Removed: a detail that could identify someone</p>"
    assert _bodies(client, cast.adopter, thread)[-1] == redacted

    # A report of the redacted text, dismissed by release: that is no appeal, the redaction stands.
    assert report(client, cast.adopter, "post", reply, reason="other").status_code == 201
    _decide(client, cast.moderator2, _queue_item(client, cast.moderator2, "post", reply, "report"), "release")
    assert _bodies(client, cast.adopter, thread)[-1] == redacted

    appealed = client.post(
        "/api/v1/appeals",
        json={"subject_type": "post", "subject_id": str(reply), "reason": "Nothing in it identified anyone"},
        headers=cast.mentor.headers,
    )
    assert appealed.status_code == 201, appealed.json
    appeal_item = _queue_item(client, cast.moderator2, "post", reply, "appeal")
    _decide(client, cast.moderator2, appeal_item, "release")
    assert _bodies(client, cast.adopter, thread)[-1] == original
    assert _bodies(client, cast.mentor, thread)[-1] == original
    mine = client.get("/api/v1/appeals/mine", headers=cast.mentor.headers).json
    assert [(a["subject_id"], a["status"]) for a in mine["items"]] == [(reply, "overturned")]
    exported = client.get("/api/v1/me/export", headers=cast.mentor.headers).json["groups"]["earlier_versions"]
    assert [(v["reason"], v["body_html"]) for v in exported if v["post_id"] == reply] == [
        ("redact", original),
        ("restore", redacted),
    ]


def test_an_overturned_thread_redaction_puts_title_and_opening_back(
    client: Any, cast: Any, world: World
) -> None:
    thread = world.adopters_thread.id
    assert report(client, cast.mentor, "thread", thread).status_code == 201
    item = _queue_item(client, cast.moderator, "thread", thread, "report")
    _decide(client, cast.moderator, item, "redact", replacement="Edited by a moderator")
    detail = client.get(f"/api/v1/threads/{thread}", headers=cast.mentor.headers).json
    assert detail["title"] == "Edited by a moderator"
    assert _bodies(client, cast.mentor, thread)[0] == "<p>Edited by a moderator</p>"
    appealed = client.post(
        "/api/v1/appeals",
        json={"subject_type": "thread", "subject_id": str(thread), "reason": "It was fine"},
        headers=cast.adopter.headers,
    )
    assert appealed.status_code == 201, appealed.json
    _decide(
        client, cast.moderator2, _queue_item(client, cast.moderator2, "thread", thread, "appeal"), "release"
    )
    detail = client.get(f"/api/v1/threads/{thread}", headers=cast.mentor.headers).json
    assert detail["title"] == "Letterbox contact"
    assert _bodies(client, cast.mentor, thread)[0] == "<p>Our first letter</p>"


def test_held_content_is_released_by_a_moderator_through_the_api(
    client: Any, cast: Any, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fixtures' ``decide`` calls the groups' handler directly; a moderator does it over HTTP."""
    monkeypatch.setattr(moderation_api, "screen", REAL_SCREEN)
    thread = world.adopters_thread.id
    held = client.post(
        f"/api/v1/threads/{thread}/posts",
        json={"body": "text me on 07700 900123"},
        headers=cast.adopter.headers,
    )
    assert held.status_code == 201 and held.json["status"] == "pending", held.json
    assert "<p>text me on 07700 900123</p>" not in _bodies(client, cast.mentor, thread)
    queue = client.get("/api/v1/moderation/queue", headers=cast.moderator.headers).json["items"]
    item = next(i for i in queue if (i["subject_type"], i["subject_id"]) == ("post", held.json["id"]))
    _decide(client, cast.moderator, item["id"], "release")
    assert _bodies(client, cast.mentor, thread)[-1] == "<p>text me on 07700 900123</p>"
