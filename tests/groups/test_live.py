"""Live group updates: members connected by Socket.IO receive what they could GET, and nobody else
does: not a non-member, not a blocked or muting member, never an adult for a young people's group."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine

from backend.accounts import service as accounts
from backend.core.db import db
from backend.extensions import socketio
from tests.groups.conftest import Screener, World, decide, join

EVENTS = {
    "thread_created",
    "thread_updated",
    "thread_removed",
    "post_created",
    "post_updated",
    "post_removed",
}


class Sockets:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.clients: dict[str, Any] = {}

    def connect(self, cast: Any, *names: str) -> None:
        for name in names:
            client = socketio.test_client(self.app, auth={"token": getattr(cast, name).token})
            assert client.is_connected(), name
            self.clients[name] = client

    def received(self) -> dict[str, list[tuple[str, Any]]]:
        """Group events each client got since the last call."""
        return {
            name: [(m["name"], m["args"][0]) for m in client.get_received() if m["name"] in EVENTS]
            for name, client in self.clients.items()
        }

    def close(self) -> None:
        for client in self.clients.values():
            if client.is_connected():
                client.disconnect()


@pytest.fixture
def sockets(app: Any) -> Iterator[Sockets]:
    live = Sockets(app)
    yield live
    live.close()


def test_a_reply_reaches_members_and_nobody_else(
    client: Any, cast: Any, world: World, sockets: Sockets
) -> None:
    join(cast.adopter2.user, world.open_adopters)
    accounts.do_block(cast.adopter2.user, cast.mentor.id)  # blocked member: never gets the mentor's posts
    sockets.connect(
        cast, "adopter", "mentor", "adopter2", "agency_worker", "guardian", "prospective", "moderator", "teen"
    )
    sockets.received()
    response = client.post(
        f"/api/v1/threads/{world.adopters_thread.id}/posts",
        json={"body": "Ours came back today"},
        headers=cast.mentor.headers,
    )
    assert response.status_code == 201
    got = sockets.received()
    for name in ("adopter", "mentor", "agency_worker"):
        assert [event for event, _ in got[name]] == ["post_created"], name
        payload = got[name][0][1]
        assert payload["id"] == response.json["id"] and payload["body_html"] == "<p>Ours came back today</p>"
        assert "signposts" not in payload
    # Not members (a read-only guest, an unassigned moderator, another audience), a blocked member.
    for name in ("adopter2", "guardian", "prospective", "moderator", "teen"):
        assert got[name] == [], name


def test_a_muting_member_gets_nothing_from_the_muted(
    client: Any, cast: Any, world: World, sockets: Sockets
) -> None:
    join(cast.adopter2.user, world.open_adopters)
    accounts.do_mute(cast.adopter2.user, cast.mentor.id)
    sockets.connect(cast, "adopter", "adopter2", "mentor")
    sockets.received()
    client.post(
        f"/api/v1/threads/{world.adopters_thread.id}/posts", json={"body": "Hi"}, headers=cast.mentor.headers
    )
    got = sockets.received()
    assert got["adopter2"] == [] and len(got["adopter"]) == 1
    # ...but a mute is one-way: the muted still hears the muter.
    client.post(
        f"/api/v1/threads/{world.adopters_thread.id}/posts",
        json={"body": "Hello"},
        headers=cast.adopter2.headers,
    )
    got = sockets.received()
    assert len(got["mentor"]) == 1 and len(got["adopter"]) == 1


def test_young_peoples_group_events_never_reach_adults(
    client: Any, cast: Any, world: World, sockets: Sockets
) -> None:
    teen2 = cast.teen2
    join(teen2.user, world.youth)
    client.post(
        f"/api/v1/groups/{world.youth.id}/members/{teen2.id}/approve", headers=cast.agency_worker.headers
    )
    sockets.connect(
        cast, "teen", "teen2", "agency_worker", "adopter", "moderator", "dsl", "admin", "lapsed_moderator"
    )
    sockets.received()
    response = client.post(
        f"/api/v1/groups/{world.youth.id}/threads",
        json={"title": "Exams", "body": "Revision tips?"},
        headers=cast.teen.headers,
    )
    assert response.status_code == 201
    got = sockets.received()
    for name in ("teen", "teen2", "agency_worker"):  # members and assigned DBS-checked staff
        assert [e for e, _ in got[name]] == ["thread_created", "post_created"], name
        assert got[name][0][1]["title"] == "Exams" and got[name][1][1]["is_opening"] is True
    for name in ("adopter", "moderator", "dsl", "admin", "lapsed_moderator"):
        assert got[name] == [], name


def test_held_content_goes_only_to_its_author(
    client: Any, cast: Any, world: World, sockets: Sockets, screener: Screener
) -> None:
    sockets.connect(cast, "adopter", "mentor", "agency_worker")
    sockets.received()
    screener.set("hold")
    held = client.post(
        f"/api/v1/threads/{world.adopters_thread.id}/posts",
        json={"body": "Held"},
        headers=cast.adopter.headers,
    ).json
    got = sockets.received()
    assert (
        got["adopter"] == [("post_created", got["adopter"][0][1])]
        and got["adopter"][0][1]["status"] == "pending"
    )
    assert got["mentor"] == [] and got["agency_worker"] == []
    # Released by a moderator: now everyone in the group hears of it.
    decide("release", "post", held["id"])
    got = sockets.received()
    for name in ("adopter", "mentor", "agency_worker"):
        assert [(e, p["id"], p["status"]) for e, p in got[name]] == [
            ("post_created", held["id"], "published")
        ], name


def test_edits_and_removals_are_announced_without_the_text(
    client: Any, cast: Any, world: World, sockets: Sockets
) -> None:
    sockets.connect(cast, "adopter", "mentor")
    sockets.received()
    client.patch(
        f"/api/v1/posts/{world.adopters_reply.id}", json={"body": "Edited"}, headers=cast.mentor.headers
    )
    got = sockets.received()
    assert got["adopter"][0][0] == "post_updated" and got["adopter"][0][1]["body_html"] == "<p>Edited</p>"
    client.delete(f"/api/v1/posts/{world.adopters_reply.id}", headers=cast.mentor.headers)
    got = sockets.received()
    assert got["adopter"] == [
        (
            "post_removed",
            {
                "id": world.adopters_reply.id,
                "thread_id": world.adopters_thread.id,
                "group_id": world.open_adopters.id,
                "status": "removed",
            },
        )
    ]
    decide("hide", "post", world.adopters_opening.id)
    got = sockets.received()
    assert [(e, p["status"]) for e, p in got["mentor"]] == [("post_removed", "hidden")]
    assert [(e, p["status"]) for e, p in got["adopter"]] == [("post_updated", "hidden")]


def test_joining_and_leaving_move_the_sockets(client: Any, cast: Any, world: World, sockets: Sockets) -> None:
    other = cast.adopter2
    sockets.connect(cast, "adopter2")
    url = f"/api/v1/threads/{world.adopters_thread.id}/posts"
    client.post(url, json={"body": "Before joining"}, headers=cast.adopter.headers)
    assert sockets.received()["adopter2"] == []
    client.put(f"/api/v1/groups/{world.open_adopters.id}/membership", headers=other.headers)
    client.post(url, json={"body": "After joining"}, headers=cast.adopter.headers)
    assert [p["body_html"] for _, p in sockets.received()["adopter2"]] == ["<p>After joining</p>"]
    client.delete(f"/api/v1/groups/{world.open_adopters.id}/membership", headers=other.headers)
    client.post(url, json={"body": "After leaving"}, headers=cast.adopter.headers)
    assert sockets.received()["adopter2"] == []
    # Removal by a leader moves them out too.
    client.put(f"/api/v1/groups/{world.open_adopters.id}/membership", headers=other.headers)
    client.delete(f"/api/v1/groups/{world.open_adopters.id}/members/{other.id}", headers=cast.mentor.headers)
    client.post(url, json={"body": "After removal"}, headers=cast.adopter.headers)
    assert sockets.received()["adopter2"] == []


def test_turning_18_takes_the_sockets_out_of_the_youth_room(
    client: Any, cast: Any, world: World, sockets: Sockets
) -> None:
    sockets.connect(cast, "teen", "agency_worker")
    teen = cast.teen.user
    birthday = accounts.today() + timedelta(days=2)
    teen.date_of_birth = birthday.replace(year=birthday.year - 18)
    db.session.commit()
    with time_machine.travel(birthday, tick=False):
        assert accounts.do_turning_18() == [teen.id]
    sockets.received()
    client.post(
        f"/api/v1/threads/{world.youth_thread.id}/posts",
        json={"body": "Anyone around?"},
        headers=cast.agency_worker.headers,
    )
    got = sockets.received()
    assert got["teen"] == [] and len(got["agency_worker"]) == 1
    # And a fresh connection does not rejoin it.
    sockets.clients.pop("teen").disconnect()
    sockets.connect(cast, "teen")
    client.post(
        f"/api/v1/threads/{world.youth_thread.id}/posts",
        json={"body": "Again"},
        headers=cast.agency_worker.headers,
    )
    assert sockets.received()["teen"] == []


def test_thread_events_follow_the_same_rules_as_post_events(
    client: Any, cast: Any, world: World, sockets: Sockets, screener: Screener
) -> None:
    """A thread's opening post is announced like every post (so a released thread's opening post is
    not published in silence), and a removed thread's author hears ``thread_removed`` with the
    thread as a removed post's author hears ``post_removed`` with the post."""
    sockets.connect(cast, "adopter", "mentor")
    sockets.received()
    screener.set("hold")
    held = client.post(
        f"/api/v1/groups/{world.open_adopters.id}/threads",
        json={"title": "Held for now", "body": "Opening words"},
        headers=cast.adopter.headers,
    ).json
    got = sockets.received()
    opening = held["opening_post"]["id"]
    assert [(e, p["id"], p["status"]) for e, p in got["adopter"]] == [
        ("thread_created", held["id"], "pending"),
        ("post_created", opening, "pending"),
    ]
    assert got["mentor"] == []

    decide("release", "thread", held["id"])
    got = sockets.received()
    for name in ("adopter", "mentor"):
        assert [(e, p["id"], p["status"]) for e, p in got[name]] == [
            ("thread_created", held["id"], "published"),
            ("post_created", opening, "published"),
        ], name
    page = client.get(f"/api/v1/threads/{held['id']}/posts", headers=cast.mentor.headers).json["items"]
    assert [(p["id"], p["status"]) for p in page] == [(opening, "published")]

    decide("remove", "thread", held["id"])
    got = sockets.received()
    assert got["mentor"] == [
        ("thread_removed", {"id": held["id"], "group_id": world.open_adopters.id, "status": "removed"})
    ]
    assert [(e, p["id"], p["status"], p["title"]) for e, p in got["adopter"]] == [
        ("thread_removed", held["id"], "removed", "Held for now")
    ]
