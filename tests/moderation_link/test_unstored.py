"""Queue items about content the app never stored are closed, not left for a moderator (issue #20).

With moderation up, screening commits a hold's queue item before the app commits the content. If
the app's commit then fails, the item is about nothing: it would sit in the queue (escalating to the
DSL at P0) and, on SQLite, the next message takes the rolled-back id, so a "remove" on the item would
land on someone else's words. The hourly jobs close such items as "not_stored", with an audit row.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.exc import OperationalError

from backend.core.db import db, utcnow
from backend.moderation_link import unstored
from moderation.models import AuditEntry, QueueItem
from tests.chat.helpers import connect, join, make_group, send
from tests.moderation_link.test_outbox import DISCLOSURE, _items, _moderation_rows


def _send_but_fail_to_commit(monkeypatch: pytest.MonkeyPatch, alice: Any, room: int, body: str) -> None:
    session = db.session

    def failing_commit() -> None:
        raise OperationalError("COMMIT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(session, "commit", failing_commit)
    ack = send(alice, room, body)
    monkeypatch.undo()
    session.rollback()
    assert "id" not in ack and ack["code"] == 503  # refused: nothing was stored


def test_an_item_for_a_message_whose_write_rolled_back_is_closed_as_not_stored(
    app: Flask, client: Any, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter, cast.adopter2])
    alice, bob = connect(app, cast.adopter), connect(app, cast.adopter2)
    join(alice, room), join(bob, room)
    _send_but_fail_to_commit(monkeypatch, alice, room, DISCLOSURE)
    [orphan] = _moderation_rows(QueueItem, source="screening")  # screening stored it before the rollback
    assert orphan.active and orphan.priority <= 1

    # Later content, possibly under the same id (SQLite reuses a rolled-back one), by someone else.
    later = send(bob, room, "Anyone going to the stay and play on Saturday?")
    assert later["status"] == "published"
    if db.session.get_bind().dialect.name == "sqlite":
        assert later["id"] == int(orphan.subject_id)  # the hazard: the orphan's subject id is taken
    held = send(alice, room, DISCLOSURE + " (sent again)")
    assert held["status"] == "pending"
    [kept] = _items("message", held["id"])

    queue = client.get("/api/v1/moderation/queue", headers=cast.moderator.headers)
    assert queue.status_code == 200 and orphan.id in [i["id"] for i in queue.json["items"]]

    assert unstored.close_unstored() == 0  # within the grace: a write may still be in flight
    assert unstored.close_unstored(utcnow() + timedelta(minutes=10)) == 1

    detail = client.get(f"/api/v1/moderation/queue/{orphan.id}", headers=cast.moderator.headers)
    assert detail.status_code == 200, detail.json
    assert detail.json["status"] == "closed" and detail.json["resolution"] == "not_stored"
    assert detail.json["content"] == DISCLOSURE  # the evidence is kept, the item closed
    queue = client.get("/api/v1/moderation/queue", headers=cast.moderator.headers)
    assert queue.status_code == 200
    assert [i["id"] for i in queue.json["items"]] == [kept.id]  # the stored one stays open
    [audit] = _moderation_rows(AuditEntry, action="item.subject_not_stored")
    assert audit.target_id == str(orphan.id)

    assert unstored.close_unstored(utcnow() + timedelta(minutes=10)) == 0  # once
    assert _items("message", held["id"])[0].active


def test_an_item_that_gained_a_snapshot_after_it_was_listed_is_left_open(
    app: Flask, cast: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, room = make_group(cast.agency_worker, "adopters", [cast.adopter])
    alice = connect(app, cast.adopter)
    join(alice, room)
    _send_but_fail_to_commit(monkeypatch, alice, room, DISCLOSURE)
    now = utcnow() + timedelta(minutes=10)
    listed = unstored.moderation.screened_items(now - unstored.LOOKBACK, now - unstored.GRACE)
    assert len(listed) == 1
    changed = [replace(listed[0], last_captured_at=utcnow() - timedelta(hours=1))]
    assert unstored.moderation.close_unstored(changed) == 0
    assert _moderation_rows(QueueItem)[0].active
