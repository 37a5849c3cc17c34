"""Timed work on applications, run by the backend's job thread (``backend/jobs.py``):

- a stage past its target tells the coordinator, once per stage entry: the claim is a conditional
  UPDATE (``overdue_notified_event_id``), so two processes running the job tell them once;
- before the fund year ends (31 March for the ASGSF) families whose support is running are reminded
  that it has to be applied for again; once per threshold and fund year (the notification's
  ``dedupe_key``, unique per person in the database).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_, select, update

from backend.applications.models import Application, ApplicationStatus
from backend.applications.tracking import _family_recipients
from backend.applications.workflows import all_workflows, due_at
from backend.core.db import db, utcnow
from backend.notifications import service as notifications


def notify_overdue(now: datetime | None = None) -> int:
    """Tell coordinators about stages past their target; returns how many were told."""
    now = now or utcnow()
    told = 0
    candidates = db.session.execute(
        select(
            Application.id,
            Application.workflow,
            Application.stage,
            Application.stage_entered_at,
            Application.stage_event_id,
        )
        .where(Application.status == ApplicationStatus.OPEN, Application.coordinator_id.is_not(None))
        .where(
            or_(
                Application.overdue_notified_event_id.is_(None),
                Application.overdue_notified_event_id != Application.stage_event_id,
            )
        )
    ).all()
    workflows = all_workflows()
    for app_id, key, stage_key, entered, event_id in candidates:
        stage = workflows[key].stage(stage_key)
        due = due_at(stage, entered)
        if due is None or due >= now or event_id is None:
            continue
        claimed = db.session.execute(
            update(Application)
            .where(
                Application.id == app_id,
                Application.stage_event_id == event_id,
                or_(
                    Application.overdue_notified_event_id.is_(None),
                    Application.overdue_notified_event_id != event_id,
                ),
            )
            .values(overdue_notified_event_id=event_id)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            db.session.rollback()
            continue
        application = db.session.get(Application, app_id)
        assert application is not None and application.coordinator_id is not None
        notifications.notify(
            application.coordinator_id,
            "applications",
            f"Past its target: {application.reference}",
            f"'{stage.title}' was due by {due:%d %B %Y}. The family sees that this step is late.",
            f"/applications/{app_id}",
            dedupe_key=f"application:{app_id}:overdue:{event_id}",
        )
        db.session.commit()
        told += 1
    return told


def send_fund_year_reminders(today: date | None = None) -> int:
    """Remind families in the reminder's stages as each ``days_before`` window opens."""
    today = today or utcnow().date()
    sent = 0
    for w in all_workflows().values():
        for reminder in w.reminders:
            threshold = reminder.threshold_due(today)
            if threshold is None:
                continue
            year_end = reminder.year_end(today)
            rows = db.session.scalars(
                select(Application).where(
                    Application.workflow == w.key,
                    Application.status == ApplicationStatus.OPEN,
                    Application.stage.in_(sorted(reminder.stages)),
                )
            ).all()
            for application in rows:
                for user_id in _family_recipients(application):
                    key = f"application:{application.id}:{reminder.key}:{year_end.isoformat()}:{threshold}"
                    if _already_told(user_id, key):
                        continue
                    notifications.notify(
                        user_id,
                        "applications",
                        reminder.title,
                        f"{reminder.body.strip()} (Reference {application.reference}.)",
                        f"/applications/{application.id}",
                        dedupe_key=key,
                    )
                    sent += 1
                db.session.commit()
    return sent


def _already_told(user_id: int, key: str) -> bool:
    Notification = notifications.Notification
    found = db.session.scalar(
        select(Notification.id).where(Notification.user_id == user_id, Notification.dedupe_key == key)
    )
    return found is not None


def run() -> None:
    notify_overdue()
    send_fund_year_reminders()
