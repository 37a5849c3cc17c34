"""Events (issue #19): local group events with audiences, capacity, a waitlist promoted in order,
reminders the day before, attendance and its export, and a calendar file per event."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Everything this feature installs, listed once."""
    from backend import jobs
    from backend.accounts import service as accounts
    from backend.events import data_rights, service
    from backend.journeys import service as journeys

    # Upcoming events this person may see, suggested on their journey.
    journeys.register_recommender("events", service.journey_suggestions)
    accounts.register_exporter("events", data_rights.export)
    accounts.on_account_deleted(data_rights.on_closed)
    accounts.on_account_closed(data_rights.on_closed)
    jobs.register("event reminders", "JOBS_PERIOD_SECONDS", run_reminders)


def run_reminders() -> None:
    from backend.events import reminders

    reminders.run()
