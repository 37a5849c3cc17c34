"""Weak risk-to-life signals that add up reach a moderator with the messages themselves as evidence,
through the product: a young person's messages in two chat rooms, screened by the real screener, and
the moderator's view of the P1 item they raise (issue #12, context; docs/moderation.md, Risk memory)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from backend.core.db import utcnow
from backend.moderation_link import outbox
from moderation import intake
from moderation.models import Evidence
from moderation.screening import Screener
from tests.chat.helpers import connect, join, make_group, send
from tests.chat.test_processes import Listener
from tests.conftest import REDIS_URL, needs_redis
from tests.moderation.screening.test_context import WEAK
from tests.moderation_link.test_outbox import _items, _moderation_rows, _outbox, moderation_unreachable
from tests.servers import server


@pytest.fixture
def screener(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real screener, with risk memories of its own (other tests' signals cannot add up here),
    and room for a burst of chat (the flood rule is not what this is about)."""
    fresh = Screener(flood_max_messages=100)
    fresh.warm()
    monkeypatch.setattr(intake, "_screener", fresh)


def test_the_alert_shows_the_earlier_messages_from_every_room(app: Any, cast: Any, screener: None) -> None:
    rooms = [
        make_group(cast.agency_worker, "young_people", [cast.teen, cast.teen2], staff=[cast.moderator])[1]
        for _ in range(2)
    ]
    teen, friend = connect(app, cast.teen), connect(app, cast.teen2)
    for room in rooms:
        join(teen, room), join(friend, room)

    first = send(teen, rooms[0], WEAK[0])
    second = send(teen, rooms[1], WEAK[1])
    assert first["status"] == second["status"] == "published"
    # Enough chat after them that the room's recent messages no longer hold the second one.
    for n in range(12):
        assert send(friend, rooms[1], f"anyone watching the match tonight {n}")["status"] == "published"
    third = send(teen, rooms[1], WEAK[2])
    assert third["status"] == "pending"  # held for a moderator
    assert {s["name"] for s in third["signposts"]} >= {"Childline", "Samaritans"}

    http = app.test_client()
    page = http.get("/api/v1/moderation/queue", headers=cast.moderator.headers)
    assert page.status_code == 200, page.json
    (item,) = [i for i in page.json["items"] if i["subject_id"] == third["id"]]
    assert item["priority"] == 1 and "self_harm" in item["categories"]
    detail = http.get(f"/api/v1/moderation/queue/{item['id']}", headers=cast.moderator.headers).json
    (evidence,) = detail["evidence"]
    assert evidence["content"] == WEAK[2]
    signals = [entry for entry in evidence["context"] if entry.get("weak_signal")]
    assert [(s["text"], s["space"], s["subject"]) for s in signals] == [
        (WEAK[0], f"room:{rooms[0]}", f"message:{first['id']}"),
        (WEAK[1], f"room:{rooms[1]}", f"message:{second['id']}"),
    ]
    assert {s["author"] for s in signals} == {f"user:{cast.teen.id}"}
    # The room's own recent messages follow, as for any chat message.
    assert any(e.get("text", "").startswith("anyone watching") for e in evidence["context"])


def test_the_earlier_messages_survive_a_moderation_database_outage(
    app: Any, cast: Any, screener: None
) -> None:
    """The memories spend their signals when the alert is raised: if the queue item cannot be stored
    then, the intake record the chat keeps carries them, and the item delivered later shows them."""
    app.config["MODERATION_RULES_REFRESH_SECONDS"] = 0  # screening runs on with the last known rules
    _, room = make_group(cast.agency_worker, "young_people", [cast.teen], staff=[cast.moderator])
    teen = connect(app, cast.teen)
    join(teen, room)
    first, second = (send(teen, room, text) for text in WEAK[:2])
    with moderation_unreachable(app):
        third = send(teen, room, WEAK[2])
    assert third["status"] == "pending" and _items("message", third["id"]) == []
    [record] = _outbox()
    assert [c["subject"] for c in record.context if c.get("weak_signal")] == [
        f"message:{first['id']}",
        f"message:{second['id']}",
    ]

    assert outbox.deliver_due(utcnow() + timedelta(minutes=5)) == 1
    [item] = _items("message", third["id"])
    assert item.priority == 1 and item.held
    [evidence] = _moderation_rows(Evidence, item_id=item.id)
    assert [c["text"] for c in evidence.context if c.get("weak_signal")] == list(WEAK[:2])


@pytest.mark.slow
@needs_redis
def test_signals_sent_through_two_server_processes_add_up(app: Any, cast: Any) -> None:
    """With REDIS_URL, the memories are shared: a young person whose messages reach two processes
    (two devices, or a reconnect behind the load balancer) is seen as one person."""
    rooms = [
        make_group(cast.agency_worker, "young_people", [cast.teen], staff=[cast.moderator])[1]
        for _ in range(2)
    ]
    assert REDIS_URL is not None
    with server(app.config, REDIS_URL=REDIS_URL) as one, server(app.config, REDIS_URL=REDIS_URL) as two:
        phone, laptop = Listener(one, cast.teen.token), Listener(two, cast.teen.token)
        for device, room in ((phone, rooms[0]), (laptop, rooms[1])):
            assert device.call("join", {"room": room})["ok"] is True
        acks = [
            device.call("send", {"room": room, "client_id": f"weak-{n}", "body": text})
            for n, (device, room, text) in enumerate(
                [(phone, rooms[0], WEAK[0]), (laptop, rooms[1], WEAK[1]), (phone, rooms[0], WEAK[2])]
            )
        ]
        phone.close(), laptop.close()
    assert [a["status"] for a in acks] == ["published", "published", "pending"]
    [item] = _items("message", acks[2]["id"])
    assert item.priority == 1 and "self_harm" in item.categories
    [evidence] = _moderation_rows(Evidence, item_id=item.id)
    # The one from the other room first; the one the room's own messages show, marked there.
    assert [c["text"] for c in evidence.context if c.get("weak_signal")] == [WEAK[1], WEAK[0]]
