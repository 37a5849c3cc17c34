"""Delivery decided at notify time: realtime after commit only, dedupe under concurrency, quiet hours
(both sides of 21:00 and 07:00, and across the October and March clock changes), the release job."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from typing import Any

import time_machine
from flask import Flask
from sqlalchemy import func, select

from backend.core.db import db
from backend.extensions import socketio
from backend.notifications import digests
from backend.notifications import service as notifications
from backend.notifications.models import Delivery, Notification


def _count(user_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count()).select_from(Notification).where(Notification.user_id == user_id)
        )
        or 0
    )


def _events(client: Any, name: str = "notification") -> list[Any]:
    return [e["args"][0] for e in client.get_received() if e["name"] == name]


def test_the_event_goes_out_after_commit_and_never_for_a_rolled_back_cause(app: Flask, cast: Any) -> None:
    me = cast.adopter
    sock = socketio.test_client(app, auth={"token": me.token})
    sock.get_received()
    notifications.notify(me.id, "applications", "Stage moved", "", "/applications/1")
    assert _events(sock) == []  # nothing before commit
    db.session.rollback()
    assert _events(sock) == [] and _count(me.id) == 0
    record = notifications.notify(me.id, "applications", "Stage moved", "", "/applications/1")
    db.session.commit()
    [event] = _events(sock)
    assert event["id"] == record.id and event["title"] == "Stage moved" and event["read"] is False
    sock.disconnect()


def test_two_transactions_with_the_same_key_both_succeed_and_make_one_record(app: Flask, cast: Any) -> None:
    """The first transaction holds its insert open; the second's insert waits for it (PostgreSQL:
    the unique index; SQLite: the write lock), skips the conflicting row and reads the first record.
    Neither cause fails."""
    me = cast.adopter.id
    db.session.commit()
    inserted = threading.Event()
    results: dict[str, Any] = {}

    def first() -> None:
        with app.app_context():
            try:
                notifications.notify(me, "applications", "Moved", "", "/a", dedupe_key="race:1")
                inserted.set()
                time.sleep(0.5)
                db.session.commit()
                results["first"] = "committed"
            except Exception as exc:  # recorded, so the assertion shows it
                results["first"] = repr(exc)
                inserted.set()

    def second() -> None:
        inserted.wait(5)
        with app.app_context():
            try:
                record = notifications.notify(me, "applications", "Moved", "", "/a", dedupe_key="race:1")
                db.session.commit()
                results["second"] = record.id
            except Exception as exc:
                results["second"] = repr(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results["first"] == "committed", results
    assert isinstance(results["second"], int), results
    assert _count(me) == 1
    assert db.session.scalar(select(Notification.id).where(Notification.user_id == me)) == results["second"]


def _notify_at(when: datetime, user_id: int, *, urgent: bool = False, key: str | None = None) -> Notification:
    with time_machine.travel(when, tick=False):
        record = notifications.notify(
            user_id, "events", "Reminder", "", "/events/1", urgent=urgent, dedupe_key=key
        )
        db.session.commit()
    return record


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_young_peoples_quiet_hours_on_both_sides_of_21_and_07_in_winter_and_summer(
    app: Flask, cast: Any
) -> None:
    teen = cast.teen.id
    # Winter (GMT = UTC) and summer (BST = UTC+1): 20:59 and 07:00 UK time go out; 21:00 and 06:59 wait.
    cases = [
        (_utc(2026, 12, 3, 20, 59), Delivery.SENT, None),
        (_utc(2026, 12, 3, 21, 0), Delivery.DEFERRED, _utc(2026, 12, 4, 7, 0)),
        (_utc(2026, 12, 4, 6, 59), Delivery.DEFERRED, _utc(2026, 12, 4, 7, 0)),
        (_utc(2026, 12, 4, 7, 0), Delivery.SENT, None),
        (_utc(2026, 7, 1, 19, 59), Delivery.SENT, None),  # 20:59 BST
        (_utc(2026, 7, 1, 20, 0), Delivery.DEFERRED, _utc(2026, 7, 2, 6, 0)),  # 21:00 BST -> 07:00 BST
        (_utc(2026, 7, 2, 5, 59), Delivery.DEFERRED, _utc(2026, 7, 2, 6, 0)),  # 06:59 BST
        (_utc(2026, 7, 2, 6, 0), Delivery.SENT, None),  # 07:00 BST
    ]
    for n, (when, delivery, deliver_at) in enumerate(cases):
        record = _notify_at(when, teen, key=f"q{n}")
        assert (record.delivery, record.deliver_at) == (delivery, deliver_at), when


def test_quiet_hours_across_the_clock_changes(app: Flask, cast: Any) -> None:
    teen = cast.teen.id
    # October: 22:00 BST on Saturday 24th (21:00 UTC); clocks go back at 02:00 BST on the 25th, so
    # 07:00 on Sunday is 07:00 GMT = 07:00 UTC (ten hours later, not nine).
    october = _notify_at(_utc(2026, 10, 24, 21, 0), teen, key="oct")
    assert october.delivery == Delivery.DEFERRED and october.deliver_at == _utc(2026, 10, 25, 7, 0)
    # 06:30 GMT on the Sunday is still quiet; 07:00 GMT is not.
    assert _notify_at(_utc(2026, 10, 25, 6, 30), teen, key="oct2").deliver_at == _utc(2026, 10, 25, 7, 0)
    assert _notify_at(_utc(2026, 10, 25, 7, 0), teen, key="oct3").delivery == Delivery.SENT
    # March: 22:00 GMT on Saturday 27th; clocks go forward at 01:00 GMT on the 28th, so 07:00 on
    # Sunday is 07:00 BST = 06:00 UTC.
    march = _notify_at(_utc(2027, 3, 27, 22, 0), teen, key="mar")
    assert march.delivery == Delivery.DEFERRED and march.deliver_at == _utc(2027, 3, 28, 6, 0)
    assert _notify_at(_utc(2027, 3, 28, 5, 59), teen, key="mar2").delivery == Delivery.DEFERRED
    assert _notify_at(_utc(2027, 3, 28, 6, 0), teen, key="mar3").delivery == Delivery.SENT

    # The release job sends each held event once, at its time and not before.
    sock = socketio.test_client(app, auth={"token": cast.teen.token})
    sock.get_received()
    assert digests.release_deferred(_utc(2026, 10, 25, 6, 59)) == 0
    assert digests.release_deferred(_utc(2026, 10, 25, 7, 0)) == 2
    assert {e["id"] for e in _events(sock)} == {
        october.id,
        db.session.scalar(select(Notification.id).where(Notification.dedupe_key == "oct2")),
    }
    assert digests.release_deferred(_utc(2026, 10, 25, 7, 0)) == 0
    assert _events(sock) == []
    assert digests.release_deferred(_utc(2027, 3, 28, 6, 0)) == 2
    assert len(_events(sock)) == 2
    sock.disconnect()


def test_held_items_are_listed_at_once_and_urgent_ones_are_not_held(
    app: Flask, client: Any, cast: Any
) -> None:
    teen = cast.teen
    held = _notify_at(_utc(2026, 12, 3, 22, 0), teen.id, key="held")
    urgent = _notify_at(_utc(2026, 12, 3, 22, 0), teen.id, key="urgent", urgent=True)
    assert held.delivery == Delivery.DEFERRED and urgent.delivery == Delivery.SENT
    listed = client.get("/api/v1/notifications", headers=teen.headers).json["items"]
    assert {n["id"] for n in listed} == {held.id, urgent.id}


def test_adults_have_no_quiet_hours_until_they_set_their_own(app: Flask, client: Any, cast: Any) -> None:
    me = cast.adopter
    assert _notify_at(_utc(2026, 12, 3, 23, 30), me.id, key="a1").delivery == Delivery.SENT
    response = client.patch(
        "/api/v1/notifications/preferences",
        json={"quiet_hours": {"start": "22:30", "end": "06:15"}},
        headers=me.headers,
    )
    assert response.status_code == 200 and response.json["quiet_hours"] == {"start": "22:30", "end": "06:15"}
    late = _notify_at(_utc(2026, 12, 3, 23, 30), me.id, key="a2")
    assert late.delivery == Delivery.DEFERRED and late.deliver_at == _utc(2026, 12, 4, 6, 15)
    assert _notify_at(_utc(2026, 12, 3, 22, 29), me.id, key="a3").delivery == Delivery.SENT
    # Switched off again.
    client.patch("/api/v1/notifications/preferences", json={"quiet_hours": None}, headers=me.headers)
    assert _notify_at(_utc(2026, 12, 3, 23, 30), me.id, key="a4").delivery == Delivery.SENT
    # Young people's are fixed.
    refused = client.patch(
        "/api/v1/notifications/preferences",
        json={"quiet_hours": {"start": "23:00", "end": "06:00"}},
        headers=cast.teen.headers,
    )
    assert refused.status_code == 422 and "quiet_hours" in refused.json["errors"]
    bad = client.patch(
        "/api/v1/notifications/preferences",
        json={"quiet_hours": {"start": "25:00", "end": "x"}},
        headers=me.headers,
    )
    assert bad.status_code == 422
