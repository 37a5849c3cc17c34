"""Application tracking (issue #17): workflows as data, applications with an append-only history,
families' timelines and agencies' caseloads, overdue and fund-year reminders."""

from __future__ import annotations

from flask import Flask

from backend import jobs
from backend.accounts import service as accounts
from backend.applications import service
from backend.applications.workflows import all_workflows


def register(app: Flask) -> None:
    """Everything this feature installs, listed once:

    - the workflow definitions, loaded and checked now (a bad file stops the app starting);
    - the data-export section ``applications``;
    - the reminders job (``service.run_reminders``: overdue stages, fund-year re-application).
    """
    all_workflows()
    accounts.register_exporter("applications", service.export_for)
    jobs.register("application reminders", "JOBS_PERIOD_SECONDS", service.run_reminders)
