"""Looping ``sync`` always ends: ``last_seq`` is the seq the server read up to, not the last message
it returned, so a page where every message is hidden from the reader (blocked, muted) still moves on
(docs/realtime.md, "Catching up")."""

from __future__ import annotations

from typing import Any

import pytest

from tests.chat.helpers import connect, force_verdict, join, make_group, send


@pytest.fixture
def allow_all(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    return force_verdict(monkeypatch, "allow")


def _sync_all(client: Any, room: int, limit: int) -> tuple[list[str], int]:
    """The documented loop: pass the answer's last_seq back until has_more is false."""
    seen, after, pages = [], 0, 0
    while True:
        answer = client.emit("sync", {"room": room, "after_seq": after, "limit": limit}, callback=True)
        pages += 1
        assert pages < 20, "sync did not advance"
        assert answer["last_seq"] >= after
        seen += [m["body_html"] for m in answer["messages"]]
        if not answer["has_more"]:
            return seen, answer["last_seq"]
        assert answer["last_seq"] > after  # a page with more to come always moves forward
        after = answer["last_seq"]


def test_a_page_of_hidden_messages_still_advances(app: Any, client: Any, cast: Any, allow_all: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    send(alice, room, "before")
    assert (
        client.post(f"/api/v1/me/blocks/{cast.adopter.id}", headers=cast.adopter2.headers).status_code == 201
    )
    for n in range(5):
        send(alice, room, f"hidden {n}")
    client.delete(f"/api/v1/me/blocks/{cast.adopter.id}", headers=cast.adopter2.headers)
    send(alice, room, "after")
    client.post(f"/api/v1/me/blocks/{cast.adopter.id}", headers=cast.adopter2.headers)

    # Every message on the second page (seqs 3-4) is by someone bob has blocked now.
    page = bob.emit("sync", {"room": room, "after_seq": 2, "limit": 2}, callback=True)
    assert page["messages"] == [] and page["has_more"] is True
    assert page["last_seq"] == 4

    seen, last = _sync_all(bob, room, limit=2)
    assert seen == [] and last == 7  # all hidden while the block stands, and the loop ended
    client.delete(f"/api/v1/me/blocks/{cast.adopter.id}", headers=cast.adopter2.headers)
    seen, last = _sync_all(bob, room, limit=2)
    assert seen == ["<p>before</p>", *[f"<p>hidden {n}</p>" for n in range(5)], "<p>after</p>"]
    assert last == 7
