"""Posting is rate-limited per person before any costly work (security issue #10.10): a flood from
one account is refused before its text is rendered or screened, over HTTP and over Socket.IO."""

from __future__ import annotations

from typing import Any

import pytest

from backend.chat import messages as chat_messages
from backend.groups import posting as groups_posting
from tests.chat.helpers import connect, join, make_group, send


def _counting_renders(monkeypatch: pytest.MonkeyPatch, module: Any) -> list[str]:
    rendered: list[str] = []
    real = module.render_markdown

    def counting(text: str) -> str:
        rendered.append(text)
        return str(real(text))

    monkeypatch.setattr(module, "render_markdown", counting)
    return rendered


def test_posts_threads_and_edits_share_one_limit_checked_before_rendering(
    app: Any, client: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.config["RATE_LIMIT_POST"] = "3/minute"
    group, _room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    rendered = _counting_renders(monkeypatch, groups_posting)
    headers = cast.adopter.headers
    thread = client.post(
        f"/api/v1/groups/{group.id}/threads", json={"title": "Hello", "body": "First"}, headers=headers
    )
    assert thread.status_code == 201
    reply = client.post(
        f"/api/v1/threads/{thread.json['id']}/posts", json={"body": "Second"}, headers=headers
    )
    assert reply.status_code == 201
    edit = client.patch(f"/api/v1/posts/{reply.json['id']}", json={"body": "Second, edited"}, headers=headers)
    assert edit.status_code == 200
    assert len(rendered) == 3
    refused = [
        client.post(
            f"/api/v1/groups/{group.id}/threads", json={"title": "Again", "body": "x"}, headers=headers
        ),
        client.post(f"/api/v1/threads/{thread.json['id']}/posts", json={"body": "Third"}, headers=headers),
        client.patch(f"/api/v1/threads/{thread.json['id']}", json={"title": "Renamed"}, headers=headers),
    ]
    for response in refused:
        assert response.status_code == 429
        assert set(response.json) == {"code", "message", "errors"}
    assert len(rendered) == 3  # nothing refused was rendered
    # The limit is per person: someone else in the same group still posts.
    other = client.post(
        f"/api/v1/threads/{thread.json['id']}/posts", json={"body": "Hi"}, headers=cast.adopter2.headers
    )
    assert other.status_code == 201


def test_group_proposals_count_towards_the_posting_limit(app: Any, client: Any, cast: Any) -> None:
    app.config["RATE_LIMIT_POST"] = "1/minute"
    proposal = {
        "name": "Kinship cuppa",
        "description": "Tea.",
        "audience": "adopters",
        "region": "North West",
    }
    assert (
        client.post("/api/v1/group-proposals", json=proposal, headers=cast.adopter.headers).status_code == 201
    )
    again = client.post("/api/v1/group-proposals", json=proposal, headers=cast.adopter.headers)
    assert again.status_code == 429


def test_chat_messages_over_the_limit_are_refused_before_rendering(
    app: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.config["RATE_LIMIT_MESSAGE"] = "3/minute"
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    rendered = _counting_renders(monkeypatch, chat_messages)
    alice = connect(app, cast.adopter)
    join(alice, room)
    first = send(alice, room, "hello there", client_id="first")
    acks = [send(alice, room, f"message {n}") for n in range(4)]
    assert first["status"] == "published"
    assert [a.get("code") for a in acks] == [None, None, 429, 429]
    assert len(rendered) == 3
    # A retry of a message already stored is answered with its ack, even over the limit.
    assert send(alice, room, "hello there", client_id="first") == first
