"""The message pipeline through real Socket.IO test clients: walls, blocks, screening, delivery."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from backend.chat.models import Message
from backend.core.db import db
from tests.chat.helpers import connect, decide, events, force_verdict, join, make_group, send


@pytest.fixture
def allow_all(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    return force_verdict(monkeypatch, "allow")


def test_members_receive_messages_and_the_sender_gets_an_ack(app: Any, cast: Any, allow_all: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    assert join(alice, room) == {"ok": True, "last_seq": 0, "open": True}
    join(bob, room)
    ack = send(alice, room, "Hello **everyone**")
    assert ack["status"] == "published" and ack["seq"] == 1 and ack["id"] > 0
    received = events(bob, "message")
    assert len(received) == 1
    assert received[0]["seq"] == 1 and received[0]["body_html"] == "<p>Hello <strong>everyone</strong></p>"
    assert received[0]["sender"]["id"] == cast.adopter.id
    assert allow_all[0].audience == "adult" and allow_all[0].type == "message"


def test_non_members_and_outsiders_cannot_join_or_send(app: Any, cast: Any, allow_all: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    outsider = connect(app, cast.guardian)
    assert join(outsider, room)["code"] == 404
    assert send(outsider, room, "hi")["code"] == 404
    assert join(outsider, 99999)["code"] == 404
    assert db.session.scalar(select(func.count()).select_from(Message)) == 0


def test_adults_never_reach_a_youth_room(app: Any, cast: Any, allow_all: Any) -> None:
    _, room = make_group(cast.agency_worker, "young_people", [cast.teen, cast.teen2])
    for adult in (cast.adopter, cast.guardian, cast.adult_adoptee, cast.lapsed_moderator, cast.mentor):
        client = connect(app, adult)
        assert join(client, room)["code"] == 404, adult.user.persona
        assert send(client, room, "hello")["code"] == 404
    teen = connect(app, cast.teen)
    assert join(teen, room)["ok"] is True
    assert allow_all == []


def test_idempotent_send_returns_the_original_ack(app: Any, cast: Any, allow_all: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    first = send(alice, room, "once", client_id="abc-1")
    again = send(alice, room, "once", client_id="abc-1")
    assert again == first
    assert db.session.scalar(select(func.count()).select_from(Message)) == 1
    assert len(events(bob, "message")) == 1


def test_held_message_reaches_only_its_author_until_released(
    app: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    force_verdict(monkeypatch, "hold", categories=("identity_exposure",), priority=2)
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    ack = send(alice, room, "call me on 07700 900123")
    assert ack["status"] == "pending" and ack["seq"] is None
    own = events(alice, "message")
    assert len(own) == 1 and own[0]["status"] == "pending"
    assert events(bob, "message") == []
    assert bob.emit("sync", {"room": room, "after_seq": 0}, callback=True)["messages"] == []

    decide("release", ack["id"])
    released = events(bob, "message_released")
    assert len(released) == 1 and released[0]["seq"] == 1 and released[0]["status"] == "published"
    assert bob.emit("sync", {"room": room, "after_seq": 0}, callback=True)["messages"][0]["id"] == ack["id"]


def test_removed_message_is_withdrawn_from_everyone(app: Any, cast: Any, allow_all: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    ack = send(alice, room, "something to remove")
    bob.get_received()
    decide("remove", ack["id"])
    removed = events(bob, "message_removed")
    assert removed == [{"room": room, "id": ack["id"], "seq": ack["seq"]}]
    synced = bob.emit("sync", {"room": room, "after_seq": 0}, callback=True)["messages"]
    assert synced[0]["status"] == "removed" and synced[0]["body_html"] is None


def test_a_removal_overturned_on_appeal_restores_the_message(app: Any, cast: Any, allow_all: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    ack = send(alice, room, "removed by mistake")
    decide("remove", ack["id"])
    bob.get_received()
    decide("release", ack["id"])
    restored = events(bob, "message_released")
    assert len(restored) == 1 and restored[0]["status"] == "published" and restored[0]["seq"] == ack["seq"]
    synced = bob.emit("sync", {"room": room, "after_seq": 0}, callback=True)["messages"]
    assert synced[0]["body_html"] == "<p>removed by mistake</p>"


def test_restored_and_redacted_messages_never_reach_people_hiding_the_sender(
    app: Any, cast: Any, allow_all: Any
) -> None:
    from backend.accounts import service as accounts

    _, room = make_group(cast.agency_worker, "carers", [cast.adopter, cast.adopter2, cast.guardian])
    alice, bob, carol = connect(app, cast.adopter), connect(app, cast.adopter2), connect(app, cast.guardian)
    join(alice, room), join(bob, room), join(carol, room)
    ack = send(alice, room, "later restored")
    decide("hide", ack["id"])
    accounts.do_block(cast.adopter2.user, cast.adopter.id)
    bob.get_received(), carol.get_received()
    decide("release", ack["id"])
    decide("redact", ack["id"], replacement="[redacted]")
    assert [e["name"] for e in bob.get_received()] == []
    assert [e["name"] for e in carol.get_received()] == ["message_released", "message_updated"]


def test_a_reported_message_is_stored_with_the_ten_before_it(app: Any, cast: Any, allow_all: Any) -> None:
    from moderation import db as moderation_db
    from moderation.models import Evidence

    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice = connect(app, cast.adopter)
    join(alice, room)
    acks = [send(alice, room, f"message {n}") for n in range(12)]
    http = app.test_client()
    body = {"subject_type": "message", "subject_id": acks[-1]["id"], "reason": "bullying"}

    outsider = http.post(
        "/api/v1/reports", json=body, headers={**cast.guardian.headers, "Idempotency-Key": "o1"}
    )
    assert outsider.status_code == 404
    response = http.post(
        "/api/v1/reports", json=body, headers={**cast.adopter2.headers, "Idempotency-Key": "r1"}
    )
    assert response.status_code == 201, response.json
    evidence = moderation_db.session().scalars(select(Evidence)).one()
    assert evidence.content == "message 11"
    assert [entry["text"] for entry in evidence.context] == [f"message {n}" for n in range(1, 11)]


def test_blocked_message_is_refused_with_signposts(
    app: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moderation.api import Signpost

    signpost = Signpost("Samaritans", "116 123", "Talk to someone any time")
    force_verdict(monkeypatch, "block", reason="Not allowed here", signposts=(signpost,))
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    ack = send(alice, room, "something awful")
    assert ack["status"] == "blocked" and ack["seq"] is None
    assert ack["signposts"][0]["contact"] == "116 123"
    assert events(bob, "message") == [] and events(alice, "message") == []


def test_screening_failure_holds_the_message(app: Any, cast: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Screening fails closed in one layer, ``moderation.api.screen``: whatever fails behind it."""
    from moderation import intake

    def broken(subject: Any) -> Any:
        raise RuntimeError("moderation database unreachable")

    monkeypatch.setattr(intake, "screen", broken)
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    assert send(alice, room, "ordinary words")["status"] == "pending"
    assert events(bob, "message") == []


