"""Timed reminders: a stage past its target tells the coordinator exactly once; the fund-year
reminder reaches families whose support is running, once per window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from sqlalchemy import select

from backend.applications import reminders, tracking
from backend.core.db import db
from backend.notifications.models import Notification
from tests.factories import support_fund_started


def _titles(user_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(Notification.title).where(Notification.user_id == user_id).order_by(Notification.id)
        )
    )


def test_a_stage_past_its_target_tells_the_coordinator_once(app: Any, cast: Any) -> None:
    start = datetime(2026, 5, 4, 9, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        worker = cast.agency_worker.user
        created = tracking.do_create(
            worker, {"workflow": "local_support_pathway", "family_id": cast.guardian.user.family_id}
        ).resource
    with time_machine.travel(start + timedelta(hours=71), tick=False):
        assert reminders.notify_overdue() == 0
    with time_machine.travel(start + timedelta(hours=73), tick=False):
        assert reminders.notify_overdue() == 1
        assert reminders.notify_overdue() == 0  # a second run, or a second process: nothing new
        view = tracking.views.application_view(db.session.get(tracking.Application, created["id"]), worker)  # type: ignore[arg-type]
        assert view["overdue"] is True and "late" in view["in_plain_words"]
    assert _titles(worker.id) == [f"Past its target: {created['reference']}"]
    # The next stage is a new entry: it is told about once more when it, too, runs late.
    with time_machine.travel(start + timedelta(hours=80), tick=False):
        tracking.do_transition(worker, created["id"], {"to_stage": "call_back"})
    with time_machine.travel(start + timedelta(hours=80, days=29), tick=False):
        assert reminders.notify_overdue() == 1
        assert reminders.notify_overdue() == 0
    assert len(_titles(worker.id)) == 2


def test_fund_year_reminder_before_31_march_once_per_window(app: Any, cast: Any) -> None:
    with time_machine.travel(datetime(2026, 9, 1, 9, tzinfo=UTC), tick=False):
        worker, adopter = cast.agency_worker.user, cast.adopter.user
        running = support_fund_started(worker, adopter.family_id)
        waiting = tracking.do_create(
            worker, {"workflow": "local_support_pathway", "family_id": adopter.family_id}
        ).resource
    before = len(_titles(adopter.id))
    with time_machine.travel(datetime(2027, 2, 16, 9, tzinfo=UTC), tick=False):  # 43 days before
        assert reminders.send_fund_year_reminders() == 0
    with time_machine.travel(datetime(2027, 2, 17, 9, tzinfo=UTC), tick=False):  # 42 days before
        assert reminders.send_fund_year_reminders() == 1
        assert reminders.send_fund_year_reminders() == 0
    with time_machine.travel(datetime(2027, 3, 17, 9, tzinfo=UTC), tick=False):  # 14 days before
        assert reminders.send_fund_year_reminders() == 1
        assert reminders.send_fund_year_reminders() == 0
    new = _titles(adopter.id)[before:]
    assert new == ["The support fund year ends on 31 March"] * 2
    body = db.session.scalars(
        select(Notification.body).where(Notification.user_id == adopter.id).order_by(Notification.id.desc())
    ).first()
    assert body is not None and running["reference"] in body and waiting["reference"] not in body
