"""Every category's preferences for adults, young people and staff; digests composed once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from flask import Flask
from sqlalchemy import func, select

from backend.core.db import db
from backend.extensions import socketio
from backend.notifications import digests
from backend.notifications import service as notifications
from backend.notifications.categories import CATEGORIES, Cadence
from backend.notifications.models import Delivery, Digest, Notification
from tests.conftest import needs_postgres

PREFS = "/api/v1/notifications/preferences"


def _prefs(client: Any, persona: Any) -> dict[str, dict[str, Any]]:
    response = client.get(PREFS, headers=persona.headers)
    assert response.status_code == 200
    return {c["category"]: c for c in response.json["categories"]}


@pytest.mark.parametrize("name", sorted(CATEGORIES))
def test_each_categorys_preferences(client: Any, cast: Any, name: str) -> None:
    cat = CATEGORIES[name]
    for persona, is_youth, is_staff in (
        (cast.adopter, False, False),
        (cast.teen, True, False),
        (cast.dsl, False, True),
    ):
        shown = _prefs(client, persona)
        if cat.staff_only and not is_staff:
            assert name not in shown
            refused = client.patch(PREFS, json={"categories": {name: "daily"}}, headers=persona.headers)
            assert refused.status_code == 422 and name in refused.json["errors"]["categories"]
            # Fail closed: such a notification is kept but never listed or sent.
            record = notifications.notify(persona.id, name, "Alert", "", "/x")
            db.session.commit()
            assert record.delivery == Delivery.OFF
            continue
        default = cat.youth_default if is_youth else cat.default
        assert shown[name]["cadence"] == default and shown[name]["may_turn_off"] == cat.may_turn_off
        for cadence in ("daily", "weekly", "monthly", "immediate"):
            response = client.patch(PREFS, json={"categories": {name: cadence}}, headers=persona.headers)
            assert response.status_code == 200
            assert _prefs(client, persona)[name]["cadence"] == cadence
        off = client.patch(PREFS, json={"categories": {name: "off"}}, headers=persona.headers)
        if cat.may_turn_off:
            assert off.status_code == 200 and _prefs(client, persona)[name]["cadence"] == "off"
            record = notifications.notify(persona.id, name, "Something", "", "/x")
            db.session.commit()
            assert record.delivery == Delivery.OFF
            listed = client.get("/api/v1/notifications", headers=persona.headers).json["items"]
            assert record.id not in [n["id"] for n in listed]
        else:
            assert off.status_code == 422, off.json
            assert "cannot be turned off" in off.json["errors"]["categories"][name][0]
            assert _prefs(client, persona)[name]["cadence"] == "immediate"
        # "on" means the category's usual cadence (monthly for journey nudges).
        on = client.patch(PREFS, json={"categories": {name: "on"}}, headers=persona.headers)
        assert on.status_code == 200
        expected = cat.when_on if cat.default == Cadence.OFF else cat.default
        assert _prefs(client, persona)[name]["cadence"] == expected


def test_young_people_start_with_high_privacy_and_journey_nudges_are_opt_in(client: Any, cast: Any) -> None:
    teen = _prefs(client, cast.teen)
    assert teen["group_activity"]["cadence"] == "off" and teen["playdates"]["cadence"] == "off"
    assert teen["journey"]["cadence"] == "off" and _prefs(client, cast.adopter)["journey"]["cadence"] == "off"
    on = client.patch(
        PREFS, json={"categories": {"journey": "on"}, "journey_lead_weeks": 10}, headers=cast.adopter.headers
    )
    assert on.status_code == 200 and on.json["journey_lead_weeks"] == 10
    assert _prefs(client, cast.adopter)["journey"]["cadence"] == "monthly"
    assert notifications.journey_lead_weeks(cast.adopter.id) == 10
    for bad in (
        {"journey_lead_weeks": 0},
        {"categories": {"journey": "hourly"}},
        {"categories": {"nope": "off"}},
        {"x": 1},
    ):
        assert client.patch(PREFS, json=bad, headers=cast.adopter.headers).status_code == 422, bad


def _waiting(user_id: int, n: int, when: datetime) -> None:
    with time_machine.travel(when, tick=False):
        for i in range(n):
            record = notifications.notify(
                user_id, "group_activity", "New thread", "", f"/t/{i}", dedupe_key=f"w{when}{i}"
            )
            assert record.delivery == Delivery.WAITING
        db.session.commit()


def test_a_daily_digest_is_composed_once_from_08_00(app: Flask, client: Any, cast: Any) -> None:
    me = cast.adopter  # group_activity is daily for adults by default
    _waiting(me.id, 3, datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    sock = socketio.test_client(app, auth={"token": me.token})
    sock.get_received()
    assert digests.compose_digests(datetime(2026, 12, 3, 7, 59, tzinfo=UTC)) == 0
    assert digests.compose_digests(datetime(2026, 12, 3, 8, 0, tzinfo=UTC)) == 1
    assert digests.compose_digests(datetime(2026, 12, 3, 9, 0, tzinfo=UTC)) == 0
    [event] = [e["args"][0] for e in sock.get_received() if e["name"] == "notification_digest"]
    assert event["period"] == "2026-12-03" and event["count"] == 3 and len(event["items"]) == 3
    listed = client.get("/api/v1/notifications", headers=me.headers).json["items"]
    assert {n["digest_id"] for n in listed} == {event["id"]}
    sock.disconnect()


@needs_postgres
def test_two_processes_compose_each_digest_exactly_once(app: Flask, cast: Any, monkeypatch: Any) -> None:
    if app.config["DATABASE_URL"].startswith("sqlite"):
        pytest.skip("the race is on PostgreSQL's unique index")
    from tests.factories import make_user

    people = [make_user("adopter").id for _ in range(25)]
    db.session.commit()
    for person in people:
        _waiting(person, 2, datetime(2026, 12, 6, 12, 0, tzinfo=UTC))
    from tests.conftest import make_app

    second = make_app(
        __import__("pathlib").Path(app.instance_path).parent,
        "postgres",
        DATABASE_URL=app.config["DATABASE_URL"],
        MODERATION_DATABASE_URL=app.config["MODERATION_DATABASE_URL"],
    )
    sent: list[str] = []
    lock = threading.Lock()

    def record_emit(event: str, data: Any, **kw: Any) -> None:
        with lock:
            sent.append(f"{event}:{kw.get('to')}")

    monkeypatch.setattr(socketio, "emit", record_emit)
    start = threading.Barrier(2)
    counts: list[int] = []
    now = datetime(2026, 12, 7, 8, 30, tzinfo=UTC)  # a Monday: daily digests due

    def run(instance: Flask) -> None:
        with instance.app_context():
            start.wait()
            counts.append(digests.compose_digests(now))

    threads = [threading.Thread(target=run, args=(a,)) for a in (app, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    db.engine(second).dispose()
    assert sum(counts) == 25, counts
    assert db.session.scalar(select(func.count()).select_from(Digest)) == 25
    per_person = db.session.execute(select(Digest.user_id, Digest.item_count)).all()
    assert sorted(u for u, _ in per_person) == sorted(people) and {c for _, c in per_person} == {2}
    assert db.session.scalar(select(func.count()).where(Notification.delivery == Delivery.WAITING)) == 0
    digest_events = [s for s in sent if s.startswith("notification_digest:")]
    assert sorted(digest_events) == sorted(f"notification_digest:user:{p}" for p in people)