def test_blocked_and_muted_people_never_receive_each_others_messages(
    app: Any, cast: Any, client: Any, allow_all: Any
) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2, cast.mentor])
    a, b, c = connect(app, cast.adopter), connect(app, cast.adopter2), connect(app, cast.mentor)
    for s in (a, b, c):
        join(s, room)
    assert (
        client.post(f"/api/v1/me/blocks/{cast.adopter2.id}", headers=cast.adopter.headers).status_code == 201
    )
    send(b, room, "from the blocked person")
    send(a, room, "from the blocker")
    assert [m["body_html"] for m in events(a, "message")] == ["<p>from the blocker</p>"]
    assert [m["body_html"] for m in events(b, "message")] == ["<p>from the blocked person</p>"]
    assert len(events(c, "message")) == 2
    # Nor in history.
    history = a.emit("sync", {"room": room, "after_seq": 0}, callback=True)["messages"]
    assert [m["sender"]["id"] for m in history] == [cast.adopter.id]
    # Muting hides one way only.
    client.post(f"/api/v1/me/mutes/{cast.adopter.id}", headers=cast.mentor.headers)
    send(a, room, "muted by the mentor")
    assert events(c, "message") == []


def test_sync_returns_exactly_what_was_missed(app: Any, cast: Any, allow_all: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    for n in range(5):
        send(alice, room, f"m{n}")
    synced = bob.emit("sync", {"room": room, "after_seq": 2}, callback=True)
    assert [m["seq"] for m in synced["messages"]] == [3, 4, 5]
    assert synced["last_seq"] == 5 and synced["has_more"] is False
    limited = bob.emit("sync", {"room": room, "after_seq": 0, "limit": 2}, callback=True)
    assert [m["seq"] for m in limited["messages"]] == [1, 2] and limited["has_more"] is True


def test_bad_payloads_get_the_error_shape(app: Any, cast: Any, allow_all: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    alice = connect(app, cast.adopter)
    join(alice, room)
    for payload in (
        None,
        "text",
        {"room": "1"},
        {"room": room, "client_id": "x"},
        {"room": room, "client_id": "x", "body": "y" * 5000},
        {"room": room, "client_id": "x", "body": "hi", "extra": 1},
    ):
        ack = alice.emit("send", payload, callback=True)
        assert ack["code"] == 422, payload
        assert set(ack) == {"code", "message", "errors"}


def test_rate_limit_on_messages(app: Any, cast: Any, allow_all: Any) -> None:
    app.config["RATE_LIMIT_MESSAGE"] = "3/minute"
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    alice = connect(app, cast.adopter)
    join(alice, room)
    codes = [send(alice, room, f"m{n}").get("code") for n in range(5)]
    assert codes[:3] == [None, None, None] and codes[3:] == [429, 429]


def test_typing_reaches_others_in_the_room(app: Any, cast: Any, allow_all: Any) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    assert alice.emit("typing", {"room": room}, callback=True) == {"ok": True}
    assert events(bob, "typing")[0]["user"]["id"] == cast.adopter.id


def test_suspended_account_cannot_send(app: Any, cast: Any, allow_all: Any) -> None:
    from backend.accounts import service as accounts

    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    alice = connect(app, cast.adopter)
    join(alice, room)
    accounts.do_mute_posting(cast.moderator.id, cast.adopter.id, 24, "cooling off")
    assert send(alice, room, "hi")["code"] == 403
    accounts.do_set_suspended(cast.admin.id, cast.adopter.id, True, "test")
    assert not alice.is_connected()
