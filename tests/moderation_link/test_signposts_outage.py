"""Crisis signposts survive a moderation-database outage (PRODUCT.md 2.7, issue #20).

The rules cache re-reads its version counter from the moderation database once per refresh
interval. It used to raise when that read failed, so about a second into an outage screening failed
as a whole: the content was held with no categories and the author of a self-harm message saw no
crisis signposts. Now screening keeps the last known rules; with rules it never loaded it still runs
the built-in ones (they need no database) and fails closed.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from backend.moderation_link import outbox
from moderation import db as moderation_db
from moderation import rules
from moderation.models import WatchedRule
from tests.chat.helpers import connect, join, make_group, send
from tests.moderation_link.test_outbox import (
    DISCLOSURE,
    _group_thread,
    _items,
    _outbox,
    moderation_unreachable,
)

CRISIS_CONTACTS = {"0800 1111", "116 123", "999"}
YOUTH_DISCLOSURE = "i cant do this anymore, i want to kill myself tonight"


def _contacts(signposts: list[dict[str, str]]) -> set[str]:
    return {s["contact"] for s in signposts}


def _youth_room(app: Flask, cast: Any) -> tuple[int, Any]:
    _, room = make_group(cast.agency_worker, "young_people", [cast.teen, cast.teen2])
    teen = connect(app, cast.teen)
    assert join(teen, room)["ok"] is True
    return room, teen


def _screen_on_every_message(app: Flask) -> None:
    # Every screen re-reads the rules version: the state the product is in a second into an outage.
    app.config["MODERATION_RULES_REFRESH_SECONDS"] = 0


def test_a_young_persons_disclosure_in_an_outage_is_held_with_signposts_and_queued_once_back(
    app: Flask, cast: Any
) -> None:
    _screen_on_every_message(app)
    room, teen = _youth_room(app, cast)
    assert send(teen, room, "anyone else got exams next week?")["status"] == "published"  # rules loaded

    with moderation_unreachable(app):
        ack = send(teen, room, YOUTH_DISCLOSURE)
        benign = send(teen, room, "what is everyone doing this weekend")

    assert ack["status"] == "pending"  # held: nobody else sees it
    assert _contacts(ack["signposts"]) >= CRISIS_CONTACTS  # shown to the author at once
    assert benign["status"] == "published"  # the last known rules still judge ordinary messages
    [record] = _outbox()  # nothing orphaned: the item waits in the outbox
    assert (record.subject_type, record.subject_id) == ("message", str(ack["id"]))
    assert "self_harm" in record.categories and record.priority is not None and record.priority <= 1
    assert _items("message", ack["id"]) == []

    assert outbox.deliver_due() == 1  # the reconciler, once moderation is back
    [item] = _items("message", ack["id"])
    assert item.held and item.priority <= 1 and "self_harm" in item.categories
    assert outbox.deliver_due() == 0 and _outbox() == []
    assert len(_items("message", ack["id"])) == 1


def test_a_forum_reply_in_an_outage_is_held_with_signposts_and_queued_once_back(
    app: Flask, client: Any, cast: Any
) -> None:
    _screen_on_every_message(app)
    thread_id = _group_thread(client, cast)
    url = f"/api/v1/threads/{thread_id}/posts"
    warm = client.post(url, json={"body": "We write ours in May."}, headers=cast.adopter2.headers)
    assert warm.status_code == 201 and warm.json["status"] == "published"

    with moderation_unreachable(app):
        reply = client.post(url, json={"body": DISCLOSURE}, headers=cast.adopter2.headers)

    assert reply.status_code == 201 and reply.json["status"] == "pending", reply.json
    assert _contacts(reply.json["signposts"]) >= CRISIS_CONTACTS
    [record] = _outbox()
    assert (record.subject_type, record.subject_id) == ("post", str(reply.json["id"]))
    assert "self_harm" in record.categories

    assert outbox.deliver_due() == 1
    [item] = _items("post", reply.json["id"])
    assert item.held and item.priority <= 1 and "self_harm" in item.categories
    assert outbox.deliver_due() == 0 and _outbox() == []


def test_the_last_known_watched_rules_keep_applying_in_an_outage(app: Flask, client: Any, cast: Any) -> None:
    _screen_on_every_message(app)
    added = client.post(
        "/api/v1/moderation/rules",
        json={"kind": "term", "value": "old boathouse", "action": "block", "priority": 1, "audience": "all"},
        headers=cast.moderator.headers,
    )
    assert added.status_code == 201, added.json
    room, teen = _youth_room(app, cast)
    assert send(teen, room, "hi all")["status"] == "published"

    with moderation_unreachable(app):
        ack = send(teen, room, "we walked past the old boathouse today")
    assert ack["status"] == "blocked"


def test_a_cold_start_in_an_outage_fails_closed_but_still_shows_signposts(
    app: Flask, client: Any, cast: Any
) -> None:
    """No rules were ever loaded in this process: everything is held (a watched rule or a family's
    protected name could not be checked), and the built-in rules still show the signposts. Once the
    database is back, delivery screens again with every rule, so the queue sees what was missed."""
    added = client.post(
        "/api/v1/moderation/rules",
        json={"kind": "term", "value": "old boathouse", "action": "block", "priority": 1, "audience": "all"},
        headers=cast.moderator.headers,
    )
    assert added.status_code == 201, added.json
    room, teen = _youth_room(app, cast)
    with moderation_unreachable(app):
        app.extensions.pop("moderation_rules_cache", None)  # a process started during the outage
        ack = send(teen, room, YOUTH_DISCLOSURE)
        benign = send(teen, room, "what is everyone doing this weekend")
        watched = send(teen, room, "we walked past the old boathouse today")

    assert ack["status"] == "pending" and _contacts(ack["signposts"]) >= CRISIS_CONTACTS
    assert benign["status"] == "pending" and "signposts" not in benign  # fail closed
    assert watched["status"] == "pending"  # the rule could not be read: held, not published
    records = {r.subject_id: r for r in _outbox()}
    assert set(records) == {str(ack["id"]), str(benign["id"]), str(watched["id"])}
    assert "self_harm" in records[str(ack["id"])].categories
    assert records[str(watched["id"])].categories == [] and records[str(watched["id"])].priority == 2

    assert outbox.deliver_due() == 3
    [item] = _items("message", ack["id"])
    assert item.priority <= 1
    [rescreened] = _items("message", watched["id"])
    assert "watched" in rescreened.categories and rescreened.priority == 1


def test_once_the_database_is_back_the_rules_version_is_read_again(app: Flask, cast: Any) -> None:
    """The last known rules stand in only while the version cannot be read: a rule another process
    added is picked up at the first screen after the outage."""
    _screen_on_every_message(app)
    room, teen = _youth_room(app, cast)
    assert send(teen, room, "hi all")["status"] == "published"
    with moderation_unreachable(app):
        assert send(teen, room, "we walked past the old boathouse today")["status"] == "published"

    with moderation_db.write() as session:  # another process adds a rule, as its service would
        session.add(
            WatchedRule(
                kind="term",
                value="old boathouse",
                action="block",
                priority=1,
                audience="all",
                note="",
                created_by_id=cast.moderator.id,
                created_at=moderation_db.utcnow(),
            )
        )
        rules._bump(session)
        session.commit()
    assert send(teen, room, "we walked past the old boathouse again")["status"] == "blocked"
