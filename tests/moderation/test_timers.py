"""Deadlines: a missed one escalates to the safeguarding lead exactly once, however many processes
run the timers."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import time_machine
from flask import Flask
from sqlalchemy import func, select

from backend import create_app
from backend.extensions import socketio
from moderation import api, db
from moderation.models import AuditEntry, Notification, QueueItem
from tests.conftest import POSTGRES_URL, dispose
from tests.moderation.helpers import open_item


def _notifications(kind: str = "deadline_breached") -> int:
    return int(db.session().scalar(select(func.count()).where(Notification.kind == kind)) or 0)


def test_default_deadlines_per_priority(app: Any) -> None:
    start = db.utcnow()
    with time_machine.travel(start, tick=False):
        ids = [open_item(p) for p in range(5)]
    minutes = [
        (db.session().get(QueueItem, i).deadline_at - start).total_seconds() / 60  # type: ignore[union-attr]
        for i in ids
    ]
    assert minutes == [15, 60, 8 * 60, 24 * 60, 72 * 60]


def test_deadlines_come_from_settings(app: Any) -> None:
    app.config["MODERATION_DEADLINES"] = {0: 60, 1: 600, 2: 3600, 3: 7200, 4: 86400}
    start = db.utcnow()
    with time_machine.travel(start, tick=False):
        item_id = open_item(0)
    assert db.session().get(QueueItem, item_id).deadline_at == start + timedelta(seconds=60)  # type: ignore[union-attr]


def test_a_missed_deadline_escalates_once(app: Any, client: Any, cast: Any) -> None:
    lead = socketio.test_client(app, namespace="/moderation", auth={"token": cast.dsl.token})
    start = db.utcnow()
    with time_machine.travel(start, tick=False):
        item_id = open_item(0)
    with time_machine.travel(start + timedelta(minutes=14, seconds=59), tick=False):
        assert api.run_due_timers()["breached"] == 0
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert api.run_due_timers()["breached"] == 1
        assert api.run_due_timers()["breached"] == 0  # fires once
    assert _notifications() == 1
    breaches = [e for e in lead.get_received("/moderation") if e["name"] == "deadline_breached"]
    assert len(breaches) == 1 and breaches[0]["args"][0]["item_id"] == item_id
    item = client.get(f"/api/v1/moderation/queue/{item_id}", headers=cast.moderator.headers).json
    assert item["breached"] is True
    audited = db.session().scalars(
        select(AuditEntry.action).where(AuditEntry.action == "item.deadline_breached")
    )
    assert len(audited.all()) == 1


def test_a_closed_item_never_breaches(client: Any, cast: Any) -> None:
    start = db.utcnow()
    with time_machine.travel(start, tick=False):
        item_id = open_item(0, held=False)
        client.post(
            f"/api/v1/moderation/queue/{item_id}/decision",
            json={"action": "dismiss", "reason": "fine"},
            headers=cast.moderator.headers,
        )
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert api.run_due_timers()["breached"] == 0


def _second_app(app: Flask, tmp_path: Any) -> Flask:
    """Another server process's app on the same two databases."""
    return create_app(
        {
            "INSTANCE_PATH": str(tmp_path / "instance2"),
            "SECRET_KEY": "test-secret-key-not-for-production",
            "TIMERS_ENABLED": False,
            "TESTING": True,
            "DATABASE_URL": app.config["DATABASE_URL"],
            "MODERATION_DATABASE_URL": app.config["MODERATION_DATABASE_URL"],
        }
    )


def test_two_processes_running_the_timers_fire_a_breach_once(app: Flask, tmp_path: Any) -> None:
    assert POSTGRES_URL or app.config["MODERATION_DATABASE_URL"].startswith("sqlite")
    other = _second_app(app, tmp_path)
    start = db.utcnow()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            open_item(0)
    results: list[dict[str, Any]] = []
    barrier = threading.Barrier(2)

    def run(instance: Flask) -> None:
        with instance.app_context():
            barrier.wait()
            results.append(api.run_due_timers(start + timedelta(minutes=16)))

    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        threads = [threading.Thread(target=run, args=(instance,)) for instance in (app, other)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with other.app_context():
            assert api.run_due_timers()["breached"] == 0  # and again, afterwards
    assert sorted(r["breached"] for r in results) in ([0, 5], [1, 4], [2, 3])
    assert _notifications() == 5
    dispose(other)


def test_the_timer_thread_starts_only_when_enabled(app: Flask, tmp_path: Any) -> None:
    assert "moderation_timers" not in app.extensions  # the tests drive the timers themselves
    config = {**_second_app(app, tmp_path).config, "TIMERS_ENABLED": True, "MODERATION_TIMER_SECONDS": 3600}
    running = create_app(config)
    stop = running.extensions["moderation_timers"]
    assert any(t.name == "moderation-timers" for t in threading.enumerate())
    stop.set()
    dispose(running)
