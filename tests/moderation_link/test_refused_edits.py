"""A refused edit keeps its evidence through a moderation-database outage (PRODUCT.md 2.7, issue #20).

A blocked edit leaves the post or thread as it was (its write is rolled back). With moderation up,
screening stores the refused text as the queue item's snapshot before it answers; with moderation
down, that text lived only in the outbox record added to the edit's transaction, and went with the
rollback: the attempt left no trace for a moderator.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from backend.moderation_link import outbox
from moderation.models import Evidence
from tests.moderation_link.test_outbox import (
    _group_thread,
    _items,
    _moderation_rows,
    _outbox,
    moderation_unreachable,
)

REFUSED = "Meet me at the old boathouse"


def _block_rule(client: Any, cast: Any) -> None:
    added = client.post(
        "/api/v1/moderation/rules",
        json={"kind": "term", "value": "old boathouse", "action": "block", "priority": 1, "audience": "all"},
        headers=cast.moderator.headers,
    )
    assert added.status_code == 201, added.json


def _evidence(subject_type: str, subject_id: int) -> list[Evidence]:
    return [
        e for item in _items(subject_type, subject_id) for e in _moderation_rows(Evidence, item_id=item.id)
    ]


def test_a_post_edit_refused_while_moderation_is_down_keeps_the_refused_text(
    app: Flask, client: Any, cast: Any
) -> None:
    _block_rule(client, cast)
    thread_id = _group_thread(client, cast)
    reply = client.post(
        f"/api/v1/threads/{thread_id}/posts",
        json={"body": "We write ours in May."},
        headers=cast.adopter2.headers,
    )
    assert reply.status_code == 201 and reply.json["status"] == "published"
    url = f"/api/v1/posts/{reply.json['id']}"

    with moderation_unreachable(app):
        refused = client.patch(url, json={"body": REFUSED}, headers=cast.adopter2.headers)
    assert refused.status_code == 422 and refused.json["code"] == 422
    thread = client.get(f"/api/v1/threads/{thread_id}", headers=cast.adopter.headers)
    assert thread.status_code == 200, thread.json
    shown = client.get(f"/api/v1/threads/{thread_id}/posts", headers=cast.adopter.headers)
    [post] = [p for p in shown.json["items"] if p["id"] == reply.json["id"]]
    assert "We write ours in May." in post["body_html"] and "boathouse" not in post["body_html"]

    [record] = _outbox()  # the refusal's evidence outlived the edit's rollback
    assert (record.subject_type, record.subject_id, record.author_id) == (
        "post",
        str(reply.json["id"]),
        cast.adopter2.id,
    )
    assert (record.content, record.action) == (REFUSED, "block")

    assert outbox.deliver_due() == 1
    [evidence] = _evidence("post", reply.json["id"])
    assert evidence.content == REFUSED and evidence.verdict == "block"
    assert _outbox() == []


def test_a_title_edit_refused_while_moderation_is_down_keeps_the_refused_title(
    app: Flask, client: Any, cast: Any
) -> None:
    _block_rule(client, cast)
    thread_id = _group_thread(client, cast)
    with moderation_unreachable(app):
        refused = client.patch(
            f"/api/v1/threads/{thread_id}", json={"title": REFUSED}, headers=cast.adopter.headers
        )
    assert refused.status_code == 422
    thread = client.get(f"/api/v1/threads/{thread_id}", headers=cast.adopter.headers)
    assert thread.json["title"] == "Letterbox contact"

    [record] = _outbox()
    assert (record.subject_type, record.subject_id, record.action) == ("thread", str(thread_id), "block")
    assert record.content.startswith(REFUSED)
    assert outbox.deliver_due() == 1
    [evidence] = _evidence("thread", thread_id)
    assert evidence.content.startswith(REFUSED) and evidence.verdict == "block"


def test_an_edit_refused_while_moderation_is_up_leaves_no_record(app: Flask, client: Any, cast: Any) -> None:
    """Moderation stored the refused text itself: nothing for the outbox, and the next write starts
    with no record left over from the refused one."""
    _block_rule(client, cast)
    thread_id = _group_thread(client, cast)
    refused = client.patch(
        f"/api/v1/threads/{thread_id}", json={"title": REFUSED}, headers=cast.adopter.headers
    )
    assert refused.status_code == 422
    assert _outbox() == []
    [evidence] = _evidence("thread", thread_id)
    assert evidence.content.startswith(REFUSED)
    renamed = client.patch(
        f"/api/v1/threads/{thread_id}",
        json={"title": "Letterbox contact, yearly"},
        headers=cast.adopter.headers,
    )
    assert renamed.status_code == 200 and _outbox() == []
